import { Emulator, startEmulator } from '../emulator';
import { runCli } from './run-cli';
import { EvaluationResultsEmulator, ResultSeed, startEvaluationResultsEmulator } from '../emulator/evaluation-results-emulator';

const CONFIG = 'staging_quality-a1B2c3D4e5';
const LOG_GROUP = `/aws/bedrock-agentcore/evaluations/results/${CONFIG}`;

let emulator: Emulator;
let logs: EvaluationResultsEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
  logs = await startEvaluationResultsEmulator();
});
afterEach(async () => {
  await emulator.stop();
  await logs.stop();
});

/** STAGING on 5, PROD on 3. */
function seedPipeline() {
  return emulator.seedHarness({
    name: 'agent',
    versions: 5,
    endpoints: [{ name: 'STAGING', liveVersion: '5' }, { name: 'PROD', liveVersion: '3' }],
  });
}

/** `n` sessions, each scored once by `evaluator` with `score`. */
function sessions(evaluator: string, n: number, score: number | ((i: number) => number), prefix = 's'): ResultSeed[] {
  return Array.from({ length: n }, (_, i) => ({ evaluator, sessionId: `${prefix}-${i}`, score: typeof score === 'number' ? score : score(i) }));
}

function promote(harnessId: string, ...gate: string[]) {
  return runCli(emulator, ['promote', '--harness', harnessId, '--from', 'STAGING', '--to', 'PROD', ...gate], logs.env());
}

const prodVersion = (h: ReturnType<typeof seedPipeline>) => h.endpoints.get('PROD')!.liveVersion;

