import { Annotations, Aws, Duration, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { InvokeHarnessSessionId, isJsonataExpression } from './invoke-harness-session-id';
import { DEFAULT_ENDPOINT_NAME } from '../common/private/endpoint-rules';
import { HarnessValidationError, inConstruct } from '../common/private/errors';
import { isUnresolved, show, validateExactlyOne, validateNotBlank, validateNumber, wholeDuration } from '../common/private/validation';
import { IHarnessEndpoint } from '../endpoint/harness-endpoint-base';
import { Harness } from '../harness/harness';
import { IHarness } from '../harness/harness-base';
import { HarnessSystemPrompt } from '../harness/system-prompt';
import { HarnessModel } from '../model/harness-model';
import { endpointArnOf, HARNESS_INVOKE_ACTIONS } from '../permissions/private/harness-actions';

/** A Step Functions Task state runs at most 15 minutes, whatever the harness's own timeout. */
const TASK_MAX_SECONDS = 900;
/** The service's timeout when a harness sets none. */
const SERVICE_DEFAULT_TIMEOUT_SECONDS = 3600;

/**
 * Error names an `InvokeHarness` task fails with, for `Retry` and `Catch`.
 * The optimized integration reports an InvokeHarness exception as
 * `BedrockAgentCore.<exception name>`.
 */
export class InvokeHarnessErrors {
  /** Too many requests: retry with backoff. */
  public static readonly THROTTLING = 'BedrockAgentCore.ThrottlingException';
  /** A server-side failure: retry with backoff. */
  public static readonly INTERNAL_SERVER = 'BedrockAgentCore.InternalServerException';
  /** A quota such as concurrent sessions is exhausted. */
  public static readonly SERVICE_QUOTA_EXCEEDED = 'BedrockAgentCore.ServiceQuotaExceededException';
  /** The request was rejected as invalid (for example a session id of the wrong length). */
  public static readonly VALIDATION = 'BedrockAgentCore.ValidationException';
  /** The state machine's role may not invoke the harness or endpoint. */
  public static readonly ACCESS_DENIED = 'BedrockAgentCore.AccessDeniedException';
  /** The harness or endpoint does not exist. */
  public static readonly RESOURCE_NOT_FOUND = 'BedrockAgentCore.ResourceNotFoundException';
  /** The agent's session failed while running (for example a tool or model error). */
  public static readonly RUNTIME_CLIENT_ERROR = 'BedrockAgentCore.RuntimeClientError';
  /** The task ran longer than its timeout (at most 15 minutes). */
  public static readonly TIMEOUT = sfn.Errors.TIMEOUT;
  /** Any error: use last in a Catch. */
  public static readonly ALL = sfn.Errors.ALL;
  /** Errors worth retrying: throttling, server errors and exhausted quotas. */
  public static readonly TRANSIENT = [
    InvokeHarnessErrors.THROTTLING,
    InvokeHarnessErrors.INTERNAL_SERVER,
    InvokeHarnessErrors.SERVICE_QUOTA_EXCEEDED,
  ];
}

/** What the `InvokeHarness` task sends; shared by its JSONPath and JSONata variants. */
export interface InvokeHarnessOptions {
  /**
   * The harness to invoke, through its `DEFAULT` endpoint. Give either this or `endpoint`.
   * @default - the harness of `endpoint`
   */
  readonly harness?: IHarness;

  /**
   * The endpoint of a harness to invoke (for example `PROD`). Give either this or `harness`.
   * @default - the `DEFAULT` endpoint of `harness`
   */
  readonly endpoint?: IHarnessEndpoint;

  /**
   * The user message: a literal, a JSONPath expression (`JsonPath.stringAt('$.prompt')`,
   * JSONPath tasks) or a JSONata expression (`{% $states.input.prompt %}`, JSONata tasks).
   */
  readonly prompt: string;

  /**
   * The runtime session id (33 to 100 characters).
   * @default InvokeHarnessSessionId.perExecution()
   */
  readonly runtimeSessionId?: InvokeHarnessSessionId;

  /**
   * The system prompt for this call, replacing the harness's.
   * @default - the harness's system prompt
   */
  readonly systemPrompt?: HarnessSystemPrompt;

  /**
   * The model for this call, replacing the harness's. It is called with the harness's
   * execution role, which is granted only the harness's `model` and `additionalModels`:
   * for a harness defined in this app it must be one of those (same provider and model id).
   * @default - the harness's model
   */
  readonly model?: HarnessModel;

  /**
   * Maximum agent-loop iterations for this call, at least 1.
   * @default - the harness's setting
   */
  readonly maxIterations?: number;

  /**
   * Maximum output tokens across all model calls of this call, at least 1.
   * @default - the harness's setting
   */
  readonly maxTokens?: number;

  /**
   * Maximum duration of the agent loop for this call, in whole seconds (at least 1 second).
   * Keep it at most 15 minutes: the task gives up after 15 minutes, while the
   * harness keeps running (and costing) until this timeout.
   * @default - the harness's timeout
   */
  readonly harnessTimeout?: Duration;
}

/** Properties of a JSONPath `InvokeHarness` task. */
export interface InvokeHarnessJsonPathProps extends sfn.TaskStateJsonPathBaseProps, InvokeHarnessOptions {}

/** Properties of a JSONata `InvokeHarness` task. */
export interface InvokeHarnessJsonataProps extends sfn.TaskStateJsonataBaseProps, InvokeHarnessOptions {}

/** Properties of an `InvokeHarness` task. */
export interface InvokeHarnessProps extends sfn.TaskStateBaseProps, InvokeHarnessOptions {}

/**
 * A Step Functions Task state that invokes a harness through the optimized
 * `bedrockagentcore:invokeHarness` integration (request-response only).
 *
 * The task's result is Converse-shaped: `Output.Message.Content` (text blocks of
 * the last assistant message), `StopReason`, `Usage` and `Metrics.LatencyMs`.
 * Errors to retry or catch are listed in `InvokeHarnessErrors`.
 */
export class InvokeHarness extends sfn.TaskStateBase {
  /** A task whose fields use JSONPath. */
  public static jsonPath(scope: Construct, id: string, props: InvokeHarnessJsonPathProps): InvokeHarness {
    return new InvokeHarness(scope, id, props);
  }

  /** A task whose fields use JSONata. */
  public static jsonata(scope: Construct, id: string, props: InvokeHarnessJsonataProps): InvokeHarness {
    return new InvokeHarness(scope, id, { ...props, queryLanguage: sfn.QueryLanguage.JSONATA });
  }

  protected readonly taskMetrics?: sfn.TaskMetricsConfig;
  protected readonly taskPolicies?: iam.PolicyStatement[];

  private readonly harness: IHarness;
  private readonly timeoutSeconds?: number;

  constructor(scope: Construct, id: string, private readonly props: InvokeHarnessProps) {
    super(scope, id, props);
    try {
      if (props.integrationPattern !== undefined && props.integrationPattern !== sfn.IntegrationPattern.REQUEST_RESPONSE) {
        throw new HarnessValidationError('integrationPattern',
          `${props.integrationPattern} is not supported; InvokeHarness supports only REQUEST_RESPONSE`);
      }
      validateExactlyOne('harness/endpoint', { harness: props.harness, endpoint: props.endpoint });
      this.harness = (props.harness ?? props.endpoint!.harness);
      if (!isUnresolved(props.prompt) && !isJsonataExpression(props.prompt)) {
        validateNotBlank('prompt', props.prompt);
      }
      validateNumber('maxIterations', props.maxIterations, { min: 1, integer: true });
      validateNumber('maxTokens', props.maxTokens, { min: 1, integer: true });
      this.timeoutSeconds = wholeDuration('harnessTimeout', props.harnessTimeout, 'seconds');
      validateNumber('harnessTimeout (seconds)', this.timeoutSeconds, { min: 1 });
      if (props.model) {
        props.model._validate('model');
        this.checkModelDeclared(scope, props.model);
      }

      // Exactly what the call is authorized against. Like AgentCore Runtime, a call is
      // authorized on the harness ARN and on the endpoint it resolves to (DEFAULT when
      // no qualifier is sent). AWS's own sample grants InvokeAgentRuntime next to
      // InvokeHarness; whether the integration needs it is not documented, so both
      // are granted, as the library's other invoke grants do.
      const harnessArn = this.harness.harnessArn;
      this.taskPolicies = [new iam.PolicyStatement({
        actions: HARNESS_INVOKE_ACTIONS,
        resources: [harnessArn, props.endpoint ? props.endpoint.harnessEndpointArn : endpointArnOf(harnessArn, DEFAULT_ENDPOINT_NAME)],
      })];

      this.warnAboutTimeout(scope);
    } catch (e) {
      throw inConstruct(this, e);
    }
  }

  /** @internal */
  protected _renderTask(topLevelQueryLanguage?: sfn.QueryLanguage): any {
    const queryLanguage = this.props.queryLanguage ?? topLevelQueryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    if (queryLanguage !== sfn.QueryLanguage.JSONATA && isJsonataExpression(this.props.prompt)) {
      throw new HarnessValidationError('prompt',
        `${show(this.props.prompt)} is a JSONata expression in a JSONPath task, where it would be sent as text; `
        + 'use InvokeHarness.jsonata(), or JsonPath.stringAt() for a JSONPath task');
    }
    const sessionId = (this.props.runtimeSessionId ?? InvokeHarnessSessionId.perExecution())._render(queryLanguage, 'runtimeSessionId');
    return {
      Resource: `arn:${Aws.PARTITION}:states:::bedrockagentcore:invokeHarness`,
      ...this._renderParametersOrArguments({
        HarnessArn: this.harness.harnessArn,
        Qualifier: this.props.endpoint?.endpointName,
        RuntimeSessionId: sessionId,
        Messages: [{ Role: 'user', Content: [{ Text: this.props.prompt }] }],
        SystemPrompt: this.props.systemPrompt?._render().map(block => ({ Text: block.text })),
        Model: this.props.model ? pascalCaseModel(this.props.model._render()) : undefined,
        MaxIterations: this.props.maxIterations,
        MaxTokens: this.props.maxTokens,
        TimeoutSeconds: this.timeoutSeconds,
      }, queryLanguage),
    };
  }

  /**
   * The task grants nothing for the model: the harness calls it with its execution role,
   * which the harness granted only for the models it declares.
   */
  private checkModelDeclared(scope: Construct, model: HarnessModel): void {
    if (!(this.harness instanceof Harness)) {
      Annotations.of(scope).addWarningV2('cdk-agentcore-harness:invoke-harness-model-unverified',
        `${this.node.path}: model ${show(model.modelId)} overrides the model of an imported harness; `
        + 'the harness\'s execution role must be allowed to call it (it is not checked here), else the call fails');
      return;
    }
    const declared = this.harness._declaredModels;
    if (isUnresolved(model.modelId) || declared.some(m => isUnresolved(m.modelId))) return;
    if (declared.some(m => m._provider === model._provider && m.modelId === model.modelId)) return;
    const allowed = declared.map(m => `${m._provider} ${show(m.modelId)}`).join(', ');
    throw new HarnessValidationError('model',
      `${model._provider} ${show(model.modelId)} is not a model of harness ${this.harness.node.path}, whose execution role `
      + `is granted only its model and additionalModels (${allowed}); use one of those, or add it to the harness's additionalModels`);
  }

  private warnAboutTimeout(scope: Construct): void {
    let seconds = this.timeoutSeconds;
    if (seconds === undefined) {
      // Only a harness defined in this app tells its timeout; an imported one is skipped.
      const resource = this.harness.node.defaultChild;
      if (!(resource instanceof CfnHarness)) return;
      if (resource.timeoutSeconds !== undefined && Token.isUnresolved(resource.timeoutSeconds)) return;
      seconds = resource.timeoutSeconds ?? SERVICE_DEFAULT_TIMEOUT_SECONDS;
    }
    if (seconds > TASK_MAX_SECONDS) {
      const source = this.timeoutSeconds !== undefined ? 'harnessTimeout' : `the timeout of harness ${this.harness.node.path}`;
      Annotations.of(scope).addWarningV2('cdk-agentcore-harness:invoke-harness-timeout',
        `${this.node.path}: ${source} is ${seconds} seconds, but a Step Functions task gives up after ${TASK_MAX_SECONDS} seconds `
        + 'while the harness keeps running (and costing) until its own timeout; set harnessTimeout (or the harness\'s timeout) to at most 15 minutes');
    }
  }
}

/** Keys of the model block in the InvokeHarness request; `AdditionalParams` is passed on unchanged. */
function pascalCaseModel(model: CfnHarness.HarnessModelConfigurationProperty): { [key: string]: any } {
  const out: { [key: string]: any } = {};
  for (const [provider, config] of Object.entries(model)) {
    if (config === undefined) continue;
    const fields: { [key: string]: any } = {};
    for (const [key, value] of Object.entries(config as { [key: string]: any })) {
      fields[pascal(key)] = value;
    }
    out[pascal(provider)] = fields;
  }
  return out;
}

function pascal(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
