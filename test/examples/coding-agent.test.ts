import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildExample, iamStatements, stackOf } from './example-stacks';

describe('examples/coding-agent', () => {
  const stack = stackOf(buildExample('coding-agent'), 'CodingAgentStack');
  const template = Template.fromStack(stack);

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('runs sessions in the image built from image/Dockerfile, staged as an arm64 Docker asset', () => {
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      EnvironmentArtifact: { ContainerConfiguration: { ContainerUri: { 'Fn::Sub': Match.stringLikeRegexp('container-assets') } } },
    });
    const assets = stack.node.findAll().filter((node) => node.node.id === 'ContainerImage');
    expect(assets).toHaveLength(1);
  });

  test('declares the escalation model: the role may invoke both inference profiles', () => {
    const statements = iamStatements(template)
      .filter((statement: any) => [statement.Action].flat().includes('bedrock:InvokeModel'));
    const resources = JSON.stringify(statements.map((statement: any) => statement.Resource));
    expect(resources).toContain('inference-profile/us.anthropic.claude-sonnet-4-6');
    expect(resources).toContain('inference-profile/us.anthropic.claude-opus-4-6-v1');
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Model: { BedrockModelConfig: { ModelId: 'us.anthropic.claude-sonnet-4-6' } },
    });
  });

  test('works on pull requests through the source-control gateway target', () => {
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{ Type: 'agentcore_gateway', Name: 'source_control' }],
      Environment: { AgentCoreRuntimeEnvironment: { FilesystemConfigurations: [{ SessionStorage: { MountPath: '/mnt/workspace' } }] } },
    });
    template.hasResourceProperties('AWS::BedrockAgentCore::GatewayTarget', { Name: 'github' });
  });
});
