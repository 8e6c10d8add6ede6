import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  EndpointVersionPolicy, Harness, HarnessEndpoint, HarnessModel, HarnessNagAcknowledgements, HarnessOnlineEvaluation,
} from '../../src';
import { HarnessValidationError } from '../../src/common/private/errors';
import { endpointResource, harnessStack, importedHarness, onlyId } from '../endpoint/support';
import { createTestApp } from '../support/app';

const HELPFULNESS = agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.HELPFULNESS);
const CORRECTNESS = agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.CORRECTNESS);
const WARNING = 'cdk-agentcore-harness:online-evaluation-transaction-search';

const runtimeAttr = (attribute: string) =>
  ({ 'Fn::GetAtt': [Match.stringLikeRegexp('^Harness'), `Environment.AgentCoreRuntimeEnvironment.${attribute}`] });
const logGroup = (endpoint: string) =>
  ({ 'Fn::Join': ['', ['/aws/bedrock-agentcore/runtimes/', runtimeAttr('AgentRuntimeId'), `-${endpoint}`]] });
const serviceName = (endpoint: string) =>
  ({ 'Fn::Join': ['', [runtimeAttr('AgentRuntimeName'), `.${endpoint}`]] });
const logsArn = (name: unknown[]) =>
  ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ...name]] });

function stagingAndProd() {
  const { stack, harness } = harnessStack();
  const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
  const prod = harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(staging) });
  return { stack, harness, staging, prod };
}

