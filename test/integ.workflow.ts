// Integration test: a Step Functions workflow whose one Task state invokes the test harness through
// the optimized InvokeHarness integration. After deployment the assertions start an execution and
// wait until it SUCCEEDS with the task's Converse-shaped result as its output:
//   Output.Message.Content[].Text, StopReason end_turn, Usage.
//
// Offline (CI): `npx projen integ` compares the synthesized templates with integ.workflow.ts.snapshot/.
// Against AWS: see "Integration tests" in CONTRIBUTING.md.
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { InvokeHarness, InvokeHarnessErrors } from '../src';
import { fixAssertionSalt } from './integ/fixed-assertion-salt';
import { createIntegHarness } from './integ/harness-integ';

const { app, stack, harness } = createIntegHarness('WorkflowIntegStack');

const invoke = InvokeHarness.jsonata(stack, 'Invoke', {
  harness,
  prompt: 'Reply with the word "ready".',
  // The test harness keeps the service's 1-hour timeout; this call must end well within the task's 15 minutes.
  harnessTimeout: Duration.minutes(5),
  taskTimeout: sfn.Timeout.duration(Duration.minutes(6)),
});
invoke.addRetry({ errors: InvokeHarnessErrors.TRANSIENT, interval: Duration.seconds(10), maxAttempts: 2, backoffRate: 2 });

const stateMachine = new sfn.StateMachine(stack, 'Workflow', {
  queryLanguage: sfn.QueryLanguage.JSONATA,
  definitionBody: sfn.DefinitionBody.fromChainable(invoke),
  timeout: Duration.minutes(10),
});

const integ = new IntegTest(app, 'WorkflowInteg', {
  testCases: [stack],
  regions: ['us-east-1', 'us-west-2'],
  stackUpdateWorkflow: false,
});

const start = integ.assertions.awsApiCall('SFN', 'startExecution', { stateMachineArn: stateMachine.stateMachineArn });
const finished = integ.assertions.awsApiCall('SFN', 'describeExecution', { executionArn: start.getAttString('executionArn') });
finished.expect(ExpectedResult.objectLike({
  status: 'SUCCEEDED',
  // The execution's output is the task's result, a JSON string.
  output: Match.stringLikeRegexp('^(?=.*"Output":\\{"Message":\\{.*"Content":\\[\\{"Text":")(?=.*"StopReason":"end_turn")(?=.*"Usage":\\{)'),
})).waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(20) });
start.next(finished);

fixAssertionSalt(app);
app.synth();
