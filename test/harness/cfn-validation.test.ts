import { Template } from 'aws-cdk-lib/assertions';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { createTestApp, createTestStack } from '../support/app';

// Proves the independent check is armed: if createTestApp() stopped turning on
// aws-cdk-lib's bundled CloudFormation validation, templates that the registry
// schema rejects would pass every other test silently.
describe('bundled CloudFormation validation in createTestApp()', () => {
  function rawHarness(model: CfnHarness.HarnessModelConfigurationProperty, tools?: CfnHarness.HarnessToolProperty[]) {
    return (validate: boolean) => {
      const stack = createTestStack(createTestApp({ validate }));
      new CfnHarness(stack, 'Raw', {
        harnessName: 'raw_harness',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        model,
        tools,
      });
      return () => Template.fromStack(stack);
    };
  }

  test('an out-of-range temperature fails synth', () => {
    const build = rawHarness({ bedrockModelConfig: { modelId: 'anthropic.claude-sonnet-4-6', temperature: 5 } });
    expect(build(true)).toThrow(/Temperature|maximum|range/i);
    expect(build(false)).not.toThrow();
  });

  test('a malformed gateway ARN fails synth', () => {
    const build = rawHarness(
      { bedrockModelConfig: { modelId: 'anthropic.claude-sonnet-4-6' } },
      [{ type: 'agentcore_gateway', name: 'gw', config: { agentCoreGateway: { gatewayArn: 'arn:aws:bedrock-agentcore:us-east-1:123:gateway/x' } } }],
    );
    expect(build(true)).toThrow(/GatewayArn|pattern/i);
  });

  test('a valid raw harness passes', () => {
    const build = rawHarness({ bedrockModelConfig: { modelId: 'anthropic.claude-sonnet-4-6', temperature: 1 } });
    expect(build(true)).not.toThrow();
  });
});
