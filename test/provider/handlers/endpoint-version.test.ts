import { createHash } from 'crypto';
import { BedrockAgentCoreControlClient, CreateHarnessEndpointCommand, UpdateHarnessEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { cfnEvent, completeEvent } from './events';
import { mutatingRequests, useEmulator } from './fixture';
import { pollUntilComplete } from './poll';
import { handler as isComplete } from '../../../src/provider/is-complete.lambda';
import { handler as onEvent } from '../../../src/provider/on-event.lambda';

const TYPE = 'Custom::HarnessEndpointVersion';
const ctx = useEmulator();

function hash16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

async function createAndComplete(props: Record<string, string>) {
  const event = cfnEvent('Create', TYPE, props);
  const created = await onEvent(event);
  return { created, event: completeEvent(event, created.PhysicalResourceId!) };
}

describe('Custom::HarnessEndpointVersion onEvent', () => {
  test('Create returns <HarnessId>/<SourceEndpoint>/<sha256(PromotionId)[0..16]> without calling the service', async () => {
    const out = await onEvent(cfnEvent('Create', TYPE, { HarnessId: 'agent-0123456789', SourceEndpoint: 'STAGING', PromotionId: 'p-1' }));
    expect(out.PhysicalResourceId).toBe(`agent-0123456789/STAGING/${hash16('p-1')}`);
    expect(ctx.emulator.requests).toHaveLength(0);
  });

  test('the same PromotionId gives the same id (a retry is idempotent); a new one gives a new id', async () => {
    const props = { HarnessId: 'agent-0123456789', SourceEndpoint: 'STAGING', PromotionId: 'p-1' };
    const a = await onEvent(cfnEvent('Create', TYPE, props));
    const b = await onEvent(cfnEvent('Update', TYPE, props, { PhysicalResourceId: a.PhysicalResourceId, OldResourceProperties: props }));
    const c = await onEvent(cfnEvent('Update', TYPE, { ...props, PromotionId: 'p-2' }, { PhysicalResourceId: a.PhysicalResourceId, OldResourceProperties: props }));
    expect(b.PhysicalResourceId).toBe(a.PhysicalResourceId);
    expect(c.PhysicalResourceId).not.toBe(a.PhysicalResourceId);
  });

  test('a rollback Update (old and new swapped) returns the original physical id', async () => {
    const v1 = { HarnessId: 'agent-0123456789', SourceEndpoint: 'STAGING', PromotionId: 'p-1' };
    const v2 = { ...v1, PromotionId: 'p-2' };
    const original = await onEvent(cfnEvent('Create', TYPE, v1));
    const forward = await onEvent(cfnEvent('Update', TYPE, v2, { PhysicalResourceId: original.PhysicalResourceId, OldResourceProperties: v1 }));
    const rollback = await onEvent(cfnEvent('Update', TYPE, v1, { PhysicalResourceId: forward.PhysicalResourceId, OldResourceProperties: v2 }));
    expect(rollback.PhysicalResourceId).toBe(original.PhysicalResourceId);
  });

  test('Delete of an id CloudFormation invented succeeds without calling the service', async () => {
    const event = cfnEvent('Delete', TYPE, { HarnessId: 'agent-0123456789', SourceEndpoint: 'STAGING', PromotionId: 'p-1' }, {
      PhysicalResourceId: 'TestStack-Promotion-1A2B3C4D5E6F',
    });
    const out = await onEvent(event);
    expect(out.PhysicalResourceId).toBe('TestStack-Promotion-1A2B3C4D5E6F');
    await expect(isComplete(completeEvent(event, out.PhysicalResourceId!))).resolves.toEqual({ IsComplete: true });
    expect(ctx.emulator.requests).toHaveLength(0);
  });

  test('a missing property fails Create with the property name', async () => {
    await expect(onEvent(cfnEvent('Create', TYPE, { HarnessId: 'agent-0123456789', PromotionId: 'p' })))
      .rejects.toThrow(/Custom::HarnessEndpointVersion: property SourceEndpoint is required/);
  });
});

describe('Custom::HarnessEndpointVersion isComplete', () => {
  test('reports the source endpoint live version once READY', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 3, endpoints: [{ name: 'STAGING', liveVersion: '3' }] });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    const out = await isComplete(event);
    expect(out).toEqual({ IsComplete: true, Data: { Version: '3' } });
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThan(4096);
    expect(mutatingRequests(ctx.emulator)).toEqual([]);
  });

  test('waits while the source endpoint is CREATING, then reports its version', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2 });
    ctx.emulator.timing.readsUntilReady = 2;
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new CreateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'STAGING', targetVersion: '2' }));
    sdk.destroy();
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    const { response, polls } = await pollUntilComplete(isComplete, event);
    expect(polls).toBe(3);
    expect(response.Data).toEqual({ Version: '2' });
  });

  test('waits while the source endpoint switches versions (targetVersion ≠ liveVersion)', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '1' }] });
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'STAGING', targetVersion: '2' }));
    sdk.destroy();
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    const { response } = await pollUntilComplete(isComplete, event);
    expect(response.Data).toEqual({ Version: '2' });
  });

  test('a READY endpoint that still reports a different targetVersion is not complete', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '1', targetVersion: '2' }] });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
  });

  test('a slow READY (time-bound) keeps polling until the endpoint settles', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2 });
    ctx.emulator.timing.readsUntilReady = 0;
    ctx.emulator.timing.msUntilReady = 60;
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new CreateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'STAGING' }));
    sdk.destroy();
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    const start = Date.now();
    let response;
    do {
      response = await isComplete(event);
      if (!response.IsComplete) await new Promise((r) => setTimeout(r, 10));
    } while (!response.IsComplete);
    expect(Date.now() - start).toBeGreaterThanOrEqual(40);
    expect(response.Data).toEqual({ Version: '2' });
  });

  test('UPDATE_FAILED throws with the failureReason', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '1' }] });
    ctx.emulator.failNextTransition('UpdateHarnessEndpoint', 'runtime endpoint quota exceeded');
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'STAGING', targetVersion: '2' }));
    sdk.destroy();
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(pollUntilComplete(isComplete, event))
      .rejects.toThrow(`endpoint STAGING of harness ${h.harnessId} is UPDATE_FAILED: runtime endpoint quota exceeded`);
  });

  test('CREATE_FAILED throws with the failureReason', async () => {
    const h = ctx.emulator.seedHarness({
      name: 'agent', endpoints: [{ name: 'STAGING', liveVersion: '1', status: 'CREATE_FAILED', failureReason: 'no capacity' }],
    });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).rejects.toThrow(/is CREATE_FAILED: no capacity/);
  });

  test('ExpectedVersion (a string, as CloudFormation sends it) guards against promoting an untested version', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 3, endpoints: [{ name: 'STAGING', liveVersion: '3' }] });
    const ok = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1', ExpectedVersion: '3' });
    await expect(isComplete(ok.event)).resolves.toEqual({ IsComplete: true, Data: { Version: '3' } });
    const bad = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-2', ExpectedVersion: '2' });
    await expect(isComplete(bad.event)).rejects.toThrow(/serves version 3, but ExpectedVersion is 2/);
  });

  test('DEFAULT as the source reads the harness latest version', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 4 });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'DEFAULT', PromotionId: 'p-1' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: true, Data: { Version: '4' } });
    expect(ctx.emulator.requestsFor('GetHarness')).toHaveLength(1);
  });

  test('a missing endpoint (AccessDenied "...was not found") throws a not-found message', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent' });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).rejects.toThrow(`endpoint STAGING of harness ${h.harnessId} was not found`);
  });

  test('a missing harness throws a not-found message', async () => {
    const { event } = await createAndComplete({ HarnessId: 'gone-0123456789', SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).rejects.toThrow(/harness gone-0123456789 was not found \(GetHarnessEndpoint: ResourceNotFoundException/);
  });

  test('a real AccessDenied says which permission is missing', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', endpoints: [{ name: 'STAGING', liveVersion: '1' }] });
    ctx.emulator.faults.inject('GetHarnessEndpoint', 'accessDenied');
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).rejects.toThrow(/Access denied: GetHarnessEndpoint on endpoint STAGING .* needs bedrock-agentcore:GetHarnessEndpoint/);
    expect(ctx.emulator.requestsFor('GetHarnessEndpoint')).toHaveLength(1);
  });

  test('throttling is retried and the answer still comes', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', endpoints: [{ name: 'STAGING', liveVersion: '1' }] });
    ctx.emulator.faults.inject('GetHarnessEndpoint', 'throttling', 2);
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: true, Data: { Version: '1' } });
    expect(ctx.emulator.requestsFor('GetHarnessEndpoint').map((r) => r.status)).toEqual([429, 429, 200]);
  });

  test('5xx beyond the SDK retries is retried by our own bounded backoff', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', endpoints: [{ name: 'STAGING', liveVersion: '1' }] });
    ctx.emulator.faults.inject('GetHarnessEndpoint', 'internal', 2);
    ctx.emulator.faults.inject('GetHarnessEndpoint', 'unavailable', 2);
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: true, Data: { Version: '1' } });
    expect(ctx.emulator.requestsFor('GetHarnessEndpoint').map((r) => r.status)).toEqual([500, 500, 503, 503, 200]);
  });

  test('persistent 5xx makes one poll "not complete" after a bounded number of calls', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', endpoints: [{ name: 'STAGING', liveVersion: '1' }] });
    ctx.emulator.faults.inject('GetHarnessEndpoint', 'internal', 1000);
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    // SDK standard retry (3 attempts) inside each of our 4 attempts.
    expect(ctx.emulator.requestsFor('GetHarnessEndpoint')).toHaveLength(12);
  });
});

