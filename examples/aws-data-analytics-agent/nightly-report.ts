// A nightly report: EventBridge Scheduler starts a Step Functions workflow every morning, whose one
// Task state asks the data analyst agent for yesterday's sales report through the optimized
// InvokeHarness integration.
//
// - The agent has no timeout of its own (the service default is 1 hour), but a Task state gives up
//   after 15 minutes while the harness would keep running and costing: the task caps this call at
//   10 minutes with harnessTimeout, and limits the loop with maxIterations.
// - Throttling, server errors and exhausted quotas are retried with backoff; anything else (and a
//   retry that keeps failing) ends in ReportFailed, which keeps the error and its cause.
// - The workflow logs every state transition without the execution data (the report may hold
//   figures that should not be copied into logs) and is traced with X-Ray.
import { Duration, RemovalPolicy, TimeZone, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { IHarness, InvokeHarness, InvokeHarnessErrors } from '../../src';

export function addNightlyReport(scope: Construct, agent: IHarness): sfn.StateMachine {
  const workflow = new Construct(scope, 'NightlyReport');

  const writeReport = InvokeHarness.jsonata(workflow, 'WriteReport', {
    harness: agent,
    prompt: "{% 'Write the sales report for the day before ' & $states.input.scheduledTime & "
      + "': revenue and order count per region, compared with the same weekday a week earlier. '"
      + " & 'End with the three largest changes and the query behind each figure.' %}",
    maxIterations: 20,
    harnessTimeout: Duration.minutes(10),
    taskTimeout: sfn.Timeout.duration(Duration.minutes(15)),
    outputs: {
      // Only text blocks come back; a reply may have several.
      report: "{% $join($states.result.Output.Message.Content.Text, '') %}",
      stopReason: '{% $states.result.StopReason %}',
      usage: '{% $states.result.Usage %}',
    },
  });
  writeReport.addRetry({
    errors: InvokeHarnessErrors.TRANSIENT,
    interval: Duration.seconds(30),
    backoffRate: 2,
    maxAttempts: 3,
  });
  writeReport.addCatch(sfn.Fail.jsonata(workflow, 'ReportFailed', {
    error: '{% $states.input.Error %}',
    cause: '{% $states.input.Cause %}',
  }), { errors: [InvokeHarnessErrors.ALL] });

  const logGroup = new logs.LogGroup(workflow, 'Logs', {
    retention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const stateMachine = new sfn.StateMachine(workflow, 'StateMachine', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
    definitionBody: sfn.DefinitionBody.fromChainable(writeReport.next(new sfn.Succeed(workflow, 'Done'))),
    timeout: Duration.hours(1),
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
  });

  new scheduler.Schedule(workflow, 'Every morning', {
    description: 'Starts the nightly sales report',
    schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '6', timeZone: TimeZone.EUROPE_BERLIN }),
    target: new targets.StepFunctionsStartExecution(stateMachine, {
      input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
      // A report that starts hours late is of no use; the workflow retries the agent itself.
      maxEventAge: Duration.hours(1),
      retryAttempts: 3,
    }),
  });

  Validations.of(stateMachine.role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Log delivery (logs:CreateLogDelivery and friends) and X-Ray (xray:PutTraceSegments and friends) have no resource-level permissions.',
    },
  );
  return stateMachine;
}
