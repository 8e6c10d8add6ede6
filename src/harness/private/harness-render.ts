import { CfnTag } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from './bind-context';
import { atIndex, HarnessValidationError, inConstruct } from '../../common/private/errors';
import { isUnresolved, show, validateString } from '../../common/private/validation';

interface Bindable<R> {
  _bind(ctx: HarnessBindContext): R;
}

/**
 * Options that can be added after construction. Each is bound exactly once, when
 * it is added, so its grants are not repeated and exist before the app is prepared.
 * Every change is handed to `assign` (undefined when the list is empty, so an empty
 * list is not rendered).
 */
export class BoundList<T extends Bindable<R>, R> {
  private readonly bound: R[] = [];

  constructor(
    private readonly ctx: HarnessBindContext,
    private readonly list: string,
    initial: T[] | undefined,
    private readonly assign: (rendered: R[] | undefined) => void,
  ) {
    (initial ?? []).forEach(item => this.bind(item));
    assign(this.render());
  }

  public add(item: T): void {
    try {
      this.bind(item);
    } catch (e) {
      // Added after construction (addTool, addSkill, addHook): name the harness here.
      throw inConstruct(this.ctx.scope, e);
    }
    this.assign(this.render());
  }

  private bind(item: T): void {
    try {
      this.bound.push(item._bind(this.ctx));
    } catch (e) {
      throw atIndex(e, this.list, this.bound.length);
    }
  }

  public render(): R[] | undefined {
    return this.bound.length > 0 ? [...this.bound] : undefined;
  }
}

const TAG_PATTERN = /^[a-zA-Z0-9\s_.:/=+\-@]*$/;
const TAG_PATTERN_DESCRIPTION = 'letters, digits, whitespace and _ . : / = + - @';

export function validateTags(property: string, tags: Record<string, string>): void {
  if (isUnresolved(tags)) return;
  const keys = Object.keys(tags);
  if (keys.length > 50) {
    throw new HarnessValidationError(property, `has ${keys.length} tags; at most 50 are allowed`);
  }
  for (const key of keys) {
    validateString(`${property} key`, key, { minLength: 1, maxLength: 128, pattern: TAG_PATTERN, patternDescription: TAG_PATTERN_DESCRIPTION });
    if (!isUnresolved(key) && key.toLowerCase().startsWith('aws:')) {
      throw new HarnessValidationError(`${property} key`, `${show(key)} starts with the reserved prefix "aws:"`);
    }
    validateString(`${property}.${key}`, tags[key], { maxLength: 256, pattern: TAG_PATTERN, patternDescription: TAG_PATTERN_DESCRIPTION });
  }
}

export function renderTags(tags: Record<string, string> | undefined): CfnTag[] | undefined {
  if (!tags || Object.keys(tags).length === 0) return undefined;
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** Reads a nested member of a rendered fragment, which the L1 types allow to be a token. */
function member(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The inputs whose change replaces the harness: the managed-memory encryption
 * key (create-only in the registry schemas) and the network configuration
 * (create-only in the May 2026 schema; treated as replacement-risky).
 */
export function createOnlyInputs(
  memory: CfnHarness.HarnessMemoryConfigurationProperty | undefined,
  environment: CfnHarness.HarnessEnvironmentProviderProperty | undefined,
): unknown {
  const network = member(member(environment, 'agentCoreRuntimeEnvironment'), 'networkConfiguration');
  return {
    encryptionKeyArn: member(member(memory, 'managedMemoryConfiguration'), 'encryptionKeyArn'),
    // PUBLIC is the service default: stating it explicitly must not rename (and so replace) the harness.
    network: isPublicOnly(network) ? undefined : network,
  };
}

function isPublicOnly(network: unknown): boolean {
  if (network === undefined || typeof network !== 'object' || network === null) return false;
  const keys = Object.keys(network).filter(k => (network as Record<string, unknown>)[k] !== undefined);
  return keys.length === 1 && (network as Record<string, unknown>).networkMode === 'PUBLIC';
}

/** The L1 types list read-only attributes as settable; the service ignores or rejects them. */
export function checkReadOnlyFields(
  memory: CfnHarness.HarnessMemoryConfigurationProperty | undefined,
  environment: CfnHarness.HarnessEnvironmentProviderProperty | undefined,
): void {
  if (member(member(memory, 'managedMemoryConfiguration'), 'arn') !== undefined) {
    throw new HarnessValidationError('memory.managedMemoryConfiguration.arn',
      'is read-only (the service assigns it); use Harness.managedMemoryArn instead of setting it');
  }
  const runtime = member(environment, 'agentCoreRuntimeEnvironment');
  for (const field of ['agentRuntimeArn', 'agentRuntimeName', 'agentRuntimeId']) {
    if (member(runtime, field) !== undefined) {
      throw new HarnessValidationError(`environment.agentCoreRuntimeEnvironment.${field}`,
        'is read-only (the service assigns it); read it from Harness.agentRuntime instead of setting it');
    }
  }
}