describe('Custom::HarnessEndpointVersion keep mode (TargetEndpoint set)', () => {
  test('an existing target keeps its own live version: no promotion, ExpectedVersion not checked', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 5, endpoints: [{ name: 'STAGING', liveVersion: '5' }, { name: 'PROD', liveVersion: '3' }] });
    const { event } = await createAndComplete({
      HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'initial', TargetEndpoint: 'PROD', TargetConfig: 'abc', ExpectedVersion: '5',
    });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: true, Data: { Version: '3' } });
    expect(ctx.emulator.requestsFor('GetHarnessEndpoint').map((r) => r.path)).toEqual([`/harnesses/${h.harnessId}/endpoints/PROD`]);
  });

  test('a target without its own endpoint yet (first deploy) reads the source', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '2' }] });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'initial', TargetEndpoint: 'PROD' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: true, Data: { Version: '2' } });
  });

  test('a target that is mid-switch is waited for, then its new live version kept', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 4, endpoints: [{ name: 'STAGING', liveVersion: '4' }, { name: 'PROD', liveVersion: '2' }] });
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: '3' }));
    sdk.destroy();
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'initial', TargetEndpoint: 'PROD' });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    const { response } = await pollUntilComplete(isComplete, event);
    expect(response.Data).toEqual({ Version: '3' });
  });

  test('a target in UPDATE_FAILED throws with its reason', async () => {
    const h = ctx.emulator.seedHarness({
      name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '2' }, { name: 'PROD', liveVersion: '1', status: 'UPDATE_FAILED', failureReason: 'no capacity' }],
    });
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'initial', TargetEndpoint: 'PROD' });
    await expect(isComplete(event)).rejects.toThrow(`endpoint PROD of harness ${h.harnessId} is UPDATE_FAILED: no capacity`);
  });

  test('an AccessDenied on the target is not mistaken for a missing target', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'STAGING', liveVersion: '2' }, { name: 'PROD', liveVersion: '1' }] });
    ctx.emulator.faults.inject('GetHarnessEndpoint', 'accessDenied');
    const { event } = await createAndComplete({ HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'initial', TargetEndpoint: 'PROD' });
    await expect(isComplete(event)).rejects.toThrow(/Access denied: GetHarnessEndpoint on endpoint PROD/);
  });
});

