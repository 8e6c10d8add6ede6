import { literal, object, str } from './code';

/** What GetHarness returned, as plain data (the SDK's shape: camelCase, one member per union). */
export type LiveConfig = Record<string, any>;

/**
 * Collects what the generated code needs besides the props: imports, helper statements before the harness,
 * what it could not express and what the user must supply.
 */
export class ExportNotes {
  /** module → imported names. */
  public readonly imports = new Map<string, Set<string>>();
  /** Statements placed before `new Harness(...)` (imported resources). */
  public readonly statements: string[] = [];
  /** Settings of the live harness the app does not reproduce, each with the reason. */
  public readonly unexpressed: string[] = [];
  /** Values the user must supply (secrets are never written). */
  public readonly todos: string[] = [];
  private readonly ids = new Set<string>();

  public use(module: string, ...names: string[]): void {
    const set = this.imports.get(module) ?? new Set<string>();
    names.forEach((n) => set.add(n));
    this.imports.set(module, set);
  }

  /** A construct id not used before in the stack. */
  public id(base: string): string {
    let id = base;
    for (let i = 2; this.ids.has(id); i++) id = `${base}${i}`;
    this.ids.add(id);
    return id;
  }

  public cannot(path: string, reason: string): void {
    this.unexpressed.push(`${path}: ${reason}`);
  }
}

const LIB = 'cdk-agentcore-harness';
const CDK = 'aws-cdk-lib';

/** Keys GetHarness returns that describe the resource, not its configuration. */
const IDENTITY_KEYS = new Set([
  'harnessId', 'harnessName', 'arn', 'status', 'harnessVersion', 'createdAt', 'updatedAt', 'failureReason', '$metadata',
]);

/** Environment variable names whose values are treated as secrets and never written. */
const SECRET_NAME = /(secret|token|passw(or)?d|api[_-]?key|credential|private[_-]?key)/i;

function seconds(n: number): string {
  if (n % 3600 === 0) return `Duration.hours(${n / 3600})`;
  if (n % 60 === 0) return `Duration.minutes(${n / 60})`;
  return `Duration.seconds(${n})`;
}

/** Reports every key of `value` not in `known`, so nothing the service returns is dropped silently. */
function leftovers(notes: ExportNotes, path: string, value: Record<string, unknown> | undefined, known: readonly string[]): void {
  for (const k of Object.keys(value ?? {})) {
    if (!known.includes(k) && (value as any)[k] !== undefined) notes.cannot(`${path}.${k}`, 'not supported by this version of the library');
  }
}

function onlyMember(value: Record<string, unknown> | undefined): [string, any] | undefined {
  const entries = Object.entries(value ?? {}).filter(([, v]) => v !== undefined);
  return entries.length === 1 ? entries[0] : undefined;
}

