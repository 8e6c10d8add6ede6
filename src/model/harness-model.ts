import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import {
  BedrockModelOptions, GeminiModelOptions, HarnessModelOptions, LiteLlmModelOptions, OpenAiModelOptions,
} from './model-options';
import { grantBedrockModel } from './private/bedrock-permissions';
import { ModelProvider, validateModelId } from './private/model-id';
import { HarnessValidationError } from '../common/private/errors';
import { isUnresolved, show, validateNumber, validateString } from '../common/private/validation';
import { HarnessApiKey } from '../credentials/harness-api-key';
import { HarnessBindContext } from '../harness/private/bind-context';

/**
 * The model the harness's agent loop calls. Use the static factories; each
 * provider accepts only the settings it supports, and the harness grants the
 * execution role what calling the model needs.
 */
export abstract class HarnessModel {
  /**
   * A model on Amazon Bedrock (foundation model or inference profile), called with the execution role.
   *
   * @example
   * HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6', temperature: 0.3, maxTokens: 4096 });
   */
  public static bedrock(options: BedrockModelOptions): HarnessModel {
    return new BedrockModel(options);
  }

  /**
   * A model served by OpenAI; the API key comes from an AgentCore Identity credential provider.
   *
   * @example
   * declare const openAiKey: agentcore.IApiKeyCredentialProvider;
   * HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProvider(openAiKey) });
   */
  public static openAi(options: OpenAiModelOptions): HarnessModel {
    return new OpenAiModel(options);
  }

  /** A model served by Google Gemini; the API key comes from an AgentCore Identity credential provider. */
  public static gemini(options: GeminiModelOptions): HarnessModel {
    return new GeminiModel(options);
  }

  /** A model called through LiteLLM; `bedrock/<model id>` calls Bedrock with the execution role. */
  public static liteLlm(options: LiteLlmModelOptions): HarnessModel {
    return new LiteLlmModel(options);
  }

  /** The model id as given. */
  public abstract readonly modelId: string;

  /**
   * The provider, which with the model id identifies the model.
   * @internal
   */
  public abstract readonly _provider: string;

  /**
   * Checks the settings; `path` is the property path used in error messages.
   * @internal
   */
  public abstract _validate(path: string): void;

  /**
   * Grants the execution role what calling the model needs, without rendering.
   * Used for models an invocation may switch to.
   * @internal
   */
  public abstract _grant(ctx: HarnessBindContext): void;

  /**
   * Renders the model block without granting anything, for a per-call override
   * whose permissions the harness's execution role must already hold.
   * @internal
   */
  public abstract _render(): CfnHarness.HarnessModelConfigurationProperty;

  /**
   * Grants and renders the model block.
   * @internal
   */
  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessModelConfigurationProperty {
    this._grant(ctx);
    return this._render();
  }
}

function validateCommon(path: string, provider: ModelProvider, modelId: string, options: HarnessModelOptions): void {
  validateModelId(`${path}.modelId`, provider, modelId);
  validateNumber(`${path}.temperature`, options.temperature, { min: 0, max: 2 });
  validateNumber(`${path}.topP`, options.topP, { min: 0, max: 1 });
  validateNumber(`${path}.maxTokens`, options.maxTokens, { min: 1, integer: true });
  validateAdditionalParams(`${path}.additionalParams`, options.additionalParams);
}

function validateAdditionalParams(path: string, params: { [key: string]: any } | undefined): void {
  if (params === undefined || isUnresolved(params)) return;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new HarnessValidationError(path, `${show(params)} must be a JSON object`);
  }
  for (const key of Object.keys(params)) {
    validateString(`${path} key`, key, { minLength: 1, maxLength: 256 });
  }
}

function validateApiKey(path: string, apiKey: HarnessApiKey | undefined, required: boolean): void {
  if (apiKey === undefined) {
    if (required) {
      throw new HarnessValidationError(`${path}.apiKey`,
        'must be set: HarnessApiKey.fromCredentialProvider(provider) or HarnessApiKey.fromCredentialProviderArn(arn)');
    }
    return;
  }
  apiKey._validate(`${path}.apiKey`);
}

