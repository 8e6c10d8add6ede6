import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

const AGENTCORE_SERVICE_PRINCIPAL = 'bedrock-agentcore.amazonaws.com';

/** The name of the inline policy that holds the statements the harness writes itself. */
export const EXECUTION_POLICY_NAME = 'HarnessExecution';

/**
 * The default execution role. It has no `roleName`: IAM names are global, so a
 * fixed name collides across regions and blocks replacement.
 *
 * The harness's own statements are an inline policy of the role (one resource
 * fewer than a separate `AWS::IAM::Policy`, and the same IAM inline-policy quota).
 * Grants made through `grantPrincipal` by other constructs still go to the
 * role's default policy; the harness depends on both.
 */
export function createExecutionRole(scope: Construct, id: string, policy: iam.PolicyDocument): iam.Role {
  const stack = Stack.of(scope);
  return new iam.Role(scope, id, {
    // The service does not document the exact SourceArn it presents when it
    // assumes a harness role (the harness ARN, or the ARN of the runtime it
    // manages). Any AgentCore resource of this account and region is the
    // tightest condition that cannot break the harness.
    assumedBy: new iam.ServicePrincipal(AGENTCORE_SERVICE_PRINCIPAL, {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:bedrock-agentcore:${stack.region}:${stack.account}:*` },
      },
    }),
    description: 'Execution role of an AgentCore harness',
    inlinePolicies: { [EXECUTION_POLICY_NAME]: policy },
  });
}

/** The default workload-identity directory of the stack's account and region, and every identity in it. */
export function workloadIdentityArns(scope: Construct): string[] {
  const { partition, region, account } = Stack.of(scope);
  const directory = `arn:${partition}:bedrock-agentcore:${region}:${account}:workload-identity-directory/default`;
  return [directory, `${directory}/workload-identity/*`];
}

/** Pulling an image from ECR Public (the default runtime image, or a public image). */
export const ECR_PUBLIC_PULL_ACTIONS = ['ecr-public:GetAuthorizationToken', 'sts:GetServiceBearerToken'];

/**
 * The ECR Public pull statement, for the default runtime image or a public image
 * only: neither action has resource-level permissions, so it is granted on `*`.
 */
export function ecrPublicPullStatement(sid: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions: ECR_PUBLIC_PULL_ACTIONS, resources: ['*'] });
}

/**
 * The statements every harness of a stack shares, built once per stack (they
 * depend on nothing but its partition, region and account) and frozen, so that
 * RenderedPolicyDocument also resolves them once for all the stack's harnesses.
 */
const BASE_STATEMENTS = new WeakMap<Stack, iam.PolicyStatement[]>();

/** The statements every harness needs, whatever it is configured with (harness-api.md §13.3). */
export function baseExecutionStatements(scope: Construct): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  let statements = BASE_STATEMENTS.get(stack);
  if (!statements) {
    statements = buildBaseStatements(stack);
    statements.forEach(statement => statement.freeze());
    BASE_STATEMENTS.set(stack, statements);
  }
  return statements;
}

function buildBaseStatements(stack: Stack): iam.PolicyStatement[] {
  const { partition, region, account } = stack;
  const logGroups = `arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*`;
  return [
    // X-Ray has no resource-level permissions for these actions.
    new iam.PolicyStatement({
      sid: 'XRay',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      resources: ['*'],
    }),
    // The runtime's log-group name is service-generated; only its prefix is known.
    new iam.PolicyStatement({
      sid: 'LogGroups',
      actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
      resources: [logGroups],
    }),
    // DescribeLogGroups is authorized against the log-group:* resource (as aws-cdk-lib's Runtime grants it).
    new iam.PolicyStatement({
      sid: 'DescribeLogGroups',
      actions: ['logs:DescribeLogGroups'],
      resources: [`arn:${partition}:logs:${region}:${account}:log-group:*`],
    }),
    new iam.PolicyStatement({
      sid: 'LogStreams',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${logGroups}:log-stream:*`],
    }),
    // PutMetricData has no resource-level permissions; the namespace condition scopes it.
    new iam.PolicyStatement({
      sid: 'Metrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
    }),
    // The workload identity's name is service-generated (reportedly `harness_<name>-…`, undocumented),
    // so the grant covers the default directory's identities, as aws-cdk-lib's identity grants do.
    new iam.PolicyStatement({
      sid: 'WorkloadIdentity',
      actions: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'],
      resources: workloadIdentityArns(stack),
    }),
  ];
}
