import { Duration } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EVENT_BUS_ARN, LAMBDA_ARN, SNS_ARN } from '../common/private/arn-patterns';
import { HarnessValidationError } from '../common/private/errors';
import { show, validateNumber, validateString, wholeDuration } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

/** What the agent loop does when a Lambda hook fails or times out. */
export enum HookFailureMode {
  /** Carry on as if the hook allowed the step. */
  ALLOW = 'allow',
  /** Stop the step (the service default). */
  DENY = 'deny',
}

/** Options for a Lambda function as hook target (`HookTarget.fromFunction`). */
export interface FunctionHookTargetOptions {
  /**
   * How long the harness waits for the function: whole seconds, 1–900.
   * Set the SDK read timeout of your invokers above it.
   *
   * @default - the service default, 60 seconds
   */
  readonly timeout?: Duration;

  /**
   * What happens when the function fails or times out.
   *
   * @default - the service default, `HookFailureMode.DENY`
   */
  readonly failureMode?: HookFailureMode;
}


/**
 * Where a hook sends its event. Only a Lambda function can change the loop
 * (allow or deny the step); SNS and EventBridge are fire-and-forget.
 *
 * The execution role gets exactly the call the target needs, on that target:
 * `lambda:InvokeFunction`, `sns:Publish` or `events:PutEvents`. AWS documents
 * only that the role must be allowed to call each target; the action names are
 * the services' standard ones.
 */
export abstract class HookTarget {
  /**
   * A Lambda function, which can allow or deny the step. The role gets
   * `lambda.IFunction.grantInvoke` (InvokeFunction on the function and its
   * versions/aliases).
   *
   * @example
   * declare const guard: lambda.IFunction;
   * HarnessHook.beforeToolCall('guard', HookTarget.fromFunction(guard, { timeout: Duration.seconds(5) }));
   */
  public static fromFunction(fn: lambda.IFunction, options: FunctionHookTargetOptions = {}): HookTarget {
    return new LambdaTarget(fn, options);
  }

  /**
   * An SNS topic. The role gets `sns:Publish` on the topic; for a topic whose
   * KMS key CDK knows (defined in the app with `masterKey`), also
   * `kms:Decrypt` and `kms:GenerateDataKey*` on that key. For an imported
   * encrypted topic, grant those on its key yourself (and allow the role in the
   * key policy if the key does not delegate to IAM).
   */
  public static fromTopic(topic: sns.ITopic): HookTarget {
    return new MessagingTarget('sns', topic.topicArn, SNS_ARN, 'an SNS topic ARN', grantee => topic.grantPublish(grantee));
  }

  /** An EventBridge event bus. The role gets `events:PutEvents` on the bus. */
  public static fromEventBus(bus: events.IEventBus): HookTarget {
    return new MessagingTarget('eventBridge', bus.eventBusArn, EVENT_BUS_ARN, 'an EventBridge event bus ARN',
      grantee => bus.grantPutEventsTo(grantee));
  }

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext, path: string): CfnHarness.HarnessHookTargetProperty;
}

class LambdaTarget extends HookTarget {
  constructor(private readonly fn: lambda.IFunction, private readonly options: FunctionHookTargetOptions) {
    super();
    validateNumber('hooks.target.timeout', wholeDuration('hooks.target.timeout', options.timeout, 'seconds'), { min: 1, max: 900, integer: true, unit: 'seconds' });
    if (options.failureMode !== undefined && !Object.values(HookFailureMode).includes(options.failureMode)) {
      throw new HarnessValidationError('hooks.target.failureMode', `${show(options.failureMode)} is not a HookFailureMode`);
    }
  }

  public _bind(ctx: HarnessBindContext, path: string): CfnHarness.HarnessHookTargetProperty {
    validateTargetArn(`${path}.lambda`, this.fn.functionArn, LAMBDA_ARN, 'a Lambda function ARN');
    this.fn.grantInvoke(ctx.grantee);
    return {
      lambda: {
        arn: this.fn.functionArn,
        timeoutSeconds: this.options.timeout?.toSeconds(),
        failureMode: this.options.failureMode,
      },
    };
  }
}

/** A fire-and-forget target (SNS or EventBridge): one ARN, one grant. */
class MessagingTarget extends HookTarget {
  constructor(
    private readonly member: 'sns' | 'eventBridge',
    private readonly arn: string,
    private readonly arnPattern: RegExp,
    private readonly arnDescription: string,
    private readonly grant: (grantee: iam.IGrantable) => void,
  ) { super(); }

  public _bind(ctx: HarnessBindContext, path: string): CfnHarness.HarnessHookTargetProperty {
    validateTargetArn(`${path}.${this.member}`, this.arn, this.arnPattern, this.arnDescription);
    this.grant(ctx.grantee);
    return { [this.member]: { arn: this.arn } };
  }
}

function validateTargetArn(property: string, arn: string, pattern: RegExp, patternDescription: string): void {
  validateString(property, arn, { minLength: 20, maxLength: 2048, pattern, patternDescription });
}
