import { Duration } from 'aws-cdk-lib';
import { IHarnessEndpoint } from './harness-endpoint-base';
import { _definePromotedVersion } from './private/promoted-version';
import { ENDPOINT_NAME_RULES, VERSION_NUMBER_RULES } from '../common/private/endpoint-rules';
import { HarnessValidationError } from '../common/private/errors';
import { isUnresolved, show, validateString } from '../common/private/validation';
import { IHarness } from '../harness/harness-base';
import { HarnessVersion } from '../version/harness-version';
import { _assertSameStackForVersion, _cfnHarnessOf, _sameHarness } from '../version/private/harness-l1';

/**
 * Options for an endpoint whose version is promoted from another endpoint.
 */
export interface PromotionOptions {
  /**
   * An opaque id of the promotion. The source endpoint's live version is read
   * when the target is first defined and again each time this id changes;
   * with the same id, deploys never move or revert the target.
   *
   * Use a new id for each promotion, e.g. a build number or a commit id.
   *
   * @default - the context value `cdk-agentcore-harness:promotion:<target endpoint name>`,
   * else `cdk-agentcore-harness:promotion`, else no id: the source is read once,
   * when the target endpoint is created, and afterwards the target keeps the
   * version it serves (including versions set outside CloudFormation by
   * `cdk-agentcore-harness promote`).
   */
  readonly promotionId?: string;

  /**
   * Fails the deployment unless the source endpoint serves this version when it
   * is read, so a promotion cannot pick up a version that was not tested.
   *
   * @default - the context value `cdk-agentcore-harness:expected-version:<target endpoint name>`,
   * else no check
   */
  readonly expectedVersion?: string;

  /**
   * How long the promotion waits for the source (and, when it keeps the
   * target's version, the target) endpoint to be READY and not mid-switch
   * before it fails with a message naming the endpoint, its status, its live
   * and target versions and how long it waited. At least 1 minute and at most
   * 30 minutes, so it ends before the custom-resource provider's own
   * 45-minute timeout.
   *
   * @default Duration.minutes(20)
   */
  readonly waitTimeout?: Duration;
}

/**
 * Which version a harness endpoint serves, and how it changes over time.
 */
export abstract class EndpointVersionPolicy {
  /**
   * The endpoint serves the harness's newest version and moves with every
   * configuration change of the harness in a deploy (`TargetVersion` is the
   * harness's `Version` attribute). Use it for endpoints such as `STAGING`.
   *
   * Needs a harness defined in this app.
   */
  public static followLatest(): EndpointVersionPolicy {
    return new FollowLatestPolicy();
  }

  /**
   * The endpoint serves one fixed version. Promotion and rollback are a change
   * of the pinned number in the app.
   */
  public static pinned(version: HarnessVersion): EndpointVersionPolicy {
    return new PinnedPolicy(version);
  }

  /**
   * The endpoint serves the version that another endpoint of the same harness
   * serves at promotion time, read at deploy time by a custom resource
   * (`Custom::HarnessEndpointVersion`). Use it for `PROD`, promoted from `STAGING`.
   */
  public static promotedFrom(source: IHarnessEndpoint, options: PromotionOptions = {}): EndpointVersionPolicy {
    return new PromotedPolicy(source.endpointName, source, options);
  }

  /**
   * Like `promotedFrom`, with the source endpoint given by name (for example an
   * endpoint defined outside this app).
   */
  public static promotedFromEndpointName(sourceEndpointName: string, options: PromotionOptions = {}): EndpointVersionPolicy {
    // A source endpoint may be `DEFAULT` (the harness's newest version).
    validateString('version.sourceEndpointName', sourceEndpointName, ENDPOINT_NAME_RULES);
    return new PromotedPolicy(sourceEndpointName, undefined, options);
  }

  /**
   * Renders the endpoint's `TargetVersion` (and defines whatever computes it).
   *
   * @internal
   */
  public abstract _bind(target: IHarnessEndpoint): string;
}

class FollowLatestPolicy extends EndpointVersionPolicy {
  public _bind(target: IHarnessEndpoint): string {
    const cfn = _cfnHarnessOf(target.harness);
    if (!cfn) {
      throw new HarnessValidationError('version',
        `followLatest() needs a harness defined in this app, but ${target.harness.node.path} is imported; ` +
        'use EndpointVersionPolicy.pinned(HarnessVersion.of(harness, "<n>")) or promotedFrom(...)');
    }
    _assertSameStackForVersion('version', target, cfn);
    return cfn.attrVersion;
  }
}

class PinnedPolicy extends EndpointVersionPolicy {
  constructor(private readonly version: HarnessVersion) {
    super();
  }

  public _bind(target: IHarnessEndpoint): string {
    assertSameHarness('version', this.version.harness, target);
    const cfn = _cfnHarnessOf(this.version.harness);
    if (this.version.isCurrentVersion && cfn) {
      _assertSameStackForVersion('version', target, cfn);
    }
    return this.version.version;
  }
}

class PromotedPolicy extends EndpointVersionPolicy {
  constructor(
    private readonly sourceName: string,
    private readonly source: IHarnessEndpoint | undefined,
    private readonly options: PromotionOptions) {
    super();
    validateString('version.expectedVersion', options.expectedVersion, VERSION_NUMBER_RULES);
    if (options.promotionId !== undefined && !isUnresolved(options.promotionId) && options.promotionId.length === 0) {
      throw new HarnessValidationError('version.promotionId', `${show(options.promotionId)} must not be empty`);
    }
  }

  public _bind(target: IHarnessEndpoint): string {
    if (this.source) {
      assertSameHarness('version.source', this.source.harness, target);
    }
    if (!isUnresolved(this.sourceName) && !isUnresolved(target.endpointName) && this.sourceName === target.endpointName) {
      throw new HarnessValidationError('version.source',
        `${show(this.sourceName)} is the endpoint itself; promote from another endpoint such as "STAGING"`);
    }
    return _definePromotedVersion(target, this.sourceName, this.source, this.options);
  }
}

function assertSameHarness(property: string, harness: IHarness, target: IHarnessEndpoint): void {
  if (!_sameHarness(harness, target.harness)) {
    throw new HarnessValidationError(property,
      `belongs to harness ${harness.node.path}, but endpoint ${target.node.path} belongs to ${target.harness.node.path}; ` +
      'an endpoint can only serve versions of its own harness');
  }
}
