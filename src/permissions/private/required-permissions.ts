// What a harness's execution role must allow, derived from the harness configuration alone. Pure (no
// aws-cdk-lib), so the constructs that grant the permissions and the CLI that checks a live role share it.
import { ANY_ARN } from '../../common/private/arn-patterns';
import { MEMORY_DATA_PLANE_ACTIONS, MEMORY_KMS_ACTIONS } from '../../memory/private/perms';
import {
  BROWSER_SESSION_ACTIONS, CODE_INTERPRETER_SESSION_ACTIONS, GATEWAY_INVOKE_ACTIONS,
} from '../../tools/private/perms';

/** Where the harness lives; in the constructs these may be CloudFormation tokens. */
export interface PermissionEnv {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * The harness configuration, shaped as GetHarness returns it (camelCase members, union members as keys).
 * CfnHarness's L1 properties have the same shape; a synthesized template's PascalCase keys convert by
 * lower-casing each key's first letter.
 */
export interface HarnessPermissionInput {
  readonly model?: any;
  readonly tools?: readonly any[];
  readonly skills?: readonly any[];
  readonly memory?: any;
  readonly environmentArtifact?: any;
  readonly environment?: any;
  readonly hooks?: readonly any[];
  /**
   * Models a caller may switch to per invocation (the construct's `additionalModels`). They are not part of the
   * harness configuration the service returns, so a live check only knows them when told.
   */
  readonly additionalModels?: readonly any[];
}

/** What the permission is for, so a report can group and explain it. */
export type PermissionKind = 'base' | 'model' | 'memory' | 'gateway' | 'browser' | 'codeInterpreter' | 'credentialProvider' | 'skill' | 'containerImage' | 'hook' | 'filesystem';

export interface RequiredPermission {
  readonly kind: PermissionKind;
  readonly action: string;
  readonly resource: string;
  /** The configuration item that needs it, e.g. `tools[1] (gateway)`. */
  readonly reason: string;
  /** Condition the grant carries (IAM condition block), when the grant is conditional. */
  readonly conditions?: Record<string, Record<string, string | string[]>>;
}

/** One statement's worth of required permissions: the same actions on the same resources. */
export interface RequiredStatement {
  readonly kind: PermissionKind;
  readonly sid?: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly reason: string;
  readonly conditions?: Record<string, Record<string, string | string[]>>;
}

export const BEDROCK_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
export const MANTLE_INFERENCE_ACTIONS = ['bedrock-mantle:CreateInference'];
/** No resource-level permissions: granted on `*`. */
export const MANTLE_BEARER_ACTIONS = ['bedrock-mantle:CallWithBearerToken'];
export const WORKLOAD_IDENTITY_ACTIONS = ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT'];
export const API_KEY_USE_ACTIONS = ['bedrock-agentcore:GetResourceApiKey'];
export const OAUTH2_USE_ACTIONS = ['bedrock-agentcore:GetResourceOauth2Token', 'bedrock-agentcore:CompleteResourceTokenAuth'];
/** Pulling from ECR Public (the default runtime image, or a public image); no resource-level permissions. */
export const ECR_PUBLIC_PULL_ACTIONS = ['ecr-public:GetAuthorizationToken', 'sts:GetServiceBearerToken'];
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
/** No resource-level permissions: granted on `*`. */
export const ECR_AUTH_ACTIONS = ['ecr:GetAuthorizationToken'];
/** What calling a hook target takes, by target member (what the aws-cdk-lib grants of each target give). */
export const HOOK_TARGET_ACTIONS: Record<string, string[]> = {
  lambda: ['lambda:InvokeFunction'],
  sns: ['sns:Publish'],
  eventBridge: ['events:PutEvents'],
};
export const EFS_CLIENT_ACTIONS = ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'];
export const S3_FILES_CLIENT_ACTIONS = ['s3files:ClientMount', 's3files:ClientWrite'];
/** Granted on `*` (as the service's own setup guidance does); the mount resolves these before it has an ARN to scope to. */
export const S3_FILES_DESCRIBE_ACTIONS = ['s3files:GetAccessPoint', 's3files:GetFileSystem', 's3files:ListMountTargets', 's3files:GetMountTarget'];
export const SKILL_OBJECT_READ_ACTIONS = ['s3:GetObject'];
export const SKILL_LIST_ACTIONS = ['s3:ListBucket'];
export const CREDENTIAL_SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

/**
 * Actions granted on `*` because they have no resource-level permissions (documented service wildcards).
 * A comparison of a role with the required set accepts `*` for these and for nothing else.
 */
export const SERVICE_WILDCARD_ACTIONS = [
  'ecr-public:GetAuthorizationToken', 'sts:GetServiceBearerToken',
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
  'cloudwatch:PutMetricData', ...MANTLE_BEARER_ACTIONS, ...ECR_AUTH_ACTIONS, ...S3_FILES_DESCRIBE_ACTIONS,
];

/**
 * Geographic prefixes of system-defined cross-region inference profiles
 * (`us.anthropic.…`, `global.…`). A foundation-model id never starts with one.
 */
const PROFILE_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca|global)\.(.+)$/;

