import { execFile } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { cfnEvent, completeEvent } from './events';
import { mutatingRequests, useEmulator } from './fixture';
import type { IsCompleteRequest, IsCompleteResponse, OnEventRequest, OnEventResponse } from '../../../src/provider/handlers/types';
import { emulatorEnv } from '../../emulator';

// The Lambda runs the esbuild bundle, not the TypeScript: prove the bundle (with its own copy of the SDK)
// works end to end. `npx projen bundle` builds it; the test task runs that first. Each call runs in a plain
// `node` child process, as in Lambda: Jest's module sandbox cannot run the SDK's dynamic imports.
// CDK_AGENTCORE_HARNESS_ASSETS points at another build (e.g. a minified one) to check it the same way.
const ASSETS = path.join(process.env.CDK_AGENTCORE_HARNESS_ASSETS ?? path.join(__dirname, '..', '..', '..', 'assets'), 'provider');

const RUNNER = `
  const [file, event] = process.argv.slice(1);
  require(file).handler(JSON.parse(event)).then(
    (ok) => process.stdout.write(JSON.stringify({ ok })),
    (e) => process.stdout.write(JSON.stringify({ error: e.message })));
`;

const ctx = useEmulator();

function loadHandler<I, O>(name: string): (event: I) => Promise<O> {
  const file = path.join(ASSETS, `${name}.lambda`, 'index.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx projen bundle\` first`);
  return (event: I) => new Promise<O>((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', ...emulatorEnv(ctx.emulator, { CDK_AGENTCORE_HARNESS_LOG: 'off' }) };
    execFile(process.execPath, ['-e', RUNNER, file, JSON.stringify(event)], { env }, (err, stdout) => {
      if (err) return reject(err);
      const out = JSON.parse(stdout);
      return out.error !== undefined ? reject(new Error(out.error)) : resolve(out.ok);
    });
  });
}

describe('bundled handlers', () => {
  const onEvent = loadHandler<OnEventRequest, OnEventResponse>('on-event');
  const isComplete = loadHandler<IsCompleteRequest, IsCompleteResponse>('is-complete');

  test('the onEvent bundle carries no SDK (it only computes ids)', () => {
    const source = readFileSync(path.join(ASSETS, 'on-event.lambda', 'index.js'), 'utf8');
    expect(source).not.toMatch(/@aws-sdk|BedrockAgentCore/);
  });

  test('promotion read: Create → physical id → Version from the live endpoint', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 5, endpoints: [{ name: 'STAGING', liveVersion: '4' }] });
    const event = cfnEvent('Create', 'Custom::HarnessEndpointVersion', { HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'release-7' });
    const created = await onEvent(event);
    expect(created.PhysicalResourceId).toMatch(new RegExp(`^${h.harnessId}/STAGING/[0-9a-f]{16}$`));
    await expect(isComplete(completeEvent(event, created.PhysicalResourceId!))).resolves.toEqual({ IsComplete: true, Data: { Version: '4' } });
  });

  test('smoke test: invokes the qualified endpoint through the bundled data-plane client', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', endpoints: [{ name: 'PROD', liveVersion: '1' }], invoke: { replyText: 'all good' } });
    const event = cfnEvent('Create', 'Custom::HarnessSmokeTest', {
      HarnessArn: h.arn, HarnessId: h.harnessId, Qualifier: 'PROD', Prompt: 'status?', ExpectedPattern: 'good', ReadTimeoutSeconds: '30',
    });
    const created = await onEvent(event);
    const done = await isComplete(completeEvent(event, created.PhysicalResourceId!));
    expect(done).toMatchObject({ IsComplete: true, Data: { StopReason: 'end_turn' } });
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(1);
    expect(mutatingRequests(ctx.emulator)).toEqual([]);
  });

  test('errors thrown by the bundle keep their message', async () => {
    const event = cfnEvent('Create', 'Custom::HarnessEndpointVersion', { HarnessId: 'gone-0123456789', SourceEndpoint: 'STAGING', PromotionId: 'x' });
    const created = await onEvent(event);
    await expect(isComplete(completeEvent(event, created.PhysicalResourceId!))).rejects.toThrow(/harness gone-0123456789 was not found/);
  });
});
