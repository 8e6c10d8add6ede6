// Integration test: a harness with a STAGING endpoint that follows the latest version and a PROD
// endpoint pinned to version 1. After deployment the assertions check, through the service APIs:
//   GetHarness          the harness is READY;
//   GetHarnessEndpoint  STAGING serves the harness's current version, PROD serves version 1;
//   InvokeHarness       an invocation through STAGING finishes its turn (stopReason end_turn).
//
// Offline (CI): `npx projen integ` compares the synthesized templates with integ.harness.ts.snapshot/.
// Against AWS: see "Integration tests" in the README.
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import {
  EndpointVersionPolicy,
  Harness,
  HarnessMemory,
  HarnessModel,
  HarnessSystemPrompt,
  HarnessVersion,
} from '../src';
import { fixAssertionSalt } from './integ/fixed-assertion-salt';
import { HarnessProbe } from './integ/harness-probe';
import { InvokeCheck, EndpointCheck, HarnessReadyCheck } from './integ/harness-probe.handler';

/** Regions where AgentCore harness and the model's `us.` inference profile are available. */
const REGIONS = ['us-east-1', 'us-west-2'];
// Anchored: a FAIL message quotes the agent's reply, which could contain the word PASS.
const PASSED = ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp('^"?PASS"?$') });

const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
// Environment-agnostic, so integ-runner can deploy it in any of REGIONS.
const stack = new Stack(app, 'HarnessIntegStack');

const harness = new Harness(stack, 'Agent', {
  model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', maxTokens: 512 }),
  systemPrompt: HarnessSystemPrompt.fromText('You are a test agent. Answer in one short sentence.'),
  // No conversation data, so the harness is deleted with the stack (no retained memory to clean up).
  memory: HarnessMemory.disabled(),
  maxIterations: 3,
});
const staging = harness.addEndpoint('STAGING', { version: EndpointVersionPolicy.followLatest() });
const prod = harness.addEndpoint('PROD', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '1')) });

const probe = new HarnessProbe(stack, 'Probe', { harness });

const integ = new IntegTest(app, 'HarnessInteg', {
  testCases: [stack],
  regions: REGIONS,
  // The update workflow would deploy the committed snapshot first; a harness is cheap to recreate.
  stackUpdateWorkflow: false,
});

function check(payload: HarnessReadyCheck | EndpointCheck | InvokeCheck) {
  return integ.assertions.invokeFunction({ functionName: probe.function.functionName, payload: JSON.stringify(payload) });
}

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
