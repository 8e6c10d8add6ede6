import { createHash } from 'crypto';
import { BedrockAgentCoreControlClient, UpdateHarnessCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { cfnEvent, completeEvent } from './events';
import { mutatingRequests, useEmulator } from './fixture';
import { pollUntilComplete } from './poll';
import { handler as isComplete } from '../../../src/provider/is-complete.lambda';
import { handler as onEvent } from '../../../src/provider/on-event.lambda';

const TYPE = 'Custom::HarnessSmokeTest';
const ctx = useEmulator();

function smokeProps(h: { arn: string; harnessId: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { HarnessArn: h.arn, HarnessId: h.harnessId, Prompt: 'Say hello', Trigger: '1', ...extra };
}

async function start(props: Record<string, string>, requestId?: string) {
  const event = cfnEvent('Create', TYPE, props, requestId ? { RequestId: requestId } : {});
  const created = await onEvent(event);
  return completeEvent(event, created.PhysicalResourceId!);
}

describe('Custom::HarnessSmokeTest onEvent', () => {
  const base = { HarnessArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/agent-0123456789', HarnessId: 'agent-0123456789', Prompt: 'hi' };

  test('physical id is smoke/<HarnessId>/<Qualifier>/<hash of all properties>, DEFAULT when no qualifier', async () => {
    const out = await onEvent(cfnEvent('Create', TYPE, base));
    const expectedHash = createHash('sha256').update(JSON.stringify({ HarnessArn: base.HarnessArn, HarnessId: base.HarnessId, Prompt: 'hi' })).digest('hex').slice(0, 16);
    expect(out.PhysicalResourceId).toBe(`smoke/agent-0123456789/DEFAULT/${expectedHash}`);
    const prod = await onEvent(cfnEvent('Create', TYPE, { ...base, Qualifier: 'PROD' }));
    expect(prod.PhysicalResourceId).toMatch(/^smoke\/agent-0123456789\/PROD\/[0-9a-f]{16}$/);
    expect(ctx.emulator.requests).toHaveLength(0);
  });

  test('any property change gives a new id; key order and ServiceToken do not matter', async () => {
    const a = await onEvent(cfnEvent('Create', TYPE, { ...base, Trigger: '3' }));
    const reordered = await onEvent(cfnEvent('Create', TYPE, { Trigger: '3', Prompt: 'hi', HarnessId: base.HarnessId, HarnessArn: base.HarnessArn }, {
      ServiceToken: 'other', ResourceProperties: { ServiceToken: 'arn:other', Trigger: '3', Prompt: 'hi', HarnessId: base.HarnessId, HarnessArn: base.HarnessArn },
    }));
    const changed = await onEvent(cfnEvent('Update', TYPE, { ...base, Trigger: '4' }, { PhysicalResourceId: a.PhysicalResourceId, OldResourceProperties: { ...base, Trigger: '3' } }));
    expect(reordered.PhysicalResourceId).toBe(a.PhysicalResourceId);
    expect(changed.PhysicalResourceId).not.toBe(a.PhysicalResourceId);
  });

  test('a rollback Update (old and new swapped) returns the id of the old properties', async () => {
    const v1 = { ...base, Trigger: '1' };
    const v2 = { ...base, Trigger: '2' };
    const original = await onEvent(cfnEvent('Create', TYPE, v1));
    const forward = await onEvent(cfnEvent('Update', TYPE, v2, { PhysicalResourceId: original.PhysicalResourceId, OldResourceProperties: v1 }));
    const rollback = await onEvent(cfnEvent('Update', TYPE, v1, { PhysicalResourceId: forward.PhysicalResourceId, OldResourceProperties: v2 }));
    expect(rollback.PhysicalResourceId).toBe(original.PhysicalResourceId);
  });

  test('an invalid ExpectedPattern fails Create at once', async () => {
    await expect(onEvent(cfnEvent('Create', TYPE, { ...base, ExpectedPattern: '(' })))
      .rejects.toThrow(/ExpectedPattern "\(" is not a valid regular expression/);
  });

  test('a non-numeric ReadTimeoutSeconds fails with the value', async () => {
    await expect(onEvent(cfnEvent('Create', TYPE, { ...base, ReadTimeoutSeconds: 'soon' })))
      .rejects.toThrow('property ReadTimeoutSeconds must be a positive number of seconds, got "soon"');
  });

  test('Delete (also of an invented id) does nothing and succeeds', async () => {
    const event = cfnEvent('Delete', TYPE, base, { PhysicalResourceId: 'TestStack-Smoke-ABCDEF123456' });
    const out = await onEvent(event);
    expect(out.PhysicalResourceId).toBe('TestStack-Smoke-ABCDEF123456');
    await expect(isComplete(completeEvent(event, out.PhysicalResourceId!))).resolves.toEqual({ IsComplete: true });
    expect(ctx.emulator.requests).toHaveLength(0);
  });
});

describe('Custom::HarnessSmokeTest isComplete', () => {
  test('invokes DEFAULT with the prompt and a session id derived from the request id', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent' });
    const event = await start(smokeProps(h));
    const out = await isComplete(event);
    expect(out.IsComplete).toBe(true);
    expect(out.Data?.StopReason).toBe('end_turn');
    const [invoke] = ctx.emulator.requestsFor('InvokeHarness');
    expect(invoke.query).toEqual({ harnessArn: h.arn });
    const session = invoke.headers['x-amzn-bedrock-agentcore-runtime-session-id'] as string;
    expect(session).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9-_]{32,99}$/);
    expect(session).toBe(out.Data?.SessionId);
    expect(invoke.body.messages).toEqual([{ role: 'user', content: [{ text: 'Say hello' }] }]);
    expect(mutatingRequests(ctx.emulator)).toEqual([]);
  });

  test('every CloudFormation request gets its own session; polls of one request share it', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent' });
    const first = await isComplete(await start(smokeProps(h), '11111111-1111-1111-1111-111111111111'));
    const again = await isComplete(await start(smokeProps(h), '11111111-1111-1111-1111-111111111111'));
    const other = await isComplete(await start(smokeProps(h), '22222222-2222-2222-2222-222222222222'));
    expect(again.Data?.SessionId).toBe(first.Data?.SessionId);
    expect(other.Data?.SessionId).not.toBe(first.Data?.SessionId);
  });

  test('with a qualifier, waits for the endpoint and invokes it', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'PROD', liveVersion: '1', status: 'UPDATING', targetVersion: '2' }] });
    const event = await start(smokeProps(h, { Qualifier: 'PROD' }));
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(0);
    h.endpoints.get('PROD')!.status = 'READY';
    h.endpoints.get('PROD')!.liveVersion = '2';
    h.endpoints.get('PROD')!.targetVersion = undefined;
    await expect(isComplete(event)).resolves.toMatchObject({ IsComplete: true });
    expect(ctx.emulator.requestsFor('InvokeHarness')[0].query).toEqual({ harnessArn: h.arn, qualifier: 'PROD' });
  });

  test('waits while the harness is UPDATING, then invokes once', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent' });
    ctx.emulator.timing.readsUntilReady = 2;
    const sdk = new BedrockAgentCoreControlClient({});
    await sdk.send(new UpdateHarnessCommand({ harnessId: h.harnessId, maxIterations: 3 }));
    sdk.destroy();
    const { polls } = await pollUntilComplete(isComplete, await start(smokeProps(h)));
    expect(polls).toBe(3);
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(1);
  });

  test('a harness in UPDATE_FAILED throws its failureReason and never invokes', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', status: 'UPDATE_FAILED', failureReason: 'Role validation failed' });
    await expect(isComplete(await start(smokeProps(h)))).rejects.toThrow(`harness ${h.harnessId} is UPDATE_FAILED: Role validation failed`);
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(0);
  });

  test('a stop reason other than end_turn fails with the reason and the reply', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', invoke: { stopReason: 'max_tokens', replyText: 'I was cut o' } });
    await expect(isComplete(await start(smokeProps(h)))).rejects.toThrow(/stopReason=max_tokens, expected end_turn; reply: "I was cut o"/);
  });

  test('the reply must match ExpectedPattern; the error quotes at most 500 characters', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', invoke: { replyText: 'x'.repeat(2000) } });
    const err = await isComplete(await start(smokeProps(h, { ExpectedPattern: '^hello' }))).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/does not match ExpectedPattern \/\^hello\//);
    expect((err as Error).message).toContain(`"${'x'.repeat(500)}"`);
    expect((err as Error).message).not.toContain('x'.repeat(501));
    h.invoke = { replyText: 'hello there' };
    await expect(isComplete(await start(smokeProps(h, { ExpectedPattern: '^hello' })))).resolves.toMatchObject({ IsComplete: true });
  });

  test('an in-stream error event fails the test even after end_turn', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', invoke: { errorEvent: { type: 'internalServerException', message: 'model crashed' }, errorAfterEvents: 6 } });
    await expect(isComplete(await start(smokeProps(h)))).rejects.toThrow(/the stream carried an error \(InternalServerException: model crashed\)/);
  });

  test('ReadTimeoutSeconds bounds how long a silent stream is awaited', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', invoke: { delayMs: 5000 } });
    const started = Date.now();
    await expect(isComplete(await start(smokeProps(h, { ReadTimeoutSeconds: '0.2' }))))
      .rejects.toThrow(/Smoke test of harness .* failed: .*TimeoutError.*timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    // A timeout may come after the agent started acting: it is reported, never retried.
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(1);
  });

  test('throttled invokes are retried; the agent is invoked successfully once', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent' });
    ctx.emulator.faults.inject('InvokeHarness', 'throttling', 2);
    ctx.emulator.faults.inject('InvokeHarness', 'unavailable', 1);
    ctx.emulator.faults.inject('GetHarness', 'internal', 1);
    await expect(isComplete(await start(smokeProps(h)))).resolves.toMatchObject({ IsComplete: true });
    expect(ctx.emulator.requestsFor('InvokeHarness').map((r) => r.status)).toEqual([429, 429, 503, 200]);
    expect(ctx.emulator.requestsFor('GetHarness').map((r) => r.status)).toEqual([500, 200]);
  });

  test('AccessDenied on invoke names the missing permission', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent' });
    ctx.emulator.faults.inject('InvokeHarness', 'accessDenied');
    await expect(isComplete(await start(smokeProps(h))))
      .rejects.toThrow(/Smoke test of harness .* failed: Access denied: InvokeHarness on harness .* needs bedrock-agentcore:InvokeHarness/);
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(1);
  });

  test('the rollback of a failed update of the test (old properties, old physical id) does not invoke the agent again', async () => {
    const h = ctx.emulator.seedHarness({ name: 'agent', versions: 3, endpoints: [{ name: 'PROD', liveVersion: '3' }] });
    const v1 = smokeProps(h, { Qualifier: 'PROD', Trigger: '3' });
    const v2 = smokeProps(h, { Qualifier: 'PROD', Trigger: '3', Prompt: 'Say goodbye' });
    const created = await start(v1);
    await expect(isComplete(created)).resolves.toMatchObject({ IsComplete: true });
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(1);
    // The forward update fails (the agent stops with max_tokens): CloudFormation keeps the old physical id.
    h.invoke = { stopReason: 'max_tokens' };
    const forward = cfnEvent('Update', TYPE, v2, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: v1, RequestId: 'forward' });
    const forwardOut = await onEvent(forward);
    expect(forwardOut.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
    await expect(isComplete({ ...completeEvent(forward, forwardOut.PhysicalResourceId!), Data: forwardOut.Data }))
      .rejects.toThrow(/stopReason=max_tokens/);
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(2);
    // The rollback re-sends the old properties with the id CloudFormation holds (the old one).
    const rollback = cfnEvent('Update', TYPE, v1, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: v2, RequestId: 'rollback' });
    const rollbackOut = await onEvent(rollback);
    expect(rollbackOut.PhysicalResourceId).toBe(created.PhysicalResourceId);
    // The framework merges onEvent's Data into the isComplete request.
    await expect(isComplete({ ...completeEvent(rollback, rollbackOut.PhysicalResourceId!), Data: rollbackOut.Data }))
      .resolves.toMatchObject({ IsComplete: true });
    expect(ctx.emulator.requestsFor('InvokeHarness')).toHaveLength(2);
  });

  test('a missing harness throws a not-found message', async () => {
    const event = await start({ HarnessArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/gone-0123456789', HarnessId: 'gone-0123456789', Prompt: 'hi' });
    await expect(isComplete(event)).rejects.toThrow(/harness gone-0123456789 was not found/);
  });
});