function enumMember(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function modelCode(model: LiveConfig | undefined, notes: ExportNotes, indent: string): string | undefined {
  const member = onlyMember(model);
  if (!member) {
    notes.cannot('model', 'missing or not exactly one provider; the app uses Bedrock Claude Sonnet 4.6, the service default');
    notes.use(LIB, 'HarnessModel');
    return 'HarnessModel.bedrock({ modelId: \'us.anthropic.claude-sonnet-4-6\' })';
  }
  const [kind, c] = member;
  const factory = ({ bedrockModelConfig: 'bedrock', openAiModelConfig: 'openAi', geminiModelConfig: 'gemini', liteLlmModelConfig: 'liteLlm' } as Record<string, string>)[kind];
  if (!factory) {
    notes.cannot(`model.${kind}`, 'a model provider this library does not know; the app uses Bedrock Claude Sonnet 4.6');
    notes.use(LIB, 'HarnessModel');
    return 'HarnessModel.bedrock({ modelId: \'us.anthropic.claude-sonnet-4-6\' })';
  }
  notes.use(LIB, 'HarnessModel');
  const known = ['modelId', 'maxTokens', 'temperature', 'topP', 'additionalParams', 'apiFormat', 'apiKeyArn', 'apiBase', 'topK'];
  leftovers(notes, `model.${kind}`, c, known);
  let apiFormat: string | undefined;
  if (c.apiFormat !== undefined) {
    const formatClass = kind === 'openAiModelConfig' ? 'OpenAiApiFormat' : 'BedrockApiFormat';
    notes.use(LIB, formatClass);
    apiFormat = `${formatClass}.${enumMember(c.apiFormat)}`;
  }
  const props = object([
    ['modelId', str(c.modelId)],
    ['apiKey', c.apiKeyArn !== undefined ? apiKeyCode(c.apiKeyArn, notes) : undefined],
    ['apiBase', c.apiBase !== undefined ? str(c.apiBase) : undefined],
    ['apiFormat', apiFormat],
    ['maxTokens', c.maxTokens !== undefined ? String(c.maxTokens) : undefined],
    ['temperature', c.temperature !== undefined ? String(c.temperature) : undefined],
    ['topP', c.topP !== undefined ? String(c.topP) : undefined],
    ['topK', c.topK !== undefined ? String(c.topK) : undefined],
    ['additionalParams', c.additionalParams !== undefined ? literal(c.additionalParams, indent + '  ') : undefined],
  ], indent);
  return `HarnessModel.${factory}(${props})`;
}

function promptCode(prompt: LiveConfig[] | undefined, notes: ExportNotes): string | undefined {
  if (!prompt || prompt.length === 0) return undefined;
  prompt.forEach((block, i) => leftovers(notes, `systemPrompt[${i}]`, block, ['text']));
  if (prompt.length > 1) {
    notes.cannot('systemPrompt', `${prompt.length} text blocks; the library takes one prompt, so the app joins them with a blank line`);
  }
  notes.use(LIB, 'HarnessSystemPrompt');
  return `HarnessSystemPrompt.fromText(${str(prompt.map((b) => b.text ?? '').join('\n\n'))})`;
}

function toolCode(tool: LiveConfig, i: number, notes: ExportNotes, indent: string): string | undefined {
  const path = `tools[${i}] (${tool.name ?? tool.type})`;
  const name = tool.name !== undefined ? str(tool.name) : undefined;
  const config = tool.config ?? {};
  notes.use(LIB, 'HarnessTool');
  switch (tool.type) {
    case 'agentcore_gateway': {
      const g = config.agentCoreGateway ?? {};
      leftovers(notes, `${path}.config.agentCoreGateway`, g, ['gatewayArn', 'outboundAuth']);
      const auth = onlyMember(g.outboundAuth);
      let outboundAuth: string | undefined;
      if (auth?.[0] === 'none') {
        notes.use(LIB, 'GatewayOutboundAuth');
        outboundAuth = 'GatewayOutboundAuth.none()';
      } else if (auth?.[0] === 'awsIam') {
        notes.use(LIB, 'GatewayOutboundAuth');
        outboundAuth = 'GatewayOutboundAuth.iam()';
      } else if (auth !== undefined) {
        notes.cannot(`${path}.config.agentCoreGateway.outboundAuth.${auth[0]}`,
          'OAuth outbound auth needs the credential provider as a construct; the app uses IAM (SigV4) until you set it');
      }
      return `HarnessTool.fromGatewayArn(${str(g.gatewayArn)}, ${object([['name', name], ['outboundAuth', outboundAuth]], indent)})`;
    }
    case 'agentcore_browser':
    case 'agentcore_code_interpreter': {
      const browser = tool.type === 'agentcore_browser';
      const member = browser ? 'agentCoreBrowser' : 'agentCoreCodeInterpreter';
      const arnKey = browser ? 'browserArn' : 'codeInterpreterArn';
      const c = config[member] ?? {};
      leftovers(notes, `${path}.config.${member}`, c, [arnKey]);
      if (c[arnKey] !== undefined && !/:aws:(browser|code-interpreter)\//.test(c[arnKey])) {
        notes.cannot(`${path}.config.${member}.${arnKey}`, `a custom sandbox (${c[arnKey]}) must be passed as a construct; the app uses the built-in one`);
      }
      return `HarnessTool.${browser ? 'browser' : 'codeInterpreter'}(${name ? object([['name', name]], indent) : ''})`;
    }
    case 'remote_mcp': {
      const c = config.remoteMcp ?? {};
      leftovers(notes, `${path}.config.remoteMcp`, c, ['url', 'headers']);
      let headers: string | undefined;
      const names = Object.keys(c.headers ?? {});
      if (names.length > 0) {
        notes.use(LIB, 'RemoteMcpHeader');
        notes.use(CDK, 'SecretValue');
        headers = object(names.map((h) => {
          notes.todos.push(`the value of header ${h} of tool ${tool.name ?? i} (stored in Secrets Manager, not in code)`);
          return [h, `RemoteMcpHeader.fromSecretValue(SecretValue.secretsManager(${str(`TODO-${h}`)})) /* TODO: supply the secret holding this header */`];
        }), indent + '  ');
      }
      return `HarnessTool.fromRemoteMcpUrl(${str(c.url)}, ${object([['name', name], ['headers', headers]], indent)})`;
    }
    case 'inline_function': {
      const c = config.inlineFunction ?? {};
      leftovers(notes, `${path}.config.inlineFunction`, c, ['description', 'inputSchema']);
      return `HarnessTool.inlineFunction(${object([
        ['name', name ?? str(`function_${i}`)],
        ['description', str(c.description ?? '')],
        ['inputSchema', literal(c.inputSchema ?? {}, indent + '  ')],
      ], indent)})`;
    }
    default:
      notes.cannot(path, `tool type ${tool.type} is not supported by this version of the library`);
      return undefined;
  }
}

function skillCode(skill: LiveConfig, i: number, notes: ExportNotes, indent: string): string | undefined {
  const member = onlyMember(skill);
  const path = `skills[${i}]`;
  notes.use(LIB, 'HarnessSkill');
  switch (member?.[0]) {
    case 'path': return `HarnessSkill.fromContainerPath(${str(member[1])})`;
    case 'awsSkills':
      leftovers(notes, `${path}.awsSkills`, member[1], ['paths']);
      return `HarnessSkill.aws(${member[1].paths ? literal(member[1].paths, indent) : ''})`;
    case 'git': {
      const g = member[1];
      leftovers(notes, `${path}.git`, g, ['url', 'path', 'auth']);
      leftovers(notes, `${path}.git.auth`, g.auth, ['credentialArn', 'username']);
      // The token stays in the credential provider; only its ARN is written.
      const credential = g.auth?.credentialArn !== undefined ? apiKeyCode(g.auth.credentialArn, notes) : undefined;
      const options = object([
        ['path', g.path !== undefined ? str(g.path) : undefined],
        ['credential', credential],
        ['username', g.auth?.username !== undefined ? str(g.auth.username) : undefined],
      ], indent);
      return `HarnessSkill.fromGitRepository(${str(g.url)}${options === '{}' ? '' : `, ${options}`})`;
    }
    case 's3': {
      const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(member[1].uri ?? '');
      if (!m) {
        notes.cannot(`${path}.s3.uri`, `${member[1].uri} is not s3://<bucket>/<prefix>`);
        return undefined;
      }
      notes.use('aws-cdk-lib/aws-s3', '* as s3');
      const id = notes.id('SkillBucket');
      const variable = id[0].toLowerCase() + id.slice(1);
      notes.statements.push(`const ${variable} = s3.Bucket.fromBucketName(this, ${str(id)}, ${str(m[1])});`);
      return `HarnessSkill.fromBucket(${variable}, ${str(m[2])})`;
    }
    default:
      notes.cannot(path, 'not exactly one known member (path, awsSkills, git, s3)');
      return undefined;
  }
}

function memoryCode(memory: LiveConfig | undefined, notes: ExportNotes, indent: string): string | undefined {
  if (memory === undefined) return undefined;
  const member = onlyMember(memory);
  notes.use(LIB, 'HarnessMemory');
  switch (member?.[0]) {
    case 'disabled': return 'HarnessMemory.disabled()';
    case 'managedMemoryConfiguration': {
      const m = member[1];
      // The managed memory's ARN is an output of the service, not a setting.
      leftovers(notes, 'memory.managedMemoryConfiguration', m, ['arn', 'strategies', 'eventExpiryDuration', 'encryptionKeyArn']);
      let encryptionKey: string | undefined;
      if (m.encryptionKeyArn !== undefined) {
        notes.use('aws-cdk-lib/aws-kms', '* as kms');
        notes.statements.push(`const memoryKey = kms.Key.fromKeyArn(this, 'MemoryKey', ${str(m.encryptionKeyArn)});`);
        encryptionKey = 'memoryKey';
      }
      let strategies: string | undefined;
      if (m.strategies !== undefined) {
        notes.use(LIB, 'HarnessMemoryStrategy');
        strategies = `[${(m.strategies as string[]).map((s) => `HarnessMemoryStrategy.${enumMember(s)}`).join(', ')}]`;
      }
      if (m.eventExpiryDuration !== undefined) notes.use(CDK, 'Duration');
      const options = object([
        ['strategies', strategies],
        ['eventExpiry', m.eventExpiryDuration !== undefined ? `Duration.days(${m.eventExpiryDuration})` : undefined],
        ['encryptionKey', encryptionKey],
      ], indent);
      return `HarnessMemory.managed(${options === '{}' ? '' : options})`;
    }
    default:
      notes.cannot(`memory${member ? `.${member[0]}` : ''}`,
        'an existing AgentCore memory must be passed as a construct (HarnessMemory.fromMemory); the app leaves memory to the service default (managed memory) until you set it');
      return undefined;
  }
}

function truncationCode(t: LiveConfig | undefined, notes: ExportNotes, indent: string): string | undefined {
  if (t === undefined) return undefined;
  leftovers(notes, 'truncation', t, ['strategy', 'config']);
  notes.use(LIB, 'HarnessTruncation');
  const c = t.config ?? {};
  switch (t.strategy) {
    case 'none': return 'HarnessTruncation.none()';
    case 'sliding_window': {
      leftovers(notes, 'truncation.config.slidingWindow', c.slidingWindow, ['messagesCount']);
      const o = object([['messagesCount', c.slidingWindow?.messagesCount?.toString()]], indent);
      return `HarnessTruncation.slidingWindow(${o === '{}' ? '' : o})`;
    }
    case 'summarization': {
      const s = c.summarization;
      leftovers(notes, 'truncation.config.summarization', s, ['summaryRatio', 'preserveRecentMessages', 'summarizationSystemPrompt']);
      const o = object([
        ['summaryRatio', s?.summaryRatio?.toString()],
        ['preserveRecentMessages', s?.preserveRecentMessages?.toString()],
        ['summarizationSystemPrompt', s?.summarizationSystemPrompt !== undefined ? str(s.summarizationSystemPrompt) : undefined],
      ], indent);
      return `HarnessTruncation.summarization(${o === '{}' ? '' : o})`;
    }
    default:
      notes.cannot('truncation.strategy', `${t.strategy} is not a strategy this library knows`);
      return undefined;
  }
}

const ECR_URI = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@]+)(?::([^@]+)|@(sha256:.+))?$/;