/** The parts of an ARN, or undefined for anything else. */
export function splitArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const m = ANY_ARN.exec(arn);
  return m ? { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] } : undefined;
}

/** The default workload-identity directory of an account and region, and every identity in it. */
export function workloadIdentityResources(env: PermissionEnv): string[] {
  const directory = `arn:${env.partition}:bedrock-agentcore:${env.region}:${env.account}:workload-identity-directory/default`;
  return [directory, `${directory}/workload-identity/*`];
}

/** The statements every harness needs, whatever it is configured with. */
export function baseStatements(env: PermissionEnv): RequiredStatement[] {
  const { partition, region, account } = env;
  const logGroups = `arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*`;
  const reason = 'every harness';
  return [
    // X-Ray has no resource-level permissions for these actions.
    { kind: 'base', sid: 'XRay', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], resources: ['*'], reason },
    // The runtime's log-group name is service-generated; only its prefix is known.
    { kind: 'base', sid: 'LogGroups', actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'], resources: [logGroups], reason },
    // DescribeLogGroups is authorized against the log-group:* resource (as aws-cdk-lib's Runtime grants it).
    { kind: 'base', sid: 'DescribeLogGroups', actions: ['logs:DescribeLogGroups'], resources: [`arn:${partition}:logs:${region}:${account}:log-group:*`], reason },
    { kind: 'base', sid: 'LogStreams', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroups}:log-stream:*`], reason },
    // PutMetricData has no resource-level permissions; the namespace condition scopes it.
    {
      kind: 'base',
      sid: 'Metrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      reason,
      conditions: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
    },
    // The workload identity's name is service-generated (undocumented), so the grant covers the
    // default directory's identities, as aws-cdk-lib's identity grants do.
    { kind: 'base', sid: 'WorkloadIdentity', actions: WORKLOAD_IDENTITY_ACTIONS, resources: workloadIdentityResources(env), reason },
  ];
}

/**
 * The ARNs `bedrock:InvokeModel*` must be allowed on for a Bedrock model id (a literal id or ARN).
 *
 * An inference profile routes to the foundation model in any region of its geography (or any
 * commercial region for `global.`), so the foundation-model ARN keeps region `*`; region `*` also
 * matches the empty region global profiles present. An application inference profile's models
 * cannot be known from its ARN: only the profile is returned.
 */
export function bedrockModelResources(env: PermissionEnv, modelId: string): string[] {
  const foundationModel = (region: string, id: string) => `arn:${env.partition}:bedrock:${region}::foundation-model/${id}`;
  const arn = splitArn(modelId);
  if (arn) {
    const slash = arn.resource.indexOf('/');
    const type = slash === -1 ? arn.resource : arn.resource.slice(0, slash);
    const name = slash === -1 ? '' : arn.resource.slice(slash + 1);
    if (type === 'inference-profile' && name) {
      const profile = PROFILE_PREFIX.exec(name);
      return profile ? [modelId, foundationModel('*', profile[2])] : [modelId];
    }
    return [modelId];
  }
  const profile = PROFILE_PREFIX.exec(modelId);
  if (profile) {
    return [
      `arn:${env.partition}:bedrock:${env.region}:${env.account}:inference-profile/${modelId}`,
      foundationModel('*', profile[2]),
    ];
  }
  return [foundationModel(env.region, modelId)];
}

/** Bedrock Mantle (OpenAI-compatible API formats) statements. */
export function mantleStatements(env: PermissionEnv, reason: string): RequiredStatement[] {
  return [
    { kind: 'model', actions: MANTLE_INFERENCE_ACTIONS, resources: [`arn:${env.partition}:bedrock-mantle:${env.region}:${env.account}:*`], reason },
    // CallWithBearerToken has no resource-level permissions.
    { kind: 'model', actions: MANTLE_BEARER_ACTIONS, resources: ['*'], reason },
  ];
}

/** The token-vault parents of a credential provider (`token-vault/<vault>` and its provider directory). */
export function tokenVaultResources(providerArn: string | undefined, directory: 'apikeycredentialprovider' | 'oauth2credentialprovider', env: PermissionEnv): string[] {
  const arn = providerArn === undefined ? undefined : splitArn(providerArn);
  const prefix = `arn:${env.partition}:bedrock-agentcore:${arn?.region ?? env.region}:${arn?.account ?? env.account}:`;
  const vault = (arn?.resource.split('/')[1]) || 'default';
  return [`${prefix}token-vault/${vault}`, `${prefix}token-vault/${vault}/${directory}`];
}

/**
 * Credential-provider use: the provider, its token-vault parents and the harness's workload identities;
 * plus its secret. The secret's ARN is not in the harness configuration: `secretArn` gives it when known
 * (e.g. read from the provider); otherwise that provider's own secret, named from the provider ARN.
 */
export function credentialProviderStatements(
  env: PermissionEnv, providerArn: string, type: 'apiKey' | 'oauth2', reason: string, secretArn?: string,
  /** The ARN the parents are derived from; the constructs pass undefined for an ARN that is a token. */
  parentsFrom: string | undefined = providerArn,
): RequiredStatement[] {
  const arn = parentsFrom === undefined ? undefined : splitArn(parentsFrom);
  // AgentCore Identity keeps a provider's credential in the secret `bedrock-agentcore-identity!<vault>/<apikey|oauth2>/<name>`
  // plus Secrets Manager's six-character suffix: observed service naming, not a documented contract.
  const path = arn?.resource.split('/') ?? [];
  const vault = path[1] || 'default';
  const name = path.slice(3).join('/') || '*';
  const secret = secretArn
    ?? `arn:${env.partition}:secretsmanager:${arn?.region || env.region}:${arn?.account || env.account}:secret:bedrock-agentcore-identity!${vault}/${type === 'apiKey' ? 'apikey' : 'oauth2'}/${name}-??????`;
  return [
    {
      kind: 'credentialProvider',
      actions: type === 'apiKey' ? API_KEY_USE_ACTIONS : OAUTH2_USE_ACTIONS,
      resources: [providerArn, ...tokenVaultResources(parentsFrom, type === 'apiKey' ? 'apikeycredentialprovider' : 'oauth2credentialprovider', env), ...workloadIdentityResources(env)],
      reason,
    },
    { kind: 'credentialProvider', actions: CREDENTIAL_SECRET_READ_ACTIONS, resources: [secret], reason },
  ];
}

/** The AWS-managed browser or code interpreter. */
export function awsOwnedSandboxArn(env: PermissionEnv, resource: 'browser' | 'code-interpreter'): string {
  const name = resource === 'browser' ? 'aws.browser.v1' : 'aws.codeinterpreter.v1';
  return `arn:${env.partition}:bedrock-agentcore:${env.region}:aws:${resource}/${name}`;
}

/** Read access to one S3 key prefix: its objects, and listing limited to it. */
export function s3PrefixReadStatements(bucketArn: string, prefix: string, reason: string): RequiredStatement[] {
  return [
    { kind: 'skill', actions: SKILL_OBJECT_READ_ACTIONS, resources: [`${bucketArn}/${prefix}*`], reason },
    { kind: 'skill', actions: SKILL_LIST_ACTIONS, resources: [bucketArn], reason, conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
  ];
}

const ECR_URI = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.[^/]+\/([^:@]+)/;

/** Pulling the default runtime image or a public image from ECR Public (no resource-level permissions). */
export function ecrPublicPullStatements(reason: string): RequiredStatement[] {
  return [{ kind: 'containerImage', actions: ECR_PUBLIC_PULL_ACTIONS, resources: ['*'], reason }];
}

/** Pulling a private ECR image: the repository, and the registry login (no resource-level permissions). */
export function containerImageStatements(env: PermissionEnv, containerUri: string): RequiredStatement[] {
  const m = ECR_URI.exec(containerUri);
  if (!m) return [];
  return [
    { kind: 'containerImage', actions: ECR_PULL_ACTIONS, resources: [`arn:${env.partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`], reason: 'container image' },
    { kind: 'containerImage', actions: ECR_AUTH_ACTIONS, resources: ['*'], reason: 'container image' },
  ];
}

/** Mounting an EFS access point: client access to its file system through that access point only. */
export function efsStatements(fileSystemArn: string, accessPointArn: string, reason: string): RequiredStatement[] {
  return [
    {
      kind: 'filesystem',
      actions: EFS_CLIENT_ACTIONS,
      resources: [fileSystemArn],
      reason,
      conditions: { ArnEquals: { 'elasticfilesystem:AccessPointArn': accessPointArn } },
    },
    { kind: 'filesystem', actions: ['elasticfilesystem:DescribeAccessPoints'], resources: [accessPointArn], reason },
    { kind: 'filesystem', actions: ['elasticfilesystem:DescribeMountTargets'], resources: [fileSystemArn], reason },
  ];
}

/** Mounting an S3 Files access point; its file system's ARN is the access point's ARN up to `/access-point/`. */
export function s3FilesStatements(
  accessPointArn: string, reason: string, fileSystemArn: string = accessPointArn.split('/access-point/')[0],
): RequiredStatement[] {
  return [
    {
      kind: 'filesystem',
      actions: S3_FILES_CLIENT_ACTIONS,
      resources: [fileSystemArn],
      reason,
      conditions: { ArnEquals: { 's3files:AccessPointArn': accessPointArn } },
    },
    { kind: 'filesystem', actions: S3_FILES_DESCRIBE_ACTIONS, resources: ['*'], reason },
  ];
}

/** Lookups that make the answer sharper when the caller can read the referenced resources. */
export interface PermissionLookups {
  /** The secret a credential provider stores its key or client secret in. */
  readonly secretArnOf?: (providerArn: string) => string | undefined;
  /**
   * The file system an EFS access point belongs to (the configuration holds the access point only). Without it
   * the EFS statements cannot be derived and are left out.
   */
  readonly efsFileSystemArnOf?: (accessPointArn: string) => string | undefined;
}

/** Every statement the execution role needs for this configuration. */
export function requiredStatements(config: HarnessPermissionInput, env: PermissionEnv, lookups: PermissionLookups = {}): RequiredStatement[] {
  const out: RequiredStatement[] = [...baseStatements(env)];
  const provider = (arn: string, type: 'apiKey' | 'oauth2', reason: string) =>
    out.push(...credentialProviderStatements(env, arn, type, reason, lookups.secretArnOf?.(arn)));

  const models: [any, string][] = [[config.model ?? {}, 'model'], ...(config.additionalModels ?? []).map((m, i): [any, string] => [m ?? {}, `additionalModels[${i}]`])];
  for (const [model, reason] of models) {
    if (model.bedrockModelConfig?.modelId) {
      out.push({ kind: 'model', actions: BEDROCK_INVOKE_ACTIONS, resources: bedrockModelResources(env, model.bedrockModelConfig.modelId), reason });
      const format = model.bedrockModelConfig.apiFormat;
      if (format !== undefined && format !== 'converse_stream') out.push(...mantleStatements(env, `${reason} (API format)`));
    }
    for (const member of ['openAiModelConfig', 'geminiModelConfig', 'liteLlmModelConfig']) {
      const apiKeyArn = model[member]?.apiKeyArn;
      if (apiKeyArn) provider(apiKeyArn, 'apiKey', `${reason} (API key)`);
    }
  }

  (config.tools ?? []).forEach((tool, i) => {
    const c = tool?.config ?? {};
    const reason = `tools[${i}]${tool?.name ? ` ${tool.name}` : ''}`;
    if (c.agentCoreGateway?.gatewayArn) {
      const auth = c.agentCoreGateway.outboundAuth ?? { awsIam: {} };
      if (auth.awsIam) out.push({ kind: 'gateway', actions: GATEWAY_INVOKE_ACTIONS, resources: [c.agentCoreGateway.gatewayArn], reason });
      if (auth.oauth?.providerArn) provider(auth.oauth.providerArn, 'oauth2', `${reason} (gateway OAuth)`);
    }
    if (c.agentCoreBrowser) {
      out.push({ kind: 'browser', actions: BROWSER_SESSION_ACTIONS, resources: [c.agentCoreBrowser.browserArn ?? awsOwnedSandboxArn(env, 'browser')], reason });
    }
    if (c.agentCoreCodeInterpreter) {
      out.push({
        kind: 'codeInterpreter',
        actions: CODE_INTERPRETER_SESSION_ACTIONS,
        resources: [c.agentCoreCodeInterpreter.codeInterpreterArn ?? awsOwnedSandboxArn(env, 'code-interpreter')],
        reason,
      });
    }
  });

  (config.skills ?? []).forEach((skill, i) => {
    const uri = /^s3:\/\/([^/]+)\/?(.*)$/.exec(skill?.s3?.uri ?? '');
    if (uri) out.push(...s3PrefixReadStatements(`arn:${env.partition}:s3:::${uri[1]}`, uri[2], `skills[${i}]`));
    const credentialArn = skill?.git?.auth?.credentialArn;
    if (credentialArn) provider(credentialArn, 'apiKey', `skills[${i}] (Git credential)`);
  });

  const memoryArn = config.memory?.agentCoreMemoryConfiguration?.arn ?? config.memory?.managedMemoryConfiguration?.arn;
  if (memoryArn) out.push({ kind: 'memory', actions: MEMORY_DATA_PLANE_ACTIONS, resources: [memoryArn], reason: 'memory' });
  const memoryKey = config.memory?.managedMemoryConfiguration?.encryptionKeyArn;
  if (memoryKey) out.push({ kind: 'memory', actions: MEMORY_KMS_ACTIONS, resources: [memoryKey], reason: 'memory encryption key' });

  (config.hooks ?? []).forEach((hook, i) => {
    for (const [stage, value] of Object.entries(hook ?? {})) {
      for (const [member, target] of Object.entries((value as any)?.target ?? {})) {
        const arn = (target as any)?.arn;
        if (typeof arn !== 'string' || !HOOK_TARGET_ACTIONS[member]) continue;
        // A function is invoked by ARN or by a qualified ARN (version or alias).
        const resources = member === 'lambda' ? [arn, `${arn}:*`] : [arn];
        out.push({ kind: 'hook', actions: HOOK_TARGET_ACTIONS[member], resources, reason: `hooks[${i}] ${stage}` });
      }
    }
  });

  const filesystems: any[] = config.environment?.agentCoreRuntimeEnvironment?.filesystemConfigurations ?? [];
  filesystems.forEach((fs, i) => {
    const reason = `filesystems[${i}]`;
    const efs = fs?.efsAccessPoint?.accessPointArn;
    const fileSystemArn = efs ? lookups.efsFileSystemArnOf?.(efs) : undefined;
    if (efs && fileSystemArn) out.push(...efsStatements(fileSystemArn, efs, reason));
    const s3Files = fs?.s3FilesAccessPoint?.accessPointArn;
    if (s3Files) out.push(...s3FilesStatements(s3Files, reason));
  });

  const containerUri = config.environmentArtifact?.containerConfiguration?.containerUri;
  if (typeof containerUri === 'string') out.push(...containerImageStatements(env, containerUri));
  // The default runtime image and public images come from ECR Public; a private image needs no ECR Public access.
  if (typeof containerUri !== 'string' || containerUri.startsWith('public.ecr.aws/')) out.push(...ecrPublicPullStatements('container image'));
  return out;
}

/** The same, one (action, resource) pair per line, without duplicates. */
export function requiredPermissions(config: HarnessPermissionInput, env: PermissionEnv, lookups: PermissionLookups = {}): RequiredPermission[] {
  const seen = new Set<string>();
  const out: RequiredPermission[] = [];
  for (const s of requiredStatements(config, env, lookups)) {
    for (const action of s.actions) {
      for (const resource of s.resources) {
        const key = `${action} ${resource}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ kind: s.kind, action, resource, reason: s.reason, ...(s.conditions ? { conditions: s.conditions } : {}) });
      }
    }
  }
  return out;
}
