import { cfnEvent } from './events';
import { useEmulator } from './fixture';
import { STARTED_AT } from '../../../src/provider/handlers/deadline';
import type { IsCompleteRequest, IsCompleteResponse, OnEventRequest } from '../../../src/provider/handlers/types';
import { handler as isComplete } from '../../../src/provider/is-complete.lambda';
import { handler as onEvent } from '../../../src/provider/on-event.lambda';
import type { Operation } from '../../emulator/faults';

const VERSION_TYPE = 'Custom::HarnessEndpointVersion';
const SMOKE_TYPE = 'Custom::HarnessSmokeTest';
const ctx = useEmulator();

/** The isComplete request the framework builds: the onEvent request with onEvent's physical id and Data merged in. */
async function begin(event: OnEventRequest, startedAgoMs = 0): Promise<IsCompleteRequest> {
  const out = await onEvent(event);
  const data = { ...out.Data };
  if (startedAgoMs > 0) data[STARTED_AT] = String(Number(data[STARTED_AT]) - startedAgoMs);
  return { ...event, PhysicalResourceId: out.PhysicalResourceId!, Data: data };
}

/** Polls like the framework: each "not complete" is one more poll; counts them. */
async function poll(event: IsCompleteRequest, maxPolls = 40): Promise<{ response: IsCompleteResponse; notComplete: number }> {
  for (let n = 0; n < maxPolls; n++) {
    const response = await isComplete(event);
    if (response.IsComplete) return { response, notComplete: n };
  }
  throw new Error(`not complete after ${maxPolls} polls`);
}

function seed(endpoints: Array<Record<string, string>> = [{ name: 'STAGING', liveVersion: '2' }]) {
  return ctx.emulator.seedHarness({ name: 'agent', versions: 3, endpoints: endpoints as any });
}

function promotion(harnessId: string, extra: Record<string, string> = {}): OnEventRequest {
  return cfnEvent('Create', VERSION_TYPE, { HarnessId: harnessId, SourceEndpoint: 'STAGING', PromotionId: 'p-1', TargetEndpoint: 'PROD', ...extra });
}

function smokeTest(h: { arn: string; harnessId: string }, extra: Record<string, string> = {}): OnEventRequest {
  return cfnEvent('Create', SMOKE_TYPE, { HarnessArn: h.arn, HarnessId: h.harnessId, Prompt: 'Say hello', Qualifier: 'STAGING', Trigger: '1', ...extra });
}

const BURSTS: Array<[string, 'throttling' | 'internal' | 'unavailable', number]> = [
  ['throttling', 'throttling', 1], ['throttling', 'throttling', 5], ['throttling', 'throttling', 20],
  ['5xx', 'internal', 1], ['5xx', 'unavailable', 5], ['5xx', 'internal', 20],
];

describe.each([
  ['Custom::HarnessEndpointVersion', 'GetHarnessEndpoint' as Operation, (h: any) => promotion(h.harnessId)],
  ['Custom::HarnessSmokeTest (endpoint read)', 'GetHarnessEndpoint' as Operation, (h: any) => smokeTest(h)],
  ['Custom::HarnessSmokeTest (invocation)', 'InvokeHarness' as Operation, (h: any) => smokeTest(h)],
])('%s under faults', (_name, operation, makeEvent) => {
  test.each(BURSTS)('a %s burst of %#: %s ×%i only delays completion; the framework polls again', async (_label, fault, count) => {
    const h = seed();
    ctx.emulator.faults.inject(operation, fault, count);
    const { response, notComplete } = await poll(await begin(makeEvent(h)));
    expect(response.IsComplete).toBe(true);
    expect(ctx.emulator.faults.pending()).toBe(0);
    // A burst of 20 outlasts the in-call retries, so at least one poll reports "not complete" instead of failing.
    if (count === 20) expect(notComplete).toBeGreaterThan(0);
    // The agent ran exactly once: refused (429/5xx) invocations never reached it.
    const served = ctx.emulator.requests.filter((r) => r.operation === 'InvokeHarness' && r.status === 200);
    expect(served).toHaveLength(operation === 'InvokeHarness' || makeEvent(h).ResourceType === SMOKE_TYPE ? 1 : 0);
  });

  test('AccessDenied fails at once, naming the call', async () => {
    const h = seed();
    ctx.emulator.faults.inject(operation, 'accessDenied', 1);
    await expect(isComplete(await begin(makeEvent(h)))).rejects.toThrow(/Access denied: (GetHarnessEndpoint|InvokeHarness) on endpoint STAGING of harness/);
  });

  test('a transient burst past the deadline fails, saying how long it waited', async () => {
    const h = seed();
    ctx.emulator.faults.inject(operation, 'throttling', 12);
    const event = await begin(makeEvent({ ...h }), 21 * 60 * 1000);
    await expect(isComplete(event)).rejects.toThrow(/Gave up after 12\d\d s \(WaitTimeoutSeconds 1200\): the service kept answering with transient errors; last: .*ThrottlingException: Rate exceeded/);
  });
});

