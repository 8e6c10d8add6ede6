import { Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ApiKeyCredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import { Stack } from 'aws-cdk-lib/core';
import { BedrockApiFormat, HarnessApiKey, HarnessMemory, HarnessModel, OpenAiApiFormat } from '../../src';
import { arn, BASE_STATEMENTS, expectNoUnscopedStar, harnessProperties, newHarness, roleStatements } from '../harness/helpers';
import { createTestStack } from '../support/app';

const PROVIDER_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/openai';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/apikey/openai-AbCdEf';
const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

function importedProvider(stack: Stack) {
  return ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(stack, 'Key', {
    credentialProviderArn: PROVIDER_ARN,
    apiKeySecretArn: SECRET_ARN,
  });
}

/** The statements the model added after the base statements (memory disabled, so nothing else). */
function modelStatements(model: HarnessModel, additionalModels?: HarnessModel[]): any[] {
  const { stack } = newHarness({ model, additionalModels, memory: HarnessMemory.disabled() });
  const statements = roleStatements(stack);
  expect(statements.slice(0, BASE_STATEMENTS.length)).toEqual(BASE_STATEMENTS);
  expectNoUnscopedStar(statements);
  return statements.slice(BASE_STATEMENTS.length);
}

describe('Bedrock model', () => {
  test('renders every setting in bedrockModelConfig', () => {
    const { stack } = newHarness({
      model: HarnessModel.bedrock({
        modelId: 'anthropic.claude-sonnet-4-6',
        apiFormat: BedrockApiFormat.CONVERSE_STREAM,
        temperature: 0.5,
        topP: 0.9,
        maxTokens: 4096,
        additionalParams: { thinking: { type: 'enabled' } },
      }),
    });
    expect(harnessProperties(stack).Model).toEqual({
      BedrockModelConfig: {
        ModelId: 'anthropic.claude-sonnet-4-6',
        ApiFormat: 'converse_stream',
        Temperature: 0.5,
        TopP: 0.9,
        MaxTokens: 4096,
        AdditionalParams: { thinking: { type: 'enabled' } },
      },
    });
  });

  test.each([
    ['a foundation model', 'anthropic.claude-sonnet-4-6',
      [arn(':bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6')]],
    ['a US inference profile', 'us.anthropic.claude-sonnet-4-6', [
      arn(':bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6'),
      arn(':bedrock:*::foundation-model/anthropic.claude-sonnet-4-6'),
    ]],
    ['an EU inference profile', 'eu.amazon.nova-pro-v1:0', [
      arn(':bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0'),
      arn(':bedrock:*::foundation-model/amazon.nova-pro-v1:0'),
    ]],
    ['an APAC inference profile', 'apac.anthropic.claude-3-5-sonnet-20240620-v1:0', [
      arn(':bedrock:us-east-1:123456789012:inference-profile/apac.anthropic.claude-3-5-sonnet-20240620-v1:0'),
      arn(':bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0'),
    ]],
    ['a global inference profile', 'global.anthropic.claude-sonnet-4-6', [
      arn(':bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-6'),
      arn(':bedrock:*::foundation-model/anthropic.claude-sonnet-4-6'),
    ]],
    ['an inference-profile ARN', 'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.meta.llama3-1-8b-instruct-v1:0', [
      'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.meta.llama3-1-8b-instruct-v1:0',
      arn(':bedrock:*::foundation-model/meta.llama3-1-8b-instruct-v1:0'),
    ]],
    ['a foundation-model ARN', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0',
      'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0'],
  ])('grants InvokeModel on exactly the resources of %s', (_, modelId, resources) => {
    expect(modelStatements(HarnessModel.bedrock({ modelId }))).toEqual([
      { Effect: 'Allow', Action: INVOKE, Resource: resources.length === 1 ? resources[0] : resources },
    ]);
  });

  test.each([BedrockApiFormat.RESPONSES, BedrockApiFormat.CHAT_COMPLETIONS])('api format %p adds Bedrock Mantle', (apiFormat) => {
    expect(modelStatements(HarnessModel.bedrock({ modelId: 'openai.gpt-oss-120b-1:0', apiFormat }))).toEqual([
      { Effect: 'Allow', Action: INVOKE, Resource: arn(':bedrock:us-east-1::foundation-model/openai.gpt-oss-120b-1:0') },
      { Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: arn(':bedrock-mantle:us-east-1:123456789012:*') },
      { Effect: 'Allow', Action: 'bedrock-mantle:CallWithBearerToken', Resource: '*' },
    ]);
  });

  test('the converse format has no Mantle permissions', () => {
    const statements = modelStatements(HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6', apiFormat: BedrockApiFormat.CONVERSE_STREAM }));
    expect(JSON.stringify(statements)).not.toContain('bedrock-mantle');
  });

  test('an application inference profile is granted by ARN and warns that its models need a grant', () => {
    const profileArn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdef123456';
    const { stack } = newHarness({ model: HarnessModel.bedrock({ modelId: profileArn }), memory: HarnessMemory.disabled() });
    expect(roleStatements(stack).slice(BASE_STATEMENTS.length)).toEqual([{ Effect: 'Allow', Action: INVOKE, Resource: profileArn }]);
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness', Match.stringLikeRegexp('application-inference-profile'));
  });

  test('a token model id does not throw, grants foundation models only and warns', () => {
    const modelId = Lazy.string({ produce: () => 'anthropic.claude-sonnet-4-6' });
    const { stack } = newHarness({ model: HarnessModel.bedrock({ modelId }), memory: HarnessMemory.disabled() });
    expect(roleStatements(stack).slice(BASE_STATEMENTS.length)).toEqual([
      { Effect: 'Allow', Action: INVOKE, Resource: arn(':bedrock:*::foundation-model/*') },
    ]);
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness', Match.stringLikeRegexp('model-id-token'));
  });
});

describe('API-key models', () => {
  test('OpenAI with a credential provider renders its ARN and grants that provider and its given secret only', () => {
    const stack = createTestStack();
    const apiKey = importedProvider(stack);
    newHarness({
      model: HarnessModel.openAi({
        modelId: 'gpt-5',
        apiKey: HarnessApiKey.fromCredentialProvider(apiKey),
        apiFormat: OpenAiApiFormat.RESPONSES,
        apiBase: 'https://proxy.example.com/v1',
        temperature: 1,
        topP: 0.5,
        maxTokens: 100,
        additionalParams: { reasoning_effort: 'low' },
      }),
      memory: HarnessMemory.disabled(),
    }, stack);
    expect(harnessProperties(stack).Model).toEqual({
      OpenAiModelConfig: {
        ModelId: 'gpt-5',
        ApiKeyArn: PROVIDER_ARN,
        ApiFormat: 'responses',
        ApiBase: 'https://proxy.example.com/v1',
        Temperature: 1,
        TopP: 0.5,
        MaxTokens: 100,
        AdditionalParams: { reasoning_effort: 'low' },
      },
    });
    const statements = roleStatements(stack).slice(BASE_STATEMENTS.length);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:GetResourceApiKey',
        Resource: [
          PROVIDER_ARN,
          arn(':bedrock-agentcore:us-east-1:123456789012:token-vault/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/*'),
        ],
      },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: SECRET_ARN },
    ]);
    // OpenAI calls go to OpenAI, not to Bedrock.
    expect(JSON.stringify(statements)).not.toMatch(/bedrock:Invoke|bedrock-mantle/);
  });

  test('Gemini with a provider ARN gets explicit statements scoped to that provider and its own secret', () => {
    const geminiArn = 'arn:aws:bedrock-agentcore:eu-west-1:210987654321:token-vault/myvault/apikeycredentialprovider/gemini';
    const { stack } = newHarness({
      model: HarnessModel.gemini({ modelId: 'gemini-2.5-pro', apiKey: HarnessApiKey.fromCredentialProviderArn(geminiArn), topK: 40 }),
      memory: HarnessMemory.disabled(),
    });
    expect(harnessProperties(stack).Model).toEqual({
      GeminiModelConfig: { ModelId: 'gemini-2.5-pro', ApiKeyArn: geminiArn, TopK: 40 },
    });
    expect(roleStatements(stack).slice(BASE_STATEMENTS.length)).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock-agentcore:GetResourceApiKey',
        Resource: [
          geminiArn,
          arn(':bedrock-agentcore:eu-west-1:210987654321:token-vault/myvault'),
          arn(':bedrock-agentcore:eu-west-1:210987654321:token-vault/myvault/apikeycredentialprovider'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default'),
          arn(':bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/*'),
        ],
      },
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: arn(':secretsmanager:eu-west-1:210987654321:secret:bedrock-agentcore-identity!myvault/apikey/gemini-??????'),
      },
    ]);
  });

  test('LiteLLM with a bedrock/ model gets Bedrock permissions and no key', () => {
    const { stack } = newHarness({
      model: HarnessModel.liteLlm({ modelId: 'bedrock/us.anthropic.claude-sonnet-4-6', apiBase: 'https://litellm.example.com' }),
      memory: HarnessMemory.disabled(),
    });
    expect(harnessProperties(stack).Model).toEqual({
      LiteLlmModelConfig: { ModelId: 'bedrock/us.anthropic.claude-sonnet-4-6', ApiBase: 'https://litellm.example.com' },
    });
    expect(roleStatements(stack).slice(BASE_STATEMENTS.length)).toEqual([{
      Effect: 'Allow',
      Action: INVOKE,
      Resource: [
        arn(':bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6'),
        arn(':bedrock:*::foundation-model/anthropic.claude-sonnet-4-6'),
      ],
    }]);
  });

  test('LiteLLM bedrock/converse/ routes are recognised', () => {
    expect(modelStatements(HarnessModel.liteLlm({ modelId: 'bedrock/converse/anthropic.claude-sonnet-4-6' }))).toEqual([
      { Effect: 'Allow', Action: INVOKE, Resource: arn(':bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6') },
    ]);
  });

  test('LiteLLM with another provider gets only its key', () => {
    const statements = modelStatements(HarnessModel.liteLlm({ modelId: 'anthropic/claude-sonnet-4-6', apiKey: HarnessApiKey.fromCredentialProviderArn(PROVIDER_ARN) }));
    expect(statements.map(s => s.Action)).toEqual(['bedrock-agentcore:GetResourceApiKey', ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']]);
  });
});

describe('additional models', () => {
  test('are granted but not rendered', () => {
    const stack = createTestStack();
    newHarness({
      additionalModels: [
        HarnessModel.bedrock({ modelId: 'global.anthropic.claude-opus-4-6', apiFormat: BedrockApiFormat.RESPONSES }),
        HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProvider(importedProvider(stack)) }),
      ],
      memory: HarnessMemory.disabled(),
    }, stack);
    expect(harnessProperties(stack).Model).toEqual({ BedrockModelConfig: { ModelId: 'anthropic.claude-sonnet-4-6' } });
    const statements = roleStatements(stack);
    expectNoUnscopedStar(statements);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: INVOKE,
      Resource: [
        arn(':bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-opus-4-6'),
        arn(':bedrock:*::foundation-model/anthropic.claude-opus-4-6'),
      ],
    });
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: arn(':bedrock-mantle:us-east-1:123456789012:*') });
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'bedrock-agentcore:GetResourceApiKey' }));
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: SECRET_ARN });
  });
});
