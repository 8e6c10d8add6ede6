// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import {
  GetApiKeyCredentialProviderCommand, GetGatewayCommand, GetHarnessCommand, GetMemoryCommand, GetOauth2CredentialProviderCommand,
  Harness, ListHarnessVersionsCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { ContextEntry, EvaluationResult, GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { CheckResult, checkTrustPolicy } from './doctor-checks';
import { DEFAULT_ENDPOINT_NAME } from '../../common/private/endpoint-rules';
import {
  PermissionEnv, RequiredPermission, requiredPermissions, splitArn,
} from '../../permissions/private/required-permissions';
import { explain, harnessLabel } from '../../service/control';
import { describeError, errorName, isAccessDenied, isNotFound, isTransient } from '../../service/errors';
import { listEndpoints } from '../../service/list';
import { withRetries } from '../../service/retry';
import { flag } from '../args';
import { CliError, EXIT } from '../cli-error';
import { CommandContext } from '../context';
import { parseEndpointName } from '../harness-ref';
import { CommandResult } from '../output';

/** Exit codes of doctor, besides the shared ones (documented in --help). */
export const DOCTOR_EXIT = {
  /** At least one check found something missing or broken. */
  missing: EXIT.doctorMissing,
  /** Nothing found missing, but some checks could not run (usually for lack of the caller's own permissions). */
  incomplete: EXIT.doctorIncomplete,
} as const;

/** IAM answers throttling with the error code `Throttling` (HTTP 400), which the shared classifier does not know. */
function retryable(e: unknown): boolean {
  return isTransient(e) || errorName(e) === 'Throttling' || errorName(e) === 'ThrottlingException';
}

function retry<T>(call: () => Promise<T>): Promise<T> {
  return withRetries(call, { retryable });
}

function denied(e: unknown): boolean {
  return isAccessDenied(e) || errorName(e) === 'AccessDenied' || errorName(e) === 'AccessDeniedException';
}

/** A check that failed on an error: missing when the thing is gone, unknown when the caller may not look. */
function fromError(check: string, subject: string, e: unknown, callerNeeds: string): CheckResult {
  if (denied(e) && !isNotFound(e)) {
    return { check, status: 'unknown', subject, detail: `cannot tell: the caller may not call ${callerNeeds}`, callerNeeds: [callerNeeds] };
  }
  if (isNotFound(e) || errorName(e) === 'NoSuchEntity' || errorName(e) === 'NoSuchEntityException') {
    return { check, status: 'missing', subject, detail: 'does not exist' };
  }
  return { check, status: 'unknown', subject, detail: `cannot tell: ${describeError(e)}` };
}

/** The id at the end of an ARN's resource (`gateway/<id>` → `<id>`). */
function lastSegment(arn: string): string {
  const parts = (splitArn(arn)?.resource ?? arn).split('/');
  return parts[parts.length - 1];
}

/** The context keys the service presents for a conditional grant: the values the grant's condition expects. */
function contextFor(p: RequiredPermission): ContextEntry[] {
  const entries: ContextEntry[] = [];
  for (const block of Object.values(p.conditions ?? {})) {
    for (const [key, value] of Object.entries(block)) {
      // A pattern value (StringLike) is presented as the pattern itself, which it matches.
      entries.push({ ContextKeyName: key, ContextKeyValues: Array.isArray(value) ? value : [value], ContextKeyType: 'string' });
    }
  }
  return entries;
}

/** Simulates every required pair against the role, one call per resource (the call evaluates actions × resources). */
async function simulate(iam: IAMClient, roleArn: string, needs: RequiredPermission[]): Promise<CheckResult[]> {
  const groups = new Map<string, RequiredPermission[]>();
  for (const p of needs) {
    const key = `${p.resource}\n${JSON.stringify(p.conditions ?? {})}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const results: CheckResult[] = [];
  for (const group of groups.values()) {
    const evaluations: EvaluationResult[] = [];
    let marker: string | undefined;
    do {
      const page = await retry(() => iam.send(new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn,
        ActionNames: group.map((p) => p.action),
        ResourceArns: [group[0].resource],
        ContextEntries: contextFor(group[0]),
        Marker: marker,
      })));
      evaluations.push(...(page.EvaluationResults ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    for (const p of group) {
      const found = evaluations.find((r) => r.EvalActionName?.toLowerCase() === p.action.toLowerCase());
      const decision = found?.EvalDecision;
      const base = { check: 'permission', subject: p.reason, action: p.action, resource: p.resource };
      if (decision === 'allowed') {results.push({ ...base, status: 'ok', detail: `${p.action} on ${p.resource}` });} else if (decision === 'explicitDeny' || decision === 'implicitDeny') {
        results.push({ ...base, status: 'missing', detail: `${p.action} on ${p.resource} is ${decision === 'explicitDeny' ? 'explicitly denied' : 'not allowed'}` });
      } else {
        results.push({ ...base, status: 'unknown', detail: `cannot tell: no simulation result for ${p.action} on ${p.resource}` });
      }
    }
  }
  return results;
}

async function checkRole(iam: IAMClient, harness: Harness, env: PermissionEnv, needs: RequiredPermission[]): Promise<CheckResult[]> {
  const roleArn = harness.executionRoleArn ?? '';
  const roleName = (splitArn(roleArn)?.resource ?? '').split('/').pop() ?? '';
  const results: CheckResult[] = [];
  let roleExists = true;
  try {
    const out = await retry(() => iam.send(new GetRoleCommand({ RoleName: roleName })));
    results.push({ check: 'role', status: 'ok', subject: roleArn, detail: 'exists' });
    const raw = out.Role?.AssumeRolePolicyDocument;
    if (raw === undefined) {
      results.push({ check: 'trust-policy', status: 'unknown', subject: 'trust policy', detail: 'cannot tell: GetRole returned no trust policy' });
    } else {
      results.push(checkTrustPolicy(JSON.parse(decodeURIComponent(raw)), harness.arn ?? '', env.account));
    }
  } catch (e) {
    const r = fromError('role', roleArn, e, 'iam:GetRole');
    roleExists = r.status !== 'missing';
    results.push(r, { check: 'trust-policy', status: 'unknown', subject: 'trust policy', detail: 'cannot tell: the role could not be read', callerNeeds: r.callerNeeds });
  }
  if (!roleExists) {
    results.push({ check: 'permission', status: 'missing', subject: 'execution role', detail: `the role does not exist, so none of the ${needs.length} required permissions is granted` });
    return results;
  }
  try {
    results.push(...await simulate(iam, roleArn, needs));
  } catch (e) {
    const r = fromError('permission', 'execution role', e, 'iam:SimulatePrincipalPolicy');
    results.push({ ...r, status: r.status === 'missing' ? 'missing' : 'unknown', detail: `${needs.length} required permissions not simulated: ${r.detail}` });
  }
  return results;
}

/** Outbound auth → the inbound authorizer the gateway must have to accept it. */
const COMPATIBLE_AUTHORIZER: Record<string, string> = { awsIam: 'AWS_IAM', oauth: 'CUSTOM_JWT', none: 'NONE' };

async function checkGateways(ctx: CommandContext, harness: Harness): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const tool of harness.tools ?? []) {
    const gw = tool.config?.agentCoreGateway;
    if (!gw?.gatewayArn) continue;
    const subject = `gateway ${gw.gatewayArn}`;
    const outbound = Object.keys(gw.outboundAuth ?? { awsIam: {} }).find((k) => k !== '$unknown') ?? 'awsIam';
    try {
      const out = await retry(() => ctx.client.send(new GetGatewayCommand({ gatewayIdentifier: lastSegment(gw.gatewayArn!) })));
      const expected = COMPATIBLE_AUTHORIZER[outbound];
      if (!expected || !out.authorizerType || !Object.values(COMPATIBLE_AUTHORIZER).includes(out.authorizerType)) {
        // AUTHENTICATE_ONLY and future authorizers: the service does not document which outbound auth they accept.
        results.push({ check: 'gateway', status: 'unknown', subject, detail: `exists; cannot tell whether inbound ${out.authorizerType ?? '?'} accepts outbound ${outbound}` });
      } else if (out.authorizerType !== expected) {
        results.push({ check: 'gateway', status: 'missing', subject, detail: `inbound authorizer ${out.authorizerType} rejects the harness's outbound ${outbound} auth (needs ${expected})` });
      } else {
        results.push({ check: 'gateway', status: 'ok', subject, detail: `exists; inbound ${out.authorizerType} matches outbound ${outbound}` });
      }
    } catch (e) {
      results.push(fromError('gateway', subject, e, 'bedrock-agentcore:GetGateway'));
    }
  }
  return results;
}