describe.each([
  ['Custom::HarnessEndpointVersion', (h: any, extra?: Record<string, string>) => promotion(h.harnessId, extra)],
  ['Custom::HarnessSmokeTest', (h: any, extra?: Record<string, string>) => smokeTest(h, extra)],
])('%s waits', (_name, makeEvent) => {
  test('stuck UPDATING past its own deadline fails naming harness, endpoint, status, versions and the wait', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '2', targetVersion: '3', status: 'UPDATING' }]);
    const event = await begin(makeEvent(h, { WaitTimeoutSeconds: '120' }), 125_000);
    await expect(isComplete(event)).rejects.toThrow(
      new RegExp(`Gave up waiting for endpoint STAGING of harness ${h.harnessId} to become READY with liveVersion equal to targetVersion.* after 12\\d s \\(WaitTimeoutSeconds 120\\): status UPDATING, liveVersion 2, targetVersion 3`));
  });

  test('stuck UPDATING inside the deadline is only "not complete"', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '2', targetVersion: '3', status: 'UPDATING' }]);
    const event = await begin(makeEvent(h, { WaitTimeoutSeconds: '120' }), 60_000);
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
  });

  test('FAILED fails at once with the failureReason', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '2', status: 'UPDATE_FAILED', failureReason: 'no capacity' }]);
    await expect(isComplete(await begin(makeEvent(h)))).rejects.toThrow(`endpoint STAGING of harness ${h.harnessId} is UPDATE_FAILED: no capacity`);
  });

  test('a missing source endpoint fails at once, naming it', async () => {
    const h = seed([]);
    await expect(isComplete(await begin(makeEvent(h)))).rejects.toThrow(`endpoint STAGING of harness ${h.harnessId} was not found`);
  });
});

describe('Custom::HarnessEndpointVersion targets', () => {
  test('a missing target (first promotion) promotes the source version', async () => {
    const h = seed();
    const { response } = await poll(await begin(promotion(h.harnessId, { PromotionId: 'initial' })));
    expect(response.Data).toEqual({ Version: '2' });
  });

  test('keep mode: a target that already serves a version keeps it', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const { response } = await poll(await begin(promotion(h.harnessId, { PromotionId: 'initial' })));
    expect(response.Data).toEqual({ Version: '2' });
  });
});

