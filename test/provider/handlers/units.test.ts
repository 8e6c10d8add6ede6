import { canonicalJson, smokeTestSessionId } from '../../../src/provider/handlers/physical-id';
import { isConflict, isNotFound, isTransient } from '../../../src/service/errors';
import { backoffDelay, withRetries } from '../../../src/service/retry';
import { isSwitching, readiness } from '../../../src/service/status';

function sdkError(name: string, status: number, message = 'm') {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('error classification', () => {
  test('AccessDenied "...was not found" counts as not found; a real AccessDenied does not', () => {
    expect(isNotFound(sdkError('AccessDeniedException', 403, 'Harness endpoint PROD was not found'))).toBe(true);
    expect(isNotFound(sdkError('AccessDeniedException', 403, 'not authorized'))).toBe(false);
    expect(isNotFound(sdkError('ResourceNotFoundException', 404))).toBe(true);
  });

  test('throttling and 5xx are transient; 4xx other than 429 are not', () => {
    expect(isTransient(sdkError('ThrottlingException', 429))).toBe(true);
    expect(isTransient(sdkError('InternalServerException', 500))).toBe(true);
    expect(isTransient(sdkError('Whatever', 503))).toBe(true);
    expect(isTransient(sdkError('ValidationException', 400))).toBe(false);
    expect(isConflict(sdkError('ConflictException', 409))).toBe(true);
  });
});

describe('withRetries', () => {
  beforeEach(() => { process.env.CDK_AGENTCORE_HARNESS_BACKOFF_MS = '1'; });
  afterEach(() => { delete process.env.CDK_AGENTCORE_HARNESS_BACKOFF_MS; });

  test('backoff doubles and is capped at 16 times the base', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, 100))).toEqual([100, 200, 400, 800, 1600, 1600, 1600]);
  });

  test('retries transient errors up to the attempt limit, then rethrows', async () => {
    let calls = 0;
    await expect(withRetries(async () => { calls++; throw sdkError('ThrottlingException', 429); }, { attempts: 3 }))
      .rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(calls).toBe(3);
  });

  test('does not retry a validation error', async () => {
    let calls = 0;
    await expect(withRetries(async () => { calls++; throw sdkError('ValidationException', 400); })).rejects.toThrow();
    expect(calls).toBe(1);
  });

  test('retries a conflict only after waiting through onConflict', async () => {
    let calls = 0;
    let waits = 0;
    const out = await withRetries(async () => {
      calls++;
      if (calls < 3) throw sdkError('ConflictException', 409);
      return 'done';
    }, { onConflict: async () => { waits++; } });
    expect(out).toBe('done');
    expect(waits).toBe(2);
    await expect(withRetries(async () => { throw sdkError('ConflictException', 409); })).rejects.toMatchObject({ name: 'ConflictException' });
  });
});

describe('status and ids', () => {
  test('readiness: READY, pending states, and failures with reason', () => {
    expect(readiness('x', 'READY', undefined)).toBe('ready');
    expect(readiness('x', 'CREATING', undefined)).toBe('pending');
    expect(readiness('x', 'UPDATING', undefined)).toBe('pending');
    expect(() => readiness('harness h', 'CREATE_FAILED', 'bad role')).toThrow('harness h is CREATE_FAILED: bad role');
    expect(() => readiness('harness h', 'UPDATE_FAILED', undefined)).toThrow('harness h is UPDATE_FAILED: the service gave no failureReason');
    expect(() => readiness('harness h', 'DELETING', undefined)).toThrow(/DELETING and will not become READY/);
    expect(() => readiness('harness h', 'WEIRD', undefined)).toThrow(/unknown status "WEIRD"/);
  });

  test('a switch is in progress only while targetVersion differs from liveVersion', () => {
    expect(isSwitching('1', '2')).toBe(true);
    expect(isSwitching('2', '2')).toBe(false);
    expect(isSwitching('2', undefined)).toBe(false);
    expect(isSwitching('2', '')).toBe(false);
  });

  test('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  test('the session id fits the service pattern for any request id', () => {
    for (const id of ['', 'x', '8d1f1d56-2a44-4a7e-9a39-0c5f6a0e1a11', 'é'.repeat(500)]) {
      expect(smokeTestSessionId(id)).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9-_]{32,99}$/);
    }
  });
});
