import { BEDROCK_ARN } from '../../common/private/arn-patterns';
import { deferStringCheck } from '../../common/private/deferred-checks';
import { HarnessValidationError } from '../../common/private/errors';
import { isUnresolved, show, validateString } from '../../common/private/validation';

/**
 * The model-id rule of each provider, checked at synth so that an id no
 * provider accepts (whitespace, control or non-ASCII characters, a missing
 * LiteLLM provider prefix) fails before deploy instead of at the first invocation.
 *
 * The harness API documents no pattern of its own; each rule follows the
 * provider's documented identifiers and errs on the side of accepting:
 * - Bedrock: a model or inference-profile id (`anthropic.claude-sonnet-4-6`,
 *   `us.anthropic.claude-haiku-4-5-20251001-v1:0`) uses letters, digits, `.`, `-`
 *   and `:` (the Bedrock runtime's modelId pattern); an ARN is a bedrock ARN.
 * - OpenAI and OpenAI-compatible servers (apiBase): ids such as `gpt-5` or
 *   `ft:gpt-4o-mini:org:name:id`, and hub-style `org/model` ids on compatible
 *   servers: letters, digits and `. _ - : / @ +`.
 * - Gemini: `gemini-2.5-pro`, optionally `models/` or `tunedModels/` in front.
 * - LiteLLM: `<provider>/<model>`, the provider in lower case (`bedrock`,
 *   `vertex_ai`, `anthropic`), the model as for OpenAI.
 */
export enum ModelProvider {
  BEDROCK = 'Bedrock',
  OPENAI = 'OpenAI',
  GEMINI = 'Gemini',
  LITELLM = 'LiteLLM',
}

const MAX_LENGTH = 2048;
const BEDROCK_ID = /^[a-zA-Z0-9][a-zA-Z0-9.:-]*$/;
const GENERIC_ID = /^[a-zA-Z0-9][a-zA-Z0-9._:/@+-]*$/;
const GEMINI_ID = /^((models|tunedModels)\/)?[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const LITELLM_ID = /^[a-z0-9][a-z0-9_-]*\/[a-zA-Z0-9@][a-zA-Z0-9._:/@+-]*$/;

export function validateModelId(property: string, provider: ModelProvider, modelId: string): void {
  if (isUnresolved(modelId)) return deferStringCheck(modelId, value => validateModelId(property, provider, value));
  validateString(property, modelId, { minLength: 1, maxLength: MAX_LENGTH });
  const [pattern, allowed] = rule(provider, modelId);
  if (!pattern.test(modelId)) {
    const whitespace = /\s/.test(modelId) ? ' (it contains whitespace)' : '';
    throw new HarnessValidationError(property,
      `${show(modelId)} is not a valid ${provider} model id${whitespace}; ${allowed}`);
  }
}

function rule(provider: ModelProvider, modelId: string): [RegExp, string] {
  switch (provider) {
    case ModelProvider.BEDROCK:
      return modelId.startsWith('arn:')
        ? [BEDROCK_ARN, 'a Bedrock ARN is arn:<partition>:bedrock:<region>:<account>:<type>/<id> '
          + '(for example an inference-profile or application-inference-profile ARN)']
        : [BEDROCK_ID, 'a Bedrock model or inference-profile id uses letters, digits, ".", "-" and ":" '
          + '(for example "anthropic.claude-sonnet-4-6" or "us.anthropic.claude-sonnet-4-6")'];
    case ModelProvider.GEMINI:
      return [GEMINI_ID, 'a Gemini model id uses letters, digits, ".", "_" and "-", optionally after "models/" '
        + '(for example "gemini-2.5-pro")'];
    case ModelProvider.LITELLM:
      return [LITELLM_ID, 'a LiteLLM model id is "<provider>/<model>" with a lower-case provider '
        + '(for example "anthropic/claude-sonnet-4-6" or "bedrock/us.anthropic.claude-sonnet-4-6"), '
        + 'the model in letters, digits and . _ - : / @ +'];
    default:
      return [GENERIC_ID, 'an OpenAI model id uses letters, digits and . _ - : / @ + (for example "gpt-5")'];
  }
}
