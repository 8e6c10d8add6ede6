import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { pipelineWith as pipelineWithStep } from './pipeline-fixture';
import { EvaluatorThreshold, Harness, PromotionEvaluationGateOptions } from '../../src';
import { MODEL } from '../endpoint/support';
import { createTestApp } from '../support/app';

const HELPFUL = EvaluatorThreshold.builtin(agentcore.BuiltinEvaluator.HELPFULNESS, 0.8);

type GateFactory = (stack: Stack) => PromotionEvaluationGateOptions;

/** The STAGING endpoint's own configuration, as aws-cdk-lib's L2 creates it. */
const stagingConfig = (stack: Stack) => new agentcore.OnlineEvaluationConfig(stack, 'StagingQuality', {
  onlineEvaluationConfigName: 'staging_quality',
  evaluators: [agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.HELPFULNESS)],
  dataSource: agentcore.DataSourceConfig.fromCloudWatchLogs({
    logGroupNames: ['/aws/bedrock-agentcore/runtimes/agent-STAGING'], serviceNames: ['agent.STAGING'],
  }),
});

function pipelineWith(gate: GateFactory, app: App = createTestApp()) {
  const harness = (stack: Stack) => new Harness(stack, 'Agent', { model: MODEL, harnessName: 'support_agent' });
  return pipelineWithStep(harness, (agentStack) => ({ evaluationGate: gate(agentStack) }), app);
}

function buildCommands(template: Template): string[] {
  const projects = Object.values<any>(template.findResources('AWS::CodeBuild::Project', {
    Properties: { Source: { BuildSpec: Match.stringLikeRegexp('promote --harness') } },
  }));
  expect(projects).toHaveLength(1);
  return JSON.parse(projects[0].Properties.Source.BuildSpec).phases.build.commands;
}

function logsStatements(template: Template): any[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('logs:FilterLogEvents') || a === 'cloudwatch:GetMetricData'));
}

function agentcoreActions(template: Template): string[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .flatMap((s) => [s.Action].flat())
    .filter((a: string) => a.startsWith('bedrock-agentcore:'));
}

