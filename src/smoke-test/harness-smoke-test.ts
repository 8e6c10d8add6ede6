import { Annotations, CfnResource, CustomResource, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';
import { DEFAULT_ENDPOINT_NAME } from '../common/private/endpoint-rules';
import { HarnessValidationError, inConstruct } from '../common/private/errors';
import { omitImpliedDependsOn } from '../common/private/implied-depends-on';
import { isUnresolved, show, validateNumber, validateString } from '../common/private/validation';
import { IHarnessEndpoint } from '../endpoint/harness-endpoint-base';
import { _harnessDependable, _markHarnessConsumer } from '../endpoint/private/endpoint-registry';
import { IHarness } from '../harness/harness-base';
import { HarnessProvider, _CUSTOM_RESOURCE_SERVICE_TIMEOUT, _waitTimeoutProperty } from '../provider/private/harness-provider';
import { _assertSameStackForVersion, _cfnHarnessOf, _sameHarness } from '../version/private/harness-l1';

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
   * How long to wait for the agent's reply (the read timeout of the invocation):
   * whole seconds, at most 14 minutes, and longer than the timeout of every Lambda
   * hook of the harness (the stream is silent while a hook runs), which synth checks.
   *
   * @default - 5 minutes, or 1 minute more than the longest Lambda hook timeout
   * when that is longer
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
    try {
      _markHarnessConsumer(this);

      validateString('prompt', props.prompt, { minLength: 1 });
      if (!isUnresolved(props.prompt) && props.prompt.trim().length === 0) {
        throw new HarnessValidationError('prompt', `${show(props.prompt)} is blank; give the agent a message`);
      }
      validateRegExp(props.expectedPattern);
      const given = props.timeout;
      const givenSeconds = given === undefined ? undefined : given.isUnresolved() ? given.toSeconds() : given.toMilliseconds() / 1000;
      validateNumber('timeout', givenSeconds, { min: 1, max: MAX_TIMEOUT_SECONDS, integer: true, unit: 'seconds' });

      const { harness, endpoint } = props;
      if (endpoint && !_sameHarness(endpoint.harness, harness)) {
        throw new HarnessValidationError('endpoint',
          `${endpoint.node.path} belongs to ${endpoint.harness.node.path}, not to harness ${harness.node.path}`);
      }

      const provider = HarnessProvider.getOrCreate(this);
      provider._allowRead(harness.harnessArn, endpoint ? [endpoint.endpointName] : []);
      provider._allowInvoke(harness.harnessArn, endpoint?.endpointName ?? DEFAULT_ENDPOINT_NAME);

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
          // Lazy: hooks added to the harness after this test still count.
          ReadTimeoutSeconds: givenSeconds !== undefined ? String(givenSeconds)
            : Lazy.string({ produce: () => String(this.defaultTimeoutSeconds(harness)) }),
          WaitTimeoutSeconds: _waitTimeoutProperty('waitTimeout', props.waitTimeout),
        },
      });

      // Wait for everything the agent needs: the harness with its role and
      // policies (managed-memory access lives in a policy created after the
      // harness), and the endpoint's own resource (not the whole endpoint, which
      // may contain this test).
      this.resource.node.addDependency(_harnessDependable(harness));
      this.node.addValidation({ validate: () => this.checkPreconditions(harness, givenSeconds) });
      const endpointResource = endpoint?.node.tryFindChild('Resource');
      if (endpointResource) {
        this.resource.node.addDependency(endpointResource);
      }
      omitImpliedDependsOn(this.resource.node.defaultChild as CfnResource);
    } catch (e) {
      throw inConstruct(this, e);
    }
  }

  private defaultTimeoutSeconds(harness: IHarness): number {
    const longest = Math.max(0, ...lambdaHookTimeouts(_cfnHarnessOf(harness)).map(h => h.seconds));
    return Math.min(MAX_TIMEOUT_SECONDS, Math.max(DEFAULT_TIMEOUT_SECONDS, longest + HOOK_MARGIN_SECONDS));
  }

  /**
   * What synth can tell about a test that could never pass, for a harness defined
   * in this app (an imported one is not known here).
   */
  private checkPreconditions(harness: IHarness, givenSeconds: number | undefined): string[] {
    const cfn = _cfnHarnessOf(harness);
    if (!cfn) return [];
    const errors: string[] = [];
    const at = `HarnessSmokeTest ${this.node.path}`;
    const authorizer = Stack.of(cfn).resolve(cfn.authorizerConfiguration);
    if (authorizer?.customJwtAuthorizer) {
      errors.push(`${at}: harness ${harness.node.path} has a custom JWT inbound authorizer, so it rejects the `
        + 'SigV4-signed call the smoke test makes with its IAM role; the test could never pass. Remove the smoke test, '
        + 'or test the agent from a client that presents a token.');
    }
    const hooks = lambdaHookTimeouts(cfn);
    const longest = hooks.reduce((a, b) => (b.seconds > a.seconds ? b : a), { name: '', seconds: 0 });
    if (longest.seconds > 0) {
      if (givenSeconds !== undefined && !Token.isUnresolved(givenSeconds) && givenSeconds <= longest.seconds) {
        errors.push(`${at}: timeout is ${givenSeconds} seconds, not longer than the ${longest.seconds}-second timeout `
          + `of Lambda hook ${longest.name}; the reply stream is silent while a hook runs, so the test would time out. `
          + `Give a timeout above ${longest.seconds} seconds (at most ${MAX_TIMEOUT_SECONDS}), or omit it to derive one.`);
      } else if (givenSeconds === undefined && longest.seconds >= MAX_TIMEOUT_SECONDS) {
        errors.push(`${at}: Lambda hook ${longest.name} may run ${longest.seconds} seconds, and the smoke test can wait `
          + `at most ${MAX_TIMEOUT_SECONDS} seconds (it runs inside one 15-minute Lambda call); lower the hook timeout `
          + 'or remove the smoke test.');
      }
    }
    return errors;
  }
}

/** The default read timeout when no Lambda hook needs longer. */
const DEFAULT_TIMEOUT_SECONDS = 5 * 60;
/** The service's default Lambda hook timeout. */
const DEFAULT_HOOK_TIMEOUT_SECONDS = 60;
/** What the derived default adds to the longest hook timeout, for the model turn around the hook. */
const HOOK_MARGIN_SECONDS = 60;

/** The Lambda hooks of a harness defined in this app, with their timeouts when known at synth. */
function lambdaHookTimeouts(cfn: CfnHarness | undefined): { name: string; seconds: number }[] {
  if (!cfn) return [];
  const hooks = Stack.of(cfn).resolve(cfn.hooks);
  if (!Array.isArray(hooks)) return [];
  // Each hook is `{ <event>: { name, target: { lambda | sns | eventBridge } } }`.
  return hooks.flatMap((entry: any, index: number) => Object.values(entry ?? {}).flatMap((hook: any) => {
    const lambda = hook?.target?.lambda;
    if (!lambda) return [];
    const seconds = lambda.timeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_SECONDS;
    if (typeof seconds !== 'number' || Token.isUnresolved(seconds)) return [];
    return [{ name: String(hook.name ?? `#${index}`), seconds }];
  }));
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