async function checkMemory(ctx: CommandContext, harness: Harness): Promise<CheckResult[]> {
  const arn = harness.memory?.agentCoreMemoryConfiguration?.arn;
  if (!arn) return [];
  const subject = `memory ${arn}`;
  try {
    const out = await retry(() => ctx.client.send(new GetMemoryCommand({ memoryId: lastSegment(arn) })));
    const status = out.memory?.status;
    return [status === 'ACTIVE'
      ? { check: 'memory', status: 'ok', subject, detail: 'ACTIVE' }
      : { check: 'memory', status: 'missing', subject, detail: `is ${status ?? '?'}, not ACTIVE${out.memory?.failureReason ? `: ${out.memory.failureReason}` : ''}` }];
  } catch (e) {
    return [fromError('memory', subject, e, 'bedrock-agentcore:GetMemory')];
  }
}

/** Every credential provider the configuration names, with the kind of provider. */
function providersOf(harness: Harness): { arn: string; type: 'apiKey' | 'oauth2' }[] {
  const out: { arn: string; type: 'apiKey' | 'oauth2' }[] = [];
  const model = (harness.model ?? {}) as Record<string, any>;
  for (const member of ['openAiModelConfig', 'geminiModelConfig', 'liteLlmModelConfig']) {
    if (model[member]?.apiKeyArn) out.push({ arn: model[member].apiKeyArn, type: 'apiKey' });
  }
  for (const tool of harness.tools ?? []) {
    const arn = tool.config?.agentCoreGateway?.outboundAuth?.oauth?.providerArn;
    if (arn) out.push({ arn, type: 'oauth2' });
  }
  return out;
}