const logGroupArn = (name: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:us-east-1:123456789012:log-group:${name}`]],
});

describe('HarnessPromotionStep evaluationGate', () => {
  test('a configuration of the stage: its id reaches the command through a stack output; the role reads only its result log group', () => {
    const { pipelineStack, agentStack, step } = pipelineWith((stack) => ({
      onlineEvaluationConfig: stagingConfig(stack),
      minScores: [HELPFUL, EvaluatorThreshold.fromEvaluatorId('Builtin.Correctness', 0.7)],
    }));
    const template = Template.fromStack(pipelineStack);
    expect(buildCommands(template)).toEqual([
      'npx --yes cdk-agentcore-harness promote --harness "$HARNESS_ARN" --from STAGING --to PROD ' +
      '--evaluation-config "$EVALUATION_CONFIG_ID" --min-score Builtin.Helpfulness=0.8 --min-score Builtin.Correctness=0.7 ' +
      '--window 24h --min-sessions 10',
    ]);
    const configLogicalId = Object.keys(Template.fromStack(agentStack).findResources('AWS::BedrockAgentCore::OnlineEvaluationConfig'))[0];
    expect(Object.values<any>(Template.fromStack(agentStack).toJSON().Outputs)).toContainEqual(expect.objectContaining({
      Value: { 'Fn::GetAtt': [configLogicalId, 'OnlineEvaluationConfigId'] },
    }));
    // The variable is wired from that output into the CodeBuild action.
    const actions = Object.values<any>(template.findResources('AWS::CodePipeline::Pipeline'))[0].Properties.Stages
      .flatMap((s: any) => s.Actions);
    const promote = actions.find((a: any) => a.Name === 'Promote');
    expect(JSON.parse(promote.Configuration.EnvironmentVariables).map((v: any) => v.name).sort()).toEqual(['EVALUATION_CONFIG_ID', 'HARNESS_ARN']);

    const pattern = '/aws/bedrock-agentcore/evaluations/results/staging_quality-??????????';
    expect(logsStatements(template)).toEqual([{
      Effect: 'Allow',
      Action: 'logs:FilterLogEvents',
      Resource: [logGroupArn(pattern), logGroupArn(`${pattern}:*`)],
    }]);
    expect(pipelineStack.resolve(step.evaluationResultsLogGroupArns)).toEqual([logGroupArn(pattern), logGroupArn(`${pattern}:*`)]);
    // The gate adds no AgentCore permission.
    expect(agentcoreActions(template).sort()).toEqual(['bedrock-agentcore:GetHarnessEndpoint', 'bedrock-agentcore:UpdateHarnessEndpoint']);
  });

  test('an imported configuration: its literal id goes into the command and scopes the permission exactly', () => {
    const { pipelineStack, agentStack } = pipelineWith((stack) => ({
      onlineEvaluationConfig: agentcore.OnlineEvaluationConfig.fromOnlineEvaluationConfigId(stack, 'Quality', 'staging_quality-a1B2c3D4e5'),
      minScores: [EvaluatorThreshold.fromEvaluatorId('arn:aws:bedrock-agentcore:us-east-1:123456789012:evaluator/tone-AbCdEfGhIj', 0.65)],
      window: Duration.days(7),
      minSessions: 25,
    }));
    const template = Template.fromStack(pipelineStack);
    expect(buildCommands(template)[0]).toMatch(/ --evaluation-config staging_quality-a1B2c3D4e5 --min-score tone-AbCdEfGhIj=0\.65 --window 7d --min-sessions 25$/);
    const name = '/aws/bedrock-agentcore/evaluations/results/staging_quality-a1B2c3D4e5';
    expect(logsStatements(template)).toEqual([{ Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: [logGroupArn(name), logGroupArn(`${name}:*`)] }]);
    expect(Object.values<any>(Template.fromStack(agentStack).toJSON().Outputs ?? {})
      .filter((o) => o.Description?.includes('evaluation gate'))).toEqual([]);
  });

  test('a custom result log group is passed on and is the only one the role can read', () => {
    const { pipelineStack } = pipelineWith((stack) => ({
      onlineEvaluationConfig: stagingConfig(stack),
      minScores: [HELPFUL],
      window: Duration.minutes(90),
      resultsLogGroupName: '/quality/staging',
    }));
    const template = Template.fromStack(pipelineStack);
    expect(buildCommands(template)[0]).toMatch(/ --window 90m --min-sessions 10 --evaluation-log-group '\/quality\/staging'$/);
    expect(logsStatements(template)).toEqual([{
      Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: [logGroupArn('/quality/staging'), logGroupArn('/quality/staging:*')],
    }]);
  });

  test('without a gate the role gets no log permission and the command no gate flag', () => {
    const harness = (stack: Stack) => new Harness(stack, 'Agent', { model: MODEL, harnessName: 'support_agent' });
    const { pipelineStack, step } = pipelineWithStep(harness);
    expect(step.evaluationResultsLogGroupArns).toEqual([]);
    const template = Template.fromStack(pipelineStack);
    expect(buildCommands(template)[0]).not.toMatch(/evaluation/);
    expect(logsStatements(template)).toEqual([]);
  });

  describe('validation', () => {
    const gateWith = (props: Partial<PromotionEvaluationGateOptions>): GateFactory => (stack) => ({
      onlineEvaluationConfig: agentcore.OnlineEvaluationConfig.fromOnlineEvaluationConfigId(stack, 'Quality', 'staging_quality-a1B2c3D4e5'),
      minScores: [HELPFUL],
      ...props,
    });
    test.each<[string, Partial<PromotionEvaluationGateOptions>, RegExp]>([
      ['no threshold', { minScores: [] }, /^evaluationGate\.minScores: has 0 thresholds; give 1 to 10/],
      ['eleven thresholds', { minScores: Array.from({ length: 11 }, (_, i) => EvaluatorThreshold.fromEvaluatorId(`Builtin.E${i}`, 0.5)) }, /^evaluationGate\.minScores: has 11 thresholds/],
      ['a score above 1', { minScores: [EvaluatorThreshold.fromEvaluatorId('Builtin.Helpfulness', 1.2)] }, /^evaluationGate\.minScores\[0\]\.minScore: 1\.2 must be a score from 0 to 1/],
      ['a negative score', { minScores: [HELPFUL, EvaluatorThreshold.fromEvaluatorId('Builtin.Correctness', -0.1)] }, /^evaluationGate\.minScores\[1\]\.minScore: -0\.1 must be/],
      ['a NaN score', { minScores: [EvaluatorThreshold.fromEvaluatorId('Builtin.Helpfulness', NaN)] }, /^evaluationGate\.minScores\[0\]\.minScore: NaN must be/],
      ['a bare evaluator name', { minScores: [EvaluatorThreshold.fromEvaluatorId('Helpfulness', 0.5)] }, /^evaluationGate\.minScores\[0\]\.evaluatorId: "Helpfulness" is not an evaluator; give Builtin\.<Name>/],
      ['a malformed custom id', { minScores: [EvaluatorThreshold.fromEvaluatorId('tone-short', 0.5)] }, /^evaluationGate\.minScores\[0\]\.evaluatorId: "tone-short" is not an evaluator/],
      ['a duplicate', { minScores: [HELPFUL, EvaluatorThreshold.fromEvaluatorId('Builtin.Helpfulness', 0.5)] }, /^evaluationGate\.minScores\[1\]\.evaluatorId: "Builtin\.Helpfulness" has two thresholds/],
      ['a window under 5 minutes', { window: Duration.minutes(4) }, /^evaluationGate\.window: 4 minutes must be a whole number of minutes from 5 minutes to 30 days/],
      ['a window over 30 days', { window: Duration.days(31) }, /^evaluationGate\.window: 31 days must be/],
      ['a window of fractional minutes', { window: Duration.seconds(390) }, /^evaluationGate\.window: 6 minutes 30 seconds must be/],
      ['zero sessions', { minSessions: 0 }, /^evaluationGate\.minSessions: 0 must be a whole number of sessions from 1 to 100000/],
      ['fractional sessions', { minSessions: 2.5 }, /^evaluationGate\.minSessions: 2\.5 must be/],
      ['a log group name with spaces', { resultsLogGroupName: 'my results' }, /^evaluationGate\.resultsLogGroupName: "my results" does not match/],
    ])('fails for %s', (_, props, error) => {
      expect(() => pipelineWith(gateWith(props))).toThrow(error);
    });

    test('fails for an imported id that is not an online evaluation configuration id', () => {
      expect(() => pipelineWith((stack) => ({
        onlineEvaluationConfig: agentcore.OnlineEvaluationConfig.fromOnlineEvaluationConfigId(stack, 'Quality', 'staging_quality'),
        minScores: [HELPFUL],
      }))).toThrow(/^evaluationGate\.onlineEvaluationConfig: its id "staging_quality" is not an online evaluation configuration id/);
    });

    test('fails for a configuration whose id and name are only known at deploy time', () => {
      expect(() => pipelineWith((stack) => ({
        onlineEvaluationConfig: agentcore.OnlineEvaluationConfig.fromOnlineEvaluationConfigId(stack, 'Quality', new CfnParameter(stack, 'ConfigId').valueAsString),
        minScores: [HELPFUL],
      }))).toThrow(/^evaluationGate\.onlineEvaluationConfig: the name of .*Quality is only known at deploy time/);
    });
  });
});
