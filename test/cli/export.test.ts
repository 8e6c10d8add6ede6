import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { synthExportedApp } from './exported-app';
import { runCli } from './run-cli';
import { Emulator, startEmulator } from '../emulator';

const ROLE = 'arn:aws:iam::123456789012:role/AgentRole';
const SECRET = 'Bearer do-not-write-me';

let emulator: Emulator;
let workDir: string;
beforeAll(async () => {
  emulator = await startEmulator();
  workDir = mkdtempSync(path.join(tmpdir(), 'export-'));
});
afterAll(async () => {
  await emulator.stop();
  rmSync(workDir, { recursive: true, force: true });
});
afterEach(() => {
  emulator.faults.clear();
});

let n = 0;
function seed(config: Record<string, unknown> = {}) {
  const h = emulator.seedHarness({ name: `agent_${++n}`, versions: 3, endpoints: [{ name: 'PROD', liveVersion: '2' }] });
  h.config = { executionRoleArn: ROLE, model: { bedrockModelConfig: { modelId: 'us.anthropic.claude-sonnet-4-6' } }, ...config };
  return h;
}

function outDir(): string {
  return path.join(workDir, `out${n}`);
}

function filesIn(dir: string): string {
  return readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

test('writes package.json, tsconfig.json, cdk.json, app.ts and README.md, and reports them', async () => {
  const h = seed();
  h.tags = { team: 'agents' };
  const run = await runCli(emulator, ['export', '--harness', h.harnessId, '--output', outDir(), '--json']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  const json = JSON.parse(run.stdout);
  expect(json).toMatchObject({ harnessId: h.harnessId, endpoints: [{ name: 'PROD', version: '2' }], unexpressed: [], todos: [] });
  expect(readdirSync(outDir()).sort()).toEqual(['README.md', 'app.ts', 'cdk.json', 'package.json', 'tsconfig.json']);
  const pkg = JSON.parse(readFileSync(path.join(outDir(), 'package.json'), 'utf8'));
  expect(Object.keys(pkg.dependencies).sort()).toEqual(['aws-cdk-lib', 'cdk-agentcore-harness', 'constructs']);
  expect(readFileSync(path.join(outDir(), 'README.md'), 'utf8')).toMatch(new RegExp(`cdk import[\\s\\S]*${h.arn}`));

  const template = Template.fromStack(synthExportedApp(outDir()));
  template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
    HarnessName: h.harnessName,
    ExecutionRoleArn: ROLE,
    Tags: [{ Key: 'team', Value: 'agents' }],
  });
  template.hasResourceProperties('AWS::BedrockAgentCore::HarnessEndpoint', { EndpointName: 'PROD', TargetVersion: '2' });
  // An imported role is not changed: the app creates no IAM resources.
  expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
});

