import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HarnessMonitoring } from '../../src';
import { HarnessValidationError } from '../../src/common/private/errors';
import { harnessStack, importedHarness, otherHarness } from '../endpoint/support';

const runtimeAttr = (attribute: string) =>
  ({ 'Fn::GetAtt': [Match.stringLikeRegexp('^Harness'), `Environment.AgentCoreRuntimeEnvironment.${attribute}`] });
const dimensions = (endpoint: string) => [
  { Name: 'Name', Value: { 'Fn::Join': ['', [runtimeAttr('AgentRuntimeName'), `::${endpoint}`]] } },
  { Name: 'Operation', Value: 'InvokeAgentRuntime' },
  { Name: 'Resource', Value: runtimeAttr('AgentRuntimeArn') },
];

describe('HarnessMonitoring', () => {
  test('without endpoints: alarms on the DEFAULT endpoint for errors, throttles and p99 latency', () => {
    const { stack, harness } = harnessStack();
    const monitoring = new HarnessMonitoring(stack, 'Monitoring', { harness });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(monitoring.alarms).toHaveLength(3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Bedrock-AgentCore',
      MetricName: 'SystemErrors',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: dimensions('DEFAULT'),
      AlarmActions: Match.absent(),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Throttles', Statistic: 'Sum', Threshold: 1, Dimensions: dimensions('DEFAULT'),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 300000, EvaluationPeriods: 3, Dimensions: dimensions('DEFAULT'),
    });
  });

  test('per endpoint: a row and three alarms each, with the thresholds and alarm action given', () => {
    const { stack, harness } = harnessStack();
    const staging = harness.addEndpoint('STAGING');
    const prod = harness.addEndpoint('PROD');
    const topic = new sns.Topic(stack, 'Topic');
    new HarnessMonitoring(stack, 'Monitoring', {
      harness,
      endpoints: [staging, prod],
      dashboardName: 'agent-ops',
      alarmAction: new cw_actions.SnsAction(topic),
      systemErrorsThreshold: 5,
      throttlesThreshold: 10,
      latencyThreshold: Duration.minutes(2),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    for (const endpoint of ['STAGING', 'PROD']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SystemErrors', Threshold: 5, Dimensions: dimensions(endpoint) });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Threshold: 10, Dimensions: dimensions(endpoint) });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', Threshold: 120000, Dimensions: dimensions(endpoint) });
    }
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Topic/) }]);
      expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    }
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as any;
    expect(dashboard.Properties.DashboardName).toBe('agent-ops');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const title of ['Invocations and sessions', 'Errors', 'Throttles', 'Latency', 'Alarms']) {
      expect(body).toContain(`${title} (STAGING)`);
      expect(body).toContain(`${title} (PROD)`);
    }
    expect(body).toContain('SessionCount');
    expect(body).toContain('UserErrors');
  });

  test.each([
    ['an imported harness', (s: any) => ({ harness: importedHarness(s.stack) }), /harness: .* is imported/],
    ['an empty endpoint list', (s: any) => ({ harness: s.harness, endpoints: [] }), /endpoints: is empty/],
    ['an endpoint of another harness', (s: any) => ({ harness: s.harness, endpoints: [otherHarness(s.stack).addEndpoint('PROD')] }),
      /endpoints: "PROD" .* belongs to TestStack\/Other, not to TestStack\/Harness/],
    ['the same endpoint twice', (s: any) => { const e = s.harness.addEndpoint('PROD'); return { harness: s.harness, endpoints: [e, e] }; },
      /endpoints: "PROD" is listed twice/],
    ['a dashboard name with spaces', (s: any) => ({ harness: s.harness, dashboardName: 'agent ops' }), /dashboardName: "agent ops" does not match/],
    ['a dashboard name of 256 characters', (s: any) => ({ harness: s.harness, dashboardName: 'a'.repeat(256) }), /dashboardName: .* at most 255/],
    ['systemErrorsThreshold 0', (s: any) => ({ harness: s.harness, systemErrorsThreshold: 0 }), /systemErrorsThreshold: 0 is out of range/],
    ['a fractional throttlesThreshold', (s: any) => ({ harness: s.harness, throttlesThreshold: 0.5 }), /throttlesThreshold: 0.5 must be a whole number/],
    ['a latencyThreshold under 1 second', (s: any) => ({ harness: s.harness, latencyThreshold: Duration.millis(500) }),
      /latencyThreshold: 500 millis is too short; it must be at least 1 second/],
  ])('fails at synth with %s', (_name, propsOf, message) => {
    const setup = harnessStack();
    let error: unknown;
    try {
      new HarnessMonitoring(setup.stack, 'Monitoring', propsOf(setup));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HarnessValidationError);
    expect((error as Error).message).toMatch(message);
  });

});
