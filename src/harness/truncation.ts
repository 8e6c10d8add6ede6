import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { validateNumber } from '../common/private/validation';

/** Options for `HarnessTruncation.slidingWindow`. */
export interface SlidingWindowTruncationOptions {
  /**
   * How many of the most recent messages the model sees (at least 1).
   * @default - the service default
   */
  readonly messagesCount?: number;
}

/** Options for `HarnessTruncation.summarization`. */
export interface SummarizationTruncationOptions {
  /**
   * The share of the context that older messages are summarized into, 0 to 1.
   * @default - the service default
   */
  readonly summaryRatio?: number;

  /**
   * How many recent messages are kept verbatim (0 or more).
   * @default - the service default
   */
  readonly preserveRecentMessages?: number;

  /**
   * The system prompt of the summarization call.
   * @default - the service's summarization prompt
   */
  readonly summarizationSystemPrompt?: string;
}

/** How the harness shortens the conversation when it outgrows the model's context. */
export abstract class HarnessTruncation {
  /** Keep only the most recent messages (the service default strategy). */
  public static slidingWindow(options: SlidingWindowTruncationOptions = {}): HarnessTruncation {
    validateNumber('truncation.messagesCount', options.messagesCount, { min: 1, integer: true });
    const config = options.messagesCount === undefined ? undefined : { slidingWindow: { messagesCount: options.messagesCount } };
    return new RenderedTruncation({ strategy: 'sliding_window', config });
  }

  /** Summarize older messages with the model. */
  public static summarization(options: SummarizationTruncationOptions = {}): HarnessTruncation {
    validateNumber('truncation.summaryRatio', options.summaryRatio, { min: 0, max: 1 });
    validateNumber('truncation.preserveRecentMessages', options.preserveRecentMessages, { min: 0, integer: true });
    const summarization = {
      summaryRatio: options.summaryRatio,
      preserveRecentMessages: options.preserveRecentMessages,
      summarizationSystemPrompt: options.summarizationSystemPrompt,
    };
    const empty = Object.values(summarization).every(v => v === undefined);
    return new RenderedTruncation({ strategy: 'summarization', config: empty ? undefined : { summarization } });
  }

  /** Never truncate: an invocation fails once the context is full. */
  public static none(): HarnessTruncation {
    return new RenderedTruncation({ strategy: 'none' });
  }

  /** @internal */
  public abstract _render(): CfnHarness.HarnessTruncationConfigurationProperty;
}

class RenderedTruncation extends HarnessTruncation {
  constructor(private readonly rendered: CfnHarness.HarnessTruncationConfigurationProperty) {
    super();
  }

  public _render(): CfnHarness.HarnessTruncationConfigurationProperty {
    return this.rendered;
  }
}
