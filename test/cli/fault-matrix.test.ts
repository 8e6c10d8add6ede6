import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { BedrockAgentCoreControlClient, UpdateHarnessEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { runCli } from './run-cli';
import { run } from '../../src/cli/main';
import { applyEmulatorEnv, Emulator, startEmulator } from '../emulator';
import type { Operation } from '../emulator/faults';

let emulator: Emulator;
let restore: () => void;
beforeEach(async () => {
  emulator = await startEmulator();
  restore = applyEmulatorEnv(emulator);
});
afterEach(async () => {
  restore();
  await emulator.stop();
});

/** The CLI in this process (the real SDK against the emulator), capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => { stdout += t + '\n'; }, stderr: (t) => { stderr += t + '\n'; } });
  return { code, stdout, stderr };
}

/** Harness with versions 1..5, STAGING on 5 and PROD on 3. */
function seed(endpoints: Array<Record<string, string>> = [{ name: 'STAGING', liveVersion: '5' }, { name: 'PROD', liveVersion: '3' }]) {
  const h = emulator.seedHarness({ name: 'agent', versions: 5, endpoints: endpoints as any });
  // What export needs to write a complete app; the other commands do not read the configuration.
  h.config = {
    executionRoleArn: `arn:aws:iam::${emulator.account}:role/agent-role`,
    model: { bedrockModelConfig: { modelId: 'us.anthropic.claude-sonnet-4-6' } },
  };
  return h;
}

interface CommandCase {
  readonly args: (id: string) => string[];
  /** The first call the command makes, where faults are armed. */
  readonly first: Operation;
  readonly ok: RegExp;
}

const COMMANDS: Record<string, CommandCase> = {
  status: { args: (id) => ['status', '--harness', id], first: 'GetHarness', ok: /PROD\s+READY\s+3/ },
  versions: { args: (id) => ['versions', '--harness', id], first: 'ListHarnessVersions', ok: /^5\s/m },
  promote: { args: (id) => ['promote', '--harness', id, '--from', 'STAGING', '--to', 'PROD'], first: 'GetHarnessEndpoint', ok: /Promoted PROD of harness .* from version 3 to 5; it is READY/ },
  rollback: { args: (id) => ['rollback', '--harness', id, '--endpoint', 'PROD'], first: 'GetHarnessEndpoint', ok: /Rolled back PROD of harness .* from version 3 to 2; it is READY/ },
  // A fresh, empty output directory per run: export refuses a non-empty one.
  export: { args: (id) => ['export', '--harness', id, '--output', freshDir()], first: 'GetHarness', ok: /Wrote a CDK app for harness agent-\w+ \(agent\) to / },
};

let exportRuns = 0;
const exportRoot = mkdtempSync(path.join(tmpdir(), 'fault-matrix-export-'));
afterAll(() => rmSync(exportRoot, { recursive: true, force: true }));
function freshDir(): string {
  exportRuns += 1;
  return path.join(exportRoot, `out${exportRuns}`);
}

describe.each(Object.keys(COMMANDS))('%s under faults', (name) => {
  const c = COMMANDS[name];

  test.each([
    ['throttling', 1], ['throttling', 5], ['throttling', 20], ['internal', 1], ['unavailable', 5], ['internal', 20],
  ] as const)('a %s burst of %i is retried until it passes (within --timeout)', async (fault, count) => {
    const h = seed();
    emulator.faults.inject(c.first, fault, count);
    const out = await cli(c.args(h.harnessId));
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(c.ok);
    expect(emulator.faults.pending()).toBe(0);
  });

  test('AccessDenied exits 4 naming the call', async () => {
    const h = seed();
    emulator.faults.inject(c.first, 'accessDenied', 1);
    const out = await cli(c.args(h.harnessId));
    expect(out.code).toBe(4);
    expect(out.stderr).toMatch(/Access denied: \w+ on (endpoint \w+ of )?harness/);
  });

  test('an unknown harness exits 3', async () => {
    const out = await cli(c.args('agent-0000000000'));
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/harness agent-0000000000 was not found/);
  });

  test('--timeout is a hard deadline under an endless throttling burst: exit 6 within about a second', async () => {
    const h = seed();
    emulator.faults.inject(c.first, 'throttling', 100_000);
    const started = Date.now();
    const out = await cli([...c.args(h.harnessId), '--timeout', '0.5', '--json']);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(out.code).toBe(6);
    expect(JSON.parse(out.stdout)).toEqual({ error: { exitCode: 6, message: expect.stringMatching(/Timed out after 0.5 s \(--timeout 0.5\)/) } });
  });

  test('an ARN of another account is refused with exit 8; --any-account acts on the id', async () => {
    const h = seed();
    const foreign = `arn:aws:bedrock-agentcore:${emulator.region}:999999999999:harness/${h.harnessId}`;
    const refused = await cli(c.args(foreign));
    expect(refused.code).toBe(8);
    expect(refused.stderr).toMatch(new RegExp(`--harness names account 999999999999, but the credentials belong to account ${emulator.account}`));
    expect(emulator.requests.filter((r) => r.operation !== 'GetCallerIdentity')).toEqual([]);
    const allowed = await cli([...c.args(foreign), '--any-account']);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    const own = await cli(c.args(h.arn));
    expect(own.stderr).toBe('');
    expect(own.code).toBe(0);
  });
});

