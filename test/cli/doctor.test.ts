import { PermissionKind, requiredStatements } from '../../src/permissions/private/required-permissions';
import { Emulator, IamEmulator, IamStatement, startEmulator, startIamEmulator } from '../emulator';
import { runCli } from './run-cli';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const ENV = { partition: 'aws', region: REGION, account: ACCOUNT };
const ROLE = 'agent-execution-role';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const agentcore = (resource: string) => `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:${resource}`;
const PROVIDER_ARN = agentcore('token-vault/default/oauth2credentialprovider/github');
const PROVIDER_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bedrock-agentcore-identity!default/oauth2/github-AbCdEf`;
const API_KEY_ARN = agentcore('token-vault/default/apikeycredentialprovider/openai');
const API_KEY_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bedrock-agentcore-identity!default/apikey/openai-XyZ123`;

/** A harness using one thing of each kind that needs a permission. */
function config(model: 'bedrock' | 'openai' = 'bedrock'): Record<string, unknown> {
  return {
    executionRoleArn: ROLE_ARN,
    model: model === 'bedrock'
      ? { bedrockModelConfig: { modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' } }
      : { openAiModelConfig: { modelId: 'gpt-5', apiKeyArn: API_KEY_ARN } },
    tools: [
      { type: 'agentcore_gateway', name: 'search', config: { agentCoreGateway: { gatewayArn: agentcore('gateway/search-gw-abc123'), outboundAuth: { awsIam: {} } } } },
      { type: 'agentcore_gateway', name: 'github', config: { agentCoreGateway: { gatewayArn: agentcore('gateway/github-gw-def456'), outboundAuth: { oauth: { providerArn: PROVIDER_ARN, scopes: ['repo'] } } } } },
      { type: 'agentcore_browser', name: 'browser', config: { agentCoreBrowser: {} } },
      { type: 'agentcore_code_interpreter', name: 'code', config: { agentCoreCodeInterpreter: {} } },
    ],
    memory: { agentCoreMemoryConfiguration: { arn: agentcore('memory/agent_memory-a1b2c3d4e5') } },
  };
}

const GOOD_TRUST = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:*` },
    },
  }],
};

/** The role's statements as the constructs would write them for `cfg`. */
function goodStatements(cfg: Record<string, unknown>): IamStatement[] {
  const secrets: Record<string, string> = { [PROVIDER_ARN]: PROVIDER_SECRET, [API_KEY_ARN]: API_KEY_SECRET };
  return requiredStatements(cfg as any, ENV, { secretArnOf: (arn) => secrets[arn] }).map((s) => ({
    Effect: 'Allow', Action: [...s.actions], Resource: [...s.resources], ...(s.conditions ? { Condition: s.conditions } : {}),
  }));
}

let emulator: Emulator;
let iam: IamEmulator;
beforeEach(async () => {
  emulator = await startEmulator({ region: REGION, account: ACCOUNT });
  iam = await startIamEmulator(ACCOUNT);
});
afterEach(async () => {
  await emulator.stop();
  await iam.stop();
});

/** A live harness whose role and references are all in order. */
function seedHealthy(model: 'bedrock' | 'openai' = 'bedrock') {
  const h = emulator.seedHarness({ name: 'agent', versions: 3, endpoints: [{ name: 'PROD', liveVersion: '2' }] });
  h.config = config(model);
  iam.roles.set(ROLE, { trustPolicy: GOOD_TRUST, statements: goodStatements(h.config) });
  emulator.references.gateways.set('search-gw-abc123', { authorizerType: 'AWS_IAM' });
  emulator.references.gateways.set('github-gw-def456', { authorizerType: 'CUSTOM_JWT' });
  emulator.references.memories.set('agent_memory-a1b2c3d4e5', { status: 'ACTIVE' });
  emulator.references.oauth2Providers.set('github', { secretArn: PROVIDER_SECRET });
  emulator.references.apiKeyProviders.set('openai', { secretArn: API_KEY_SECRET });
  return h;
}

function doctor(harnessId: string, ...extra: string[]) {
  return runCli(emulator, ['doctor', '--harness', harnessId, ...extra], { AWS_ENDPOINT_URL_IAM: iam.url });
}

/** Every call doctor made, control plane and IAM. */
function calls(): string[] {
  return [...emulator.requests.map((r) => r.operation), ...iam.requests.map((r) => r.operation)];
}

describe('doctor', () => {
  test('a healthy harness: every check ok, exit 0, and only reads', async () => {
    const h = seedHealthy();
    const out = await doctor(h.harnessId);
    expect(out.stderr).toBe('');
    expect(out.stdout + `\nexit ${out.code}`).toMatch(/\nexit 0$/);
    expect(out.stdout).toContain(`Harness ${h.harnessId} (agent), execution role ${ROLE_ARN}`);
    expect(out.stdout).toMatch(/^ok\s+role\s+.*: exists$/m);
    expect(out.stdout).toMatch(/^ok\s+trust-policy\s+trust policy: bedrock-agentcore.amazonaws.com may assume the role/m);
    expect(out.stdout).toMatch(/^ok\s+permission\s+model: bedrock:InvokeModel on arn:aws:bedrock:\*::foundation-model\/anthropic.claude-sonnet-4-5-20250929-v1:0$/m);
    expect(out.stdout).toMatch(/^ok\s+gateway\s+gateway .*search-gw-abc123: exists; inbound AWS_IAM matches outbound awsIam$/m);
    expect(out.stdout).toMatch(/^ok\s+memory\s+memory .*: ACTIVE$/m);
    expect(out.stdout).toMatch(/^ok\s+credential-provider\s+credential provider .*github: exists$/m);
    expect(out.stdout).toMatch(/^ok\s+endpoint\s+endpoint PROD: READY on version 2$/m);
    expect(out.stdout).not.toMatch(/MISSING|UNKNOWN/);
    // The provider's own secret, read from the provider, is what the role is checked for.
    expect(out.stdout).toContain(`secretsmanager:GetSecretValue on ${PROVIDER_SECRET}`);
    // The cloudwatch:namespace condition is satisfied through a context entry.
    const metrics = iam.requests.find((r) => r.params['ActionNames.member.1'] === 'cloudwatch:PutMetricData');
    expect(metrics?.params).toMatchObject({ 'ContextEntries.member.1.ContextKeyName': 'cloudwatch:namespace', 'ContextEntries.member.1.ContextKeyValues.member.1': 'bedrock-agentcore' });
    expect(new Set(calls())).toEqual(new Set([
      'GetHarness', 'GetOauth2CredentialProvider', 'GetRole', 'SimulatePrincipalPolicy', 'GetGateway', 'GetMemory',
      'ListHarnessEndpoints', 'ListHarnessVersions',
    ]));
  });

  test('--json gives one document with the checks and the summary', async () => {
    const h = seedHealthy();
    const out = await doctor(h.harnessId, '--json');
    expect(out.stdout + `\nexit ${out.code}`).toMatch(/\nexit 0$/);
    const doc = JSON.parse(out.stdout);
    expect(doc.harness).toEqual({ harnessId: h.harnessId, harnessName: 'agent', arn: h.arn, executionRoleArn: ROLE_ARN });
    expect(doc.summary).toMatchObject({ missing: 0, unknown: 0, exitCode: 0 });
    expect(doc.summary.ok).toBe(doc.checks.length);
    expect(doc.callerNeeds).toEqual([]);
  });

  const KINDS: [PermissionKind, 'bedrock' | 'openai'][] = [
    ['base', 'bedrock'], ['model', 'bedrock'], ['memory', 'bedrock'], ['gateway', 'bedrock'], ['browser', 'bedrock'],
    ['codeInterpreter', 'bedrock'], ['credentialProvider', 'bedrock'], ['credentialProvider', 'openai'],
  ];
  test.each(KINDS)('a role missing one %s permission (%s model): MISSING with the action and resource, exit 10', async (kind, model) => {
    const h = seedHealthy(model);
    const statements = requiredStatements(h.config as any, ENV, { secretArnOf: (arn) => (arn === API_KEY_ARN ? API_KEY_SECRET : PROVIDER_SECRET) });
    const index = statements.findIndex((s) => s.kind === kind && (model === 'bedrock' || s.reason.startsWith('model')));
    const removed = statements[index].actions[0];
    const resource = statements[index].resources[0];
    const role = iam.roles.get(ROLE)!;
    role.statements = role.statements.map((s, i) => (i === index ? { ...s, Action: (s.Action as string[]).slice(1) } : s));
    // Keep the statement valid when it had one action only.
    role.statements = role.statements.filter((s) => (s.Action as string[]).length > 0);

    const out = await doctor(h.harnessId);
    expect(out.code).toBe(10);
    expect(out.stdout).toContain(`${removed} on ${resource} is not allowed`);
    expect(out.stdout).toMatch(new RegExp(`^MISSING\\s+permission\\s+.*: ${removed.replace(/[.*]/g, '\\$&')} on `, 'm'));
    const doc = JSON.parse((await doctor(h.harnessId, '--json')).stdout);
    expect(doc.checks).toContainEqual(expect.objectContaining({ check: 'permission', status: 'missing', action: removed, resource }));
    expect(doc.checks.filter((c: any) => c.status === 'missing').every((c: any) => c.action === removed)).toBe(true);
  });

  test('an explicit Deny is reported as such', async () => {
    const h = seedHealthy();
    iam.roles.get(ROLE)!.statements.push({ Effect: 'Deny', Action: 'bedrock-agentcore:InvokeGateway', Resource: '*' });
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(10);
    expect(out.stdout).toContain(`bedrock-agentcore:InvokeGateway on ${agentcore('gateway/search-gw-abc123')} is explicitly denied`);
  });

  test.each([
    ['another account in aws:SourceAccount', { ...GOOD_TRUST.Statement[0], Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }, /aws:SourceAccount 999999999999 is not 123456789012/],
    ['a SourceArn of another region', { ...GOOD_TRUST.Statement[0], Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:bedrock-agentcore:eu-west-1:${ACCOUNT}:*` } } }, /aws:SourceArn .* does not cover/],
    ['another service principal', { ...GOOD_TRUST.Statement[0], Principal: { Service: 'lambda.amazonaws.com' } }, /does not let bedrock-agentcore.amazonaws.com assume the role/],
    ['no confused-deputy condition', { Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole' }, /no confused-deputy condition/],
  ])('a trust policy with %s: MISSING trust-policy, exit 10', async (_name, statement, message) => {
    const h = seedHealthy();
    iam.roles.set(ROLE, { ...iam.roles.get(ROLE)!, trustPolicy: { Version: '2012-10-17', Statement: [statement] } });
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(10);
    expect(out.stdout).toMatch(/^MISSING\s+trust-policy\s+trust policy: /m);
    expect(out.stdout).toMatch(message);
    expect(out.stdout.match(/^MISSING/gm)).toHaveLength(1);
  });

  test('a trust policy naming this harness exactly is accepted', async () => {
    const h = seedHealthy();
    const statement = { ...GOOD_TRUST.Statement[0], Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': h.arn } } };
    iam.roles.set(ROLE, { ...iam.roles.get(ROLE)!, trustPolicy: { Version: '2012-10-17', Statement: [statement] } });
    expect((await doctor(h.harnessId)).code).toBe(0);
  });

  test('a deleted role: the role and every permission are missing; nothing is simulated', async () => {
    const h = seedHealthy();
    iam.roles.delete(ROLE);
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(10);
    expect(out.stdout).toMatch(new RegExp(`^MISSING\\s+role\\s+${ROLE_ARN}: does not exist$`, 'm'));
    expect(out.stdout).toMatch(/^MISSING\s+permission\s+execution role: the role does not exist, so none of the \d+ required permissions is granted$/m);
    expect(iam.requests.filter((r) => r.operation === 'SimulatePrincipalPolicy')).toHaveLength(0);
  });

  test('a JWT gateway called with IAM (SigV4) outbound auth: MISSING gateway, exit 10', async () => {
    const h = seedHealthy();
    emulator.references.gateways.set('search-gw-abc123', { authorizerType: 'CUSTOM_JWT' });
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(10);
    expect(out.stdout).toMatch(/^MISSING\s+gateway\s+gateway .*search-gw-abc123: inbound authorizer CUSTOM_JWT rejects the harness's outbound awsIam auth \(needs AWS_IAM\)$/m);
  });

  test('a deleted gateway, a memory not ACTIVE, a missing provider and an endpoint on a FAILED version are missing', async () => {
    const h = seedHealthy();
    emulator.references.gateways.delete('github-gw-def456');
    emulator.references.memories.set('agent_memory-a1b2c3d4e5', { status: 'FAILED', failureReason: 'KMS key disabled' });
    emulator.references.oauth2Providers.delete('github');
    h.versions[1].status = 'CREATE_FAILED';
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(10);
    expect(out.stdout).toMatch(/^MISSING\s+gateway\s+gateway .*github-gw-def456: does not exist$/m);
    expect(out.stdout).toMatch(/^MISSING\s+memory\s+memory .*: is FAILED, not ACTIVE: KMS key disabled$/m);
    expect(out.stdout).toMatch(/^MISSING\s+credential-provider\s+credential provider .*github: does not exist$/m);
    expect(out.stdout).toMatch(/^MISSING\s+endpoint\s+endpoint PROD: serves version 2, which is not a READY version$/m);
  });

  test('--endpoint limits the endpoint check to that endpoint; an unknown one is missing', async () => {
    const h = seedHealthy();
    const one = await doctor(h.harnessId, '--endpoint', 'PROD');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/endpoint PROD: READY/);
    expect(one.stdout).not.toMatch(/endpoint DEFAULT/);
    const none = await doctor(h.harnessId, '--endpoint', 'STAGING');
    expect(none.code).toBe(10);
    expect(none.stdout).toMatch(/^MISSING\s+endpoint\s+endpoint STAGING: does not exist$/m);
  });

  test('a caller without iam:SimulatePrincipalPolicy: the permission checks cannot be made, the rest run; exit 11 names the permission', async () => {
    const h = seedHealthy();
    iam.inject('SimulatePrincipalPolicy', 'accessDenied', 100);
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(11);
    expect(out.stdout).toMatch(/^UNKNOWN\s+permission\s+execution role: \d+ required permissions not simulated: cannot tell: the caller may not call iam:SimulatePrincipalPolicy$/m);
    expect(out.stdout).toMatch(/^ok\s+trust-policy/m);
    expect(out.stdout).toContain("Checks not made for lack of the caller's own permissions; grant the caller: iam:SimulatePrincipalPolicy");
    const doc = JSON.parse((await doctor(h.harnessId, '--json')).stdout);
    expect(doc.callerNeeds).toEqual(['iam:SimulatePrincipalPolicy']);
    expect(doc.summary).toMatchObject({ missing: 0, exitCode: 11 });
  });

  test('a caller without iam:GetRole or bedrock-agentcore:GetGateway: those checks are unknown, with the permissions', async () => {
    const h = seedHealthy();
    iam.inject('GetRole', 'accessDenied', 100);
    emulator.faults.inject('GetGateway', 'accessDenied', 100);
    const out = await doctor(h.harnessId, '--json');
    expect(out.code).toBe(11);
    expect(JSON.parse(out.stdout).callerNeeds).toEqual(['bedrock-agentcore:GetGateway', 'iam:GetRole']);
  });

  test('throttling of every call is retried and the answer is unchanged', async () => {
    const h = seedHealthy();
    iam.inject('GetRole', 'throttling', 3);
    iam.inject('SimulatePrincipalPolicy', 'throttling', 3);
    emulator.faults.inject('GetHarness', 'throttling', 3);
    emulator.faults.inject('GetGateway', 'throttling', 3);
    emulator.faults.inject('GetMemory', 'throttling', 3);
    emulator.faults.inject('GetOauth2CredentialProvider', 'throttling', 3);
    const out = await doctor(h.harnessId);
    expect(out.stderr).toBe('');
    expect(out.stdout + `\nexit ${out.code}`).toMatch(/\nexit 0$/);
    expect(emulator.faults.pending()).toBe(0);
    expect(iam.requests.filter((r) => r.status === 400)).toHaveLength(6);
  });

  test.each([
    ['throttling', 1], ['throttling', 5], ['throttling', 20], ['internal', 1], ['unavailable', 5], ['internal', 20],
  ] as const)('a %s burst of %i on GetHarness is retried; the answer is unchanged', async (fault, count) => {
    const h = seedHealthy();
    emulator.faults.inject('GetHarness', fault, count);
    const out = await doctor(h.harnessId);
    expect(out.stderr).toBe('');
    expect(out.stdout + `\nexit ${out.code}`).toMatch(/\nexit 0$/);
    expect(emulator.faults.pending()).toBe(0);
  });

  test.each([['throttling', 20], ['internal', 20]] as const)('a %s burst of %i on IAM SimulatePrincipalPolicy is retried; the answer is unchanged', async (fault, count) => {
    const h = seedHealthy();
    iam.inject('SimulatePrincipalPolicy', fault, count);
    const out = await doctor(h.harnessId);
    expect(out.stderr).toBe('');
    expect(out.stdout + `\nexit ${out.code}`).toMatch(/\nexit 0$/);
    expect(out.stdout).not.toMatch(/MISSING|UNKNOWN/);
  });

  test('AccessDenied on GetHarness exits 4 naming the call; nothing else is asked', async () => {
    const h = seedHealthy();
    emulator.faults.inject('GetHarness', 'accessDenied', 1);
    const out = await doctor(h.harnessId);
    expect(out.code).toBe(4);
    expect(out.stderr).toMatch(/Access denied: GetHarness on harness /);
    expect(iam.requests).toHaveLength(0);
  });

  test('--timeout is a hard deadline under an endless throttling burst: exit 6', async () => {
    const h = seedHealthy();
    iam.inject('SimulatePrincipalPolicy', 'throttling', 100_000);
    const out = await doctor(h.harnessId, '--timeout', '1', '--json');
    expect(out.code).toBe(6);
    expect(JSON.parse(out.stdout)).toEqual({ error: { exitCode: 6, message: expect.stringMatching(/Timed out after 1 s \(--timeout 1\)/) } });
  });

  test('a missing harness fails as the other commands do (exit 3); no IAM call', async () => {
    const out = await doctor('agent-0123456789');
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/harness agent-0123456789 was not found/);
    expect(iam.requests).toHaveLength(0);
  });
});