describe('Custom::HarnessEndpointVersion rollback addressing', () => {
  const v1 = (id: string) => ({ HarnessId: id, SourceEndpoint: 'STAGING', PromotionId: 'p-1', TargetEndpoint: 'PROD', ExpectedVersion: '2' });
  const v2 = (id: string) => ({ ...v1(id), PromotionId: 'p-2', ExpectedVersion: '3' });

  test.each([['old'], ['new']])('a rollback addressed to the %s physical id returns the version PROD served before; ExpectedVersion does not fail it', async (addressing) => {
    // STAGING moved on to 3 (the failed promotion's version); PROD still serves 2.
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const oldId = (await onEvent(cfnEvent('Create', VERSION_TYPE, v1(h.harnessId)))).PhysicalResourceId!;
    const newId = (await onEvent(cfnEvent('Update', VERSION_TYPE, v2(h.harnessId), { PhysicalResourceId: oldId, OldResourceProperties: v1(h.harnessId) }))).PhysicalResourceId!;
    const rollback = cfnEvent('Update', VERSION_TYPE, v1(h.harnessId), {
      PhysicalResourceId: addressing === 'old' ? oldId : newId, OldResourceProperties: v2(h.harnessId),
    });
    const { response } = await poll(await begin(rollback));
    expect(response.Data).toEqual({ Version: '2' });
    expect((await onEvent(rollback)).PhysicalResourceId).toBe(oldId);
  });

  const STACK_ID = cfnEvent('Create', VERSION_TYPE, {}).StackId;
  const noExpected = (props: Record<string, string>) => { const { ExpectedVersion: _e, ...rest } = props; return rest; };

  /** v1 created (PROD on 2), then the promotion to v2 failed; returns both physical ids. */
  async function failedPromotion(harnessId: string, make = (p: Record<string, string>) => p) {
    const oldId = (await onEvent(cfnEvent('Create', VERSION_TYPE, make(v1(harnessId))))).PhysicalResourceId!;
    const newId = (await onEvent(cfnEvent('Update', VERSION_TYPE, make(v2(harnessId)), { PhysicalResourceId: oldId, OldResourceProperties: make(v1(harnessId)) }))).PhysicalResourceId!;
    return { oldId, newId };
  }

  test.each([['old'], ['new']])('without ExpectedVersion, a rollback addressed to the %s physical id returns the version PROD served before (the stack reports UPDATE_ROLLBACK_IN_PROGRESS)', async (addressing) => {
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const { oldId, newId } = await failedPromotion(h.harnessId, noExpected);
    ctx.emulator.stackStatuses.set(STACK_ID, 'UPDATE_ROLLBACK_IN_PROGRESS');
    const rollback = cfnEvent('Update', VERSION_TYPE, noExpected(v1(h.harnessId)), {
      PhysicalResourceId: addressing === 'old' ? oldId : newId, OldResourceProperties: noExpected(v2(h.harnessId)),
    });
    const { response } = await poll(await begin(rollback));
    expect(response.Data).toEqual({ Version: '2' });
    // The source was not used: the rollback never reads STAGING's version 3.
    expect(ctx.emulator.requestsFor('GetHarnessEndpoint').map((r) => r.path)).not.toContainEqual(expect.stringMatching(/STAGING$/));
  });

  test('the same event while the stack is updating (not rolling back) is a forward promotion: it reads the source', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const { newId } = await failedPromotion(h.harnessId, noExpected);
    ctx.emulator.stackStatuses.set(STACK_ID, 'UPDATE_IN_PROGRESS');
    const forward = cfnEvent('Update', VERSION_TYPE, noExpected(v1(h.harnessId)), { PhysicalResourceId: newId, OldResourceProperties: noExpected(v2(h.harnessId)) });
    const { response } = await poll(await begin(forward));
    expect(response.Data).toEqual({ Version: '3' });
    expect(ctx.emulator.requestsFor('DescribeStacks')[0].body).toEqual({ unparsable: expect.stringContaining(`StackName=${encodeURIComponent(STACK_ID)}`) });
  });

  test.each([[1], [5], [20]])('DescribeStacks throttled %i times only delays the rollback', async (count) => {
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const { newId } = await failedPromotion(h.harnessId, noExpected);
    ctx.emulator.stackStatuses.set(STACK_ID, 'UPDATE_ROLLBACK_IN_PROGRESS');
    ctx.emulator.faults.inject('DescribeStacks', 'throttling', count);
    const rollback = cfnEvent('Update', VERSION_TYPE, noExpected(v1(h.harnessId)), { PhysicalResourceId: newId, OldResourceProperties: noExpected(v2(h.harnessId)) });
    const { response, notComplete } = await poll(await begin(rollback));
    expect(response.Data).toEqual({ Version: '2' });
    expect(ctx.emulator.faults.pending()).toBe(0);
    if (count === 20) expect(notComplete).toBeGreaterThan(0);
  });

  test('DescribeStacks denied fails with the permission it needs, instead of guessing', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const { newId } = await failedPromotion(h.harnessId, noExpected);
    ctx.emulator.faults.inject('DescribeStacks', 'accessDenied', 1);
    const event = cfnEvent('Update', VERSION_TYPE, noExpected(v1(h.harnessId)), { PhysicalResourceId: newId, OldResourceProperties: noExpected(v2(h.harnessId)) });
    await expect(poll(await begin(event))).rejects.toThrow(/Access denied: DescribeStacks on stack arn:aws:cloudformation:.*needs cloudformation:DescribeStacks/);
  });

  test('a forward promotion whose source does not serve ExpectedVersion still fails', async () => {
    const h = seed([{ name: 'STAGING', liveVersion: '3' }, { name: 'PROD', liveVersion: '2' }]);
    const oldId = (await onEvent(cfnEvent('Create', VERSION_TYPE, v1(h.harnessId)))).PhysicalResourceId!;
    const forward = cfnEvent('Update', VERSION_TYPE, { ...v2(h.harnessId), ExpectedVersion: '1' }, { PhysicalResourceId: oldId, OldResourceProperties: v1(h.harnessId) });
    await expect(poll(await begin(forward))).rejects.toThrow(/serves version 3, but ExpectedVersion is 1/);
  });
});
