// Integration test: promotion. STAGING follows the latest version; PROD is promoted from STAGING by
// the library's Custom::HarnessEndpointVersion resource (one provider per stack), with an expected
// version so that an untested version cannot be promoted. After deployment the assertions check:
//   GetHarnessEndpoint  PROD serves the version STAGING served at promotion time (1 on a fresh stack);
//   InvokeHarness       an invocation through PROD finishes its turn (stopReason end_turn).
//
// Offline (CI): `npx projen integ` compares the synthesized templates with integ.promotion.ts.snapshot/.
import { Duration } from 'aws-cdk-lib';
import { EndpointVersionPolicy } from '../src';
import { fixAssertionSalt } from './integ/fixed-assertion-salt';
import { createIntegHarness, createProbeIntegTest, PASSED } from './integ/harness-integ';

const setup = createIntegHarness('HarnessPromotionIntegStack');
const { app, harness } = setup;
const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
const prod = harness.addEndpoint('PROD', {
  version: EndpointVersionPolicy.promotedFrom(staging, { promotionId: 'integ-promotion-1', expectedVersion: '1' }),
});

const check = createProbeIntegTest(setup, 'HarnessPromotionInteg');

const prodServesPromoted = check({ check: 'endpointServes', harnessId: harness.harnessId, endpointName: prod.endpointName, version: '1' });
prodServesPromoted.expect(PASSED).waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(20) });

const invokeProd = check({
  check: 'invokeEndsTurn',
  harnessArn: harness.harnessArn,
  qualifier: prod.endpointName,
  prompt: 'Reply with the word "ready".',
  sessionId: 'integ-harness-prod-promotion-session-0001',
});
invokeProd.expect(PASSED);

prodServesPromoted.next(invokeProd);

fixAssertionSalt(app);
app.synth();