describe('Custom::HarnessEndpointVersion with a promotion id: the rollback of a failed promotion', () => {
  test('returns what the target serves (no re-read of the source, no ExpectedVersion failure), so the rollback succeeds', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 6, endpoints: [{ name: 'STAGING', liveVersion: '4' }, { name: 'PROD', liveVersion: '3' }] });
    const v1 = { HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'build-1', ExpectedVersion: '4', TargetEndpoint: 'PROD' };
    const created = await createAndComplete(v1);
    await expect(isComplete(created.event)).resolves.toEqual({ IsComplete: true, Data: { Version: '4' } });
    h.endpoints.get('PROD')!.liveVersion = '4'; // CloudFormation then points PROD at it.
    h.endpoints.get('STAGING')!.liveVersion = '6'; // STAGING moves on.

    // The next promotion expects 5, but STAGING serves 6: the new resource fails, CloudFormation keeps the old id.
    const v2 = { ...v1, PromotionId: 'build-2', ExpectedVersion: '5' };
    const forward = cfnEvent('Update', TYPE, v2, { PhysicalResourceId: created.created.PhysicalResourceId, OldResourceProperties: v1 });
    const forwardOut = await onEvent(forward);
    expect(forwardOut.PhysicalResourceId).not.toBe(created.created.PhysicalResourceId);
    await expect(isComplete({ ...completeEvent(forward, forwardOut.PhysicalResourceId!), Data: forwardOut.Data }))
      .rejects.toThrow(/serves version 6, but ExpectedVersion is 5/);

    // The rollback re-sends v1 with the old id; the framework merges onEvent's Data into the isComplete request.
    const rollback = cfnEvent('Update', TYPE, v1, { PhysicalResourceId: created.created.PhysicalResourceId, OldResourceProperties: v2 });
    const rollbackOut = await onEvent(rollback);
    expect(rollbackOut.PhysicalResourceId).toBe(created.created.PhysicalResourceId);
    await expect(isComplete({ ...completeEvent(rollback, rollbackOut.PhysicalResourceId!), Data: rollbackOut.Data }))
      .resolves.toEqual({ IsComplete: true, Data: { Version: '4' } });
    expect(mutatingRequests(ctx.emulator)).toEqual([]);
  });

  test('a new promotion id still reads the source, not the target', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 6, endpoints: [{ name: 'STAGING', liveVersion: '6' }, { name: 'PROD', liveVersion: '4' }] });
    const v1 = { HarnessId: h.harnessId, SourceEndpoint: 'STAGING', PromotionId: 'build-1', TargetEndpoint: 'PROD' };
    const v2 = { ...v1, PromotionId: 'build-2' };
    const id1 = (await onEvent(cfnEvent('Create', TYPE, v1))).PhysicalResourceId;
    const update = cfnEvent('Update', TYPE, v2, { PhysicalResourceId: id1, OldResourceProperties: v1 });
    const out = await onEvent(update);
    await expect(isComplete({ ...completeEvent(update, out.PhysicalResourceId!), Data: out.Data }))
      .resolves.toEqual({ IsComplete: true, Data: { Version: '6' } });
  });
});
