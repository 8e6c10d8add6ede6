import { execFile } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { onTransactionSearchEvent, TRANSACTION_SEARCH_POLICY_NAME, TRANSACTION_SEARCH_TYPE } from '../../src/provider/handlers/transaction-search';
import type { OnEventRequest, OnEventResponse } from '../../src/provider/handlers/types';
import { ObservabilityEmulator, startObservabilityEmulator } from '../emulator/observability-emulator';
import { cfnEvent } from '../provider/handlers/events';

let emulator: ObservabilityEmulator;
let previous: Record<string, string | undefined>;

beforeEach(async () => {
  emulator = await startObservabilityEmulator();
  previous = {};
  for (const key of [...Object.keys(emulator.env()), 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) previous[key] = process.env[key];
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_ENDPOINT_URL;
  Object.assign(process.env, emulator.env());
});

afterEach(async () => {
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await emulator.stop();
});

function event(requestType: 'Create' | 'Update' | 'Delete', percentage = '1', extra: Partial<OnEventRequest> = {}): OnEventRequest {
  return cfnEvent(requestType, TRANSACTION_SEARCH_TYPE, { IndexingPercentage: percentage }, extra);
}

const MUTATING = new Set(['logs:PutResourcePolicy', 'xray:UpdateTraceSegmentDestination', 'xray:UpdateIndexingRule']);
const mutations = () => emulator.requests.map((r) => r.operation).filter((op) => MUTATING.has(op));

describe('Transaction Search handler', () => {
  test('not enabled: writes the policy, switches the destination, then sets the indexing rule', async () => {
    const out = await onTransactionSearchEvent(event('Create', '5'));

    expect(out).toEqual({ PhysicalResourceId: 'transaction-search/us-east-1/enabled', Data: { EnabledByThisResource: 'true' } });
    expect(emulator.succeeded()).toEqual([
      'xray:GetTraceSegmentDestination',
      'logs:PutResourcePolicy',
      'xray:UpdateTraceSegmentDestination',
      'xray:UpdateIndexingRule',
    ]);
    expect(emulator.destination).toBe('CloudWatchLogs');
    expect(emulator.indexingPercentage).toBe(5);
    const policy = JSON.parse(emulator.resourcePolicies.get(TRANSACTION_SEARCH_POLICY_NAME)!);
    expect(policy.Statement).toEqual([{
      Sid: 'TransactionSearchXRayAccess',
      Effect: 'Allow',
      Principal: { Service: 'xray.amazonaws.com' },
      Action: 'logs:PutLogEvents',
      Resource: [
        'arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*',
        'arn:aws:logs:us-east-1:123456789012:log-group:/aws/application-signals/data:*',
      ],
      Condition: {
        ArnLike: { 'aws:SourceArn': 'arn:aws:xray:us-east-1:123456789012:*' },
        StringEquals: { 'aws:SourceAccount': '123456789012' },
      },
    }]);
  });

  test.each(['ACTIVE', 'PENDING'] as const)('already enabled (%s): changes nothing and reports it', async (status) => {
    emulator.destination = 'CloudWatchLogs';
    emulator.destinationStatus = status;
    emulator.indexingPercentage = 20;

    const out = await onTransactionSearchEvent(event('Create', '1'));

    expect(out).toEqual({ PhysicalResourceId: 'transaction-search/us-east-1/already-enabled', Data: { EnabledByThisResource: 'false' } });
    expect(mutations()).toEqual([]);
    expect(emulator.indexingPercentage).toBe(20);
    expect(emulator.resourcePolicies.size).toBe(0);
  });

  test('two stacks declaring it both succeed; only the first one enables', async () => {
    const first = await onTransactionSearchEvent(event('Create'));
    const second = await onTransactionSearchEvent(event('Create', '1', {
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/OtherStack/11111111-1111-1111-1111-111111111111',
    }));
    expect(first.Data).toEqual({ EnabledByThisResource: 'true' });
    expect(second.Data).toEqual({ EnabledByThisResource: 'false' });
    expect(mutations()).toEqual(['logs:PutResourcePolicy', 'xray:UpdateTraceSegmentDestination', 'xray:UpdateIndexingRule']);
  });

  test('update of the resource that enabled it applies the new indexing percentage and keeps its id', async () => {
    emulator.destination = 'CloudWatchLogs';
    const out = await onTransactionSearchEvent(event('Update', '10', { PhysicalResourceId: 'transaction-search/us-east-1/enabled' }));
    expect(out.PhysicalResourceId).toBe('transaction-search/us-east-1/enabled');
    expect(mutations()).toEqual(['xray:UpdateIndexingRule']);
    expect(emulator.indexingPercentage).toBe(10);
  });

  test('update of a resource that found it enabled leaves the indexing rule alone', async () => {
    emulator.destination = 'CloudWatchLogs';
    emulator.indexingPercentage = 30;
    const out = await onTransactionSearchEvent(event('Update', '10', { PhysicalResourceId: 'transaction-search/us-east-1/already-enabled' }));
    expect(out.PhysicalResourceId).toBe('transaction-search/us-east-1/already-enabled');
    expect(mutations()).toEqual([]);
    expect(emulator.indexingPercentage).toBe(30);
  });

  test('a throttling burst is retried until it passes', async () => {
    emulator.inject('throttling', 5, 'xray:GetTraceSegmentDestination');
    emulator.inject('throttling', 4, 'logs:PutResourcePolicy');

    const out = await onTransactionSearchEvent(event('Create'));

    expect(out.Data).toEqual({ EnabledByThisResource: 'true' });
    expect(emulator.requests.filter((r) => r.operation === 'xray:GetTraceSegmentDestination' && r.status === 429)).toHaveLength(5);
    expect(emulator.requests.filter((r) => r.operation === 'logs:PutResourcePolicy' && r.status === 400)).toHaveLength(4);
    expect(emulator.destination).toBe('CloudWatchLogs');
  });

  test('throttling that never ends fails with a message naming the call', async () => {
    emulator.inject('unavailable', 1000, 'xray:UpdateTraceSegmentDestination');
    await expect(onTransactionSearchEvent(event('Create'))).rejects.toThrow(
      /xray:UpdateTraceSegmentDestination still failed after retries \(throttled or unavailable\): ServiceUnavailableException/);
  });

  test.each([
    'xray:GetTraceSegmentDestination', 'logs:PutResourcePolicy', 'xray:UpdateTraceSegmentDestination', 'xray:UpdateIndexingRule',
  ])('AccessDenied on %s fails at once, naming the call and the permission', async (operation) => {
    emulator.inject('accessDenied', 1, operation);
    await expect(onTransactionSearchEvent(event('Create'))).rejects.toThrow(
      new RegExp(`^Access denied: ${operation} needs the ${operation} permission.* on the handler role`));
    expect(emulator.requests.filter((r) => r.operation === operation)).toHaveLength(1);
  });

  test.each(['transaction-search/us-east-1/enabled', 'transaction-search/us-east-1/already-enabled'])(
    'delete of %s disables nothing and removes no policy', async (physicalId) => {
      emulator.destination = 'CloudWatchLogs';
      emulator.resourcePolicies.set(TRANSACTION_SEARCH_POLICY_NAME, '{}');
      const out = await onTransactionSearchEvent(event('Delete', '1', { PhysicalResourceId: physicalId }));
      expect(out).toEqual({ PhysicalResourceId: physicalId });
      expect(emulator.requests).toEqual([]);
      expect(emulator.destination).toBe('CloudWatchLogs');
      expect(emulator.resourcePolicies.has(TRANSACTION_SEARCH_POLICY_NAME)).toBe(true);
    });

  test.each(['0', '-1', '100.5', 'abc', ''])('an IndexingPercentage of %j is refused before any call', async (value) => {
    await expect(onTransactionSearchEvent(event('Create', value))).rejects.toThrow(/IndexingPercentage must be a number greater than 0 and at most 100/);
    expect(emulator.requests).toEqual([]);
  });
});

// The Lambda runs the esbuild bundle (with its own copy of the SDK) in plain node, as Lambda does.
describe('bundled Transaction Search handler', () => {
  const file = path.join(__dirname, '..', '..', 'assets', 'observability', 'transaction-search.lambda', 'index.js');
  const RUNNER = `
    const [file, event] = process.argv.slice(1);
    require(file).handler(JSON.parse(event)).then(
      (ok) => process.stdout.write(JSON.stringify({ ok })),
      (e) => process.stdout.write(JSON.stringify({ error: e.message })));
  `;
  const run = (e: OnEventRequest) => new Promise<{ ok?: OnEventResponse; error?: string }>((resolve, reject) => {
    if (!existsSync(file)) return reject(new Error(`${file} is missing: run \`npx projen bundle\` first`));
    return execFile(process.execPath, ['-e', RUNNER, file, JSON.stringify(e)], { env: { PATH: process.env.PATH ?? '', ...emulator.env() } },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout))));
  });

  test('enables Transaction Search against the emulator', async () => {
    expect(await run(event('Create'))).toEqual({ ok: { PhysicalResourceId: 'transaction-search/us-east-1/enabled', Data: { EnabledByThisResource: 'true' } } });
    expect(emulator.destination).toBe('CloudWatchLogs');
  });
});