test('lists what it cannot express in app.ts and on stderr, and never writes a secret', async () => {
  const h = seed({
    memory: { agentCoreMemoryConfiguration: { arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/mem-abcdefghij' } },
    tools: [
      {
        type: 'agentcore_gateway',
        name: 'crm',
        config: {
          agentCoreGateway: {
            gatewayArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/crm-abcdefghij',
            outboundAuth: { oauth: { providerArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/crm', scopes: ['read'] } },
          },
        },
      },
      { type: 'remote_mcp', name: 'docs', config: { remoteMcp: { url: 'https://mcp.example.com/mcp', headers: { Authorization: SECRET } } } },
    ],
    environment: {
      agentCoreRuntimeEnvironment: {
        networkConfiguration: { networkMode: 'VPC', networkModeConfig: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } },
      },
    },
    environmentVariables: { STAGE: 'prod', API_KEY: SECRET },
    featureFromTheFuture: { enabled: true },
  });
  const run = await runCli(emulator, ['export', '--harness', h.arn, '--output', outDir()]);
  expect(run.code).toBe(0);
  const expected = [
    'memory.agentCoreMemoryConfiguration',
    'tools[0] (crm).config.agentCoreGateway.outboundAuth.oauth',
    'environment.agentCoreRuntimeEnvironment.networkConfiguration',
    'featureFromTheFuture',
  ];
  const app = readFileSync(path.join(outDir(), 'app.ts'), 'utf8');
  for (const item of expected) {
    expect(run.stderr).toContain(`Warning: not expressed: ${item}: `);
    expect(app).toContain(`// - ${item}: `);
  }
  expect(run.stderr).toMatch(/Warning: supply: the value of header Authorization of tool docs/);
  expect(run.stderr).toMatch(/Warning: supply: environment variable API_KEY/);
  expect(app).toMatch(/TODO: supply the secret holding this header/);
  expect(filesIn(outDir())).not.toContain(SECRET);
  // What it could express is there, and the app still synthesizes.
  Template.fromStack(synthExportedApp(outDir())).hasResourceProperties('AWS::BedrockAgentCore::Harness', {
    EnvironmentVariables: { STAGE: 'prod', API_KEY: '' },
    Tools: [
      { Name: 'crm', Type: 'agentcore_gateway' },
      { Name: 'docs', Type: 'remote_mcp', Config: { RemoteMcp: { Url: 'https://mcp.example.com/mcp' } } },
    ],
  });
});

test('a harness that does not exist exits 3 and writes nothing', async () => {
  n++;
  const run = await runCli(emulator, ['export', '--harness', 'missing-abcdefghij', '--output', outDir()]);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/harness missing-abcdefghij was not found \(GetHarness/);
  expect(existsSync(outDir())).toBe(false);
});

test('AccessDenied on GetHarness exits 4 naming the permission', async () => {
  const h = seed();
  emulator.faults.inject('GetHarness', 'accessDenied');
  const run = await runCli(emulator, ['export', '--harness', h.harnessId, '--output', outDir()]);
  expect(run.code).toBe(4);
  expect(run.stderr).toMatch(/needs bedrock-agentcore:GetHarness/);
  expect(existsSync(outDir())).toBe(false);
});

test('without permission to list tags it still exports, and says the tags were not read', async () => {
  const h = seed();
  h.tags = { team: 'agents' };
  emulator.faults.inject('ListTagsForResource', 'accessDenied');
  const run = await runCli(emulator, ['export', '--harness', h.harnessId, '--output', outDir()]);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/Warning: not expressed: tags of harness .*: not read \(Access denied: ListTagsForResource/);
  expect(readFileSync(path.join(outDir(), 'app.ts'), 'utf8')).toMatch(/\/\/ - tags of harness .*not read/);
});

test('throttling is retried on every read', async () => {
  const h = seed();
  emulator.faults.inject('GetHarness', 'throttling', 2);
  emulator.faults.inject('ListHarnessEndpoints', 'throttling', 2);
  emulator.faults.inject('ListTagsForResource', 'throttling', 2);
  const run = await runCli(emulator, ['export', '--harness', h.harnessId, '--output', outDir()]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(emulator.faults.pending()).toBe(0);
});

test('persistent throttling is retried until --timeout, then exits 6 and writes nothing', async () => {
  const h = seed();
  emulator.faults.inject('GetHarness', 'throttling', 1000);
  const run = await runCli(emulator, ['export', '--harness', h.harnessId, '--output', outDir(), '--timeout', '3']);
  expect(run.code).toBe(6);
  expect(run.stderr).toMatch(/timed out|--timeout/i);
  expect(existsSync(outDir())).toBe(false);
});

test('refuses a non-empty output directory and a missing --output', async () => {
  const h = seed();
  mkdirSync(outDir());
  writeFileSync(path.join(outDir(), 'app.ts'), 'mine');
  const run = await runCli(emulator, ['export', '--harness', h.harnessId, '--output', outDir()]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/exists and is not empty/);
  expect(readFileSync(path.join(outDir(), 'app.ts'), 'utf8')).toBe('mine');
  expect(await runCli(emulator, ['export', '--harness', h.harnessId])).toMatchObject({ code: 2, stderr: expect.stringMatching(/export needs --output/) });
});
