import { Duration } from 'aws-cdk-lib';
import { CfnHarness, IMemory } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { MEMORY_DATA_PLANE_ACTIONS, MEMORY_KMS_ACTIONS } from './private/perms';
import { KMS_KEY_ARN, MEMORY_ARN } from '../common/private/arn-patterns';
import { HarnessValidationError } from '../common/private/errors';
import { isUnresolved, show, validateListLength, validateNumber, validateString, wholeDuration } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

/** A long-term memory strategy of service-managed memory. */
export enum HarnessMemoryStrategy {
  /** Facts and knowledge extracted from conversations. */
  SEMANTIC = 'SEMANTIC',
  /** Running summaries of each session. */
  SUMMARIZATION = 'SUMMARIZATION',
  /** The user's stated preferences. */
  USER_PREFERENCE = 'USER_PREFERENCE',
  /** Episodes: what happened, with outcomes and reflections. */
  EPISODIC = 'EPISODIC',
}

/** Options for service-managed memory. */
export interface ManagedMemoryOptions {
  /**
   * The long-term memory strategies (1–4, each at most once).
   *
   * @default - the service default, SEMANTIC and SUMMARIZATION
   */
  readonly strategies?: HarnessMemoryStrategy[];

  /**
   * How long short-term events are kept: whole days, 3–365.
   *
   * @default - the service default, 30 days
   */
  readonly eventExpiry?: Duration;

  /**
   * A customer-managed KMS key to encrypt the memory with. The key cannot be
   * changed after the harness is created: a different key replaces the harness
   * (and, as with any replacement, deletes the old managed memory unless the
   * harness is retained).
   *
   * The execution role gets the KMS actions aws-cdk-lib's `Memory` grants its
   * memory role (CreateGrant, Decrypt, DescribeKey, GenerateDataKey,
   * GenerateDataKeyWithoutPlaintext, ReEncrypt*). AWS does not document which
   * principal the service uses for the key; the principal that deploys the stack
   * may need the same actions (it creates the memory).
   *
   * @default - an AWS-owned key
   */
  readonly encryptionKey?: kms.IKey;
}

/** How the harness retrieves long-term records from one namespace of an existing memory. */
export interface MemoryRetrievalOptions {
  /**
   * How many records to retrieve (a whole number, at least 1).
   *
   * @default - the service default, 10
   */
  readonly topK?: number;

  /**
   * The minimum relevance score of a retrieved record, 0–1.
   *
   * @default - the service default, 0.2
   */
  readonly relevanceScore?: number;

  /**
   * The id of the memory strategy the namespace belongs to.
   *
   * @default - none
   */
  readonly strategyId?: string;
}

/** Options for an existing memory. */
export interface ExistingMemoryOptions {
  /**
   * The actor id events are recorded under. An `actorId` given at invoke time overrides it.
   *
   * @default - the service decides (or the invoke-time actorId)
   */
  readonly actorId?: string;

  /**
   * How many recent messages to load into each session (a whole number, at least 1).
   *
   * @default - the service default
   */
  readonly messagesCount?: number;

  /**
   * Retrieval settings per namespace template (e.g. `/users/{actorId}/facts`). At
   * least one entry when given. The service fills in defaults server-side when
   * omitted, so expect drift on the namespaces it adds.
   *
   * @default - the service derives retrieval settings from the memory's strategies
   */
  readonly retrievalConfig?: { [namespace: string]: MemoryRetrievalOptions };
}


/**
 * The harness's conversation memory: service-managed, an existing memory, or disabled.
 *
 * The memory block is always rendered: omitting it would make the service
 * provision managed memory the configuration does not describe.
 *
 * Retention: managed memory lives and dies with the harness. The service deletes
 * it when the harness is deleted or replaced, and CloudFormation cannot ask it
 * not to. So a harness with managed memory defaults to `RemovalPolicy.RETAIN`
 * (see `HarnessProps.removalPolicy`); pass `RemovalPolicy.DESTROY` to opt out.
 * A harness with disabled memory or an existing memory holds no conversation
 * data and defaults to `DESTROY`.
 */
export abstract class HarnessMemory {
  /**
   * Memory that the service creates and manages with the harness.
   *
   * The execution role gets the memory data-plane actions on that memory only,
   * through the harness's `Memory.ManagedMemoryConfiguration.Arn` attribute (the
   * memory's name is service-generated and must not be guessed).
   *
   * The service deletes it when the harness is deleted or replaced, so a harness
   * with managed memory is retained by default (see `HarnessProps.removalPolicy`).
   *
   * @example
   * HarnessMemory.managed({ strategies: [HarnessMemoryStrategy.SEMANTIC, HarnessMemoryStrategy.SUMMARIZATION] });
   * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/harness.html
   */
  public static managed(options: ManagedMemoryOptions = {}): HarnessMemory {
    return new ManagedMemory(options);
  }

