import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildExample, stackOf } from './example-stacks';

describe('examples/quick-start', () => {
  const template = Template.fromStack(stackOf(buildExample('quick-start'), 'QuickStartStack'));

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('defines one harness with a Bedrock model and a travel-planner prompt', () => {
    template.resourceCountIs('AWS::BedrockAgentCore::Harness', 1);
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Model: { BedrockModelConfig: { ModelId: 'us.anthropic.claude-sonnet-4-6' } },
      SystemPrompt: [{ Text: Match.stringLikeRegexp('5-day Tokyo itinerary') }],
    });
  });

  test('relies on the defaults: managed memory rendered explicitly, retained with the stack', () => {
    template.hasResource('AWS::BedrockAgentCore::Harness', {
      Properties: { Memory: { ManagedMemoryConfiguration: Match.anyValue() } },
      DeletionPolicy: 'Retain',
    });
  });
});
