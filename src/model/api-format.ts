/**
 * The API a Bedrock model is called through.
 *
 * `RESPONSES` and `CHAT_COMPLETIONS` go through Bedrock Mantle (the
 * OpenAI-compatible endpoint), which needs `bedrock-mantle:` permissions on the
 * execution role; the harness grants them.
 */
export class BedrockApiFormat {
  /** The Bedrock Converse streaming API (the service default). */
  public static readonly CONVERSE_STREAM = new BedrockApiFormat('converse_stream');

  /** The OpenAI-compatible Responses API through Bedrock Mantle. */
  public static readonly RESPONSES = new BedrockApiFormat('responses');

  /** The OpenAI-compatible Chat Completions API through Bedrock Mantle. */
  public static readonly CHAT_COMPLETIONS = new BedrockApiFormat('chat_completions');

  /** The value CloudFormation takes. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  /**
   * Whether calls go through Bedrock Mantle.
   * @internal
   */
  public get _usesMantle(): boolean {
    return this.value !== 'converse_stream';
  }
}

/** The API an OpenAI model is called through. OpenAI has no Converse API. */
export class OpenAiApiFormat {
  /** The Chat Completions API. */
  public static readonly CHAT_COMPLETIONS = new OpenAiApiFormat('chat_completions');

  /** The Responses API. */
  public static readonly RESPONSES = new OpenAiApiFormat('responses');

  /** The value CloudFormation takes. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
