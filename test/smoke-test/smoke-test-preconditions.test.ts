import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HarnessAuthorizer, HarnessHook, HarnessSmokeTest, HookTarget } from '../../src';
import { harnessStack, importedHarness } from '../endpoint/support';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:guard';

function readTimeout(stack: any): string {
  const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::HarnessSmokeTest')) as any[];
  return resource.Properties.ReadTimeoutSeconds;
}

function hook(stack: any, name: string, timeout?: Duration) {
  const fn = lambda.Function.fromFunctionArn(stack, `Fn${name}`, FN_ARN);
  return HarnessHook.beforeToolCall(name, HookTarget.fromFunction(fn, { timeout }));
}

describe('HarnessSmokeTest preconditions knowable at synth', () => {
  test('a harness with a JWT inbound authorizer fails, naming the smoke test and the reason', () => {
    const { stack, harness } = harnessStack({
      authorizer: HarnessAuthorizer.jwt({
        discoveryUrl: 'https://issuer.example.com/.well-known/openid-configuration', allowedClients: ['web'],
      }),
    });
    harness.addEndpoint('STAGING').addSmokeTest('Smoke', { prompt: 'hi' });
    expect(() => Template.fromStack(stack)).toThrow(
      /HarnessSmokeTest TestStack\/Harness\/EndpointSTAGING\/Smoke: harness TestStack\/Harness has a custom JWT inbound authorizer.*SigV4/);
  });

  test('an explicit timeout not above a Lambda hook timeout fails; above it passes', () => {
    const bad = harnessStack();
    new HarnessSmokeTest(bad.stack, 'Smoke', { harness: bad.harness, prompt: 'hi', timeout: Duration.minutes(2) });
    bad.harness.addHook(hook(bad.stack, 'slow', Duration.seconds(120))); // added after the test: still checked
    expect(() => Template.fromStack(bad.stack)).toThrow(
      /HarnessSmokeTest TestStack\/Smoke: timeout is 120 seconds, not longer than the 120-second timeout of Lambda hook slow/);

    const ok = harnessStack();
    ok.harness.addHook(hook(ok.stack, 'slow', Duration.seconds(120)));
    new HarnessSmokeTest(ok.stack, 'Smoke', { harness: ok.harness, prompt: 'hi', timeout: Duration.seconds(121) });
    expect(readTimeout(ok.stack)).toBe('121');
  });

  test('the service-default hook timeout (60 s) counts', () => {
    const { stack, harness } = harnessStack({ hooks: [] });
    harness.addHook(hook(stack, 'guard'));
    new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi', timeout: Duration.seconds(60) });
    expect(() => Template.fromStack(stack)).toThrow(/timeout is 60 seconds, not longer than the 60-second timeout of Lambda hook guard/);
  });

  test('without a timeout the default is derived above the longest Lambda hook', () => {
    const { stack, harness } = harnessStack();
    new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi' });
    harness.addHook(hook(stack, 'a', Duration.seconds(30)));
    harness.addHook(hook(stack, 'b', Duration.seconds(600)));
    expect(readTimeout(stack)).toBe('660');
  });

  test('a hook the test can never outwait fails when no timeout is given', () => {
    const { stack, harness } = harnessStack();
    harness.addHook(hook(stack, 'batch', Duration.seconds(900)));
    new HarnessSmokeTest(stack, 'Smoke', { harness, prompt: 'hi' });
    expect(() => Template.fromStack(stack)).toThrow(/HarnessSmokeTest TestStack\/Smoke: Lambda hook batch may run 900 seconds.*at most 840/);
  });

  test('an imported harness is not checked and keeps the 5-minute default', () => {
    const { stack } = harnessStack();
    new HarnessSmokeTest(stack, 'Smoke', { harness: importedHarness(stack), prompt: 'hi', trigger: 'v1' });
    expect(readTimeout(stack)).toBe('300');
  });
});