function containerCode(artifact: LiveConfig | undefined, notes: ExportNotes): string | undefined {
  if (artifact === undefined) return undefined;
  leftovers(notes, 'environmentArtifact', artifact, ['containerConfiguration']);
  const uri: string | undefined = artifact.containerConfiguration?.containerUri;
  const m = uri ? ECR_URI.exec(uri) : null;
  if (!m) {
    notes.cannot('environmentArtifact.containerConfiguration.containerUri', `${uri} is not a private ECR image this library can reference; the app uses the default runtime image`);
    return undefined;
  }
  const [, account, region, cn, repositoryName, tag, digest] = m;
  notes.use('aws-cdk-lib/aws-ecr', '* as ecr');
  notes.use(LIB, 'HarnessContainerImage');
  const partition = cn ? 'aws-cn' : 'aws';
  notes.statements.push(`const repository = ecr.Repository.fromRepositoryAttributes(this, 'ImageRepository', {
      repositoryArn: ${str(`arn:${partition}:ecr:${region}:${account}:repository/${repositoryName}`)},
      repositoryName: ${str(repositoryName)},
    });`);
  return `HarnessContainerImage.fromEcrRepository(repository, ${str(digest ?? tag ?? 'latest')})`;
}

interface EnvironmentProps {
  idleSessionTimeout?: string;
  maxSessionLifetime?: string;
  network?: string;
  filesystems?: string;
}

