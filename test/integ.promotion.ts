// Integration test: promotion. STAGING follows the latest version; PROD is promoted from STAGING by
// the library's Custom::HarnessEndpointVersion resource (one provider per stack), with an expected
// version so that an untested version cannot be promoted. After deployment the assertions check:
//   GetHarnessEndpoint  PROD serves the version STAGING served at promotion time (1 on a fresh stack);
//   InvokeHarness       an invocation through PROD finishes its turn (stopReason end_turn).
//
// Offline (CI): `npx projen integ` compares the synthesized templates with integ.promotion.ts.snapshot/.
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { EndpointVersionPolicy, Harness, HarnessMemory, HarnessModel, HarnessSystemPrompt } from '../src';
import { fixAssertionSalt } from './integ/fixed-assertion-salt';
import { HarnessProbe } from './integ/harness-probe';
import { EndpointCheck, InvokeCheck } from './integ/harness-probe.handler';

const REGIONS = ['us-east-1', 'us-west-2'];
// Anchored: a FAIL message quotes the agent's reply, which could contain the word PASS.
const PASSED = ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp('^"?PASS"?$') });

const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
const stack = new Stack(app, 'HarnessPromotionIntegStack');

const harness = new Harness(stack, 'Agent', {
  model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', maxTokens: 512 }),
  systemPrompt: HarnessSystemPrompt.fromText('You are a test agent. Answer in one short sentence.'),
  memory: HarnessMemory.disabled(),
  maxIterations: 3,
});
const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
const prod = harness.addEndpoint('PROD', {
  version: EndpointVersionPolicy.promotedFrom(staging, { promotionId: 'integ-promotion-1', expectedVersion: '1' }),
});

const probe = new HarnessProbe(stack, 'Probe', { harness });

const integ = new IntegTest(app, 'HarnessPromotionInteg', {
  testCases: [stack],
  regions: REGIONS,
  stackUpdateWorkflow: false,
});

function check(payload: EndpointCheck | InvokeCheck) {
  return integ.assertions.invokeFunction({ functionName: probe.function.functionName, payload: JSON.stringify(payload) });
}

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
