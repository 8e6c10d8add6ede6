// cdk-nag (AwsSolutions) findings that every harness execution role and every IAM-authorized
// gateway role carry, with the reason each is accepted. They are acknowledged in the examples, not
// in the library, on purpose: accepting a wildcard on your account's role is your decision, and the
// findings stay visible until you make it. Each id names the exact resource, so a new or broader
// wildcard is reported again instead of being swallowed.
import { Stack, Validations } from 'aws-cdk-lib';
import { IGateway } from 'aws-cdk-lib/aws-bedrockagentcore';
import { IHarness } from '../../src';

const IAM5 = 'AwsSolutions-IAM5';

/** cdk-nag's notation for an ARN of `stack`'s partition, region and account: `arn:<AWS::Partition>:...`. */
export function nagServiceArn(stack: Stack, service: string, resource: string): string {
  return `arn:<AWS::Partition>:${service}:${stack.region}:${stack.account}:${resource}`;
}

/**
 * The wildcards of the statements every harness execution role gets from the library.
 *
 * @param foundationModelIds models called through a cross-region inference profile
 *   (e.g. `anthropic.claude-sonnet-4-6` for `us.anthropic.claude-sonnet-4-6`)
 */
export function acknowledgeHarnessRoleFindings(harness: IHarness, foundationModelIds: string[] = []): void {
  const stack = Stack.of(harness);
  const role = harness.role;
  if (!role) throw new Error(`${harness.node.path} has no known execution role`);

  Validations.of(role).acknowledge(
    {
      id: `${IAM5}[Resource::*]`,
      reason: 'Only actions without resource-level permissions are granted on "*": the ECR and ECR Public authorization '
        + 'tokens and sts:GetServiceBearerToken (pulling the runtime image), the X-Ray trace actions, and '
        + 'cloudwatch:PutMetricData, which a condition limits to the bedrock-agentcore namespace.',
    },
    {
      id: `${IAM5}[Resource::${nagServiceArn(stack, 'logs', 'log-group:/aws/bedrock-agentcore/runtimes/*')}]`,
      reason: 'The service names the harness runtime\'s log group itself; the role is limited to the AgentCore runtimes prefix.',
    },
    {
      id: `${IAM5}[Resource::${nagServiceArn(stack, 'logs', 'log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*')}]`,
      reason: 'Log streams are created per session under the service-named runtime log group (AgentCore prefix only).',
    },
    {
      id: `${IAM5}[Resource::${nagServiceArn(stack, 'logs', 'log-group:*')}]`,
      reason: 'logs:DescribeLogGroups is authorized on log-group:* only; it reads names, not log data.',
    },
    {
      id: `${IAM5}[Resource::${nagServiceArn(stack, 'bedrock-agentcore', 'workload-identity-directory/default/workload-identity/*')}]`,
      reason: 'The harness\'s workload identity is created and named by the service, so its name is unknown at synth; '
        + 'only GetWorkloadAccessToken* on the default directory is allowed.',
    },
    ...foundationModelIds.map((modelId) => ({
      id: `${IAM5}[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/${modelId}]`,
      reason: `A cross-region inference profile routes ${modelId} to any region of its geography, so the foundation-model `
        + 'ARN needs a region wildcard; the model itself is fixed.',
    })),
  );
}

/** The wildcard aws-cdk-lib's Gateway puts on its service role for the gateway's own workload identity. */
export function acknowledgeGatewayRoleFindings(gateway: IGateway): void {
  const stack = Stack.of(gateway);
  // The generated name is a lazy token derived from the construct path, so it resolves at build time.
  const gatewayName = stack.resolve(gateway.gatewayName);
  if (typeof gatewayName !== 'string') throw new Error(`${gateway.node.path}: the gateway name is only known at deploy time`);
  Validations.of(gateway).acknowledge({
    id: `${IAM5}[Resource::${nagServiceArn(stack, 'bedrock-agentcore', `workload-identity-directory/default/workload-identity/${gatewayName}-*`)}]`,
    reason: 'The gateway\'s workload identity is named by the service with a generated suffix after the gateway name; '
      + 'the wildcard covers only that suffix.',
  });
}
