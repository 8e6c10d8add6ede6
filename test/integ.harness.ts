// Integration test: a harness with a STAGING endpoint that follows the latest version and a PROD
// endpoint pinned to version 1. After deployment the assertions check, through the service APIs:
//   GetHarness          the harness is READY;
//   GetHarnessEndpoint  STAGING serves the harness's current version, PROD serves version 1;
//   InvokeHarness       an invocation through STAGING finishes its turn (stopReason end_turn).
//
// Offline (CI): `npx projen integ` compares the synthesized templates with integ.harness.ts.snapshot/.
// Against AWS: see "Integration tests" in CONTRIBUTING.md.
import { Duration } from 'aws-cdk-lib';
import { EndpointVersionPolicy, HarnessVersion } from '../src';
import { fixAssertionSalt } from './integ/fixed-assertion-salt';
import { createIntegHarness, createProbeIntegTest, PASSED } from './integ/harness-integ';

const setup = createIntegHarness('HarnessIntegStack');
const { app, harness } = setup;
const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
const prod = harness.addEndpoint('PROD', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '1')) });

const check = createProbeIntegTest(setup, 'HarnessInteg');

// CloudFormation reports the harness and endpoints complete when READY; the waits cover an
// endpoint that is still switching versions.
const waitForReady = { totalTimeout: Duration.minutes(10), interval: Duration.seconds(20) };

const harnessReady = check({ check: 'harnessReady', harnessId: harness.harnessId });
harnessReady.expect(PASSED).waitForAssertions(waitForReady);

const stagingServesLatest = check({
  check: 'endpointServes', harnessId: harness.harnessId, endpointName: staging.endpointName, version: harness.harnessVersion,
});
stagingServesLatest.expect(PASSED).waitForAssertions(waitForReady);

const prodServesPinned = check({ check: 'endpointServes', harnessId: harness.harnessId, endpointName: prod.endpointName, version: '1' });
prodServesPinned.expect(PASSED).waitForAssertions(waitForReady);

const invokeStaging = check({
  check: 'invokeEndsTurn',
  harnessArn: harness.harnessArn,
  qualifier: staging.endpointName,
  prompt: 'Reply with the word "ready".',
  sessionId: 'integ-harness-staging-smoke-session-0001',
});
invokeStaging.expect(PASSED);

harnessReady.next(stagingServesLatest).next(prodServesPinned).next(invokeStaging);

fixAssertionSalt(app);
app.synth();
