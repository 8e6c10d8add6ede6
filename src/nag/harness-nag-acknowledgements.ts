import { Stack } from 'aws-cdk-lib';
import { IGateway } from 'aws-cdk-lib/aws-bedrockagentcore';
import { IAM5, NagAcknowledgement, acknowledge, nagNotation } from './private/nag-notation';
import { HarnessOnlineEvaluation } from '../evaluation/harness-online-evaluation';
import { IHarness } from '../harness/harness-base';
import { SHARED_EXECUTION_SCOPE_ID } from '../harness/private/shared-execution-policy';
import { regionWildcardModels } from '../model/private/bedrock-permissions';

/** Options for `HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards`. */
export interface ExecutionRoleAcknowledgementOptions {
  /**
   * Further foundation-model ids the role may invoke in any region because a
   * cross-region inference profile routes to them, for models you granted
   * yourself (for example `anthropic.claude-sonnet-4-6`).
   *
   * @default - only the models of the harness's own inference profiles
   */
  readonly crossRegionModelIds?: string[];
}

/**
 * cdk-nag acknowledgements for the wildcards the AgentCore service itself
 * requires on roles the library writes, each with its exact finding id and
 * reason.
 *
 * They are not applied automatically: accepting a wildcard on a role in your
 * account is your decision, so the findings stay visible until you call these.
 * The library does not depend on cdk-nag: the acknowledgements are aws-cdk-lib
 * `Validations` metadata, which cdk-nag (v3) reads. Every id names the exact
 * resource, so a new or broader wildcard is still reported. Works in stacks
 * with and without an explicit environment.
 */
export class HarnessNagAcknowledgements {
  /**
   * Acknowledges the service-required wildcards of the harness's execution
   * role: `*` for actions without resource-level permissions (image-pull
   * tokens, X-Ray, CloudWatch metrics limited by a condition, Bedrock Mantle
   * bearer tokens), the AgentCore runtime log groups the service names, the
   * default workload-identity directory, and the foundation models behind the
   * harness's cross-region inference profiles.
   *
   * The same wildcards of the stack's shared execution policies (the statements
   * every harness of the stack needs alike) are acknowledged with them.
   *
   * Call it after the harness is constructed. Does nothing for a harness
   * without a known role.
   */
  public static acknowledgeExecutionRoleWildcards(harness: IHarness, options: ExecutionRoleAcknowledgementOptions = {}): void {
    const role = harness.role;
    if (!role) return;
    const stack = Stack.of(harness);
    const arn = (service: string, resource: string) =>
      nagNotation(harness, `arn:${stack.partition}:${service}:${stack.region}:${stack.account}:${resource}`);
    const models = [...new Set([...regionWildcardModels(harness), ...(options.crossRegionModelIds ?? [])])];
    const acknowledgements: NagAcknowledgement[] = [
      {
        id: `${IAM5}[Resource::*]`,
        reason: 'Only actions without resource-level permissions are granted on "*": the ECR and ECR Public authorization '
          + 'tokens and sts:GetServiceBearerToken (pulling the runtime image), the X-Ray trace actions, '
          + 'bedrock-mantle:CallWithBearerToken, and cloudwatch:PutMetricData, which a condition limits to the '
          + 'bedrock-agentcore namespace.',
      },
      {
        id: `${IAM5}[Resource::${arn('logs', 'log-group:/aws/bedrock-agentcore/runtimes/*')}]`,
        reason: 'The service names the harness runtime\'s log group itself; the role is limited to the AgentCore runtimes prefix.',
      },
      {
        id: `${IAM5}[Resource::${arn('logs', 'log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*')}]`,
        reason: 'Log streams are created per session under the service-named runtime log group (AgentCore prefix only).',
      },
      {
        id: `${IAM5}[Resource::${arn('logs', 'log-group:*')}]`,
        reason: 'logs:DescribeLogGroups is authorized on log-group:* only; it reads names, not log data.',
      },
      {
        id: `${IAM5}[Resource::${arn('bedrock-agentcore', 'workload-identity-directory/default/workload-identity/*')}]`,
        reason: 'The harness\'s workload identity is created and named by the service, so its name is unknown at synth; '
          + 'only GetWorkloadAccessToken* on the default directory is allowed.',
      },
      {
        id: `${IAM5}[Resource::${arn('bedrock-mantle', '*')}]`,
        reason: 'Bedrock Mantle (OpenAI-compatible API formats) authorizes CreateInference on the account\'s Mantle '
          + 'resources of the region; the model itself is chosen per request.',
      },
      ...models.map(modelId => ({
        id: `${IAM5}[Resource::${nagNotation(harness, `arn:${stack.partition}:bedrock:*::foundation-model/${modelId}`)}]`,
        reason: `A cross-region inference profile routes ${modelId} to any region of its geography, so the foundation-model `
          + 'ARN needs a region wildcard; the model itself is fixed.',
      })),
    ];
    acknowledge(role, acknowledgements);
    // The statements every harness of the stack shares are in the stack's shared execution policies.
    const shared = stack.node.tryFindChild(SHARED_EXECUTION_SCOPE_ID);
    if (shared) acknowledge(shared, acknowledgements);
  }

