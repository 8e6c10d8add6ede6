import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', '.ci', 'jest-summary.js');

function summarize(xml?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-summary-'));
  const file = path.join(dir, 'junit.xml');
  if (xml !== undefined) fs.writeFileSync(file, xml);
  return execFileSync(process.execPath, [SCRIPT, file], { encoding: 'utf8' }).trim();
}

test('counts passed and failed tests, leaving skipped ones out', () => {
  expect(summarize(`<?xml version="1.0"?>
<testsuites name="jest tests" tests="10" failures="2" errors="0" time="3">
  <testsuite name="a" errors="0" failures="2" skipped="1" tests="6"></testsuite>
  <testsuite name="b" errors="0" failures="0" skipped="0" tests="4"></testsuite>
</testsuites>`)).toBe('7 passed, 2 failed');
});

test('counts a suite that failed to run as failed', () => {
  expect(summarize(`<testsuites name="jest tests" tests="4" failures="0" errors="1" time="1">
  <testsuite name="broken" errors="1" failures="0" skipped="0" tests="0"></testsuite>
  <testsuite name="b" errors="0" failures="0" skipped="0" tests="4"></testsuite>
</testsuites>`)).toBe('4 passed, 1 failed');
});

test('says so when jest did not run', () => {
  expect(summarize()).toBe('0 passed, 0 failed (jest did not run)');
});
