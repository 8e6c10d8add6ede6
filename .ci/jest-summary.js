#!/usr/bin/env node
// Prints "N passed, N failed" from jest-junit's report (test-reports/junit.xml), for CI tooling.
// A suite that failed to run (compile error, throw at load) counts in "errors", not in "tests":
// it is reported as failed (with JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true, which .ci/run sets).
const fs = require('fs');

const file = process.argv[2] || 'test-reports/junit.xml';
if (!fs.existsSync(file)) {
  console.log('0 passed, 0 failed (jest did not run)');
  process.exit(0);
}
const xml = fs.readFileSync(file, 'utf8');
const attribute = (tag, name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(tag) || [])[1] || 0);
const root = (/<testsuites\b[^>]*>/.exec(xml) || [''])[0];
const skipped = [...xml.matchAll(/<testsuite\b[^>]*>/g)].reduce((sum, match) => sum + attribute(match[0], 'skipped'), 0);
const passed = attribute(root, 'tests') - attribute(root, 'failures') - skipped;
const failed = attribute(root, 'failures') + attribute(root, 'errors');
console.log(`${passed} passed, ${failed} failed`);
