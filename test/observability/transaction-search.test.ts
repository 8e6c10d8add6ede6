import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TransactionSearch } from '../../src';
import { HarnessValidationError } from '../../src/common/private/errors';
import { createTestApp, createTestStack } from '../support/app';

function synth(configure: (stack: ReturnType<typeof createTestStack>) => void) {
  const app = createTestApp();
  const stack = createTestStack(app);
  configure(stack);
  return { app, stack, template: Template.fromStack(stack) };
}

function handlerStatements(template: Template): unknown[] {
  const functions = template.findResources('AWS::Lambda::Function', {
    Properties: { Description: Match.stringLikeRegexp('Transaction Search') },
  });
  const [fnId] = Object.keys(functions);
  const role = functions[fnId].Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('TransactionSearch', () => {
  test('declares one custom resource with the default 1 percent indexing', () => {
    const { template } = synth((stack) => new TransactionSearch(stack, 'Traces'));
    template.resourceCountIs('Custom::TransactionSearch', 1);
    template.hasResourceProperties('Custom::TransactionSearch', {
      ServiceToken: Match.anyValue(),
      IndexingPercentage: '1',
    });
    // Never the plain resources: they fail where Transaction Search is already on.
    template.resourceCountIs('AWS::XRay::TransactionSearchConfig', 0);
    template.resourceCountIs('AWS::Logs::ResourcePolicy', 0);
  });

  test('passes the indexing percentage and exposes whether this resource enabled it', () => {
    const { template } = synth((s) => {
      const ts = new TransactionSearch(s, 'Traces', { indexingPercentage: 12.5 });
      expect(ts.indexingPercentage).toBe(12.5);
      expect(s.resolve(ts.enabledByThisResource)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Traces/), 'EnabledByThisResource'] });
    });
    template.hasResourceProperties('Custom::TransactionSearch', { IndexingPercentage: '12.5' });
  });

  test('the handler role holds exactly the documented prerequisites, * only where there are no resource-level permissions', () => {
    const { template } = synth((stack) => new TransactionSearch(stack, 'Traces'));
    const slr = 'arn:aws:iam::123456789012:role/aws-service-role/application-signals.cloudwatch.amazonaws.com/AWSServiceRoleForCloudWatchApplicationSignals';
    const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
    expect(handlerStatements(template)).toEqual([
      {
        Effect: 'Allow',
        Action: ['xray:GetTraceSegmentDestination', 'xray:UpdateTraceSegmentDestination', 'xray:GetIndexingRules', 'xray:UpdateIndexingRule'],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutRetentionPolicy'],
        Resource: [
          arn(':logs:us-east-1:123456789012:log-group:aws/spans:*'),
          arn(':logs:us-east-1:123456789012:log-group:/aws/application-signals/data:*'),
        ],
      },
      { Effect: 'Allow', Action: ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies'], Resource: '*' },
      { Effect: 'Allow', Action: 'application-signals:StartDiscovery', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'iam:CreateServiceLinkedRole',
        Resource: arn(slr.slice('arn:aws'.length)),
        Condition: { StringLike: { 'iam:AWSServiceName': 'application-signals.cloudwatch.amazonaws.com' } },
      },
      { Effect: 'Allow', Action: 'iam:GetRole', Resource: arn(slr.slice('arn:aws'.length)) },
      {
        Effect: 'Allow',
        Action: 'cloudtrail:CreateServiceLinkedChannel',
        Resource: arn(':cloudtrail:us-east-1:123456789012:channel/aws-service-channel/application-signals/*'),
      },
    ]);
  });

  test('two declarations in one stack share one provider; each is its own idempotent resource', () => {
    const { template } = synth((stack) => {
      new TransactionSearch(stack, 'A');
      new TransactionSearch(stack, 'B', { indexingPercentage: 100 });
    });
    template.resourceCountIs('Custom::TransactionSearch', 2);
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('Transaction Search') },
    });
    expect(Object.keys(functions)).toHaveLength(1);
  });

  test.each([0, -1, 100.01, 1000, Number.NaN, Number.POSITIVE_INFINITY])('refuses indexingPercentage %p at synth', (value) => {
    const app = createTestApp();
    const stack = createTestStack(app);
    expect(() => new TransactionSearch(stack, 'Traces', { indexingPercentage: value })).toThrow(HarnessValidationError);
    expect(() => new TransactionSearch(stack, 'Traces2', { indexingPercentage: value })).toThrow(
      /^indexingPercentage: .* percent is out of range; it must be greater than 0 and at most 100 percent \(in TestStack\/Traces\d*\)$/);
  });

  test.each([0.01, 1, 100])('accepts indexingPercentage %p', (value) => {
    const { template } = synth((stack) => new TransactionSearch(stack, 'Traces', { indexingPercentage: value }));
    template.hasResourceProperties('Custom::TransactionSearch', { IndexingPercentage: String(value) });
  });

  test.each([
    ['a stack with a fixed account and region', (app: ReturnType<typeof createTestApp>) => createTestStack(app)],
    ['an environment-agnostic stack', (app: ReturnType<typeof createTestApp>) => new Stack(app, 'Agnostic')],
  ])('cdk-nag reports nothing about it in %s: the provider\'s findings are acknowledged with reasons', (_name, makeStack) => {
    const app = createTestApp();
    new TransactionSearch(makeStack(app), 'Traces');
    const report = new AwsSolutionsChecks().validateScope(app);
    const ours = report.violations.flatMap(v => v.violatingResources
      .map(r => r.constructPath ?? '')
      .filter(path => path.includes('TransactionSearch') || path.includes('Traces'))
      .map(path => `${v.ruleName} at ${path}`));
    expect(ours).toEqual([]);
  });
});