function environmentCode(env: LiveConfig | undefined, notes: ExportNotes, indent: string): EnvironmentProps {
  if (env === undefined) return {};
  leftovers(notes, 'environment', env, ['agentCoreRuntimeEnvironment']);
  const r = env.agentCoreRuntimeEnvironment ?? {};
  // The runtime's ARN, name and id are outputs of the service.
  leftovers(notes, 'environment.agentCoreRuntimeEnvironment', r,
    ['agentRuntimeArn', 'agentRuntimeName', 'agentRuntimeId', 'lifecycleConfiguration', 'networkConfiguration', 'filesystemConfigurations']);
  const out: EnvironmentProps = {};
  const life = r.lifecycleConfiguration;
  leftovers(notes, 'environment.agentCoreRuntimeEnvironment.lifecycleConfiguration', life, ['idleRuntimeSessionTimeout', 'maxLifetime']);
  if (life?.idleRuntimeSessionTimeout !== undefined) out.idleSessionTimeout = seconds(life.idleRuntimeSessionTimeout);
  if (life?.maxLifetime !== undefined) out.maxSessionLifetime = seconds(life.maxLifetime);
  if (out.idleSessionTimeout || out.maxSessionLifetime) notes.use(CDK, 'Duration');
  const net = r.networkConfiguration;
  if (net?.networkMode === 'PUBLIC') {
    notes.use(LIB, 'HarnessNetworkConfiguration');
    out.network = 'HarnessNetworkConfiguration.publicNetwork()';
  } else if (net !== undefined) {
    notes.cannot('environment.agentCoreRuntimeEnvironment.networkConfiguration',
      `VPC mode (subnets ${(net.networkModeConfig?.subnets ?? []).join(', ')}, security groups ${(net.networkModeConfig?.securityGroups ?? []).join(', ')}) ` +
      'needs the VPC as a construct (HarnessNetworkConfiguration.vpc); the app uses the public network until you set it');
  }
  const mounts: string[] = [];
  (r.filesystemConfigurations ?? []).forEach((f: LiveConfig, i: number) => {
    const member = onlyMember(f);
    const path = `environment.agentCoreRuntimeEnvironment.filesystemConfigurations[${i}]`;
    if (member?.[0] === 'sessionStorage') {
      mounts.push(`HarnessFilesystem.sessionStorage(${str(member[1].mountPath)})`);
    } else if (member?.[0] === 's3FilesAccessPoint') {
      mounts.push(`HarnessFilesystem.fromS3FilesAccessPointArn(${str(member[1].accessPointArn)}, ${str(member[1].mountPath)})`);
    } else {
      notes.cannot(path, `${member?.[0] ?? 'this mount'} needs its file system as a construct (HarnessFilesystem.fromEfsAccessPoint) and a VPC`);
    }
  });
  if (mounts.length > 0) {
    notes.use(LIB, 'HarnessFilesystem');
    out.filesystems = mounts.length === 1 ? `[${mounts[0]}]` : `[\n${mounts.map((m) => `${indent}  ${m},`).join('\n')}\n${indent}]`;
  }
  return out;
}

