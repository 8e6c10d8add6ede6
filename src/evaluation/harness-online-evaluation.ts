import { Annotations, CfnResource, Duration, Names } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { HarnessValidationError, inConstruct } from '../common/private/errors';
import { omitImpliedDependsOn } from '../common/private/implied-depends-on';
import { show, validateListLength, validateNumber, validateString } from '../common/private/validation';
import { IHarnessEndpoint } from '../endpoint/harness-endpoint-base';
import { Harness } from '../harness/harness';

/** Properties of `HarnessOnlineEvaluation`. */
export interface HarnessOnlineEvaluationProps {
  /**
   * The harness endpoint whose sessions are evaluated (for example STAGING or PROD).
   * Its harness must be defined in this app: the traces are read from the
   * AgentCore runtime the harness runs on, which an imported harness does not know.
   */
  readonly endpoint: IHarnessEndpoint;

  /** The built-in or custom evaluators that score each sampled session (1 to 10, each once). */
  readonly evaluators: agentcore.EvaluatorSelector[];

  /**
   * The share of the endpoint's sessions that are evaluated, in percent
   * (0.01 to 100). Every evaluated session invokes a model per evaluator.
   * @default 10
   */
  readonly samplingPercentage?: number;

  /**
   * How long a session must be idle before it counts as complete and is evaluated (1 to 1440 minutes).
   * @default Duration.minutes(15)
   */
  readonly sessionTimeout?: Duration;

  /**
   * The construct that enables CloudWatch Transaction Search in this account and
   * region; the evaluation is created after it. Evaluation reads the endpoint's
   * spans, which are only recorded once Transaction Search is enabled.
   * @default - no dependency; a synth warning reminds you to enable Transaction Search
   */
  readonly transactionSearch?: IConstruct;

  /**
   * The name of the online evaluation configuration: a letter, then up to 47
   * letters, digits or `_`, unique in the account and region.
   * @default - a name generated from the construct path
   */
  readonly configName?: string;

  /**
   * A description of the configuration (at most 200 characters).
   * @default - no description
   */
  readonly description?: string;

  /**
   * The role the service uses to read the endpoint's logs and spans, invoke the
   * evaluators' models and write the results.
   * @default - a role scoped to this endpoint's log group (see the README, "Online evaluation")
   */
  readonly executionRole?: iam.IRole;
}

/**
 * AgentCore online evaluation of one harness endpoint: a sample of the
 * endpoint's sessions is scored by the given evaluators, continuously.
 *
 * Built on aws-cdk-lib's `OnlineEvaluationConfig`; the data source (the log
 * group and service name of the endpoint's traces) is derived from the harness.
 */
export class HarnessOnlineEvaluation extends Construct {
  /** The online evaluation configuration. */
  public readonly onlineEvaluationConfig: agentcore.OnlineEvaluationConfig;

  /** The log group and service name the evaluation reads the endpoint's traces from. */
  public readonly dataSource: agentcore.DataSourceConfig;

  constructor(scope: Construct, id: string, props: HarnessOnlineEvaluationProps) {
    super(scope, id);
    try {
      const harness = props.endpoint.harness;
      if (!(harness instanceof Harness)) {
        throw new HarnessValidationError('endpoint',
          `${show(props.endpoint.endpointName)} belongs to ${harness.node.path}, which is imported; its traces are recorded `
          + 'under the AgentCore runtime it runs on, which only a harness defined in this app knows');
      }
      validateListLength('evaluators', props.evaluators, 1, 10);
      const ids = new Set<string>();
      for (const evaluator of props.evaluators) {
        const evaluatorId = evaluator.evaluatorId;
        if (ids.has(evaluatorId)) {
          throw new HarnessValidationError('evaluators', `${show(evaluatorId)} is listed twice`);
        }
        ids.add(evaluatorId);
      }
      validateNumber('samplingPercentage', props.samplingPercentage, { min: 0.01, max: 100, unit: '%' });
      if (props.sessionTimeout && !props.sessionTimeout.isUnresolved()) {
        const minutes = props.sessionTimeout.toMinutes({ integral: false });
        if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
          throw new HarnessValidationError('sessionTimeout',
            `${props.sessionTimeout.toHumanString()} is not allowed; it must be a whole number of minutes between 1 and 1440`);
        }
      }
      validateString('configName', props.configName, {
        pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/, patternDescription: 'a letter, then up to 47 letters, digits or _',
      });
      validateString('description', props.description, { maxLength: 200 });

      // A harness endpoint is backed by an endpoint of the harness's runtime; that the
      // two share their name is assumed, not documented (the harness's metrics make the
      // same assumption). The runtime endpoint's log group and service name follow.
      this.dataSource = agentcore.DataSourceConfig.fromAgentRuntimeEndpointName(harness.agentRuntime, props.endpoint.endpointName);

      this.onlineEvaluationConfig = new agentcore.OnlineEvaluationConfig(this, 'Config', {
        onlineEvaluationConfigName: props.configName ?? generatedConfigName(this),
        evaluators: props.evaluators,
        dataSource: this.dataSource,
        samplingPercentage: props.samplingPercentage ?? 10,
        sessionTimeout: props.sessionTimeout,
        description: props.description,
        // aws-cdk-lib's default role is kept: its trust carries aws:SourceAccount, aws:ResourceAccount and
        // aws:SourceArn (this account's evaluators and configurations; the configuration's own id is generated,
        // so it cannot be named), and its log access is limited to this endpoint's log group and aws/spans.
        // Its model wildcard stays because the service picks the models behind built-in evaluators.
        executionRole: props.executionRole,
      });
      // Only the configuration waits; its role can be created alongside.
      const resource = this.onlineEvaluationConfig.node.defaultChild as CfnResource;
      // The endpoint's runtime log group exists once the endpoint does.
      resource.node.addDependency(props.endpoint);
      // aws-cdk-lib's config also depends on its role, which its GetAtt already implies.
      omitImpliedDependsOn(resource);
      if (props.transactionSearch) {
        resource.node.addDependency(props.transactionSearch);
      } else {
        Annotations.of(this).addWarningV2('cdk-agentcore-harness:online-evaluation-transaction-search',
          `Online evaluation of endpoint ${props.endpoint.endpointName} reads the endpoint's traces, which are only recorded `
          + 'once CloudWatch Transaction Search is enabled in this account and region. Enable it (and pass the construct '
          + 'that does as transactionSearch, so the evaluation is created after it), or make sure it is already enabled.');
      }
    } catch (e) {
      throw inConstruct(this, e);
    }
  }

  /** The ARN of the online evaluation configuration. */
  public get onlineEvaluationConfigArn(): string {
    return this.onlineEvaluationConfig.onlineEvaluationConfigArn;
  }

  /** The id of the online evaluation configuration (what `promote --evaluation-config` takes). */
  public get onlineEvaluationConfigId(): string {
    return this.onlineEvaluationConfig.onlineEvaluationConfigId;
  }

  /** The name of the online evaluation configuration. */
  public get onlineEvaluationConfigName(): string {
    return this.onlineEvaluationConfig.onlineEvaluationConfigName;
  }

  /** The evaluation role. */
  public get executionRole(): iam.IRole | undefined {
    return this.onlineEvaluationConfig.executionRole;
  }
}

/**
 * Letters, digits and `_` from the construct path, letter first, at most 48 characters, with a path hash.
 * The name is the configuration's only create-only property, so a stable name never forces a replacement.
 */
function generatedConfigName(scope: IConstruct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 47, separator: '_', allowedSpecialCharacters: '_' });
  return /^[a-zA-Z]/.test(name) ? name : `E${name}`;
}
