import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessSystemPrompt } from './system-prompt';
import { HarnessTruncation } from './truncation';
import { HarnessAuthorizer } from '../auth/harness-authorizer';
import { HarnessContainerImage } from '../environment/container-image';
import { HarnessFilesystem } from '../environment/filesystem';
import { HarnessNetworkConfiguration } from '../environment/network';
import { HarnessHook } from '../hooks/harness-hook';
import { HarnessMemory } from '../memory/harness-memory';
import { HarnessModel } from '../model/harness-model';
import { HarnessSkill } from '../skills/harness-skill';
import { HarnessTool } from '../tools/harness-tool';

/**
 * Properties of a `Harness`. Each mirrors a setting of the harness in AgentCore.
 *
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/harness.html
 */
export interface HarnessProps {
  /**
   * The harness name: 1 to 40 characters, a letter first, then letters, digits
   * or `_`. The name is create-only, so a change replaces the harness, and an
   * explicit name makes replacement collide with the old harness; prefer the
   * generated name.
   *
   * @default - a name generated from the construct path, a hash of the
   * create-only inputs and the stack's UUID (unique per stack instance, new on
   * replacement)
   */
  readonly harnessName?: string;

  /** The model the agent loop calls. */
  readonly model: HarnessModel;

  /**
   * Models an invocation may switch to (InvokeHarness can override the model,
   * even the provider, per call). They are not part of the configuration; the
   * execution role only gets what calling them needs.
   *
   * @default - invocations can only use `model`
   */
  readonly additionalModels?: HarnessModel[];

  /**
   * The agent's system prompt.
   * @default - no system prompt
   */
  readonly systemPrompt?: HarnessSystemPrompt;

  /**
   * Maximum agent-loop iterations (model calls) per invocation, at least 1.
   * @default - the service default, 75
   */
  readonly maxIterations?: number;

  /**
   * Maximum output tokens across all model calls of one invocation (the API's
   * meaning; the CloudFormation description still says "per iteration"), at least 1.
   * The per-call limit is the model's `maxTokens`.
   *
   * @default - no limit
   */
  readonly maxTokens?: number;

  /**
   * Maximum duration of one invocation, in whole seconds (at least 1 second).
   * @default - the service default, 1 hour
   */
  readonly timeout?: Duration;

  /**
   * How the conversation is shortened when it outgrows the model's context.
   * @default - the service default, a sliding window
   */
  readonly truncation?: HarnessTruncation;

  /**
   * Environment variables of the harness's sessions: at most 50, keys 1 to 100
   * characters, values up to 5000. Values are plain text in the template and in
   * the service configuration: never put secrets here (use a credential provider).
   *
   * @default - none
   */
  readonly environmentVariables?: { [key: string]: string };

  /**
   * Tools the agent may use: `*`, a tool name, `@builtin` or `@server/tool`.
   * @default - all tools are allowed
   */
  readonly allowedTools?: string[];

  /**
   * Tags of the harness (merged with tags applied by `Tags.of()`): at most 50,
   * keys 1 to 128 characters, values up to 256, no `aws:` prefix.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * The execution role the harness assumes. An imported role is given the
   * permissions the configuration needs where possible; for an immutable role
   * the harness warns (`cdk-agentcore-harness:role-immutable`) and lists them.
   *
   * @default - a new role, trusted by `bedrock-agentcore.amazonaws.com` for this account and region
   */
  readonly role?: iam.IRole;

  /**
   * Tools the agent can call. Add more with `addTool()`.
   * @default - no tools besides the built-in ones
   */
  readonly tools?: HarnessTool[];

  /**
   * Skills the agent loads. Add more with `addSkill()`.
   * @default - no skills
   */
  readonly skills?: HarnessSkill[];

  /**
   * The conversation memory. Always rendered explicitly: omitting it in the
   * template would make the service create managed memory anyway.
   *
   * @default HarnessMemory.managed()
   */
  readonly memory?: HarnessMemory;

  /**
   * Hooks run around invocations and tool calls. Add more with `addHook()`.
   * @default - no hooks
   */
  readonly hooks?: HarnessHook[];

  /**
   * The container image the sessions run in.
   * @default - the AgentCore default runtime image
   */
  readonly containerImage?: HarnessContainerImage;

  /**
   * Where the sessions run. The network configuration may be create-only
   * (registry schemas disagree), so a change can replace the harness; the
   * generated name changes with it.
   *
   * @default - the public network
   */
  readonly network?: HarnessNetworkConfiguration;

  /**
   * Filesystems mounted into every session.
   * @default - none
   */
  readonly filesystems?: HarnessFilesystem[];

  /**
   * How long an idle session is kept.
   * @default - the service default, 15 minutes
   */
  readonly idleSessionTimeout?: Duration;

  /**
   * The maximum lifetime of a session.
   * @default - the service default, 8 hours
   */
  readonly maxSessionLifetime?: Duration;

  /**
   * How callers authenticate to InvokeHarness.
   * @default - IAM (SigV4)
   */
  readonly authorizer?: HarnessAuthorizer;

  /**
   * What happens to the harness when it is removed from the stack or replaced.
   *
   * Managed memory is deleted with the harness (CloudFormation cannot ask the
   * service to keep it), so a harness with managed memory is retained by
   * default; `RemovalPolicy.DESTROY` deletes it and every stored conversation.
   * By default a replaced harness is always retained, whatever its memory: a
   * change that moves a harness off managed memory may replace it, and the old
   * harness still holds the conversations. Setting this prop applies it to both
   * deletion and replacement.
   *
   * @default - on deletion `RemovalPolicy.RETAIN` with managed memory, otherwise
   * `RemovalPolicy.DESTROY`; on replacement always `RemovalPolicy.RETAIN`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** A harness defined outside this app. */
export interface HarnessAttributes {
  /** The ARN of the harness. */
  readonly harnessArn: string;

  /**
   * The id of the harness.
   * @default - parsed from the ARN
   */
  readonly harnessId?: string;

  /**
   * The name of the harness.
   * @default - parsed from the id (the part before its last `-`)
   */
  readonly harnessName?: string;

  /**
   * The harness's execution role; grants to the imported harness's principal go to it.
   * @default - unknown: grants to the harness's principal are dropped with a warning
   */
  readonly role?: iam.IRole;

  /**
   * The security groups of a harness in VPC mode, for `connections`.
   * @default - the imported harness has no connections
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}