function claimCode(claim: LiveConfig, i: number, notes: ExportNotes): string | undefined {
  const name = claim.inboundTokenClaimName;
  const match = claim.authorizingClaimMatchValue ?? {};
  const value = match.claimMatchValue ?? {};
  notes.use(LIB, 'HarnessJwtClaim');
  if (claim.inboundTokenClaimValueType === 'STRING' && match.claimMatchOperator === 'EQUALS' && value.matchValueString !== undefined) {
    return `HarnessJwtClaim.stringEquals(${str(name)}, ${str(value.matchValueString)})`;
  }
  if (claim.inboundTokenClaimValueType === 'STRING_ARRAY' && match.claimMatchOperator === 'CONTAINS' && value.matchValueString !== undefined) {
    return `HarnessJwtClaim.arrayContains(${str(name)}, ${str(value.matchValueString)})`;
  }
  if (claim.inboundTokenClaimValueType === 'STRING_ARRAY' && match.claimMatchOperator === 'CONTAINS_ANY' && value.matchValueStringList !== undefined) {
    return `HarnessJwtClaim.arrayContainsAny(${str(name)}, ${literal(value.matchValueStringList)})`;
  }
  notes.cannot(`authorizerConfiguration.customJWTAuthorizer.customClaims[${i}]`, `the claim rule on ${name} has a shape the library cannot build; dropped from the app`);
  return undefined;
}

