import { Lazy } from 'aws-cdk-lib';
import { ApiKeyCredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessApiKey, HarnessModel } from '../../src';
import { BEDROCK_MODEL, newHarness } from '../harness/helpers';
import { createTestStack } from '../support/app';

const KEY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/key';

function build(model: HarnessModel) {
  return () => newHarness({ model });
}

describe('model validation', () => {
  test.each<[string, () => HarnessModel, RegExp]>([
    ['empty model id', () => HarnessModel.bedrock({ modelId: '' }), /model\.modelId: "" is 0 characters long; it must be at least 1/],
    ['temperature below 0', () => HarnessModel.bedrock({ modelId: 'm', temperature: -0.1 }), /model\.temperature: -0\.1 is out of range; it must be between 0 and 2/],
    ['temperature above 2', () => HarnessModel.bedrock({ modelId: 'm', temperature: 2.5 }), /model\.temperature: 2\.5 .*between 0 and 2/],
    ['topP above 1', () => HarnessModel.bedrock({ modelId: 'm', topP: 1.01 }), /model\.topP: 1\.01 .*between 0 and 1/],
    ['topP below 0', () => HarnessModel.openAi({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), topP: -1 }), /model\.topP: -1 .*between 0 and 1/],
    ['maxTokens 0', () => HarnessModel.bedrock({ modelId: 'm', maxTokens: 0 }), /model\.maxTokens: 0 .*at least 1/],
    ['fractional maxTokens', () => HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), maxTokens: 1.5 }), /model\.maxTokens: 1\.5 must be a whole number/],
    ['additionalParams array', () => HarnessModel.bedrock({ modelId: 'm', additionalParams: [1, 2] as any }), /model\.additionalParams: \[1,2\] must be a JSON object/],
    ['additionalParams empty key', () => HarnessModel.bedrock({ modelId: 'm', additionalParams: { '': 1 } }), /model\.additionalParams key: "" .*at least 1/],
    ['additionalParams long key', () => HarnessModel.liteLlm({ modelId: 'openai/m', additionalParams: { ['k'.repeat(257)]: 1 } }), /model\.additionalParams key: .* is 257 characters long; it must be at most 256/],
    ['Gemini topK above 500', () => HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), topK: 501 }), /model\.topK: 501 .*between 0 and 500/],
    ['Gemini topK below 0', () => HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), topK: -1 }), /model\.topK: -1 .*between 0 and 500/],
    ['Gemini fractional topK', () => HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), topK: 2.5 }), /model\.topK: 2\.5 must be a whole number/],
    ['OpenAI empty apiBase', () => HarnessModel.openAi({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), apiBase: '' }), /model\.apiBase: "" .*at least 1/],
    ['LiteLLM apiBase too long', () => HarnessModel.liteLlm({ modelId: 'openai/m', apiBase: 'x'.repeat(16384) }), /model\.apiBase: .* is 16384 characters long; it must be at most 16383/],
    ['OpenAI without a key', () => HarnessModel.openAi({ modelId: 'm' } as any), /model\.apiKey: must be set/],
    ['Gemini without a key', () => HarnessModel.gemini({ modelId: 'm' } as any), /model\.apiKey: must be set/],
    ['API key ARN of another kind', () => HarnessModel.liteLlm({ modelId: 'openai/m', apiKey: HarnessApiKey.fromCredentialProviderArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/x') }),
      /model\.apiKey: .* does not match/],
  ])('fails on %s', (_, model, message) => {
    expect(build(model())).toThrow(message);
  });

  test.each([
    ['an OAuth2 provider', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/x'],
  ])('fails when the apiKey provider ARN is %s, which CloudFormation rejects as apiKeyArn', (_, credentialProviderArn) => {
    const key = (stack: ReturnType<typeof createTestStack>) =>
      ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(stack, 'Key', { credentialProviderArn });
    const one = createTestStack();
    expect(() => newHarness({ model: HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProvider(key(one)) }) }, one))
      .toThrow(/model\.apiKey: ".*" does not match an API-key credential provider ARN/);
    const two = createTestStack();
    expect(() => newHarness({ model: BEDROCK_MODEL, additionalModels: [HarnessModel.liteLlm({ modelId: 'openai/m', apiKey: HarnessApiKey.fromCredentialProvider(key(two)) })] }, two))
      .toThrow(/additionalModels\[0\]\.apiKey: ".*" does not match/);
  });

  test('additional models are checked under their own path', () => {
    expect(() => newHarness({ model: BEDROCK_MODEL, additionalModels: [BEDROCK_MODEL, HarnessModel.bedrock({ modelId: 'm', temperature: 3 })] }))
      .toThrow(/additionalModels\[1\]\.temperature: 3 .*between 0 and 2/);
  });

  test('boundary values are accepted', () => {
    expect(() => newHarness({ model: HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), temperature: 2, topP: 0, topK: 500, maxTokens: 1 }) })).not.toThrow();
    expect(() => newHarness({ model: HarnessModel.gemini({ modelId: 'm', apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN), temperature: 0, topP: 1, topK: 0 }) })).not.toThrow();
  });

  test('tokens are not validated', () => {
    const n = (v: number) => Lazy.number({ produce: () => v });
    expect(() => newHarness({
      model: HarnessModel.gemini({
        modelId: Lazy.string({ produce: () => 'gemini' }),
        apiKey: HarnessApiKey.fromCredentialProviderArn(Lazy.string({ produce: () => KEY_ARN })),
        temperature: n(1),
        topP: n(1),
        topK: n(1),
        maxTokens: n(1),
      }),
    })).not.toThrow();
  });
});
