import { Annotations, CfnResource, CustomResource, Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HarnessValidationError } from '../common/errors';
import { omitImpliedDependsOn } from '../common/implied-depends-on';
import { isUnresolved, show, validateNumber, validateString } from '../common/validation';
import { _harnessDependable, _markHarnessConsumer } from '../endpoint/endpoint-registry';
import { IHarnessEndpoint } from '../endpoint/harness-endpoint-base';
import { IHarness } from '../harness/harness-base';
import { HarnessProvider, _CUSTOM_RESOURCE_SERVICE_TIMEOUT, _waitTimeoutProperty } from '../provider/harness-provider';
import { _assertSameStackForVersion, _cfnHarnessOf, _sameHarness } from '../version/harness-l1';

/** The handler invokes inside one `isComplete` call, which Lambda stops after 15 minutes. */
const MAX_TIMEOUT_SECONDS = 14 * 60;

/**
 * What to send and what to expect in a deploy-time smoke test.
 */
export interface HarnessSmokeTestOptions {
  /**
   * The user message sent to the agent.
   */
  readonly prompt: string;

  /**
   * A JavaScript regular expression that the agent's reply text must match,
   * for example `"[Pp]aris"` (inline flags such as `(?i)` are not JavaScript).
   *
   * @default - any reply passes, as long as the agent ends its turn normally (`end_turn`)
   */
  readonly expectedPattern?: string;

  /**
   * How long to wait for the agent's reply. Must exceed the timeout of any
   * Lambda hook of the harness; at most 14 minutes.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;

  /**
   * How long the test waits for the harness (and the endpoint) to be READY
   * before it fails with a message naming what it waited for, its status and
   * versions. At least 1 minute and at most 30 minutes, so it ends before the
   * custom-resource provider's own 45-minute timeout.
   *
   * @default Duration.minutes(20)
   */
  readonly waitTimeout?: Duration;

  /**
   * An extra value that re-runs the test when it changes, for changes the
   * harness version does not capture (for example the code of a Lambda hook or
   * of a gateway target the agent calls).
   *
   * @default - the test re-runs when the version the endpoint serves changes,
   * or when the test's own properties change
   */
  readonly trigger?: string;
}

/**
 * Properties of a deploy-time smoke test.
 */
export interface HarnessSmokeTestProps extends HarnessSmokeTestOptions {
  /**
   * The harness to invoke.
   */
  readonly harness: IHarness;

  /**
   * The endpoint to invoke through (the `qualifier`).
   *
   * @default - the harness's `DEFAULT` endpoint (its newest version)
   */
  readonly endpoint?: IHarnessEndpoint;
}

/**
 * Invokes a harness once during deployment, after the harness and the endpoint
 * are ready, and fails the deployment (so CloudFormation rolls back) unless the
 * agent ends its turn normally (`end_turn`) and the reply matches
 * `expectedPattern`.
 *
 * The test runs again exactly when the version the endpoint serves changes (or
 * the test's own properties change), never on a plain redeploy. Each run uses
 * a fresh session, so managed memory never continues an earlier conversation.
 * The invocation is signed with the custom-resource handler's IAM role, so a
 * harness with a custom JWT authorizer cannot be smoke-tested this way.
 */
export class HarnessSmokeTest extends Construct {
  /**
   * The custom resource that runs the test (`Custom::HarnessSmokeTest`).
   */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: HarnessSmokeTestProps) {
    super(scope, id);
    _markHarnessConsumer(this);

    validateString('prompt', props.prompt, { minLength: 1 });
    if (!isUnresolved(props.prompt) && props.prompt.trim().length === 0) {
      throw new HarnessValidationError('prompt', `${show(props.prompt)} is blank; give the agent a message`);
    }
    validateRegExp(props.expectedPattern);
    const timeout = props.timeout ?? Duration.minutes(5);
    const timeoutSeconds = timeout.isUnresolved() ? timeout.toSeconds() : timeout.toMilliseconds() / 1000;
    validateNumber('timeout', timeoutSeconds, { min: 1, max: MAX_TIMEOUT_SECONDS, integer: true, unit: 'seconds' });

    const { harness, endpoint } = props;
    if (endpoint && !_sameHarness(endpoint.harness, harness)) {
      throw new HarnessValidationError('endpoint',
        `${endpoint.node.path} belongs to ${endpoint.harness.node.path}, not to harness ${harness.node.path}`);
    }

    const provider = HarnessProvider.getOrCreate(this);
    provider._allowRead(harness.harnessArn, endpoint ? [endpoint.endpointName] : []);
    provider._allowInvoke(harness.harnessArn, endpoint?.endpointName ?? 'DEFAULT');

    const version = servedVersionOf(harness, endpoint);
    const versionOwner = endpoint ? endpoint.node.tryFindChild('Resource') : _cfnHarnessOf(harness);
    if (version !== undefined && Token.isUnresolved(version) && versionOwner) {
      _assertSameStackForVersion('endpoint', this, versionOwner);
    }
    if (version === undefined && props.trigger === undefined) {
      Annotations.of(this).addWarningV2('cdk-agentcore-harness:smoke-test-no-trigger',
        'The served version is unknown at synth (imported harness or endpoint), so this smoke test runs only when ' +
        'it is created or its properties change. Pass `trigger` to re-run it when the agent changes.');
    }
    const trigger = [version, props.trigger].filter(part => part !== undefined).join('/') || 'static';

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::HarnessSmokeTest',
      serviceTimeout: _CUSTOM_RESOURCE_SERVICE_TIMEOUT,
      properties: {
        HarnessArn: harness.harnessArn,
        HarnessId: _cfnHarnessOf(harness)?.attrHarnessId ?? harness.harnessId,
        Qualifier: endpoint?.endpointName,
        Prompt: props.prompt,
        ExpectedPattern: props.expectedPattern,
        Trigger: trigger,
        ReadTimeoutSeconds: String(timeoutSeconds),
        WaitTimeoutSeconds: _waitTimeoutProperty('waitTimeout', props.waitTimeout),
      },
    });

    // Wait for everything the agent needs: the harness with its role and
    // policies (managed-memory access lives in a policy created after the
    // harness), and the endpoint's own resource (not the whole endpoint, which
    // may contain this test).
    this.resource.node.addDependency(_harnessDependable(harness));
    const endpointResource = endpoint?.node.tryFindChild('Resource');
    if (endpointResource) {
      this.resource.node.addDependency(endpointResource);
    }
    omitImpliedDependsOn(this.resource.node.defaultChild as CfnResource);
  }
}

/**
 * The version the test talks to, as rendered in the template: the endpoint's
 * `TargetVersion`, or the harness's `Version` for `DEFAULT`.
 */
function servedVersionOf(harness: IHarness, endpoint: IHarnessEndpoint | undefined): string | undefined {
  if (endpoint) {
    const targetVersion = (endpoint as { targetVersion?: unknown }).targetVersion;
    return typeof targetVersion === 'string' ? targetVersion : undefined;
  }
  return _cfnHarnessOf(harness)?.attrVersion;
}

function validateRegExp(pattern: string | undefined): void {
  if (pattern === undefined || Token.isUnresolved(pattern)) return;
  validateString('expectedPattern', pattern, { minLength: 1 });
  try {
    new RegExp(pattern);
  } catch (e) {
    throw new HarnessValidationError('expectedPattern',
      `${show(pattern)} is not a valid JavaScript regular expression (${(e as Error).message})`);
  }
}