describe('HarnessOnlineEvaluation', () => {
  test('derives the log group and service name of each endpoint (STAGING and PROD separately)', () => {
    const { stack, staging, prod } = stagingAndProd();
    new HarnessOnlineEvaluation(stack, 'StagingEvaluation', { endpoint: staging, evaluators: [HELPFULNESS, CORRECTNESS] });
    new HarnessOnlineEvaluation(stack, 'ProdEvaluation', { endpoint: prod, evaluators: [HELPFULNESS], samplingPercentage: 2.5 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::BedrockAgentCore::OnlineEvaluationConfig', 2);
    template.hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      DataSourceConfig: { CloudWatchLogs: { LogGroupNames: [logGroup('STAGING')], ServiceNames: [serviceName('STAGING')] } },
      Evaluators: [{ EvaluatorId: 'Builtin.Helpfulness' }, { EvaluatorId: 'Builtin.Correctness' }],
      Rule: { SamplingConfig: { SamplingPercentage: 10 }, SessionConfig: { SessionTimeoutMinutes: 15 } },
      OnlineEvaluationConfigName: Match.stringLikeRegexp('^[a-zA-Z][a-zA-Z0-9_]{0,47}$'),
    });
    template.hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      DataSourceConfig: { CloudWatchLogs: { LogGroupNames: [logGroup('PROD')], ServiceNames: [serviceName('PROD')] } },
      Evaluators: [{ EvaluatorId: 'Builtin.Helpfulness' }],
      Rule: { SamplingConfig: { SamplingPercentage: 2.5 } },
    });
    // Generated names differ, so both configurations can exist in one account and region.
    const names = Object.values(template.findResources('AWS::BedrockAgentCore::OnlineEvaluationConfig'))
      .map((r: any) => r.Properties.OnlineEvaluationConfigName);
    expect(new Set(names).size).toBe(2);
  });

  test('waits for its endpoint; a custom evaluator, name, timeout and description pass through', () => {
    const { stack, staging } = stagingAndProd();
    const evaluator = agentcore.Evaluator.fromEvaluatorAttributes(stack, 'Custom', {
      evaluatorArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:evaluator/tone-AbCdEf1234',
      evaluatorId: 'tone-AbCdEf1234',
      evaluatorName: 'tone',
    });
    const evaluation = new HarnessOnlineEvaluation(stack, 'Evaluation', {
      endpoint: staging,
      evaluators: [agentcore.EvaluatorSelector.custom(evaluator)],
      configName: 'support_staging',
      sessionTimeout: Duration.minutes(30),
      description: 'Tone of STAGING answers',
    });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      Properties: {
        OnlineEvaluationConfigName: 'support_staging',
        Evaluators: [{ EvaluatorId: 'tone-AbCdEf1234' }],
        Rule: { SessionConfig: { SessionTimeoutMinutes: 30 } },
        Description: 'Tone of STAGING answers',
      },
      DependsOn: Match.arrayWith([endpointResource(template, 'STAGING').id]),
    });
    const configId = onlyId(template, 'AWS::BedrockAgentCore::OnlineEvaluationConfig');
    expect(stack.resolve(evaluation.onlineEvaluationConfigId)).toEqual({ 'Fn::GetAtt': [configId, 'OnlineEvaluationConfigId'] });
    expect(stack.resolve(evaluation.onlineEvaluationConfigArn)).toEqual({ 'Fn::GetAtt': [configId, 'OnlineEvaluationConfigArn'] });
    expect(evaluation.onlineEvaluationConfigName).toBe('support_staging');
  });

  test('the default evaluation role: trust with confused-deputy conditions and exactly these statements', () => {
    const { stack, staging } = stagingAndProd();
    const evaluation = new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint: staging, evaluators: [HELPFULNESS] });
    const template = Template.fromStack(stack);
    const roleId = stack.getLogicalId(evaluation.executionRole!.node.defaultChild as CfnResource);
    template.hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      EvaluationExecutionRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    expect(template.toJSON().Resources[roleId].Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:ResourceAccount': '123456789012' },
          ArnLike: {
            'aws:SourceArn': [
              logsArn([':bedrock-agentcore:us-east-1:123456789012:evaluator/*']),
              logsArn([':bedrock-agentcore:us-east-1:123456789012:online-evaluation-config/*']),
            ],
          },
        },
      }],
    });
    expect(template.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    const runtimeLogGroup = (suffix: string) => logsArn([
      ':logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/', runtimeAttr('AgentRuntimeId'), `-STAGING${suffix}`,
    ]);
    const spans = [
      logsArn([':logs:us-east-1:123456789012:log-group:aws/spans']),
      logsArn([':logs:us-east-1:123456789012:log-group:aws/spans:*']),
    ];
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    expect(Object.keys(policies)).toHaveLength(1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'CloudWatchLogDescribeStatement', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
          {
            Sid: 'CloudWatchLogQueryStatement',
            Effect: 'Allow',
            Action: ['logs:GetQueryResults', 'logs:StartQuery'],
            Resource: [runtimeLogGroup(''), runtimeLogGroup(':*'), ...spans],
          },
          {
            Sid: 'CloudWatchLogWriteStatement',
            Effect: 'Allow',
            Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: logsArn([':logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/evaluations/*']),
          },
          {
            Sid: 'CloudWatchIndexPolicyStatement',
            Effect: 'Allow',
            Action: ['logs:DescribeIndexPolicies', 'logs:PutIndexPolicy'],
            Resource: spans,
          },
          {
            Sid: 'BedrockInvokeStatement',
            Effect: 'Allow',
            Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
            Resource: [
              logsArn([':bedrock:*::foundation-model/*']),
              logsArn([':bedrock:*:123456789012:inference-profile/*']),
            ],
          },
        ],
      },
    });
    // No other policy grants the role anything.
    const others = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p: any) => JSON.stringify(p.Properties.Roles ?? []).includes(roleId));
    expect(others).toHaveLength(1);
  });

  test('a role passed in is used as is; no role is created', () => {
    const { stack, staging } = stagingAndProd();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/evaluation');
    new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint: staging, evaluators: [HELPFULNESS], executionRole: role });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      EvaluationExecutionRoleArn: 'arn:aws:iam::123456789012:role/evaluation',
    });
    expect(Object.keys(template.findResources('AWS::IAM::Role', { Properties: { Description: 'Execution role for Bedrock AgentCore Online Evaluation' } })))
      .toHaveLength(0);
  });

  test('depends on the Transaction Search construct when given, without a warning', () => {
    const { stack, staging } = stagingAndProd();
    const transactionSearch = new CfnResource(stack, 'TransactionSearch', { type: 'AWS::XRay::TransactionSearchConfig' });
    new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint: staging, evaluators: [HELPFULNESS], transactionSearch });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
      DependsOn: Match.arrayWith([onlyId(template, 'AWS::XRay::TransactionSearchConfig')]),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
  });

  test('warns that Transaction Search must be enabled when no construct is given', () => {
    const { stack, staging } = stagingAndProd();
    new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint: staging, evaluators: [HELPFULNESS] });
    Annotations.fromStack(stack).hasWarning('/TestStack/Evaluation',
      Match.stringLikeRegexp(`Transaction Search.*\\[ack: ${WARNING}\\]`));
  });

  describe('invalid input', () => {
    const fails = (props: Partial<ConstructorParameters<typeof HarnessOnlineEvaluation>[2]>, message: RegExp) => {
      const { stack, staging } = stagingAndProd();
      expect(() => new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint: staging, evaluators: [HELPFULNESS], ...props }))
        .toThrow(message);
      expect(() => new HarnessOnlineEvaluation(stack, 'Again', { endpoint: staging, evaluators: [HELPFULNESS], ...props }))
        .toThrow(HarnessValidationError);
    };

    test('no evaluators', () => fails({ evaluators: [] }, /evaluators: has 0 items; it must have between 1 and 10/));
    test('eleven evaluators', () => fails({
      evaluators: Array.from({ length: 11 }, (_, i) => agentcore.EvaluatorSelector.builtin(new agentcore.BuiltinEvaluator(`Builtin.E${i}`))),
    }, /evaluators: has 11 items; it must have between 1 and 10/));
    test('an evaluator twice', () => fails({ evaluators: [HELPFULNESS, HELPFULNESS] }, /evaluators: "Builtin.Helpfulness" is listed twice/));
    test('sampling 0 %', () => fails({ samplingPercentage: 0 }, /samplingPercentage: 0 % is out of range; it must be between 0.01 and 100 %/));
    test('sampling above 100 %', () => fails({ samplingPercentage: 150 }, /samplingPercentage: 150 % is out of range; it must be between 0.01 and 100 %/));
    test('sampling not a number', () => fails({ samplingPercentage: NaN }, /samplingPercentage: NaN is not a finite number/));
    test('session timeout too long', () => fails({ sessionTimeout: Duration.hours(25) },
      /sessionTimeout: 1 day 1 hour is not allowed; it must be a whole number of minutes between 1 and 1440/));
    test('session timeout in seconds', () => fails({ sessionTimeout: Duration.seconds(30) },
      /sessionTimeout: 30 seconds is not allowed; it must be a whole number of minutes between 1 and 1440/));
    test('config name with a hyphen', () => fails({ configName: 'support-staging' },
      /configName: "support-staging" does not match a letter, then up to 47 letters, digits or _/));
    test('config name too long', () => fails({ configName: `a${'b'.repeat(48)}` }, /configName: "ab{48}" does not match/));
    test('description too long', () => fails({ description: 'x'.repeat(201) }, /description: .* is 201 characters long; it must be at most 200/));

    test('an endpoint of an imported harness', () => {
      const { stack } = harnessStack();
      const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'ImportedEndpoint', {
        harness: importedHarness(stack), endpointName: 'PROD',
      });
      expect(() => new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint, evaluators: [HELPFULNESS] }))
        .toThrow(/endpoint: "PROD" belongs to TestStack\/Imported, which is imported/);
    });
  });
});

