import { CfnParameter, CfnWaitConditionHandle, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { pipelineWith } from './pipeline-fixture';
import { Harness } from '../../src';
import { MODEL } from '../endpoint/support';

const literal = (stack: Stack) => new Harness(stack, 'Agent', { model: MODEL, harnessName: 'support_agent' });

function promotionProject(template: Template): any {
  const projects = template.findResources('AWS::CodeBuild::Project', {
    Properties: { Source: { BuildSpec: Match.stringLikeRegexp('promote --harness') } },
  });
  const ids = Object.keys(projects);
  expect(ids).toHaveLength(1);
  return projects[ids[0]];
}

function promotionStatements(template: Template): any[] {
  const statements = Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .flatMap(p => p.Properties.PolicyDocument.Statement);
  return statements.filter(s => [s.Action].flat().some((a: string) => a.startsWith('bedrock-agentcore:')));
}

const arn = (resource: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:123456789012:harness/${resource}`]],
});

describe('HarnessPromotionStep', () => {
  test('runs the promote command with the harness ARN read from a stack output', () => {
    const { pipelineStack, agentStack } = pipelineWith(literal);
    const project = promotionProject(Template.fromStack(pipelineStack));
    const buildSpec = JSON.parse(project.Properties.Source.BuildSpec);
    expect(buildSpec.phases.build.commands).toEqual([
      'npx --yes cdk-agentcore-harness promote --harness "$HARNESS_ARN" --from STAGING --to PROD',
    ]);
    expect(project.Properties.TimeoutInMinutes).toBe(30);
    const outputs = Template.fromStack(agentStack).toJSON().Outputs;
    const harnessId = Object.keys(Template.fromStack(agentStack).findResources('AWS::BedrockAgentCore::Harness'))[0];
    expect(Object.values<any>(outputs)).toEqual([expect.objectContaining({ Value: { 'Fn::GetAtt': [harnessId, 'Arn'] } })]);
  });

  test('can only read the two endpoints and update the target: what `promote --from --to` calls', () => {
    const { pipelineStack } = pipelineWith(literal);
    expect(promotionStatements(Template.fromStack(pipelineStack))).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:GetHarnessEndpoint',
        Resource: [arn('support_agent-??????????/harness-endpoint/STAGING'), arn('support_agent-??????????/harness-endpoint/PROD')],
      },
      {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:UpdateHarnessEndpoint',
        Resource: arn('support_agent-??????????/harness-endpoint/PROD'),
      },
    ]);
  });

  test('exposes the harness ARN pattern its role is scoped to', () => {
    const { pipelineStack, step } = pipelineWith(literal);
    expect(pipelineStack.resolve(step.harnessArnPattern)).toEqual(arn('support_agent-??????????'));
  });

  test('a generated name is matched by its literal prefix', () => {
    const { pipelineStack, harness } = pipelineWith((stack) => new Harness(stack, 'Agent', { model: MODEL }));
    const prefix = (Stack.of(harness).resolve(harness.harnessName)['Fn::Join'][1] as unknown[])[0] as string;
    expect(prefix.length).toBeGreaterThan(8);
    const statements = promotionStatements(Template.fromStack(pipelineStack));
    expect(statements[0].Resource).toEqual([
      arn(`${prefix}*-??????????/harness-endpoint/STAGING`), arn(`${prefix}*-??????????/harness-endpoint/PROD`),
    ]);
    expect(statements[1].Resource).toEqual(arn(`${prefix}*-??????????/harness-endpoint/PROD`));
  });

  test('custom endpoints, CLI command, install commands and timeout', () => {
    const { pipelineStack } = pipelineWith(literal, {
      sourceEndpointName: 'BETA',
      targetEndpointName: 'LIVE',
      cliCommand: 'node ./node_modules/cdk-agentcore-harness/assets/cli/main.js',
      installCommands: ['npm ci'],
      timeout: Duration.minutes(10),
    });
    const template = Template.fromStack(pipelineStack);
    const project = promotionProject(template);
    const buildSpec = JSON.parse(project.Properties.Source.BuildSpec);
    expect(buildSpec.phases.install.commands).toEqual(['npm ci']);
    expect(buildSpec.phases.build.commands).toEqual([
      'node ./node_modules/cdk-agentcore-harness/assets/cli/main.js promote --harness "$HARNESS_ARN" --from BETA --to LIVE',
    ]);
    expect(project.Properties.TimeoutInMinutes).toBe(10);
    expect(promotionStatements(template)[1].Resource).toEqual(arn('support_agent-??????????/harness-endpoint/LIVE'));
  });

  test('an imported harness with a literal ARN works', () => {
    const { pipelineStack } = pipelineWith((stack) => {
      new CfnWaitConditionHandle(stack, 'OtherContent');
      return Harness.fromHarnessArn(stack, 'Agent', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/legacy_agent-a1B2c3D4e5');
    });
    expect(promotionStatements(Template.fromStack(pipelineStack))[1].Resource).toEqual(arn('legacy_agent-??????????/harness-endpoint/PROD'));
  });

  describe('validation', () => {
    test.each([
      [{ sourceEndpointName: 'stag-ing' }, /^sourceEndpointName: "stag-ing" does not match/],
      [{ targetEndpointName: '9PROD' }, /^targetEndpointName: "9PROD" does not match/],
      [{ targetEndpointName: 'default' }, /^targetEndpointName: "default" always serves the newest version/],
      [{ sourceEndpointName: 'PROD' }, /^targetEndpointName: "PROD" is also the source/],
    ])('fails for %j', (props, error) => {
      expect(() => pipelineWith(literal, props)).toThrow(error);
    });

    test('fails for a harness whose name is only known at deploy time', () => {
      expect(() => pipelineWith((stack) => Harness.fromHarnessAttributes(stack, 'Agent', {
        harnessArn: new CfnParameter(stack, 'HarnessArn').valueAsString,
      }))).toThrow(/^harness: the name of .*Agent is only known at deploy time/);
    });
  });
});
