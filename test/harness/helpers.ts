import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Harness, HarnessModel, HarnessProps } from '../../src';
import { createTestStack } from '../support/app';
import { executionRoleStatements, policyStatements } from '../support/option-statements';

export { executionRoleStatements, policyStatements };

/** `arn:${AWS::Partition}<rest>` as CloudFormation renders it. */
export function arn(rest: string): any {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}

export const BEDROCK_MODEL = HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' });

export function newHarness(props: Partial<HarnessProps> = {}, stack: Stack = createTestStack()): { stack: Stack; harness: Harness } {
  const harness = new Harness(stack, 'Harness', { model: BEDROCK_MODEL, ...props });
  return { stack, harness };
}

/** The harness resource's properties. */
export function harnessProperties(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::BedrockAgentCore::Harness');
  const ids = Object.keys(resources);
  if (ids.length !== 1) throw new Error(`expected one harness, found ${ids.length}`);
  return resources[ids[0]].Properties;
}

/** Every statement of the execution role of the harness with id `Harness`. */
export function roleStatements(stack: Stack): any[] {
  return executionRoleStatements(stack, 'Harness');
}

/** The statements of the role's inline `HarnessExecution` policy: what the harness writes itself. */
export function inlineExecutionStatements(stack: Stack): any[] {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  const policies = Object.values(roles).flatMap((r: any) => r.Properties.Policies ?? []);
  const execution = policies.filter((p: any) => p.PolicyName === 'HarnessExecution');
  if (execution.length !== 1) throw new Error(`expected one HarnessExecution policy, found ${execution.length}`);
  return execution[0].PolicyDocument.Statement;
}

/** The base statements every harness role with the default runtime image gets, with the Sids they carry. */
export const BASE_STATEMENTS = [
  {
    Sid: 'XRay',
    Effect: 'Allow',
    Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    Resource: '*',
  },
  {
    Sid: 'LogGroups',
    Effect: 'Allow',
    Action: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
    Resource: arn(':logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/*'),
  },
  {
    Sid: 'DescribeLogGroups',
    Effect: 'Allow',
    Action: 'logs:DescribeLogGroups',
    Resource: arn(':logs:us-east-1:123456789012:log-group:*'),
  },
  {
    Sid: 'LogStreams',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: arn(':logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*'),
  },
  {
    Sid: 'Metrics',
    Effect: 'Allow',
    Action: 'cloudwatch:PutMetricData',
    Resource: '*',
    Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
  },
  {
    Sid: 'WorkloadIdentity',
    Effect: 'Allow',
    Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
    Resource: [
      arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default'),
      arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/*'),
    ],
  },
  {
    Sid: 'PullDefaultRuntimeImage',
    Effect: 'Allow',
    Action: ['ecr-public:GetAuthorizationToken', 'sts:GetServiceBearerToken'],
    Resource: '*',
  },
];

/** Actions that have no resource-level permissions and may therefore use `Resource: '*'`. */
export const STAR_ALLOWED_ACTIONS = new Set([
  'ecr-public:GetAuthorizationToken',
  'sts:GetServiceBearerToken',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'cloudwatch:PutMetricData',
  'bedrock-mantle:CallWithBearerToken',
]);

/** Fails when a statement grants an action outside STAR_ALLOWED_ACTIONS on `*`. */
export function expectNoUnscopedStar(statements: any[]): void {
  for (const statement of statements) {
    const resources = ([] as any[]).concat(statement.Resource);
    if (resources.includes('*')) {
      const actions = ([] as string[]).concat(statement.Action);
      expect(actions.filter(a => !STAR_ALLOWED_ACTIONS.has(a))).toEqual([]);
    }
  }
}