describe.each([
  ['without an environment', undefined],
  ['with an explicit environment', { account: '123456789012', region: 'us-east-1' }],
])('cdk-nag acknowledgements of the evaluation role, in a stack %s', (_, env) => {
  function build(acknowledgeRole: boolean) {
    const app = createTestApp();
    const stack = new Stack(app, 'Agents', { env });
    const harness = new Harness(stack, 'Agent', { model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }) });
    HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards(harness);
    const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
    const evaluation = new HarnessOnlineEvaluation(stack, 'Evaluation', { endpoint: staging, evaluators: [HELPFULNESS] });
    if (acknowledgeRole) HarnessNagAcknowledgements.acknowledgeOnlineEvaluationRoleWildcards(evaluation);
    const report = new AwsSolutionsChecks().validateScope(app);
    return { app, findings: report.violations.flatMap(v => v.violatingResources.map(r => `${v.ruleName} at ${r.constructPath}`)) };
  }

  test('without them, only the evaluation role has findings', () => {
    const { findings } = build(false);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter(f => !f.endsWith(' at Agents/Evaluation/Config/ExecutionRole/DefaultPolicy/Resource'))).toEqual([]);
  });

  test('with them, nothing is left and the app synthesizes', () => {
    const { app, findings } = build(true);
    expect(findings).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });
});
