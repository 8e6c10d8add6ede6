import { accessSync, constants, readFileSync } from 'fs';
import { BedrockAgentCoreControlClient, UpdateHarnessEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { applyEmulatorEnv, Emulator, startEmulator } from '../emulator';
import { cliBundlePath, runCli } from './run-cli';

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await emulator.stop();
});

/** Harness with versions 1..5, STAGING on 5 and PROD on 3. */
function seedPipeline() {
  return emulator.seedHarness({
    name: 'agent',
    versions: 5,
    endpoints: [{ name: 'STAGING', liveVersion: '5' }, { name: 'PROD', liveVersion: '3' }],
  });
}

function updates() {
  return emulator.requestsFor('UpdateHarnessEndpoint');
}

describe('the bundle', () => {
  test('starts with a node shebang and is executable', () => {
    const file = cliBundlePath();
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(() => accessSync(file, constants.X_OK)).not.toThrow();
  });

  test('--help prints usage and exits 0; no command exits 2', async () => {
    const help = await runCli(emulator, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cdk-agentcore-harness <command> --harness <id\|arn>/);
    expect(help.stdout).toMatch(/Exit codes: 0 success/);
    const none = await runCli(emulator, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Missing command/);
  });

  test('usage errors exit 2 with the offending input', async () => {
    expect(await runCli(emulator, ['deploy', '--harness', 'agent-0123456789'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command "deploy"; expected one of status, versions, promote, rollback/) });
    expect(await runCli(emulator, ['status', '--harness', 'agent-0123456789', '--colour'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option --colour/) });
    expect(await runCli(emulator, ['status', '--harness', 'not an id'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--harness "not an id" is neither a harness id/) });
    expect(await runCli(emulator, ['status', '--harness', 'agent-0123456789', '--timeout', '-1'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--timeout "-1" must be a positive number/) });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('status', () => {
  test('shows the harness and each endpoint with live and target versions', async () => {
    const h = seedPipeline();
    h.endpoints.get('PROD')!.status = 'UPDATING';
    h.endpoints.get('PROD')!.targetVersion = '4';
    const out = await runCli(emulator, ['status', '--harness', h.harnessId]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Harness ${h.harnessId} (agent): READY, latest version 5`);
    expect(out.stdout).toMatch(/DEFAULT\s+READY\s+5\s+-/);
    expect(out.stdout).toMatch(/STAGING\s+READY\s+5\s+-/);
    expect(out.stdout).toMatch(/PROD\s+UPDATING\s+3\s+4/);
  });

  test('--json gives a machine-readable document; an ARN is accepted', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['status', '--harness', h.arn, '--json']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.harness).toMatchObject({ harnessId: h.harnessId, status: 'READY', latestVersion: '5', arn: h.arn });
    expect(doc.endpoints).toEqual(expect.arrayContaining([
      { name: 'PROD', status: 'READY', liveVersion: '3' },
      { name: 'STAGING', status: 'READY', liveVersion: '5' },
    ]));
    expect(emulator.requestsFor('GetHarness')[0].path).toBe(`/harnesses/${h.harnessId}`);
  });

  test('the region comes from --region, else from the ARN, else from AWS_REGION (the SigV4 scope shows it)', async () => {
    const h = seedPipeline();
    const scope = () => String(emulator.requests[emulator.requests.length - 1].headers.authorization).match(/Credential=[^/]+\/\d+\/([a-z0-9-]+)\/bedrock-agentcore\//)?.[1];
    await runCli(emulator, ['status', '--harness', `arn:aws:bedrock-agentcore:eu-west-1:123456789012:harness/${h.harnessId}`]);
    expect(scope()).toBe('eu-west-1');
    await runCli(emulator, ['status', '--harness', `arn:aws:bedrock-agentcore:eu-west-1:123456789012:harness/${h.harnessId}`, '--region', 'ap-southeast-2']);
    expect(scope()).toBe('ap-southeast-2');
    await runCli(emulator, ['status', '--harness', h.harnessId]);
    expect(scope()).toBe('us-east-1');
  });

  test('shows a FAILED harness with its reason', async () => {
    const h = emulator.seedHarness({ name: 'agent', status: 'UPDATE_FAILED', failureReason: 'Role validation failed' });
    const out = await runCli(emulator, ['status', '--harness', h.harnessId]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('UPDATE_FAILED');
    expect(out.stdout).toContain('failure: Role validation failed');
  });

  test('an unknown harness exits 3; --json still prints an error document', async () => {
    const out = await runCli(emulator, ['status', '--harness', 'ghost-0123456789', '--json']);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/harness ghost-0123456789 was not found/);
    expect(JSON.parse(out.stdout)).toEqual({ error: { message: expect.stringMatching(/was not found/), exitCode: 3 } });
  });

  test('AccessDenied exits 4 and names the permission', async () => {
    const h = seedPipeline();
    emulator.faults.inject('GetHarness', 'accessDenied');
    const out = await runCli(emulator, ['status', '--harness', h.harnessId]);
    expect(out.code).toBe(4);
    expect(out.stderr).toMatch(/Access denied: GetHarness on harness .* needs bedrock-agentcore:GetHarness/);
  });
});

describe('versions', () => {
  test('lists every version across pages, newest first, with the endpoints serving it', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: 130, endpoints: [{ name: 'PROD', liveVersion: '128' }] });
    const out = await runCli(emulator, ['versions', '--harness', h.harnessId, '--json']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.versions).toHaveLength(130);
    expect(doc.versions[0]).toMatchObject({ version: '130', status: 'READY', endpoints: ['DEFAULT'] });
    expect(doc.versions.find((v: any) => v.version === '128').endpoints).toEqual(['PROD']);
    expect(emulator.requestsFor('ListHarnessVersions')).toHaveLength(2);
  });

  test('human output is a table', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['versions', '--harness', h.harnessId]);
    expect(out.stdout.split('\n')[0]).toMatch(/^VERSION\s+STATUS\s+CREATED\s+ENDPOINTS/);
    expect(out.stdout).toMatch(/\n5\s+READY\s+\S+\s+DEFAULT,STAGING/);
  });
});

describe('promote', () => {
  test('--from STAGING --to PROD points PROD at what STAGING serves and waits for READY', async () => {
    const h = seedPipeline();
    emulator.timing.readsUntilReady = 3;
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD']);
    expect(out).toMatchObject({ code: 0 });
    expect(out.stdout).toMatch(`Promoted PROD of harness ${h.harnessId} from version 3 to 5; it is READY (from STAGING)`);
    expect(updates()).toHaveLength(1);
    expect(updates()[0].body).toMatchObject({ targetVersion: '5' });
    expect(h.endpoints.get('PROD')).toMatchObject({ status: 'READY', liveVersion: '5' });
  });

  test('is idempotent: an endpoint already on the version is not updated', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--to', 'PROD', '--version', '3', '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ endpoint: 'PROD', version: '3', changed: false });
    expect(updates()).toHaveLength(0);
  });

  test('--version N pins PROD to N', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--to', 'PROD', '--version', '4', '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ endpoint: 'PROD', previousVersion: '3', version: '4', changed: true });
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('4');
  });

  test('--from DEFAULT promotes the latest version', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'DEFAULT', '--to', 'PROD']);
    expect(out.code).toBe(0);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('5');
  });

  test('an unknown version exits 3 and lists the READY ones; nothing is updated', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--to', 'PROD', '--version', '9']);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain(`Version 9 of harness ${h.harnessId} does not exist; READY versions: 1, 2, 3, 4, 5`);
    expect(updates()).toHaveLength(0);
  });

  test('a version that failed exits 5 with its reason', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: [{}, { status: 'UPDATE_FAILED', failureReason: 'bad model id' }], endpoints: [{ name: 'PROD', liveVersion: '1' }] });
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--to', 'PROD', '--version', '2']);
    expect(out.code).toBe(5);
    expect(out.stderr).toContain('Version 2 of harness');
    expect(out.stderr).toContain('is UPDATE_FAILED: bad model id');
  });

  test('an unknown endpoint exits 3 (the service answers AccessDenied "was not found")', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PRD']);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(`endpoint PRD of harness ${h.harnessId} was not found`);
  });

  test('DEFAULT is refused as a target, and --from with --version together is a usage error', async () => {
    const h = seedPipeline();
    expect(await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'default'])).toMatchObject({
      code: 2, stderr: expect.stringMatching(/--to DEFAULT is not allowed/),
    });
    expect(await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD', '--version', '2'])).toMatchObject({
      code: 2, stderr: expect.stringMatching(/exactly one of --from <endpoint> or --version <N>/),
    });
    expect(updates()).toHaveLength(0);
  });

  test('a switch that ends UPDATE_FAILED exits 5 with the failure reason', async () => {
    const h = seedPipeline();
    emulator.failNextTransition('UpdateHarnessEndpoint', 'runtime endpoint could not start');
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD']);
    expect(out.code).toBe(5);
    expect(out.stderr).toMatch(/endpoint PROD of harness .* is UPDATE_FAILED: runtime endpoint could not start/);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('3');
  });

  test('gives up after --timeout with exit 6 and the state it saw', async () => {
    const h = seedPipeline();
    emulator.timing.msUntilReady = 60_000;
    const started = Date.now();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD', '--timeout', '0.3']);
    expect(out.code).toBe(6);
    expect(out.stderr).toMatch(/Timed out waiting for endpoint PROD of harness .* to become READY \(status UPDATING, live version 3, target 5\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a ConflictException (another writer moving PROD) waits for READY, re-reads and sends nothing over it (exit 7)', async () => {
    const h = seedPipeline();
    emulator.timing.readsUntilReady = 2;
    const restore = applyEmulatorEnv(emulator);
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: '4' }));
    sdk.destroy();
    restore();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD']);
    expect(out.code).toBe(7);
    expect(out.stderr).toMatch(/endpoint PROD of harness .* was moved from version 3 to version 4 by another writer while this command waited; version 5 was not sent/);
    const ours = updates().filter((r) => String(r.body.clientToken).startsWith('cli-'));
    expect(ours.map((r) => r.status)).toEqual([409]);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('4');
  });

  test('a timeout while waiting out a ConflictException still exits 6, not 1', async () => {
    const h = seedPipeline();
    emulator.timing.msUntilReady = 60_000;
    const restore = applyEmulatorEnv(emulator);
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: '4' }));
    sdk.destroy();
    restore();
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD', '--timeout', '0.3']);
    expect(out.stderr).toMatch(/Timed out waiting for endpoint PROD of harness .* to become READY \(status UPDATING, live version 3, target 4\)/);
    expect(out.code).toBe(6);
    expect(updates().filter((r) => String(r.body.clientToken).startsWith('cli-')).map((r) => r.status)).toEqual([409]);
  });

  test('throttling and 5xx are retried; the endpoint is updated once', async () => {
    const h = seedPipeline();
    emulator.faults.inject('UpdateHarnessEndpoint', 'throttling', 1);
    emulator.faults.inject('GetHarnessEndpoint', 'unavailable', 2);
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD']);
    expect(out.code).toBe(0);
    expect(updates().map((r) => r.status)).toEqual([429, 200]);
    expect(new Set(updates().map((r) => r.body.clientToken)).size).toBe(1);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('5');
  });

  test('AccessDenied on the update exits 4', async () => {
    const h = seedPipeline();
    emulator.faults.inject('UpdateHarnessEndpoint', 'accessDenied');
    const out = await runCli(emulator, ['promote', '--harness', h.harnessId, '--from', 'STAGING', '--to', 'PROD']);
    expect(out.code).toBe(4);
    expect(out.stderr).toMatch(/Access denied: UpdateHarnessEndpoint on endpoint PROD .* needs bedrock-agentcore:UpdateHarnessEndpoint/);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('3');
  });
});

describe('rollback', () => {
  test('without --to, goes to the highest READY version below the live one', async () => {
    const h = emulator.seedHarness({
      name: 'agent',
      versions: [{}, {}, {}, { status: 'UPDATE_FAILED', failureReason: 'x' }, {}],
      endpoints: [{ name: 'PROD', liveVersion: '5' }],
    });
    const out = await runCli(emulator, ['rollback', '--harness', h.harnessId, '--endpoint', 'PROD']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Rolled back PROD of harness ${h.harnessId} from version 5 to 3; it is READY`);
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('3');
  });

  test('--to N goes to N', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['rollback', '--harness', h.harnessId, '--endpoint', 'PROD', '--to', '1', '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ endpoint: 'PROD', previousVersion: '3', version: '1', changed: true });
    expect(h.endpoints.get('PROD')!.liveVersion).toBe('1');
  });

  test('with nothing older, exits 3 and asks for --to', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'PROD', liveVersion: '1' }] });
    const out = await runCli(emulator, ['rollback', '--harness', h.harnessId, '--endpoint', 'PROD']);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/serves version 1 and no READY version is older; give --to <N>/);
    expect(updates()).toHaveLength(0);
  });

  test('DEFAULT cannot be rolled back', async () => {
    const h = seedPipeline();
    const out = await runCli(emulator, ['rollback', '--harness', h.harnessId, '--endpoint', 'DEFAULT']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--endpoint DEFAULT is not allowed/);
    expect(emulator.requests).toHaveLength(0);
  });
});