  /**
   * Acknowledges the wildcard aws-cdk-lib's `Gateway` puts on its service role
   * for the gateway's own workload identity (`<gateway name>-*`, a suffix the
   * service generates).
   */
  public static acknowledgeGatewayRoleWildcards(gateway: IGateway): void {
    const stack = Stack.of(gateway);
    const resource = `arn:${stack.partition}:bedrock-agentcore:${stack.region}:${stack.account}:`
      + `workload-identity-directory/default/workload-identity/${gateway.gatewayName}-*`;
    acknowledge(gateway, [{
      id: `${IAM5}[Resource::${nagNotation(gateway, resource)}]`,
      reason: 'The gateway\'s workload identity is named by the service with a generated suffix after the gateway name; '
        + 'the wildcard covers only that suffix.',
    }]);
  }

  /**
   * Acknowledges the wildcards of the evaluation role aws-cdk-lib's
   * `OnlineEvaluationConfig` creates: `logs:DescribeLogGroups` on `*`, the log
   * streams of the endpoint's log group and of `aws/spans`, the service-named
   * results log groups, and the models the evaluators invoke. Does nothing for
   * a role you passed in.
   */
  public static acknowledgeOnlineEvaluationRoleWildcards(evaluation: HarnessOnlineEvaluation): void {
    const role = evaluation.onlineEvaluationConfig.node.tryFindChild('ExecutionRole');
    if (!role) return;
    const stack = Stack.of(evaluation);
    const logGroup = (name: string) =>
      nagNotation(evaluation, `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${name}`);
    const logGroups = evaluation.dataSource.cloudWatchLogsConfig.logGroupNames;
    acknowledge(role, [
      {
        id: `${IAM5}[Resource::*]`,
        reason: 'logs:DescribeLogGroups has no resource-level permissions; it reads names, not log data.',
      },
      ...logGroups.map(name => ({
        id: `${IAM5}[Resource::${logGroup(`${name}:*`)}]`,
        reason: 'Queries read the log streams of the evaluated endpoint\'s own log group only.',
      })),
      {
        id: `${IAM5}[Resource::${logGroup('aws/spans:*')}]`,
        reason: 'The spans Transaction Search records are in the account\'s aws/spans log group; queries are filtered by the endpoint\'s service name.',
      },
      {
        id: `${IAM5}[Resource::${logGroup('/aws/bedrock-agentcore/evaluations/*')}]`,
        reason: 'The service names the log group it writes evaluation results to; the role is limited to the AgentCore evaluations prefix.',
      },
      {
        id: `${IAM5}[Resource::${nagNotation(evaluation, `arn:${stack.partition}:bedrock:*::foundation-model/*`)}]`,
        reason: 'The service chooses the models behind built-in evaluators, and may route them through cross-region '
          + 'inference profiles; only model invocation is allowed.',
      },
      {
        id: `${IAM5}[Resource::${nagNotation(evaluation, `arn:${stack.partition}:bedrock:*:${stack.account}:inference-profile/*`)}]`,
        reason: 'The service chooses the inference profiles behind built-in evaluators; only model invocation is allowed.',
      },
    ]);
  }

  private constructor() {}
}
