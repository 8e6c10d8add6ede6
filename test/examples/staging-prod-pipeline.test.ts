import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildExample, stackOf } from './example-stacks';

const example = () => buildExample('staging-prod-pipeline');

/**
 * cdk-assets destinations end in 8 hex characters derived from the stage's template, so the
 * pipeline stack would change with every change of the stage; the stage has its own snapshot.
 */
function withoutDestinationHashes(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/(\d{12}-[a-z]{2}(?:-[a-z]+)+-\d-)[0-9a-f]{8}(?![0-9a-zA-Z])/g, '$1[DESTINATION]'));
}

describe('examples/staging-prod-pipeline', () => {
  test('the pipeline stack matches the snapshot', () => {
    const built = example();
    expect(withoutDestinationHashes(Template.fromStack(stackOf(built, 'AgentPipeline')).toJSON())).toMatchSnapshot();
  });

  test('the agent stack matches the snapshot', () => {
    const built = example();
    expect(Template.fromStack(stackOf(built, 'Agent')).toJSON()).toMatchSnapshot();
  });

  test('STAGING follows the harness, PROD takes the promotion custom resource\'s version', () => {
    const template = Template.fromStack(stackOf(example(), 'Agent'));
    const harnessId = Object.keys(template.findResources('AWS::BedrockAgentCore::Harness'))[0];
    template.hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', {
      EndpointName: 'STAGING',
      TargetVersion: { 'Fn::GetAtt': [harnessId, 'Version'] },
    });
    const promotion = Object.keys(template.findResources('Custom::HarnessEndpointVersion'))[0];
    template.hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', {
      EndpointName: 'PROD',
      TargetVersion: { 'Fn::GetAtt': [promotion, 'Version'] },
    });
  });

  test('the promotion runs after STAGING\'s smoke test', () => {
    const template = Template.fromStack(stackOf(example(), 'Agent'));
    const smoke = Object.keys(template.findResources('Custom::HarnessSmokeTest'))[0];
    template.hasResource('Custom::HarnessEndpointVersion', { DependsOn: Match.arrayWith([smoke]) });
  });

  test('the pipeline runs the promotion CLI, gated on STAGING\'s evaluation scores, with ARNs from stack outputs', () => {
    const built = example();
    const pipeline = Template.fromStack(stackOf(built, 'AgentPipeline'));
    pipeline.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: {
        BuildSpec: Match.serializedJson(Match.objectLike({
          phases: Match.objectLike({
            build: {
              commands: ['npx --yes cdk-agentcore-harness promote --harness "$HARNESS_ARN" --from STAGING --to PROD '
                + '--evaluation-config "$EVALUATION_CONFIG_ID" --min-score Builtin.Helpfulness=0.8 '
                + '--min-score Builtin.Correctness=0.75 --window 24h --min-sessions 10'],
            },
          }),
        })),
      },
    });
    const agent = Template.fromStack(stackOf(built, 'Agent'));
    const harnessId = Object.keys(agent.findResources('AWS::BedrockAgentCore::Harness'))[0];
    expect(Object.values(agent.toJSON().Outputs)).toContainEqual(expect.objectContaining({ Value: { 'Fn::GetAtt': [harnessId, 'Arn'] } }));
  });

  test('STAGING and PROD are each evaluated online, from their own log group, after their endpoint', () => {
    const template = Template.fromStack(stackOf(example(), 'Agent'));
    template.resourceCountIs('AWS::BedrockAgentCore::OnlineEvaluationConfig', 2);
    for (const [endpoint, sampling] of [['STAGING', 100], ['PROD', 10]] as const) {
      const endpointId = Object.keys(template.findResources('AWS::BedrockAgentCore::HarnessEndpoint', { Properties: { EndpointName: endpoint } }))[0];
      template.hasResource('AWS::BedrockAgentCore::OnlineEvaluationConfig', {
        Properties: {
          DataSourceConfig: {
            CloudWatchLogs: {
              LogGroupNames: [{ 'Fn::Join': ['', ['/aws/bedrock-agentcore/runtimes/', Match.anyValue(), `-${endpoint}`]] }],
              ServiceNames: [{ 'Fn::Join': ['', [Match.anyValue(), `.${endpoint}`]] }],
            },
          },
          Rule: Match.objectLike({ SamplingConfig: { SamplingPercentage: sampling } }),
        },
        DependsOn: Match.arrayWith([endpointId]),
      });
    }
  });

  test('synthesizes without errors or warnings', () => {
    const built = example();
    Template.fromStack(stackOf(built, 'AgentPipeline'));
    for (const stack of built.stacks) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });
});