function authorizerCode(auth: LiveConfig | undefined, notes: ExportNotes, indent: string): string | undefined {
  if (auth === undefined) return undefined;
  leftovers(notes, 'authorizerConfiguration', auth, ['customJWTAuthorizer']);
  const j = auth.customJWTAuthorizer;
  if (j === undefined) return undefined;
  const path = 'authorizerConfiguration.customJWTAuthorizer';
  leftovers(notes, path, j, ['discoveryUrl', 'allowedAudience', 'allowedClients', 'allowedScopes', 'customClaims', 'advertisedScopeMapping', 'privateEndpoint']);
  notes.use(LIB, 'HarnessAuthorizer');
  let privateEndpoint: string | undefined;
  const pe = onlyMember(j.privateEndpoint);
  if (pe?.[0] === 'selfManagedLatticeResource') {
    notes.use(LIB, 'HarnessPrivateEndpoint');
    privateEndpoint = `HarnessPrivateEndpoint.fromLatticeResourceConfiguration(${str(pe[1].resourceConfigurationIdentifier)})`;
  } else if (j.privateEndpoint !== undefined) {
    notes.cannot(`${path}.privateEndpoint`, 'a managed VPC private endpoint is not exported; set HarnessPrivateEndpoint.managedVpc(...) by hand');
  }
  const claims = (j.customClaims ?? []).map((c: LiveConfig, i: number) => claimCode(c, i, notes)).filter((c: string | undefined) => c !== undefined);
  return `HarnessAuthorizer.jwt(${object([
    ['discoveryUrl', str(j.discoveryUrl)],
    ['allowedAudience', j.allowedAudience !== undefined ? literal(j.allowedAudience, indent + '  ') : undefined],
    ['allowedClients', j.allowedClients !== undefined ? literal(j.allowedClients, indent + '  ') : undefined],
    ['allowedScopes', j.allowedScopes !== undefined ? literal(j.allowedScopes, indent + '  ') : undefined],
    ['advertisedScopeMapping', j.advertisedScopeMapping !== undefined ? literal(j.advertisedScopeMapping, indent + '  ') : undefined],
    ['customClaims', claims.length > 0 ? `[${claims.join(', ')}]` : undefined],
    ['privateEndpoint', privateEndpoint],
  ], indent)})`;
}

const HOOK_FACTORIES: Record<string, string> = {
  beforeInvocation: 'beforeInvocation', afterInvocation: 'afterInvocation', beforeToolCall: 'beforeToolCall', afterToolCall: 'afterToolCall',
};

function hookCode(hook: LiveConfig, i: number, notes: ExportNotes, indent: string): string | undefined {
  const member = onlyMember(hook);
  const path = `hooks[${i}]`;
  if (!member || !HOOK_FACTORIES[member[0]]) {
    notes.cannot(path, 'not exactly one known hook point');
    return undefined;
  }
  const [point, { name, target }] = member;
  const t = onlyMember(target);
  const id = notes.id(`${name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w: string) => w[0].toUpperCase() + w.slice(1)).join('') || 'Hook'}Target`);
  let targetCode: string;
  notes.use(LIB, 'HarnessHook', 'HookTarget');
  if (t?.[0] === 'lambda') {
    notes.use('aws-cdk-lib/aws-lambda', '* as lambda');
    let failureMode: string | undefined;
    if (t[1].failureMode !== undefined) {
      notes.use(LIB, 'HookFailureMode');
      failureMode = `HookFailureMode.${enumMember(t[1].failureMode)}`;
    }
    if (t[1].timeoutSeconds !== undefined) notes.use(CDK, 'Duration');
    const options = object([
      ['timeout', t[1].timeoutSeconds !== undefined ? seconds(t[1].timeoutSeconds) : undefined],
      ['failureMode', failureMode],
    ], indent + '  ');
    targetCode = `HookTarget.fromFunction(lambda.Function.fromFunctionArn(this, ${str(id)}, ${str(t[1].arn)})${options === '{}' ? '' : `, ${options}`})`;
  } else if (t?.[0] === 'sns') {
    notes.use('aws-cdk-lib/aws-sns', '* as sns');
    targetCode = `HookTarget.fromTopic(sns.Topic.fromTopicArn(this, ${str(id)}, ${str(t[1].arn)}))`;
  } else if (t?.[0] === 'eventBridge') {
    notes.use('aws-cdk-lib/aws-events', '* as events');
    targetCode = `HookTarget.fromEventBus(events.EventBus.fromEventBusArn(this, ${str(id)}, ${str(t[1].arn)}))`;
  } else {
    notes.cannot(`${path}.${point}.target`, 'not exactly one known target (lambda, sns, eventBridge)');
    return undefined;
  }
  return `HarnessHook.${HOOK_FACTORIES[point]}(${str(name)}, ${targetCode})`;
}

