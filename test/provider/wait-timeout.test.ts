import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EndpointVersionPolicy, HarnessEndpoint } from '../../src';
import { harnessStack } from '../endpoint/support';

function promote(waitTimeout?: Duration) {
  const { stack, harness } = harnessStack();
  const staging = harness.addEndpoint('STAGING');
  new HarnessEndpoint(stack, 'Prod', {
    harness, endpointName: 'PROD', version: EndpointVersionPolicy.promotedFrom(staging, { promotionId: 'p-1', waitTimeout }),
  });
  return { stack, staging };
}

describe('waitTimeout of the custom resources', () => {
  test('promotion: passed to the handler as WaitTimeoutSeconds', () => {
    const { stack } = promote(Duration.minutes(10));
    Template.fromStack(stack).hasResourceProperties('Custom::HarnessEndpointVersion', { WaitTimeoutSeconds: '600' });
  });

  test('not set: the property is absent (the handler waits 20 minutes) and existing resources are not updated', () => {
    const { stack } = promote();
    Template.fromStack(stack).hasResourceProperties('Custom::HarnessEndpointVersion', { WaitTimeoutSeconds: Match.absent() });
  });

  test('smoke test: passed to the handler as WaitTimeoutSeconds', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('STAGING').addSmokeTest('Smoke', { prompt: 'hi', waitTimeout: Duration.minutes(5) });
    Template.fromStack(stack).hasResourceProperties('Custom::HarnessSmokeTest', { WaitTimeoutSeconds: '300' });
  });

  test.each([
    [Duration.minutes(31), 'version.waitTimeout (seconds)', '1860'],
    [Duration.seconds(30), 'version.waitTimeout (seconds)', '30'],
  ])('promotion: %s is refused at synth against the provider\'s total timeout', (waitTimeout, property, value) => {
    expect(() => promote(waitTimeout)).toThrow(new RegExp(`${property.replace(/[()]/g, '\\$&')}.*${value}.*60.*1800`));
  });

  test('smoke test: more than 30 minutes is refused at synth', () => {
    const { harness } = harnessStack();
    expect(() => harness.addEndpoint('STAGING').addSmokeTest('Smoke', { prompt: 'hi', waitTimeout: Duration.minutes(40) }))
      .toThrow(/waitTimeout \(seconds\).*2400.*60.*1800/);
  });
});
