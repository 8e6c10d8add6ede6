import { HarnessApiKey, HarnessModel } from '../../src';
import { newHarness } from '../harness/helpers';

const KEY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/key';
const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456';

const bedrock = (modelId: string) => HarnessModel.bedrock({ modelId });
const openAi = (modelId: string) => HarnessModel.openAi({ modelId, apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN) });
const gemini = (modelId: string) => HarnessModel.gemini({ modelId, apiKey: HarnessApiKey.fromCredentialProviderArn(KEY_ARN) });
const liteLlm = (modelId: string) => HarnessModel.liteLlm({ modelId });

describe('model ids follow each provider\'s documented form', () => {
  test.each<[string, HarnessModel]>([
    ['Bedrock foundation model', bedrock('anthropic.claude-sonnet-4-6')],
    ['Bedrock versioned id', bedrock('us.anthropic.claude-haiku-4-5-20251001-v1:0')],
    ['Bedrock application inference profile ARN', bedrock(PROFILE_ARN)],
    ['Bedrock foundation-model ARN', bedrock('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6')],
    ['OpenAI', openAi('gpt-5')],
    ['OpenAI fine-tuned', openAi('ft:gpt-4o-mini:my-org:custom:abc123')],
    ['OpenAI-compatible hub id', openAi('meta-llama/Llama-3.3-70B-Instruct')],
    ['Gemini', gemini('gemini-2.5-pro')],
    ['Gemini with models/ prefix', gemini('models/gemini-2.0-flash-001')],
    ['LiteLLM', liteLlm('anthropic/claude-sonnet-4-6')],
    ['LiteLLM through Bedrock', liteLlm('bedrock/converse/us.anthropic.claude-sonnet-4-6')],
    ['LiteLLM vertex_ai', liteLlm('vertex_ai/gemini-2.5-pro')],
  ])('accepts %s', (_, model) => {
    expect(() => newHarness({ model })).not.toThrow();
  });

  test.each<[string, () => HarnessModel, RegExp]>([
    ['Bedrock id with a trailing space', () => bedrock('anthropic.claude-sonnet-4-6 '), /model\.modelId: "anthropic\.claude-sonnet-4-6 " is not a valid Bedrock model id \(it contains whitespace\)/],
    ['Bedrock id with a newline', () => bedrock('anthropic.claude\n'), /not a valid Bedrock model id \(it contains whitespace\)/],
    ['Bedrock id with a slash', () => bedrock('anthropic/claude-sonnet-4-6'), /not a valid Bedrock model id; .*letters, digits/],
    ['Bedrock id with non-ASCII letters', () => bedrock('anthropic.cläude'), /not a valid Bedrock model id/],
    ['Bedrock ARN of another service', () => bedrock('arn:aws:s3:::bucket/model'), /not a valid Bedrock model id; a Bedrock ARN is/],
    ['OpenAI id with a space', () => openAi('gpt 5'), /model\.modelId: "gpt 5" is not a valid OpenAI model id \(it contains whitespace\)/],
    ['OpenAI id with a quote', () => openAi('gpt-5"'), /not a valid OpenAI model id/],
    ['Gemini id with a colon', () => gemini('gemini:2.5'), /not a valid Gemini model id/],
    ['Gemini id with a tab', () => gemini('gemini-2.5-pro\t'), /not a valid Gemini model id \(it contains whitespace\)/],
    ['LiteLLM id without a provider', () => liteLlm('claude-sonnet-4-6'), /not a valid LiteLLM model id; .*"<provider>\/<model>"/],
    ['LiteLLM id with an empty model', () => liteLlm('anthropic/'), /not a valid LiteLLM model id/],
    ['LiteLLM id with an upper-case provider', () => liteLlm('Anthropic/claude'), /not a valid LiteLLM model id/],
    ['LiteLLM id with whitespace', () => liteLlm('anthropic/claude sonnet'), /not a valid LiteLLM model id \(it contains whitespace\)/],
  ])('fails on %s', (_, model, message) => {
    expect(() => newHarness({ model: model() })).toThrow(message);
  });

  test('an additional model is checked under its own path', () => {
    expect(() => newHarness({ model: bedrock('anthropic.claude-sonnet-4-6'), additionalModels: [openAi('gpt 5')] }))
      .toThrow(/additionalModels\[0\]\.modelId: "gpt 5" is not a valid OpenAI model id/);
  });
});
