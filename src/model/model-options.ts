import { BedrockApiFormat, OpenAiApiFormat } from './api-format';
import { HarnessApiKey } from '../credentials/harness-api-key';

/** Inference settings every model provider takes; the base of each provider's options. */
export interface HarnessModelOptions {
  /**
   * Sampling temperature, 0 to 2.
   * @default - the provider's default
   */
  readonly temperature?: number;

  /**
   * Nucleus sampling probability, 0 to 1.
   * @default - the provider's default
   */
  readonly topP?: number;

  /**
   * Maximum output tokens of one model call (at least 1). The harness-level
   * `maxTokens` caps the whole invocation instead.
   * @default - the provider's default
   */
  readonly maxTokens?: number;

  /**
   * Extra request parameters passed to the provider unchanged. Must be a JSON
   * object; keys are 1 to 256 characters.
   * @default - none
   */
  readonly additionalParams?: { [key: string]: any };
}

/** A model on Amazon Bedrock, called with the execution role. */
export interface BedrockModelOptions extends HarnessModelOptions {
  /**
   * A foundation-model id (`anthropic.claude-sonnet-4-6`), a cross-region
   * inference-profile id (`us.anthropic.claude-sonnet-4-6`, `global.…`), or the
   * ARN of a foundation model or inference profile. The role is granted
   * `bedrock:InvokeModel*` on exactly these resources.
   */
  readonly modelId: string;

  /**
   * The API the model is called through.
   * @default - the service default, `BedrockApiFormat.CONVERSE_STREAM`
   */
  readonly apiFormat?: BedrockApiFormat;
}

/** A model served by OpenAI. */
export interface OpenAiModelOptions extends HarnessModelOptions {
  /** The OpenAI model id, for example `gpt-5`. */
  readonly modelId: string;

  /**
   * The AgentCore Identity API-key credential provider that holds the API key.
   */
  readonly apiKey: HarnessApiKey;

  /**
   * The API the model is called through.
   * @default - the service default
   */
  readonly apiFormat?: OpenAiApiFormat;

  /**
   * A different base URL for the OpenAI API (1 to 16383 characters).
   * @default - OpenAI's public endpoint
   */
  readonly apiBase?: string;
}

/** A model served by Google Gemini. */
export interface GeminiModelOptions extends HarnessModelOptions {
  /** The Gemini model id, for example `gemini-2.5-pro`. */
  readonly modelId: string;

  /**
   * The AgentCore Identity API-key credential provider that holds the API key.
   */
  readonly apiKey: HarnessApiKey;

  /**
   * Top-k sampling, 0 to 500.
   * @default - the provider's default
   */
  readonly topK?: number;
}

/** A model called through LiteLLM (any provider LiteLLM supports). */
export interface LiteLlmModelOptions extends HarnessModelOptions {
  /**
   * The provider-prefixed LiteLLM model id, for example `anthropic/claude-sonnet-4-6`.
   * A `bedrock/<model id>` model calls Bedrock with the execution role, so the
   * role gets the same Bedrock permissions as `HarnessModel.bedrock`.
   */
  readonly modelId: string;

  /**
   * The AgentCore Identity API-key credential provider that holds the API key.
   * @default - no API key
   */
  readonly apiKey?: HarnessApiKey;

  /**
   * The base URL of the LiteLLM-compatible endpoint (1 to 16383 characters).
   * @default - the provider's public endpoint
   */
  readonly apiBase?: string;
}
