import { CfnResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { isDefaultEndpointName } from '../../common/private/endpoint-rules';
import { omitImpliedDependsOn } from '../../common/private/implied-depends-on';
import { validateNumber } from '../../common/private/validation';
import { endpointArnOf, HARNESS_INVOKE_ACTIONS, HARNESS_READ_ACTIONS } from '../../permissions/private/harness-actions';
import { IsCompleteFunction } from '../is-complete-function';
import { OnEventFunction } from '../on-event-function';

/**
 * The construct id of the provider under its stack. It feeds the logical id of
 * every `ServiceToken`, and CloudFormation refuses to change a service token,
 * so this id and the provider's position in the tree must never change.
 */
const PROVIDER_ID = 'cdk-agentcore-harness.HarnessProvider';

/** How often the framework calls `isComplete` while a harness or endpoint is settling. */
const QUERY_INTERVAL = Duration.seconds(10);

/**
 * How long one operation may wait in total. Harness and endpoint updates settle
 * in minutes; one smoke-test invocation may take up to `isComplete`'s own
 * 15-minute Lambda timeout.
 */
const TOTAL_TIMEOUT = Duration.minutes(45);

/**
 * The CloudFormation-side limit for each custom resource. A little above the
 * provider's own timeout, so the framework reports its clearer error first,
 * and far below CloudFormation's default of one hour.
 *
 * @internal
 */
export const _CUSTOM_RESOURCE_SERVICE_TIMEOUT = Duration.minutes(50);

/**
 * The longest wait a custom resource may ask for: the total timeout less one
 * 15-minute `isComplete` call (a smoke-test invocation after the wait), so a
 * stuck endpoint fails with its own message before the framework's timeout.
 */
const MAX_WAIT_TIMEOUT = TOTAL_TIMEOUT.minus(Duration.minutes(15));

/**
 * The `WaitTimeoutSeconds` property for a custom resource's `waitTimeout`,
 * validated against the provider's total timeout; undefined when not given
 * (the handler then waits 20 minutes), so existing resources are not updated.
 *
 * @internal
 */
export function _waitTimeoutProperty(property: string, waitTimeout: Duration | undefined): string | undefined {
  if (waitTimeout === undefined) return undefined;
  if (waitTimeout.isUnresolved()) return String(waitTimeout.toSeconds());
  const seconds = waitTimeout.toMilliseconds() / 1000;
  validateNumber(`${property} (seconds)`, seconds, { min: 60, max: MAX_WAIT_TIMEOUT.toSeconds(), integer: true });
  return String(seconds);
}

/**
 * The custom-resource provider that backs `Custom::HarnessEndpointVersion`
 * (promotion) and `Custom::HarnessSmokeTest`. There is one per stack, created
 * on first use; its handler roles only get permissions on the harnesses the
 * stack's custom resources actually use.
 */
export class HarnessProvider extends Construct {
  /**
   * Returns the stack's provider, defining it on first use.
   */
  public static getOrCreate(scope: IConstruct): HarnessProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    if (existing) {
      return existing as HarnessProvider;
    }
    return new HarnessProvider(stack, PROVIDER_ID);
  }

  /**
   * The service token that custom resources use to reach this provider.
   */
  public readonly serviceToken: string;

  /**
   * The handler that receives CloudFormation events.
   */
  public readonly onEventHandler: lambda.IFunction;

  /**
   * The handler that the framework calls until an operation is complete
   * (waiting for READY, reading live versions, invoking for smoke tests).
   */
  public readonly isCompleteHandler: lambda.IFunction;

  private readonly readStatement: iam.PolicyStatement;
  private readonly invokeStatement: iam.PolicyStatement;
  private readonly readTargets = new Set<string>();
  private readonly invokeTargets = new Set<string>();
  private stackStatusRead = false;

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    const onEvent = new OnEventFunction(this, 'OnEventHandler', {
      description: 'cdk-agentcore-harness: custom resources for harness promotion and smoke tests (onEvent)',
      timeout: Duration.minutes(2),
      memorySize: 256,
    });
    const isComplete = new IsCompleteFunction(this, 'IsCompleteHandler', {
      description: 'cdk-agentcore-harness: custom resources for harness promotion and smoke tests (isComplete)',
      // A smoke test reads one whole agent turn inside a single call.
      timeout: Duration.minutes(15),
      memorySize: 256,
    });
    this.onEventHandler = onEvent;
    this.isCompleteHandler = isComplete;

    // Statements start empty and gain the ARNs of each harness a custom
    // resource registers, so the role never holds a wildcard over harnesses.
    // onEvent only computes physical ids and calls nothing.
    this.readStatement = new iam.PolicyStatement({ actions: HARNESS_READ_ACTIONS });
    isComplete.addToRolePolicy(this.readStatement);
    // Added on first use: a stack without smoke tests grants no invoke at all.
    this.invokeStatement = new iam.PolicyStatement({ actions: HARNESS_INVOKE_ACTIONS });

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: QUERY_INTERVAL,
      totalTimeout: TOTAL_TIMEOUT,
    });
    this.serviceToken = provider.serviceToken;

    // A statement without resources is invalid IAM, and an unused provider is
    // never created (getOrCreate runs on first use), so this only guards misuse.
    this.node.addValidation({
      validate: () => this.readTargets.size === 0
        ? ['HarnessProvider has no harness registered; it is only created by harness custom resources']
        : [],
    });

    this.acknowledgeFrameworkFindings();
    // aws-cdk-lib's functions and state machine also depend on the roles they reference.
    for (const resource of this.node.findAll().filter(CfnResource.isCfnResource)) {
      omitImpliedDependsOn(resource);
    }
  }

  /**
   * Lets `isComplete` read a harness and the named endpoints of it (`DEFAULT`
   * is read through the harness itself).
   *
   * @internal
   */
  public _allowRead(harnessArn: string, endpointNames: string[]): void {
    const names = endpointNames.filter(name => Token.isUnresolved(name) || !isDefaultEndpointName(name));
    for (const resource of [harnessArn, ...names.map(name => endpointArnOf(harnessArn, name))]) {
      const key = this.keyOf(resource);
      if (this.readTargets.has(key)) continue;
      this.readTargets.add(key);
      this.readStatement.addResources(resource);
    }
  }

  /**
   * Lets `isComplete` invoke a harness through one endpoint (`DEFAULT` when
   * no qualifier is given).
   *
   * @internal
   */
  public _allowInvoke(harnessArn: string, endpointName: string): void {
    const resources = [harnessArn, endpointArnOf(harnessArn, endpointName)];
    for (const resource of resources) {
      const key = this.keyOf(resource);
      if (this.invokeTargets.has(key)) continue;
      if (this.invokeTargets.size === 0) {
        this.isCompleteHandler.addToRolePolicy(this.invokeStatement);
      }
      this.invokeTargets.add(key);
      this.invokeStatement.addResources(resource);
    }
  }

  /**
   * Lets `isComplete` read this stack's status: the only way to tell the rollback of a failed promotion, when it is
   * addressed to the physical id the failed attempt returned, from a forward promotion.
   *
   * @internal
   */
  public _allowStackStatusRead(): void {
    if (this.stackStatusRead) return;
    this.stackStatusRead = true;
    this.isCompleteHandler.addToRolePolicy(new iam.PolicyStatement({
      actions: ['cloudformation:DescribeStacks'],
      resources: [Stack.of(this).stackId],
    }));
  }

  private keyOf(arn: string): string {
    return JSON.stringify(Stack.of(this).resolve(arn));
  }

  /**
   * The provider framework's own resources trip cdk-nag rules that the
   * library cannot fix; acknowledge exactly those, with reasons, so users see
   * only findings about their own resources.
   */
  private acknowledgeFrameworkFindings(): void {
    const stack = Stack.of(this);
    // The handlers and the framework's functions, invoked by version-qualified ARNs.
    const functions = this.node.findAll().filter((c): c is lambda.Function => c instanceof lambda.Function);
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The handlers and the provider framework only write their own CloudWatch logs through the basic execution role.',
      },
      ...functions.map(fn => ({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason: 'The provider framework invokes any published version of its own functions, which only exist inside this provider.',
      })),
      {
        id: 'AwsSolutions-SF1',
        reason: 'The provider framework\'s waiter state machine only polls isComplete; its executions are visible in the handler logs.',
      },
      {
        id: 'AwsSolutions-SF2',
        reason: 'The provider framework\'s waiter state machine is internal and short-lived; X-Ray adds nothing over the handler logs.',
      },
    );
  }
}