describe.each([['promote'], ['rollback']])('%s with concurrent writers and missing endpoints', (name) => {
  const c = COMMANDS[name];

  test('the endpoint already serves the requested version: nothing is sent, exit 0 "already serves"', async () => {
    const h = seed(name === 'promote'
      ? [{ name: 'STAGING', liveVersion: '5' }, { name: 'PROD', liveVersion: '5' }]
      : [{ name: 'PROD', liveVersion: '3' }]);
    const args = name === 'promote' ? c.args(h.harnessId) : [...c.args(h.harnessId), '--to', '3'];
    const out = await cli(args);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/PROD of harness .* already serves version (5|3); nothing to do/);
    expect(emulator.requestsFor('UpdateHarnessEndpoint')).toEqual([]);
  });

  test('another writer moves PROD to the requested version meanwhile: after the 409, nothing is sent again', async () => {
    const h = seed();
    emulator.timing.readsUntilReady = 2;
    const target = name === 'promote' ? '5' : '2';
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: target }));
    sdk.destroy();
    const args = name === 'promote' ? c.args(h.harnessId) : [...c.args(h.harnessId), '--to', target];
    const out = await cli(args);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`PROD of harness .* already serves version ${target}; nothing to do`));
    expect(emulator.requestsFor('UpdateHarnessEndpoint').map((r) => r.status)).toEqual([200, 409]);
  });

  test('another writer moves PROD to another version meanwhile: exit 7 naming both, never a stale "from"', async () => {
    const h = seed();
    emulator.timing.readsUntilReady = 2;
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: '4' }));
    sdk.destroy();
    const args = name === 'promote' ? c.args(h.harnessId) : [...c.args(h.harnessId), '--to', '1'];
    const out = await cli([...args, '--json']);
    expect(out.code).toBe(7);
    const doc = JSON.parse(out.stdout);
    expect(doc.error.message).toMatch(/was moved from version 3 to version 4 by another writer while this command waited; version (5|1) was not sent/);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('4');
  });

  test.each([['source'], ['target']])('a missing %s endpoint exits 3 naming it', async (which) => {
    const h = seed(which === 'source' ? [{ name: 'PROD', liveVersion: '3' }] : [{ name: 'STAGING', liveVersion: '5' }]);
    const args = name === 'promote' ? c.args(h.harnessId) : [...c.args(h.harnessId), '--to', which === 'source' ? '9' : '2'];
    const out = await cli(args);
    expect(out.code).toBe(3);
    // rollback has no source endpoint: its source is the version, which must exist.
    const missing = name === 'rollback' && which === 'source' ? /Version 9 of harness .* does not exist/ : new RegExp(`endpoint ${which === 'source' ? 'STAGING' : 'PROD'} of harness .* was not found`);
    expect(out.stderr).toMatch(missing);
  });
});

describe('rollback without --to', () => {
  const c = COMMANDS.rollback;
  test('chooses from what PROD serves once settled, not from a stale read', async () => {
    const h = seed();
    emulator.timing.readsUntilReady = 3;
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: '4' }));
    sdk.destroy();
    // The wait sees 4 once READY, so the choice is 3 (below 4); PROD is not moved again.
    const out = await cli(c.args(h.harnessId));
    expect(out.stdout).toMatch(/Rolled back PROD of harness .* from version 4 to 3/);
    expect(out.code).toBe(0);
  });
});

describe.each([['promote'], ['rollback']])('%s failures while switching', (name) => {
  const c = COMMANDS[name];

  test('a FAILED switch exits 5 with the reason', async () => {
    const h = seed();
    emulator.failNextTransition('UpdateHarnessEndpoint', 'no capacity');
    const args = name === 'promote' ? c.args(h.harnessId) : [...c.args(h.harnessId), '--to', '2'];
    const out = await cli(args);
    expect(out.code).toBe(5);
    expect(out.stderr).toMatch(/endpoint PROD of harness .* is UPDATE_FAILED: no capacity/);
  });

  test('stuck UPDATING exits 6 naming the endpoint, its status and versions', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '5' }, { name: 'PROD', liveVersion: '3', targetVersion: '4', status: 'UPDATING' }]);
    const args = name === 'promote' ? c.args(h.harnessId) : [...c.args(h.harnessId), '--to', '2'];
    const out = await cli([...args, '--timeout', '0.3']);
    expect(out.code).toBe(6);
    expect(out.stderr).toMatch(/Timed out waiting for endpoint PROD of harness .* to become READY \(status UPDATING, live version 3, target 4\)/);
  });

});

describe('--json prints exactly one document, whatever the phase', () => {
  test.each([
    [['status', '--json', '--bogus'], 2, /Unknown option --bogus/],
    [['status', '--json', '--harness'], 2, /--harness needs a value/],
    [['--json'], 2, /Missing command/],
    [['frobnicate', '--json', '--harness', 'agent-0000000000'], 2, /Unknown command "frobnicate"/],
    [['status', '--json', '--harness', 'agent-0000000000', '--timeout', 'x'], 2, /--timeout "x" must be a positive number/],
    [['status', '--json', '--harness', 'agent-0000000000'], 3, /was not found/],
  ] as const)('%j exits %i with one error document', async (args, code, message) => {
    const out = await runCli(emulator, [...args]);
    expect(out.code).toBe(code);
    const doc = JSON.parse(out.stdout);
    expect(doc).toEqual({ error: { exitCode: code, message: expect.stringMatching(message) } });
  });

  test('the bundled bin ends within about a second of --timeout under an endless burst (exit 6)', async () => {
    const h = seed();
    emulator.faults.inject('GetHarnessEndpoint', 'throttling', 100_000);
    const started = Date.now();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD', '--timeout', '1', '--json'],
      { CDK_AGENTCORE_HARNESS_BACKOFF_MS: '3000' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(out.code).toBe(6);
    expect(JSON.parse(out.stdout).error.exitCode).toBe(6);
  });
});