/** Reads each provider: its existence is a check, and its secret sharpens the permission it needs. */
async function checkProviders(ctx: CommandContext, harness: Harness, secrets: Map<string, string>): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const p of providersOf(harness)) {
    const subject = `credential provider ${p.arn}`;
    const name = lastSegment(p.arn);
    try {
      const secret = p.type === 'apiKey'
        ? (await retry(() => ctx.client.send(new GetApiKeyCredentialProviderCommand({ name })))).apiKeySecretArn?.secretArn
        : (await retry(() => ctx.client.send(new GetOauth2CredentialProviderCommand({ name })))).clientSecretArn?.secretArn;
      if (secret) secrets.set(p.arn, secret);
      results.push({ check: 'credential-provider', status: 'ok', subject, detail: 'exists' });
    } catch (e) {
      const action = p.type === 'apiKey' ? 'GetApiKeyCredentialProvider' : 'GetOauth2CredentialProvider';
      results.push(fromError('credential-provider', subject, e, `bedrock-agentcore:${action}`));
    }
  }
  return results;
}

async function checkEndpoints(ctx: CommandContext, harness: Harness, only: string | undefined): Promise<CheckResult[]> {
  let endpoints: { endpointName?: string; status?: string; liveVersion?: string; failureReason?: string }[];
  let versions: Set<string>;
  try {
    endpoints = await listEndpoints(ctx.client, ctx.harnessId);
  } catch (e) {
    return [fromError('endpoint', `endpoints of harness ${ctx.harnessId}`, e, 'bedrock-agentcore:ListHarnessEndpoints')];
  }
  try {
    versions = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await retry(() => ctx.client.send(new ListHarnessVersionsCommand({ harnessId: ctx.harnessId, nextToken, maxResults: 100 })));
      for (const v of page.harnessVersions ?? []) if (v.status === 'READY' && v.harnessVersion) versions.add(v.harnessVersion);
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (e) {
    return [fromError('endpoint', `versions of harness ${ctx.harnessId}`, e, 'bedrock-agentcore:ListHarnessVersions')];
  }
  if (!endpoints.some((e) => e.endpointName === DEFAULT_ENDPOINT_NAME)) {
    endpoints.unshift({ endpointName: DEFAULT_ENDPOINT_NAME, status: harness.status, liveVersion: harness.harnessVersion });
  }
  if (only !== undefined) {
    endpoints = endpoints.filter((e) => e.endpointName === only);
    if (endpoints.length === 0) return [{ check: 'endpoint', status: 'missing', subject: `endpoint ${only}`, detail: 'does not exist' }];
  }
  return endpoints.map((e): CheckResult => {
    const subject = `endpoint ${e.endpointName ?? '?'}`;
    if (e.status !== 'READY') {
      return { check: 'endpoint', status: 'missing', subject, detail: `is ${e.status ?? '?'}, not READY${e.failureReason ? `: ${e.failureReason}` : ''}` };
    }
    if (!e.liveVersion || !versions.has(e.liveVersion)) {
      return { check: 'endpoint', status: 'missing', subject, detail: `serves version ${e.liveVersion ?? '-'}, which is not a READY version` };
    }
    return { check: 'endpoint', status: 'ok', subject, detail: `READY on version ${e.liveVersion}` };
  });
}

const MARK = { ok: 'ok     ', missing: 'MISSING', unknown: 'UNKNOWN' } as const;

/**
 * Checks a live harness's execution role and references against what its configuration needs. Read-only: it
 * only calls Get, List and SimulatePrincipalPolicy.
 */
export async function doctorCommand(ctx: CommandContext): Promise<CommandResult> {
  const endpointOption = flag(ctx.args, 'endpoint');
  const only = endpointOption === undefined ? undefined : parseEndpointName('endpoint', endpointOption);
  let harness: Harness;
  try {
    const out = await retry(() => ctx.client.send(new GetHarnessCommand({ harnessId: ctx.harnessId })));
    if (!out.harness) throw new CliError(`GetHarness returned no harness for ${ctx.harnessId}`);
    harness = out.harness;
  } catch (e) {
    if (e instanceof CliError) throw e;
    // Without the configuration nothing else can be checked: fail as the other commands do.
    throw explain(e, 'GetHarness', harnessLabel(ctx.harnessId));
  }
  const arn = splitArn(harness.arn ?? '');
  const env: PermissionEnv = { partition: arn?.partition ?? 'aws', region: arn?.region ?? '', account: arn?.account ?? '' };
  const iam = new IAMClient({ region: env.region || undefined });
  try {
    const secrets = new Map<string, string>();
    const providers = await checkProviders(ctx, harness, secrets);
    const needs = requiredPermissions(harness as any, env, { secretArnOf: (p) => secrets.get(p) });
    const checks: CheckResult[] = [
      ...await checkRole(iam, harness, env, needs),
      ...await checkGateways(ctx, harness),
      ...await checkMemory(ctx, harness),
      ...providers,
      ...await checkEndpoints(ctx, harness, only),
    ];
    const missing = checks.filter((c) => c.status === 'missing').length;
    const unknown = checks.filter((c) => c.status === 'unknown');
    const callerNeeds = [...new Set(unknown.flatMap((c) => c.callerNeeds ?? []))].sort();
    const exitCode = missing > 0 ? DOCTOR_EXIT.missing : unknown.length > 0 ? DOCTOR_EXIT.incomplete : 0;
    const lines = [
      `Harness ${ctx.harnessId} (${harness.harnessName ?? '?'}), execution role ${harness.executionRoleArn ?? '?'}`,
      ...checks.map((c) => `${MARK[c.status]}  ${c.check.padEnd(19)} ${c.subject}: ${c.detail}`),
      '',
      `${checks.length} checks: ${checks.length - missing - unknown.length} ok, ${missing} missing, ${unknown.length} could not be made`,
    ];
    if (callerNeeds.length > 0) lines.push(`Checks not made for lack of the caller's own permissions; grant the caller: ${callerNeeds.join(', ')}`);
    return {
      human: lines.join('\n'),
      json: {
        harness: { harnessId: ctx.harnessId, harnessName: harness.harnessName, arn: harness.arn, executionRoleArn: harness.executionRoleArn },
        summary: { checks: checks.length, ok: checks.length - missing - unknown.length, missing, unknown: unknown.length, exitCode },
        checks,
        callerNeeds,
      },
      exitCode,
    };
  } finally {
    iam.destroy();
  }
}
