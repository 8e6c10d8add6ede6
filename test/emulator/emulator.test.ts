import { BedrockAgentCoreClient, InvokeHarnessCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  BedrockAgentCoreControlClient, CreateHarnessCommand, CreateHarnessEndpointCommand, DeleteHarnessCommand, GetHarnessCommand,
  GetHarnessEndpointCommand, ListHarnessVersionsCommand, UpdateHarnessCommand, UpdateHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { applyEmulatorEnv, Emulator, startEmulator } from '.';

// Light checks that the real SDK clients understand the emulator's wire format; the handler and CLI suites
// exercise the rest.
describe('emulator', () => {
  let emulator: Emulator;
  let restore: () => void;
  let control: BedrockAgentCoreControlClient;

  beforeEach(async () => {
    emulator = await startEmulator();
    restore = applyEmulatorEnv(emulator);
    control = new BedrockAgentCoreControlClient({ maxAttempts: 1 });
  });
  afterEach(async () => {
    control.destroy();
    restore();
    await emulator.stop();
  });

  test('listens on loopback only', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('create goes CREATING then READY after the configured reads, as version 1', async () => {
    const created = await control.send(new CreateHarnessCommand({ harnessName: 'agent', executionRoleArn: 'arn:aws:iam::123456789012:role/r' }));
    expect(created.harness?.status).toBe('CREATING');
    const id = created.harness!.harnessId!;
    expect(id).toMatch(/^agent-[a-zA-Z0-9]{10}$/);
    expect((await control.send(new GetHarnessCommand({ harnessId: id }))).harness?.status).toBe('CREATING');
    const ready = await control.send(new GetHarnessCommand({ harnessId: id }));
    expect(ready.harness).toMatchObject({ status: 'READY', harnessVersion: '1' });
    expect(ready.harness?.createdAt).toBeInstanceOf(Date);
  });

  test('the same clientToken does not create a second harness', async () => {
    const input = { harnessName: 'agent', executionRoleArn: 'arn:aws:iam::123456789012:role/r', clientToken: 'a'.repeat(40) };
    const first = await control.send(new CreateHarnessCommand(input));
    const second = await control.send(new CreateHarnessCommand(input));
    expect(second.harness?.harnessId).toBe(first.harness?.harnessId);
    expect(emulator.harnesses.size).toBe(1);
  });

  test('update makes the next version; update while UPDATING is a ConflictException', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: 2 });
    await control.send(new UpdateHarnessCommand({ harnessId: h.harnessId, maxIterations: 5 }));
    await expect(control.send(new UpdateHarnessCommand({ harnessId: h.harnessId }))).rejects.toMatchObject({
      name: 'ConflictException', $metadata: { httpStatusCode: 409 },
    });
    await control.send(new GetHarnessCommand({ harnessId: h.harnessId }));
    expect((await control.send(new GetHarnessCommand({ harnessId: h.harnessId }))).harness?.harnessVersion).toBe('3');
  });

  test('lists versions newest first, with pagination', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: 3 });
    const page1 = await control.send(new ListHarnessVersionsCommand({ harnessId: h.harnessId, maxResults: 2 }));
    expect(page1.harnessVersions?.map((v) => v.harnessVersion)).toEqual(['3', '2']);
    const page2 = await control.send(new ListHarnessVersionsCommand({ harnessId: h.harnessId, maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.harnessVersions?.map((v) => v.harnessVersion)).toEqual(['1']);
    expect(page2.nextToken).toBeUndefined();
  });

  test('an endpoint update shows targetVersion until the switch completes', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: 2, endpoints: [{ name: 'PROD', liveVersion: '1' }] });
    const updating = await control.send(new UpdateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD', targetVersion: '2' }));
    expect(updating.endpoint).toMatchObject({ status: 'UPDATING', liveVersion: '1', targetVersion: '2' });
    await control.send(new GetHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD' }));
    const ready = await control.send(new GetHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD' }));
    expect(ready.endpoint).toMatchObject({ status: 'READY', liveVersion: '2' });
    expect(ready.endpoint?.targetVersion).toBeUndefined();
  });

  test('a missing endpoint answers AccessDenied "was not found", a missing harness ResourceNotFound', async () => {
    const h = emulator.seedHarness({ name: 'agent' });
    await expect(control.send(new GetHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'NOPE' })))
      .rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringMatching(/was not found/) });
    await expect(control.send(new DeleteHarnessCommand({ harnessId: 'ghost-0123456789' })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('injected faults fire for the given count and are recorded', async () => {
    const h = emulator.seedHarness({ name: 'agent' });
    emulator.faults.inject('GetHarness', 'throttling', 1);
    await expect(control.send(new GetHarnessCommand({ harnessId: h.harnessId }))).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(control.send(new GetHarnessCommand({ harnessId: h.harnessId }))).resolves.toBeDefined();
    expect(emulator.requestsFor('GetHarness').map((r) => r.status)).toEqual([429, 200]);
  });

  test('a scheduled failure ends the transition in *_FAILED with the reason', async () => {
    const h = emulator.seedHarness({ name: 'agent' });
    emulator.failNextTransition('UpdateHarness', 'model access denied');
    emulator.timing.readsUntilReady = 0;
    await control.send(new UpdateHarnessCommand({ harnessId: h.harnessId }));
    const got = await control.send(new GetHarnessCommand({ harnessId: h.harnessId }));
    expect(got.harness).toMatchObject({ status: 'UPDATE_FAILED', failureReason: 'model access denied', harnessVersion: '1' });
  });

  test('delete goes DELETING, then the harness is gone; delete while UPDATING is a ConflictException', async () => {
    const h = emulator.seedHarness({ name: 'agent' });
    const busy = emulator.seedHarness({ name: 'busy', status: 'UPDATING' });
    await expect(control.send(new DeleteHarnessCommand({ harnessId: busy.harnessId }))).rejects.toMatchObject({ name: 'ConflictException' });
    expect((await control.send(new DeleteHarnessCommand({ harnessId: h.harnessId }))).harness?.status).toBe('DELETING');
    await control.send(new GetHarnessCommand({ harnessId: h.harnessId }));
    await expect(control.send(new GetHarnessCommand({ harnessId: h.harnessId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(emulator.harnesses.has(h.harnessId)).toBe(false);
  });

  test('DEFAULT follows the latest version; a named endpoint created without a version is pinned', async () => {
    const h = emulator.seedHarness({ name: 'agent', versions: 1 });
    emulator.timing.readsUntilReady = 0;
    await control.send(new CreateHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD' }));
    await control.send(new UpdateHarnessCommand({ harnessId: h.harnessId }));
    await control.send(new GetHarnessCommand({ harnessId: h.harnessId }));
    const def = await control.send(new GetHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'DEFAULT' }));
    const prod = await control.send(new GetHarnessEndpointCommand({ harnessId: h.harnessId, endpointName: 'PROD' }));
    expect(def.endpoint?.liveVersion).toBe('2');
    expect(prod.endpoint?.liveVersion).toBe('1');
  });

  test('InvokeHarness streams the reply as event-stream frames the SDK decodes', async () => {
    const h = emulator.seedHarness({ name: 'agent', endpoints: [{ name: 'PROD', liveVersion: '1' }] });
    emulator.invoke.replyText = 'pong pong pong';
    const data = new BedrockAgentCoreClient({ maxAttempts: 1 });
    const out = await data.send(new InvokeHarnessCommand({
      harnessArn: h.arn,
      qualifier: 'PROD',
      runtimeSessionId: 's'.repeat(40),
      messages: [{ role: 'user', content: [{ text: 'ping' }] }],
    }));
    const events: string[] = [];
    let text = '';
    let stop: string | undefined;
    for await (const e of out.stream!) {
      events.push(Object.keys(e).filter((k) => (e as any)[k] !== undefined)[0]);
      if (e.contentBlockDelta?.delta && 'text' in e.contentBlockDelta.delta) text += e.contentBlockDelta.delta.text;
      if (e.messageStop) stop = e.messageStop.stopReason;
    }
    data.destroy();
    expect(text).toBe('pong pong pong');
    expect(stop).toBe('end_turn');
    expect(events[0]).toBe('messageStart');
    expect(events).toContain('metadata');
    expect(emulator.requestsFor('InvokeHarness')[0].headers['x-amzn-bedrock-agentcore-runtime-session-id']).toBe('s'.repeat(40));
  });

  test('an in-stream error frame surfaces as a thrown modelled error', async () => {
    const h = emulator.seedHarness({ name: 'agent', invoke: { errorEvent: { type: 'runtimeClientError', message: 'hook failed' }, errorAfterEvents: 1 } });
    const data = new BedrockAgentCoreClient({ maxAttempts: 1 });
    const out = await data.send(new InvokeHarnessCommand({
      harnessArn: h.arn, runtimeSessionId: 's'.repeat(40), messages: [{ role: 'user', content: [{ text: 'ping' }] }],
    }));
    const read = async () => {
      for await (const _ of out.stream!) { /* drain */ }
    };
    await expect(read()).rejects.toMatchObject({ name: 'RuntimeClientError', message: 'hook failed' });
    data.destroy();
  });
});