function list(items: (string | undefined)[], indent: string): string | undefined {
  const present = items.filter((i): i is string => i !== undefined);
  if (present.length === 0) return undefined;
  return `[\n${present.map((i) => `${indent}  ${i},`).join('\n')}\n${indent}]`;
}

function environmentVariablesCode(vars: Record<string, string> | undefined, notes: ExportNotes, indent: string): string | undefined {
  if (vars === undefined || Object.keys(vars).length === 0) return undefined;
  return object(Object.entries(vars).map(([name, value]) => {
    if (SECRET_NAME.test(name)) {
      notes.todos.push(`environment variable ${name} (its name suggests a secret, so its value was not written)`);
      return [name, `'' /* TODO: supply ${name}; better, read it at run time from Secrets Manager */`];
    }
    return [name, str(value)];
  }), indent);
}

/** The `new Harness(this, 'Harness', {...})` props of a live harness, with what they need recorded in `notes`. */
export function harnessPropsCode(h: LiveConfig, tags: Record<string, string> | undefined, notes: ExportNotes): string {
  const indent = '      ';
  const known = [
    'executionRoleArn', 'model', 'systemPrompt', 'tools', 'skills', 'allowedTools', 'truncation', 'environment',
    'environmentArtifact', 'environmentVariables', 'authorizerConfiguration', 'memory', 'hooks', 'maxIterations',
    'maxTokens', 'timeoutSeconds',
  ];
  for (const k of Object.keys(h)) {
    if (!IDENTITY_KEYS.has(k) && !known.includes(k) && h[k] !== undefined) notes.cannot(k, 'not supported by this version of the library');
  }
  notes.use(CDK, 'RemovalPolicy');
  notes.use('aws-cdk-lib/aws-iam', '* as iam');
  notes.statements.push(
    '// The role the live harness uses. Delete this and the `role` prop to let the library create a role with',
    '// exactly the permissions the configuration below needs.',
    `const role = iam.Role.fromRoleArn(this, 'ExecutionRole', ${str(h.executionRoleArn ?? '')}, { mutable: false });`,
  );
  const container = containerCode(h.environmentArtifact, notes);
  const env = environmentCode(h.environment, notes, indent);
  if (h.timeoutSeconds !== undefined) notes.use(CDK, 'Duration');
  return object([
    ['harnessName', str(h.harnessName)],
    ['role', 'role'],
    ['model', modelCode(h.model, notes, indent)],
    ['systemPrompt', promptCode(h.systemPrompt, notes)],
    ['tools', list((h.tools ?? []).map((t: LiveConfig, i: number) => toolCode(t, i, notes, indent + '  ')), indent)],
    ['allowedTools', h.allowedTools !== undefined ? literal(h.allowedTools, indent) : undefined],
    ['skills', list((h.skills ?? []).map((s: LiveConfig, i: number) => skillCode(s, i, notes, indent + '  ')), indent)],
    ['memory', memoryCode(h.memory, notes, indent)],
    ['hooks', list((h.hooks ?? []).map((k: LiveConfig, i: number) => hookCode(k, i, notes, indent + '  ')), indent)],
    ['maxIterations', h.maxIterations?.toString()],
    ['maxTokens', h.maxTokens?.toString()],
    ['timeout', h.timeoutSeconds !== undefined ? seconds(h.timeoutSeconds) : undefined],
    ['truncation', truncationCode(h.truncation, notes, indent)],
    ['containerImage', container],
    ['network', env.network],
    ['filesystems', env.filesystems],
    ['idleSessionTimeout', env.idleSessionTimeout],
    ['maxSessionLifetime', env.maxSessionLifetime],
    ['environmentVariables', environmentVariablesCode(h.environmentVariables, notes, indent)],
    ['authorizer', authorizerCode(h.authorizerConfiguration, notes, indent)],
    ['tags', tags && Object.keys(tags).length > 0 ? literal(tags, indent) : undefined],
    // CloudFormation can only import a resource that has a deletion policy, and the live harness must survive a
    // mistaken `cdk destroy`.
    ['removalPolicy', 'RemovalPolicy.RETAIN'],
  ], '    ');
}

function apiKeyCode(credentialProviderArn: string, notes: ExportNotes): string {
  notes.use(LIB, 'HarnessApiKey');
  return `HarnessApiKey.fromCredentialProviderArn(${str(credentialProviderArn)})`;
}