describe('promote --evaluation-config', () => {
  test('passes when every evaluator meets its minimum over enough sessions, then promotes and prints the figures', async () => {
    const h = seedPipeline();
    logs.pageSize = 7; // several pages
    logs.addResults(CONFIG, [
      ...sessions('Builtin.Helpfulness', 12, (i) => (i % 2 === 0 ? 0.8 : 0.9)),
      // TRACE-level: two scores for session c-0; sessions count once.
      ...sessions('Builtin.Correctness', 10, 0.75, 'c'), { evaluator: 'Builtin.Correctness', sessionId: 'c-0', score: 0.75 },
      // An event older than the window and a result of another configuration are not counted.
      { evaluator: 'Builtin.Helpfulness', sessionId: 'old', score: 0, ageMs: 25 * 3600_000 },
      { evaluator: 'Builtin.Helpfulness', sessionId: 'other', score: 0, configId: 'other_config-0000000000' },
    ]);
    const out = await promote(h.harnessId, '--evaluation-config', CONFIG,
      '--min-score', 'Builtin.Helpfulness=0.8', '--min-score', 'Builtin.Correctness=0.75', '--window', '24h');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^Evaluation gate passed: online evaluation config ${CONFIG}, log group ${LOG_GROUP}, last 24h \\(`));
    expect(out.stdout).toMatch(/Builtin\.Helpfulness\s+pass\s+0\.850\s+0\.800\s+12\s+12\s+0/);
    expect(out.stdout).toMatch(/Builtin\.Correctness\s+pass\s+0\.750\s+0\.750\s+10\s+11\s+0/);
    expect(out.stdout).toMatch(/Promoted PROD of harness .* from version 3 to 5/);
    expect(prodVersion(h)).toBe('5');
    const reads = logs.requests.filter((r) => r.target === 'Logs_20140328.FilterLogEvents');
    expect(reads.length).toBeGreaterThan(3);
    expect(reads[0].body).toMatchObject({ logGroupName: LOG_GROUP });
    expect(reads[0].body.endTime - reads[0].body.startTime).toBe(24 * 3600_000);
  });

  test('a mean below the minimum refuses with exit 9 and the figures; PROD does not move', async () => {
    const h = seedPipeline();
    logs.addResults(CONFIG, [...sessions('Builtin.Helpfulness', 20, 0.7), ...sessions('Builtin.Correctness', 20, 0.95)]);
    const out = await promote(h.harnessId, '--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8,Builtin.Correctness=0.9');
    expect(out.code).toBe(9);
    expect(out.stderr).toMatch(new RegExp(`Evaluation gate refused promoting PROD of harness ${h.harnessId} to version 5 \\(from STAGING\\): online evaluation config ${CONFIG}`));
    expect(out.stderr).toMatch(/last 24h \(.*\), at least 10 evaluated sessions per evaluator/);
    expect(out.stderr).toMatch(/Builtin\.Helpfulness\s+FAIL\s+0\.700\s+0\.800\s+20\s+20\s+0\s+mean score 0\.700 is below the minimum 0\.800/);
    expect(out.stderr).toMatch(/Builtin\.Correctness\s+pass\s+0\.950\s+0\.900\s+20/);
    expect(prodVersion(h)).toBe('3');
    expect(emulator.requestsFor('UpdateHarnessEndpoint')).toHaveLength(0);
  });

  test('too few evaluated sessions refuses even with high scores; failed evaluations are counted apart', async () => {
    const h = seedPipeline();
    logs.addResults(CONFIG, [
      ...sessions('Builtin.Helpfulness', 4, 1),
      { evaluator: 'Builtin.Helpfulness', sessionId: 'broken' },
    ]);
    const out = await promote(h.harnessId, '--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.5', '--min-sessions', '5');
    expect(out.code).toBe(9);
    expect(out.stderr).toMatch(/at least 5 evaluated sessions per evaluator/);
    expect(out.stderr).toMatch(/Builtin\.Helpfulness\s+FAIL\s+1\.000\s+0\.500\s+4\s+4\s+1\s+4 evaluated sessions, fewer than the 5 required/);
    expect(prodVersion(h)).toBe('3');
  });

  test('no results at all (missing log group, or an evaluator the configuration does not run) refuses', async () => {
    const h = seedPipeline();
    const missing = await promote(h.harnessId, '--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.5', '--window', '90m');
    expect(missing.code).toBe(9);
    expect(missing.stderr).toMatch(/last 90m/);
    expect(missing.stderr).toMatch(/Builtin\.Helpfulness\s+FAIL\s+-\s+0\.500\s+0\s+0\s+0\s+no scores in the window/);
    expect(missing.stderr).toMatch(new RegExp(`Log group ${LOG_GROUP} does not exist`));

    logs.addResults(CONFIG, sessions('Builtin.Helpfulness', 30, 0.9));
    const other = await promote(h.harnessId, '--evaluation-config', CONFIG, '--min-score', 'Builtin.Correctness=0.5');
    expect(other.code).toBe(9);
    expect(other.stderr).toMatch(/Builtin\.Correctness\s+FAIL\s+-\s+0\.500\s+0\s+0\s+0\s+no scores in the window/);
    expect(other.stderr).not.toMatch(/does not exist/);
    expect(prodVersion(h)).toBe('3');
  });

  test('throttling and 5xx are retried; the gate then decides', async () => {
    const h = seedPipeline();
    logs.addResults(CONFIG, sessions('Builtin.Helpfulness', 10, 0.9));
    logs.inject('throttling', 4);
    logs.inject('unavailable', 2);
    const out = await promote(h.harnessId, '--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const statuses = logs.requests.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200)).toHaveLength(6);
    expect(statuses[statuses.length - 1]).toBe(200);
    expect(prodVersion(h)).toBe('5');
  });

  test('AccessDenied fails at once with exit 4 naming the permission and the log group', async () => {
    const h = seedPipeline();
    logs.addResults(CONFIG, sessions('Builtin.Helpfulness', 10, 0.9));
    logs.inject('accessDenied', 1);
    const out = await promote(h.harnessId, '--evaluation-config', `arn:aws:bedrock-agentcore:us-east-1:123456789012:online-evaluation-config/${CONFIG}`,
      '--min-score', 'Builtin.Helpfulness=0.8');
    expect(out.code).toBe(4);
    expect(out.stderr).toMatch(new RegExp(`Access denied: reading evaluation results needs logs:FilterLogEvents on log group ${LOG_GROUP}`));
    expect(logs.requests).toHaveLength(1);
    expect(prodVersion(h)).toBe('3');
  });

  test('--evaluation-log-group reads a configuration that writes elsewhere; custom evaluators match by id or name', async () => {
    const h = seedPipeline();
    logs.addResults(CONFIG, sessions('tone-AbCdEfGhIj', 10, 0.9).map((r) => ({ ...r, evaluator: 'tone' })));
    logs.logGroups.set('/custom/results', logs.logGroups.get(LOG_GROUP)!);
    logs.logGroups.delete(LOG_GROUP);
    const out = await promote(h.harnessId, '--evaluation-config', CONFIG, '--evaluation-log-group', '/custom/results',
      '--min-score', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:evaluator/tone-AbCdEfGhIj=0.85', '--json');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.evaluationGate).toMatchObject({
      passed: true,
      onlineEvaluationConfigId: CONFIG,
      logGroupName: '/custom/results',
      window: '24h',
      minSessions: 10,
      evaluators: [{ evaluatorId: 'tone-AbCdEfGhIj', minScore: 0.85, scores: 10, sessions: 10, passed: true }],
    });
    expect(json.evaluationGate.evaluators[0].meanScore).toBeCloseTo(0.9);
    expect(json.version).toBe('5');
  });

  test('bad gate flags are usage errors (exit 2) before any call', async () => {
    const h = seedPipeline();
    const cases: [string[], RegExp][] = [
      [['--min-score', 'Builtin.Helpfulness=0.8'], /--min-score needs --evaluation-config/],
      [['--evaluation-config', 'staging_quality'], /--evaluation-config "staging_quality" is neither an online evaluation configuration id/],
      [['--evaluation-config', CONFIG], /--evaluation-config needs at least one --min-score/],
      [['--evaluation-config', CONFIG, '--min-score', 'Helpfulness=0.8'], /"Helpfulness" is not an evaluator/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=1.5'], /minimum score must be a number from 0 to 1/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness'], /minimum score must be a number from 0 to 1/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8', '--min-score', 'Builtin.Helpfulness=0.7'], /names Builtin\.Helpfulness twice/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8', '--window', '1m'], /--window "1m" must be .* from 5m to 30d/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8', '--window', '31d'], /--window "31d"/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8', '--min-sessions', '0'], /--min-sessions "0" must be a whole number from 1/],
      [['--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8', '--min-sessions', '2.5'], /--min-sessions "2.5"/],
    ];
    for (const [flags, message] of cases) {
      const out = await promote(h.harnessId, ...flags);
      expect({ flags, code: out.code }).toEqual({ flags, code: 2 });
      expect(out.stderr).toMatch(message);
    }
    const pinned = await runCli(emulator, ['promote', '--harness', h.harnessId, '--to', 'PROD', '--version', '4',
      '--evaluation-config', CONFIG, '--min-score', 'Builtin.Helpfulness=0.8'], logs.env());
    expect(pinned).toMatchObject({ code: 2, stderr: expect.stringMatching(/use it with --from, not --version/) });
    expect(emulator.requests).toHaveLength(0);
    expect(logs.requests).toHaveLength(0);
  });

  test('--help documents the gate and exit code 9', async () => {
    const out = await runCli(emulator, ['--help']);
    expect(out.stdout).toMatch(/--evaluation-config <id\|arn> --min-score <evaluator>=<0\.\.1>/);
    expect(out.stdout).toMatch(/9 the evaluation gate refused/);
  });
});
