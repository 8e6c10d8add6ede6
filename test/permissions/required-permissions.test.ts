import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { canonical, envOf, Pair, rolePairs, toPermissionInput } from './role-vs-module';
import {
  requiredPermissions, requiredStatements, SERVICE_WILDCARD_ACTIONS,
} from '../../src/permissions/private/required-permissions';
import { buildExample } from '../examples/example-stacks';

const EXAMPLES = ['quick-start', 'coding-agent', 'research-writing-agent', 'aws-data-analytics-agent', 'staging-prod-pipeline'];

/**
 * What the harness configuration cannot tell, per example, stated here so that the comparison stays exact:
 * models declared only for per-invocation overrides (`additionalModels`), and grants the example app adds to the
 * role itself (its own data sources), recognised by action prefix.
 */
const NOT_IN_CONFIGURATION: Record<string, { additionalModels?: any[]; appGrants?: string[] }> = {
  'coding-agent': { additionalModels: [{ bedrockModelConfig: { modelId: 'us.anthropic.claude-opus-4-6-v1' } }] },
  'aws-data-analytics-agent': { appGrants: ['athena:', 'glue:', 's3:'] },
};

const key = (p: Pair) => `${p.action} ${p.resource}`;

describe.each(EXAMPLES)('examples/%s: the synthesized execution role allows exactly what the shared module requires', (name) => {
  const example = buildExample(name);
  const harnesses = example.stacks.flatMap((stack) => {
    const template = Template.fromStack(stack);
    return Object.entries(template.findResources('AWS::BedrockAgentCore::Harness')).map(([id, resource]) => ({ stack, template, id, resource }));
  });

  test('has a harness', () => {
    expect(harnesses.length).toBeGreaterThan(0);
  });

  test.each(harnesses.map((h) => [h.id, h] as const))('%s', (_id, { stack, template, id, resource }) => {
    const roleId = resource.Properties.ExecutionRoleArn['Fn::GetAtt'][0];
    const input = toPermissionInput(resource.Properties);
    const extra = NOT_IN_CONFIGURATION[name] ?? {};
    // The managed memory's ARN is an attribute of the harness, not one of its properties.
    const memory = input.memory?.managedMemoryConfiguration
      ? { managedMemoryConfiguration: { ...input.memory.managedMemoryConfiguration, arn: `\${${id}.Memory.ManagedMemoryConfiguration.Arn}` } }
      : input.memory;
    const needed = requiredPermissions({ ...input, memory, additionalModels: extra.additionalModels }, envOf(stack));
    const granted = rolePairs(template, roleId).filter((p) => !(extra.appGrants ?? []).some((prefix) => p.action.startsWith(prefix)));

    const grantedKeys = new Set(granted.map(key));
    const neededKeys = new Set(needed.map((p) => key(p)));
    expect([...neededKeys].filter((k) => !grantedKeys.has(k))).toEqual([]);
    expect([...grantedKeys].filter((k) => !neededKeys.has(k))).toEqual([]);
    // `*` only for the actions without resource-level permissions.
    expect(granted.filter((p) => p.resource === '*').map((p) => p.action).filter((a) => !SERVICE_WILDCARD_ACTIONS.includes(a))).toEqual([]);
    // Conditions as the module states them.
    for (const p of needed.filter((n) => n.conditions)) {
      expect(granted.filter((g) => key(g) === key(p)).map((g) => g.condition)).toEqual([JSON.stringify(p.conditions)]);
    }
  });
});

describe('the module alone', () => {
  const env = { partition: 'aws', region: 'eu-west-1', account: '111122223333' };

  test('a configuration needs the base statements and nothing else', () => {
    const actions = new Set(requiredPermissions({}, env).map((p) => p.action));
    expect(actions).toEqual(new Set([
      'ecr-public:GetAuthorizationToken', 'sts:GetServiceBearerToken', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords',
      'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'logs:CreateLogGroup', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups',
      'logs:CreateLogStream', 'logs:PutLogEvents', 'cloudwatch:PutMetricData', 'bedrock-agentcore:GetWorkloadAccessToken',
      'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
    ]));
  });

  test('a gateway reached with OAuth needs no InvokeGateway, but the provider, its vault and its secret', () => {
    const providerArn = 'arn:aws:bedrock-agentcore:eu-west-1:111122223333:token-vault/default/oauth2credentialprovider/gh';
    const pairs = requiredPermissions({
      tools: [{ config: { agentCoreGateway: { gatewayArn: 'arn:aws:bedrock-agentcore:eu-west-1:111122223333:gateway/g-1', outboundAuth: { oauth: { providerArn } } } } }],
    }, env, { secretArnOf: () => 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:s-1' });
    expect(pairs.some((p) => p.action === 'bedrock-agentcore:InvokeGateway')).toBe(false);
    expect(pairs).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'bedrock-agentcore:GetResourceOauth2Token', resource: providerArn }),
      expect.objectContaining({ action: 'bedrock-agentcore:GetResourceOauth2Token', resource: 'arn:aws:bedrock-agentcore:eu-west-1:111122223333:token-vault/default' }),
      expect.objectContaining({ action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:s-1' }),
    ]));
  });

  test('an S3 skill reads its prefix only; a private ECR image is pulled from its repository', () => {
    const statements = requiredStatements({
      skills: [{ s3: { uri: 's3://skills-bucket/team/skill/' } }],
      environmentArtifact: { containerConfiguration: { containerUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/agent:1.0' } },
    }, env);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::skills-bucket/team/skill/*'] }),
      expect.objectContaining({ actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::skills-bucket'], conditions: { StringLike: { 's3:prefix': ['team/skill/*'] } } }),
      expect.objectContaining({ actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], resources: ['arn:aws:ecr:eu-west-1:111122223333:repository/agent'] }),
    ]));
  });

  test('the module imports no aws-cdk-lib (the bundled CLI uses it)', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'permissions', 'private', 'required-permissions.ts'), 'utf8');
    expect(source).not.toMatch(/from 'aws-cdk-lib|from 'constructs'/);
  });

  test('canonical() turns intrinsics into comparable text', () => {
    const stack = new Stack(new App(), 'S');
    expect(canonical(stack.resolve(`arn:${stack.partition}:x`))).toBe('arn:${AWS::Partition}:x');
    expect(canonical({ 'Fn::GetAtt': ['A', 'Arn'] })).toBe('${A.Arn}');
  });
});