function common(options: HarnessModelOptions) {
  return {
    maxTokens: options.maxTokens,
    temperature: options.temperature,
    topP: options.topP,
    additionalParams: options.additionalParams,
  };
}

/** Bedrock model ids LiteLLM routes through Bedrock: `bedrock/<id>`, optionally with a `converse/` or `invoke/` route. */
const LITELLM_BEDROCK = /^bedrock\/(?:(?:converse|invoke)\/)?(.+)$/;

/** What every provider shares: the props, the model id and the common checks. */
abstract class ProviderModel<P extends HarnessModelOptions & { readonly modelId: string }> extends HarnessModel {
  public readonly modelId: string;
  protected abstract readonly provider: ModelProvider;

  public get _provider(): string {
    return this.provider;
  }

  constructor(protected readonly props: P) {
    super();
    this.modelId = props.modelId;
  }

  public _validate(path: string): void {
    validateCommon(path, this.provider, this.modelId, this.props);
  }
}

class BedrockModel extends ProviderModel<BedrockModelOptions> {
  protected readonly provider = ModelProvider.BEDROCK;

  public _grant(ctx: HarnessBindContext): void {
    grantBedrockModel(ctx, this.modelId, this.props.apiFormat?._usesMantle ?? false);
  }

  public _render(): CfnHarness.HarnessModelConfigurationProperty {
    return {
      bedrockModelConfig: {
        modelId: this.modelId,
        apiFormat: this.props.apiFormat?.value,
        ...common(this.props),
      },
    };
  }
}

class OpenAiModel extends ProviderModel<OpenAiModelOptions> {
  protected readonly provider = ModelProvider.OPENAI;

  public _validate(path: string): void {
    super._validate(path);
    validateApiKey(path, this.props.apiKey, true);
    validateString(`${path}.apiBase`, this.props.apiBase, { minLength: 1, maxLength: 16383 });
  }

  public _grant(ctx: HarnessBindContext): void {
    this.props.apiKey?._bind(ctx);
  }

  public _render(): CfnHarness.HarnessModelConfigurationProperty {
    return {
      openAiModelConfig: {
        modelId: this.modelId,
        apiKeyArn: this.props.apiKey.credentialProviderArn,
        apiFormat: this.props.apiFormat?.value,
        apiBase: this.props.apiBase,
        ...common(this.props),
      },
    };
  }
}

class GeminiModel extends ProviderModel<GeminiModelOptions> {
  protected readonly provider = ModelProvider.GEMINI;

  public _validate(path: string): void {
    super._validate(path);
    validateApiKey(path, this.props.apiKey, true);
    validateNumber(`${path}.topK`, this.props.topK, { min: 0, max: 500, integer: true });
  }

  public _grant(ctx: HarnessBindContext): void {
    this.props.apiKey?._bind(ctx);
  }

  public _render(): CfnHarness.HarnessModelConfigurationProperty {
    return {
      geminiModelConfig: {
        modelId: this.modelId,
        apiKeyArn: this.props.apiKey.credentialProviderArn,
        topK: this.props.topK,
        ...common(this.props),
      },
    };
  }
}

class LiteLlmModel extends ProviderModel<LiteLlmModelOptions> {
  protected readonly provider = ModelProvider.LITELLM;

  public _validate(path: string): void {
    super._validate(path);
    validateApiKey(path, this.props.apiKey, false);
    validateString(`${path}.apiBase`, this.props.apiBase, { minLength: 1, maxLength: 16383 });
  }

  public _grant(ctx: HarnessBindContext): void {
    this.props.apiKey?._bind(ctx);
    const bedrock = isUnresolved(this.modelId) ? undefined : LITELLM_BEDROCK.exec(this.modelId);
    if (bedrock) {
      grantBedrockModel(ctx, bedrock[1], false);
    }
  }

  public _render(): CfnHarness.HarnessModelConfigurationProperty {
    return {
      liteLlmModelConfig: {
        modelId: this.modelId,
        apiKeyArn: this.props.apiKey?.credentialProviderArn,
        apiBase: this.props.apiBase,
        ...common(this.props),
      },
    };
  }
}
