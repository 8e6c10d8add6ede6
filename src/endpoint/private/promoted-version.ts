import { createHash } from 'crypto';
import { CfnResource, CustomResource, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { Dependable, IConstruct, IDependable } from 'constructs';
import { _findEndpoint, _harnessDependable } from './endpoint-registry';
import { INITIAL_PROMOTION_ID, VERSION_NUMBER_RULES } from '../../common/private/endpoint-rules';
import { HarnessValidationError } from '../../common/private/errors';
import { omitImpliedDependsOn } from '../../common/private/implied-depends-on';
import { isUnresolved, show, validateString } from '../../common/private/validation';
import { HarnessProvider, _CUSTOM_RESOURCE_SERVICE_TIMEOUT, _waitTimeoutProperty } from '../../provider/private/harness-provider';
import { _cfnHarnessOf } from '../../version/private/harness-l1';
import type { PromotionOptions } from '../endpoint-version-policy';
import { IHarnessEndpoint } from '../harness-endpoint-base';

/** Context key prefix for promotion ids: `<prefix>:<endpoint name>` or the bare prefix. */
export const PROMOTION_CONTEXT_KEY = 'cdk-agentcore-harness:promotion';

/** Context key prefix for expected versions: `<prefix>:<endpoint name>`. */
export const EXPECTED_VERSION_CONTEXT_KEY = 'cdk-agentcore-harness:expected-version';

/**
 * Defines the `Custom::HarnessEndpointVersion` resource of a promoted endpoint
 * and returns its `Version` attribute for the endpoint's `TargetVersion`.
 *
 * @internal
 */
export function _definePromotedVersion(
  target: IHarnessEndpoint,
  sourceName: string,
  source: IHarnessEndpoint | undefined,
  options: PromotionOptions): string {

  const targetName = target.endpointName;
  const promotionId = options.promotionId ?? contextString(target, promotionContextKeys(targetName), 'promotionId');
  const expectedVersion = options.expectedVersion
    ?? contextString(target, isUnresolved(targetName) ? [] : [`${EXPECTED_VERSION_CONTEXT_KEY}:${targetName}`], 'expectedVersion');
  validateString('version.expectedVersion', expectedVersion, VERSION_NUMBER_RULES);
  if (promotionId === INITIAL_PROMOTION_ID) {
    throw new HarnessValidationError('version.promotionId',
      `${show(promotionId)} is reserved for a promotion without an id (keep mode); use another id, such as a build number`);
  }

  const harness = target.harness;
  const provider = HarnessProvider.getOrCreate(target);
  // The source, and the target itself (keep mode, and the rollback of a failed promotion).
  provider._allowRead(harness.harnessArn, [sourceName, targetName]);
  // Granted whatever the promotion id: a rollback replays the previous deploy's properties.
  provider._allowStackStatusRead();

  const resource = new CustomResource(target, 'PromotedVersion', {
    serviceToken: provider.serviceToken,
    resourceType: 'Custom::HarnessEndpointVersion',
    serviceTimeout: _CUSTOM_RESOURCE_SERVICE_TIMEOUT,
    properties: {
      HarnessId: _cfnHarnessOf(harness)?.attrHarnessId ?? harness.harnessId,
      SourceEndpoint: sourceName,
      PromotionId: promotionId ?? INITIAL_PROMOTION_ID,
      // Without an explicit id, the handler keeps the target's live version when
      // the target already exists, instead of promoting. With an id, it reads the
      // target only on an in-place update (the rollback of a failed promotion),
      // so the rollback returns what the target serves instead of re-reading the source.
      TargetEndpoint: targetName,
      // Also only without an explicit id: a change of the target's other
      // properties re-runs the handler, which returns the version the target
      // serves now. CloudFormation's endpoint update re-sends TargetVersion, and
      // this keeps it from reverting a promotion done outside CloudFormation.
      TargetConfig: promotionId === undefined ? targetConfigHash(target) : undefined,
      ExpectedVersion: expectedVersion,
      WaitTimeoutSeconds: _waitTimeoutProperty('version.waitTimeout', options.waitTimeout),
    },
  });

  // Read the source only once it exists, its smoke tests passed and the
  // harness (with its role and policies) is in place.
  resource.node.addDependency(_harnessDependable(harness));
  const sourceEndpoint = source ?? lazySourceLookup(target, sourceName);
  resource.node.addDependency(sourceEndpoint);
  omitImpliedDependsOn(resource.node.defaultChild as CfnResource);

  return resource.getAttString('Version');
}

/** A hash of the target endpoint's rendered description and tags, computed at synth. */
function targetConfigHash(target: IHarnessEndpoint): string {
  return Lazy.string({
    produce: () => {
      const cfn = target.node.tryFindChild('Resource');
      if (!cfn || !bedrockagentcore.CfnHarnessEndpoint.isCfnHarnessEndpoint(cfn)) return undefined;
      const config = Stack.of(cfn).resolve({ description: cfn.description, tags: cfn.cdkTagManager.renderTags() });
      return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
    },
  });
}

function promotionContextKeys(targetName: string): string[] {
  return isUnresolved(targetName)
    ? [PROMOTION_CONTEXT_KEY]
    : [`${PROMOTION_CONTEXT_KEY}:${targetName}`, PROMOTION_CONTEXT_KEY];
}

function contextString(scope: IConstruct, keys: string[], property: string): string | undefined {
  for (const key of keys) {
    const value = scope.node.tryGetContext(key);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new HarnessValidationError(`version.${property}`,
        `context "${key}" is ${show(value)}; it must be a string or a number`);
    }
    const text = String(value);
    if (text.length === 0 && !Token.isUnresolved(text)) {
      throw new HarnessValidationError(`version.${property}`, `context "${key}" is empty; give an id or omit the key`);
    }
    return text;
  }
  return undefined;
}

/**
 * A source given by name may still be an endpoint defined in this app, maybe
 * after the target; look it up at synth so the promotion waits for it.
 */
function lazySourceLookup(target: IHarnessEndpoint, sourceName: string): IDependable {
  const dependable = {};
  Dependable.implement(dependable, {
    get dependencyRoots(): IConstruct[] {
      const found = isUnresolved(sourceName) ? undefined : _findEndpoint(target.harness, sourceName);
      return found ? [found] : [];
    },
  });
  return dependable;
}
