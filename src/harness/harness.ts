import { Annotations, CfnDeletionPolicy, CfnResource, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { CfnHarness, IBedrockAgentRuntime, Runtime } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { HarnessBase, IHarness } from './harness-base';
import { HarnessAttributes, HarnessProps } from './harness-props';
import { HarnessBindContext } from './private/bind-context';
import { checkNoSecretsInEnvironment } from './private/environment-secrets';
import { baseExecutionStatements, createExecutionRole, ecrPublicPullStatement, EXECUTION_POLICY_NAME } from './private/execution-role';
import { claimExplicitName } from './private/explicit-names';
import { HarnessNameForms, generateHarnessName } from './private/harness-name';
import { BoundList, checkReadOnlyFields, createOnlyInputs, renderTags, validateTags } from './private/harness-render';
import { importHarness } from './private/imported-harness';
import { INLINE_POLICY_QUOTA, KnownLengths, leastInlinePolicyLengths } from './private/inline-policy-size';
import { DeployTimeLengths, joinPostCreateGroup, PostCreateSlot } from './private/post-create-policies';
import { RecordingGrantee } from './private/recording-grantee';
import { retainWithHarness, warnDeletedDependencies } from './private/retention';
import { SharedExecutionPolicy, sharedExecutionPolicy } from './private/shared-execution-policy';
import { validateProps } from './private/validate-props';
import { ROLE_ARN } from '../common/private/arn-patterns';
import { runDeferredChecks } from '../common/private/deferred-checks';
import { HarnessValidationError, inConstruct } from '../common/private/errors';
import { omitImpliedDependsOn } from '../common/private/implied-depends-on';
import { cfnPropertiesOf, ownedRoleReferences } from '../common/private/synthesis-shortcuts';

import { show, validateString } from '../common/private/validation';
import { HarnessEndpoint, HarnessEndpointOptions } from '../endpoint/harness-endpoint';
import { renderEnvironment } from '../environment/private/render-environment';
import { HarnessHook } from '../hooks/harness-hook';
import { validateHookSet } from '../hooks/private/validate-hooks';
import { HarnessMemory } from '../memory/harness-memory';
import { HarnessModel } from '../model/harness-model';
import { MetricRuntime } from '../monitoring/private/runtime-metrics';
import { HarnessSkill } from '../skills/harness-skill';
import { HarnessTool } from '../tools/harness-tool';
import { validateToolSet } from '../tools/private/validate-tools';
import { HarnessVersion } from '../version/harness-version';

/** `arn:` + partition (at most 10) + `:bedrock-agentcore:` + region (at most 14) + `:` + account + `:memory/` + id (at most 111). */
const MEMORY_ARN_MAX_LENGTH = 4 + 10 + 19 + 14 + 1 + 12 + 8 + 111;
/** `arn:` + partition (at most 10) + `:iam::` + account + `:role/` + name (at most 64). */
const ROLE_ARN_MAX_LENGTH = 4 + 10 + 6 + 12 + 6 + 64;

/** Never rendered: the constructor replaces it before it returns. */
const PENDING_MODEL: CfnHarness.HarnessModelConfigurationProperty = {};

/**
 * An AgentCore harness: a managed agent loop (model, system prompt, tools,
 * skills, memory, hooks) that AgentCore runs on a runtime it manages.
 *
 * Every update creates a new immutable version; `harnessVersion` is the current one.
 *
 * @example
 * const harness = new Harness(this, 'Agent', {
 *   model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }),
 *   systemPrompt: HarnessSystemPrompt.fromText('You are a helpful research assistant.'),
 *   tools: [HarnessTool.browser(), HarnessTool.codeInterpreter()],
 * });
 * declare const caller: iam.IGrantable;
 * harness.grants.invoke(caller);
 *
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/harness.html
 * @resource AWS::BedrockAgentCore::Harness
 */
export class Harness extends HarnessBase {
  /** Imports a harness defined elsewhere. */
  public static fromHarnessAttributes(scope: Construct, id: string, attrs: HarnessAttributes): IHarness {
    return importHarness(scope, id, attrs);
  }

  /** Imports a harness by ARN; its id and name are parsed from the ARN. */
  public static fromHarnessArn(scope: Construct, id: string, harnessArn: string): IHarness {
    return Harness.fromHarnessAttributes(scope, id, { harnessArn });
  }

  // The attributes are getters: each attribute token costs construction and
  // synthesis time, and most apps read only a few of them.

  /** @attribute */
  public get harnessArn(): string {
    return this.resource.attrArn;
  }

  /** @attribute */
  public get harnessId(): string {
    return this.resource.attrHarnessId;
  }

  /** @attribute */
  public get harnessName(): string {
    return this.name.attribute();
  }

  /**
   * The current version of the harness ("1" after creation; every update adds one).
   * @attribute
   */
  public get harnessVersion(): string {
    return this.resource.attrVersion;
  }

  /**
   * The status of the harness when CloudFormation last read it (`READY` after a successful deploy).
   * @attribute
   */
  public get harnessStatus(): string {
    return this.resource.attrStatus;
  }

  /**
   * The ARN of the AgentCore runtime the service runs the harness on.
   * @attribute
   */
  public get agentRuntimeArn(): string {
    return this.resource.attrEnvironmentAgentCoreRuntimeEnvironmentAgentRuntimeArn;
  }

  /** @attribute */
  public get agentRuntimeId(): string {
    return this.resource.attrEnvironmentAgentCoreRuntimeEnvironmentAgentRuntimeId;
  }

  /** @attribute */
  public get agentRuntimeName(): string {
    return this.resource.attrEnvironmentAgentCoreRuntimeEnvironmentAgentRuntimeName;
  }

  /**
   * The ARN of the service-managed memory; undefined unless the memory is managed.
   */
  public get managedMemoryArn(): string | undefined {
    return this.managedMemory ? this.resource.attrMemoryManagedMemoryConfigurationArn : undefined;
  }

  /**
   * The execution role. Always set for a harness defined here (optional only
   * because `IHarness.role` is optional for imported harnesses, as in `lambda.Function`).
   */
  public readonly role?: iam.IRole;
  private readonly executionRole: iam.IRole;
  private readonly roleArn: string;
  private readonly roleName: string;
  /** The execution role, as the principal options and other constructs grant to. */
  public readonly grantPrincipal: iam.IPrincipal;

  private readonly resource: CfnHarness;
  private readonly grantee: RecordingGrantee;
  private readonly ctx: HarnessBindContext;
  private readonly tools: BoundList<HarnessTool, CfnHarness.HarnessToolProperty>;
  private readonly skills: BoundList<HarnessSkill, CfnHarness.HarnessSkillProperty>;
  private readonly hooks: BoundList<HarnessHook, CfnHarness.HarnessHookProperty>;
  private readonly allowedTools?: string[];
  /**
   * The models the execution role is granted: `model`, then `additionalModels`.
   * @internal
   */
  public readonly _declaredModels: HarnessModel[];
  private readonly managedMemory: boolean;
  private readonly removalPolicy: RemovalPolicy;
  private readonly name: HarnessNameForms;
  /** The statements the harness writes itself, inline in the role it created; undefined for a role passed in. */
  private readonly executionPolicy?: iam.PolicyDocument;
  private postCreate?: PostCreateSlot;
  /** The stack's shared policies this harness's role is attached to (none for a role passed in). */
  private readonly sharedPolicies: SharedExecutionPolicy[] = [];
  private runtimeView?: IBedrockAgentRuntime;

  constructor(scope: Construct, id: string, props: HarnessProps) {
    super(scope, id, { physicalName: props.harnessName });
    try {
      validateProps(props);
      checkNoSecretsInEnvironment(this, props.environmentVariables);
      claimExplicitName(this, props.harnessName);
      if (props.harnessName !== undefined) {
        Annotations.of(this).addWarningV2('cdk-agentcore-harness:explicit-name',
          `harnessName ${show(props.harnessName)} is explicit. The name is create-only: a change to a create-only input `
          + '(managed-memory encryption key, network) replaces the harness under the same name, which fails; a retained '
          + 'harness also blocks redeploying the stack. Omit harnessName to get a generated, collision-free name.');
      }

      // Known before anything is bound: the shared policies the role is attached to are retained with it.
      const memoryOption = props.memory ?? HarnessMemory.managed();
      const removalPolicy = props.removalPolicy ?? (memoryOption._managed ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
      if (removalPolicy === RemovalPolicy.SNAPSHOT) {
        throw new HarnessValidationError('removalPolicy', 'SNAPSHOT is not supported by AWS::BedrockAgentCore::Harness; use RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY');
      }
      this.removalPolicy = removalPolicy;

      if (props.role) {
        this.executionRole = props.role;
      } else {
        this.executionPolicy = new iam.PolicyDocument();
        this.sharedPolicies.push(sharedExecutionPolicy(this, 'Base', removalPolicy));
        if (props.containerImage === undefined) {
          // The default runtime image comes from ECR Public; a container image grants its own pull.
          this.sharedPolicies.push(sharedExecutionPolicy(this, 'DefaultRuntimeImagePull', removalPolicy));
        }
        this.executionRole = createExecutionRole(this, 'ExecutionRole', this.executionPolicy, this.sharedPolicies.map(p => p.reference));
      }
      this.role = this.executionRole;
      // A role this harness created is in its stack (see synthesis-shortcuts.ts).
      const roleReferences = ownedRoleReferences(this.executionRole, props.role === undefined);
      this.roleArn = roleReferences.arn;
      this.roleName = roleReferences.name;
      validateString('role', this.executionRole.roleArn, {
        pattern: ROLE_ARN,
        patternDescription: 'an IAM role ARN with a 12-digit account, arn:<partition>:iam::<account>:role/<name>',
      });
      const inline = this.executionPolicy;
      this.grantee = new RecordingGrantee(this.executionRole, inline && (statement => inline.addStatements(statement)));
      this.grantPrincipal = this.grantee;
      if (props.role) {
        // A role passed in is the user's: the shared statements go to it like any grant.
        for (const statement of baseExecutionStatements(this)) {
          this.addToRolePolicy(statement);
        }
        if (props.containerImage === undefined) {
          this.addToRolePolicy(ecrPublicPullStatement('PullDefaultRuntimeImage'));
        }
      }

      // Rendered below, once the resource exists for options that read its attributes.
      let memory: CfnHarness.HarnessMemoryConfigurationProperty | undefined;
      let environment: CfnHarness.HarnessEnvironmentProviderProperty | undefined;

      const explicitName = props.harnessName;
      this.name = explicitName !== undefined
        ? { property: explicitName, attribute: () => explicitName }
        : generateHarnessName(this, () => createOnlyInputs(memory, environment));
      this.allowedTools = props.allowedTools;
      this.resource = new CfnHarness(this, 'Resource', {
        harnessName: this.name.property,
        executionRoleArn: this.roleArn,
        // A placeholder for the required property: the model is rendered (and assigned)
        // below, once the resource exists for options that read its attributes.
        model: PENDING_MODEL,
        systemPrompt: props.systemPrompt?._render(),
        truncation: props.truncation?._render(),
        maxIterations: props.maxIterations,
        maxTokens: props.maxTokens,
        timeoutSeconds: props.timeout?.toSeconds(),
        environmentVariables: props.environmentVariables && Object.keys(props.environmentVariables).length > 0
          ? props.environmentVariables : undefined,
        allowedTools: props.allowedTools,
        tags: renderTags(props.tags),
      });
      // On the L2 role this renders DependsOn on the role (which carries the inline policy)
      // AND on its default policy once anything grants through grantPrincipal, so the
      // harness is created only once every grant is attached: a harness created
      // before its role's permissions exist fails its first session with AccessDenied.
      this.resource.node.addDependency(this.executionRole, ...this.sharedPolicies.map(p => p.resource));
      omitImpliedDependsOn(this.resource);

      this.ctx = {
        scope: this,
        resource: this.resource,
        grantee: this.grantee,
        addToRolePolicy: (statement) => this.addToRolePolicy(statement),
        addPostCreateStatement: (statement) => this.addPostCreateStatement(statement),
      };

      // Assigned as soon as they are rendered rather than through Lazy values: they
      // never change after construction, and every Lazy costs a token resolution in each
      // of the several passes synthesis makes over the template.
      this._declaredModels = [props.model, ...props.additionalModels ?? []];
      this.resource.model = props.model._bind(this.ctx);
      for (const extra of props.additionalModels ?? []) {
        extra._grant(this.ctx);
      }
      memory = memoryOption._bind(this.ctx);
      const env = renderEnvironment(this.ctx, {
        network: props.network,
        filesystems: props.filesystems,
        idleSessionTimeout: props.idleSessionTimeout,
        maxSessionLifetime: props.maxSessionLifetime,
      });
      environment = env.environment;
      this._connections = env.connections;
      checkReadOnlyFields(memory, environment);
      this.resource.memory = memory;
      this.resource.environment = environment;
      if (props.containerImage) {
        this.resource.environmentArtifact = props.containerImage._bind(this.ctx);
      }
      if (props.authorizer) {
        this.resource.authorizerConfiguration = props.authorizer._bind(this.ctx);
      }

      if (memoryOption._managed && removalPolicy === RemovalPolicy.DESTROY) {
        Annotations.of(this).addWarningV2('cdk-agentcore-harness:managed-memory-destroy',
          'The harness uses managed memory and removalPolicy DESTROY: deleting the stack or replacing the harness '
          + 'deletes the memory and every stored conversation with it.');
      }
      this.resource.applyRemovalPolicy(removalPolicy);
      if (props.removalPolicy === undefined) {
        // A replacement is governed by the NEW template's UpdateReplacePolicy. Switching away from
        // managed memory (e.g. dropping its create-only encryption key) replaces the harness while the
        // new template no longer has managed memory; DESTROY would then delete the old harness and its
        // conversations without anyone opting out. So by default a replacement always keeps the old one.
        this.resource.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
      }

      this.managedMemory = memoryOption._managed;
      if (removalPolicy !== RemovalPolicy.DESTROY && props.role === undefined) {
        // The role and its policies go with the harness, or a retained harness would point at a deleted role.
        // The stack's shared and post-create policies take the most retaining policy of their harnesses.
        retainWithHarness(this, () => [this.executionRole], removalPolicy);
      }

      // Bound last, once every attribute an option may read is set. Options added
      // later are bound when they are added, so the constructs and dependencies their
      // grants create exist before the app is prepared.
      this.tools = new BoundList(this.ctx, 'tools', props.tools, tools => { this.resource.tools = tools; });
      this.skills = new BoundList(this.ctx, 'skills', props.skills, skills => { this.resource.skills = skills; });
      this.hooks = new BoundList(this.ctx, 'hooks', props.hooks, hooks => { this.resource.hooks = hooks; });
      this.node.addValidation({ validate: () => this.validateAtSynth() });
    } catch (e) {
      throw inConstruct(this, e);
    }
  }

  /**
   * The context this harness binds its options with, so tests can bind an option
   * exactly as the harness does.
   * @internal
   */
  public get _bindContext(): HarnessBindContext {
    return this.ctx;
  }

  /** @internal */
  public _metricRuntime(): MetricRuntime {
    return { name: this.agentRuntimeName, arn: this.agentRuntimeArn };
  }

  /**
   * The AgentCore runtime the service runs this harness on, for its metrics
   * (`metricInvocations()`, `metricLatency()`, …) and runtime-level grants.
   */
  public get agentRuntime(): IBedrockAgentRuntime {
    if (!this.runtimeView) {
      this.runtimeView = Runtime.fromAgentRuntimeAttributes(this, 'AgentRuntime', {
        agentRuntimeArn: this.agentRuntimeArn,
        agentRuntimeId: this.agentRuntimeId,
        agentRuntimeName: this.agentRuntimeName,
        roleArn: this.roleArn,
        securityGroups: this._connections?.securityGroups,
      });
    }
    return this.runtimeView;
  }

  /**
   * The version this harness has after this deployment; it moves with every
   * configuration change (`Version` attribute).
   */
  public get currentVersion(): HarnessVersion {
    return HarnessVersion._currentVersionOf(this);
  }

  /**
   * Defines a named endpoint of this harness (construct id `Endpoint<name>`).
   * See `EndpointVersionPolicy` for the version it serves.
   *
   * @example
   * declare const harness: Harness;
   * const staging = harness.addEndpoint('STAGING');
   * const prod = harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(staging) });
   * declare const caller: iam.IGrantable;
   * prod.grants.invoke(caller);
   */
  public addEndpoint(endpointName: string, options: HarnessEndpointOptions = {}): HarnessEndpoint {
    if (!Token.isUnresolved(endpointName) && this.node.tryFindChild(`Endpoint${endpointName}`)) {
      throw new HarnessValidationError('endpointName',
        `${show(endpointName)} is already an endpoint of ${this.node.path}; endpoint names are unique per harness`);
    }
    return new HarnessEndpoint(this, `Endpoint${endpointName}`, { ...options, harness: this, endpointName });
  }

  /** Adds a tool and grants its permissions. The set of tools is validated at synth. */
  public addTool(tool: HarnessTool): Harness {
    this.tools.add(tool);
    return this;
  }

  /** Adds a skill and grants its permissions. */
  public addSkill(skill: HarnessSkill): Harness {
    this.skills.add(skill);
    return this;
  }

  /** Adds a hook and grants its permissions. The set of hooks is validated at synth. */
  public addHook(hook: HarnessHook): Harness {
    this.hooks.add(hook);
    return this;
  }

  /**
   * Adds a statement to the execution role's policy (which the harness depends on).
   * For an immutable imported role the statement is listed in the `role-immutable` warning.
   */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    if (this.executionPolicy) {
      this.executionPolicy.addStatements(statement);
    } else {
      this.grantee.addToPrincipalPolicy(statement);
    }
  }

  /**
   * A statement that references the harness's attributes: it must be attached after the
   * harness is created, and the harness must not depend on it (see post-create-policies.ts).
   */
  private addPostCreateStatement(statement: iam.PolicyStatement): void {
    if (this.grantee.hasMissing) {
      this.grantee.recordMissing(statement);
      return;
    }
    if (this.postCreate) {
      this.postCreate.addStatement(statement);
      return;
    }
    this.postCreate = joinPostCreateGroup(this, {
      removalPolicy: this.removalPolicy,
      roleName: this.roleName,
      roleArn: this.roleArn,
      known: this.knownLengths(),
      statements: [statement],
    });
  }

  /** The most characters the harness's own deploy-time ARNs can take, for the post-create groups' sizes. */
  private knownLengths(): DeployTimeLengths {
    // The service generates the memory's id: a letter, up to 99 more characters, `-` and 10 characters.
    const maxByToken = new Map<string, number>([[this.resource.attrMemoryManagedMemoryConfigurationArn, MEMORY_ARN_MAX_LENGTH]]);
    // A role created here has the path `/` and a CloudFormation-generated name of at most 64 characters.
    if (this.executionPolicy) maxByToken.set(this.roleArn, ROLE_ARN_MAX_LENGTH);
    let resolved: KnownLengths | undefined;
    return {
      maxByToken,
      resolved: () => resolved ??= this.knownLengthsByIntrinsic(maxByToken),
    };
  }

  private knownLengthsByIntrinsic(maxByToken: ReadonlyMap<string, number>): KnownLengths {
    const stack = Stack.of(this);
    const bounds = new Map<string, number>();
    maxByToken.forEach((max, token) => bounds.set(JSON.stringify(stack.resolve(token)), max));
    return (intrinsic) => {
      const max = bounds.get(JSON.stringify(intrinsic));
      return max === undefined ? undefined : { min: 1, max };
    };
  }

  private validateAtSynth(): string[] {
    validateToolSet(this, this.tools.render() ?? [], this.allowedTools);
    validateHookSet(this.hooks.render() ?? []);
    validateTags('tags', this.resource.cdkTagManager.tagValues());
    this.grantee.report(this);
    const errors = runDeferredChecks(this, cfnPropertiesOf(this.resource));
    this.warnRetainedDependencies();
    return [...errors, ...this.validateInlinePolicySize()];
  }

  /** A retained harness must not depend on resources deleted with the stack. */
  private warnRetainedDependencies(): void {
    if (this.removalPolicy === RemovalPolicy.DESTROY) return;
    const owned = new Set<CfnResource>([this.resource]);
    // What the harness itself references, and what its own role's policies grant access to.
    const read: unknown[] = [cfnPropertiesOf(this.resource)];
    // Only a role the harness created is retained with it; a role passed in is the user's to keep.
    if (this.executionPolicy) {
      const cfnRole = this.executionRole.node.defaultChild as iam.CfnRole;
      // The stack's shared policies are kept with their harnesses; only managed policies attached otherwise are read.
      const shared = new Set<iam.IManagedPolicy>(this.sharedPolicies.map(p => p.reference));
      const attached = (this.executionRole as unknown as { managedPolicies?: iam.IManagedPolicy[] }).managedPolicies;
      read.push(attached ? attached.filter(p => !shared.has(p)).map(p => p.managedPolicyArn) : cfnRole.managedPolicyArns);
      read.push(this.executionPolicy);
      for (const child of this.executionRole.node.findAll()) {
        if (!(child instanceof CfnResource)) continue;
        owned.add(child);
        // The role's managed-policy list is read above and its inline policy is this harness's execution policy.
        if (child !== cfnRole) read.push(cfnPropertiesOf(child));
      }
    }
    // Not read: the shared policies name no resource, and a post-create group names only harnesses and roles
    // of its own removal policy, which are kept as this harness is.
    if (this.postCreate) owned.add(this.postCreate.policy);
    this.sharedPolicies.forEach(policy => owned.add(policy.resource));
    warnDeletedDependencies(this, read, owned);
  }

  /**
   * The statements the harness writes are an inline policy of its role, which shares
   * IAM's aggregate inline-policy quota with the role's default policy (aws-cdk-lib
   * splits an oversized default policy only against its own size). Fails when the
   * two certainly exceed it: literal text counted exactly, deploy-time values at
   * their shortest.
   */
  private validateInlinePolicySize(): string[] {
    if (!this.executionPolicy) return [];
    const defaultPolicy = this.executionRole.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
    const lengths = leastInlinePolicyLengths(Stack.of(this), [this.executionPolicy, ...defaultPolicy ? [defaultPolicy.document] : []]);
    if (!lengths) return [];
    const [execution, grants = 0] = lengths;
    const least = execution + grants;
    if (least <= INLINE_POLICY_QUOTA) return [];
    return [`role: the execution role's inline policies take at least ${least} characters (${EXECUTION_POLICY_NAME}: `
      + `${execution}, default policy: ${grants}); IAM allows ${INLINE_POLICY_QUOTA} per role. Pass a role you `
      + 'manage (`role`) whose permissions are in managed policies, or grant fewer resources individually.'];
  }
}
