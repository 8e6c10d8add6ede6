// Setup shared by the integration tests (test/integ.*.ts): the app, a small test harness in an
// environment-agnostic stack, and the probe Lambda the assertions invoke.
import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { HarnessProbe } from './harness-probe';
import { ProbeEvent } from './harness-probe.handler';
import { Harness, HarnessMemory, HarnessModel, HarnessSystemPrompt } from '../../src';

/** Regions where AgentCore harness and the model's `us.` inference profile are available. */
const REGIONS = ['us-east-1', 'us-west-2'];
// Anchored: a FAIL message quotes the agent's reply, which could contain the word PASS.
export const PASSED = ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp('^"?PASS"?$') });

export interface IntegHarness {
  readonly app: App;
  readonly stack: Stack;
  readonly harness: Harness;
}

/** An app with a stack `stackId` holding the test harness `Agent`. */
export function createIntegHarness(stackId: string): IntegHarness {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  // Environment-agnostic, so integ-runner can deploy it in any of REGIONS.
  const stack = new Stack(app, stackId);
  const harness = new Harness(stack, 'Agent', {
    model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', maxTokens: 512 }),
    systemPrompt: HarnessSystemPrompt.fromText('You are a test agent. Answer in one short sentence.'),
    // No conversation data, so the harness is deleted with the stack (no retained memory to clean up).
    memory: HarnessMemory.disabled(),
    maxIterations: 3,
  });
  return { app, stack, harness };
}

/**
 * Adds the probe Lambda to the stack and the IntegTest `integId` to the app; returns the function
 * that invokes the probe with one check (call after the endpoints are added, so the template keeps
 * its resource order).
 */
export function createProbeIntegTest(setup: IntegHarness, integId: string): (payload: ProbeEvent) => IApiCall {
  const probe = new HarnessProbe(setup.stack, 'Probe', { harness: setup.harness });
  const integ = new IntegTest(setup.app, integId, {
    testCases: [setup.stack],
    regions: REGIONS,
    // The update workflow would deploy the committed snapshot first; a harness is cheap to recreate.
    stackUpdateWorkflow: false,
  });
  return (payload) => integ.assertions.invokeFunction({ functionName: probe.function.functionName, payload: JSON.stringify(payload) });
}