  /**
   * An existing AgentCore memory. Its lifetime is independent of the harness.
   * The execution role gets the memory data-plane actions on that memory only.
   */
  public static fromMemory(memory: IMemory, options: ExistingMemoryOptions = {}): HarnessMemory {
    return new ExistingMemory(memory, options);
  }

  /** No memory: every session starts empty. */
  public static disabled(): HarnessMemory {
    return new DisabledMemory();
  }

  /**
   * Whether the memory's lifetime is tied to the harness resource.
   * @internal
   */
  public abstract readonly _managed: boolean;

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty;
}

class ManagedMemory extends HarnessMemory {
  public readonly _managed = true;

  constructor(private readonly options: ManagedMemoryOptions) {
    super();
    const strategies = options.strategies;
    validateListLength('memory.strategies', strategies, 1, 4);
    if (strategies && !isUnresolved(strategies)) {
      const allowed = Object.values(HarnessMemoryStrategy) as string[];
      strategies.forEach((s, i) => {
        if (!allowed.includes(s)) {
          throw new HarnessValidationError(`memory.strategies[${i}]`, `${show(s)} is not a HarnessMemoryStrategy`);
        }
        if (strategies.indexOf(s) !== i) {
          throw new HarnessValidationError(`memory.strategies[${i}]`, `${show(s)} is listed twice; each strategy at most once`);
        }
      });
    }
    validateNumber('memory.eventExpiry', wholeDuration('memory.eventExpiry', options.eventExpiry, 'days'), { min: 3, max: 365, unit: 'days' });
    validateString('memory.encryptionKey', options.encryptionKey?.keyArn, {
      minLength: 1, maxLength: 2048, pattern: KMS_KEY_ARN, patternDescription: 'a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<uuid>)',
    });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty {
    // The memory's name is service-generated; only its ARN attribute is reliable.
    // The statement references the harness, so it lives in the post-create policy.
    ctx.addPostCreateStatement(new iam.PolicyStatement({
      actions: MEMORY_DATA_PLANE_ACTIONS,
      resources: [ctx.resource.attrMemoryManagedMemoryConfigurationArn],
    }));
    const key = this.options.encryptionKey;
    if (key) {
      key.grant(ctx.grantee, ...MEMORY_KMS_ACTIONS);
    }
    return {
      managedMemoryConfiguration: {
        strategies: this.options.strategies,
        // Whole days, checked in the constructor; a token duration renders its token.
        eventExpiryDuration: this.options.eventExpiry?.toDays(),
        encryptionKeyArn: key?.keyArn,
      },
    };
  }
}

class ExistingMemory extends HarnessMemory {
  public readonly _managed = false;

  constructor(private readonly memory: IMemory, private readonly options: ExistingMemoryOptions) {
    super();
    validateString('memory.memory', memory.memoryArn, {
      pattern: MEMORY_ARN, patternDescription: 'a memory ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:memory/<id>)',
    });
    validateNumber('memory.messagesCount', options.messagesCount, { min: 1, integer: true });
    const retrieval = options.retrievalConfig;
    if (retrieval !== undefined && !isUnresolved(retrieval)) {
      const entries = Object.entries(retrieval);
      if (entries.length === 0) {
        throw new HarnessValidationError('memory.retrievalConfig', 'is empty; omit it or configure at least one namespace');
      }
      for (const [ns, cfg] of entries) {
        validateString('memory.retrievalConfig', ns, { minLength: 1 });
        validateNumber(`memory.retrievalConfig.${ns}.topK`, cfg.topK, { min: 1, integer: true });
        validateNumber(`memory.retrievalConfig.${ns}.relevanceScore`, cfg.relevanceScore, { min: 0, max: 1 });
        validateString(`memory.retrievalConfig.${ns}.strategyId`, cfg.strategyId, { minLength: 1 });
      }
    }
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty {
    this.memory.grant(ctx.grantee, ...MEMORY_DATA_PLANE_ACTIONS);
    return {
      agentCoreMemoryConfiguration: {
        arn: this.memory.memoryArn,
        actorId: this.options.actorId,
        messagesCount: this.options.messagesCount,
        // MemoryRetrievalOptions has exactly the L1's fields and types.
        retrievalConfig: this.options.retrievalConfig,
      },
    };
  }
}

class DisabledMemory extends HarnessMemory {
  public readonly _managed = false;

  public _bind(_ctx: HarnessBindContext): CfnHarness.HarnessMemoryConfigurationProperty {
    return { disabled: {} };
  }
}
