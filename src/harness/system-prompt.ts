import * as fs from 'fs';
import * as path from 'path';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessValidationError } from '../common/private/errors';
import { show, validateNotBlank } from '../common/private/validation';

/** The system prompt of the harness's agent. */
export abstract class HarnessSystemPrompt {
  /** A prompt given inline. It must not be blank. */
  public static fromText(text: string): HarnessSystemPrompt {
    validateNotBlank('systemPrompt', text);
    return new TextSystemPrompt(text);
  }

  /**
   * A prompt read from a UTF-8 file at synth time. A relative path is resolved
   * from the current working directory. The file must exist and not be blank.
   */
  public static fromFile(filePath: string): HarnessSystemPrompt {
    const resolved = path.resolve(filePath);
    let text: string;
    try {
      text = fs.readFileSync(resolved, 'utf8');
    } catch (e) {
      throw new HarnessValidationError('systemPrompt',
        `cannot read the file ${show(filePath)} (resolved to ${show(resolved)}): ${(e as Error).message}; give an existing, readable file`);
    }
    validateNotBlank(`systemPrompt (file ${resolved})`, text);
    return new TextSystemPrompt(text);
  }

  /** @internal */
  public abstract _render(): CfnHarness.HarnessSystemContentBlockProperty[];
}

class TextSystemPrompt extends HarnessSystemPrompt {
  constructor(private readonly text: string) {
    super();
  }

  public _render(): CfnHarness.HarnessSystemContentBlockProperty[] {
    return [{ text: this.text }];
  }
}
