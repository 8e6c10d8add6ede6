import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { fixAssertionSalt } from './fixed-assertion-salt';
import { createTestApp } from '../support/app';

function assertionTemplate(fix: boolean): Template {
  const app = createTestApp();
  const stack = new Stack(app, 'Tested');
  // CloudFormation rejects a template without resources.
  new CfnWaitConditionHandle(stack, 'Placeholder');
  const integ = new IntegTest(app, 'Integ', { testCases: [stack] });
  integ.assertions.awsApiCall('STS', 'getCallerIdentity').expect(ExpectedResult.objectLike({}));
  if (fix) fixAssertionSalt(app, 'constant');
  // The assertions live in a stack of their own that IntegTest adds to the app.
  const assertionStack = app.node.findAll().find((node): node is Stack => Stack.isStack(node) && node !== stack);
  return Template.fromStack(assertionStack!);
}

test('replaces the time-based salt of every assertion with the given value', () => {
  const template = assertionTemplate(true);
  const calls = template.findResources('Custom::DeployAssert@SdkCallSTSgetCallerIdentity');
  expect(Object.keys(calls)).toHaveLength(1);
  expect(Object.values(calls).map((call: any) => call.Properties.salt)).toEqual(['constant']);
});

test('without it the salt is a timestamp (what the aspect exists to remove)', () => {
  const template = assertionTemplate(false);
  const salts = Object.values(template.findResources('Custom::DeployAssert@SdkCallSTSgetCallerIdentity')).map((call: any) => call.Properties.salt);
  expect(salts[0]).toMatch(/^\d{13}$/);
});
