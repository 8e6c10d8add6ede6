import { App, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Harness, HarnessModel } from '../../src';
import { ownedRoleReferences, ownStackUuidHead, rememberResolvedProperties, resolvedPropertiesOf } from '../../src/common/private/synthesis-shortcuts';
import { createTestStack } from '../support/app';

// Each shortcut renders what aws-cdk-lib's general path renders (unresolvedMaxLength: inline-policy-size.test.ts).

test('ownStackUuidHead renders as the nested Fn.select/Fn.split of the stack id, and once per stack', () => {
  const stack = createTestStack();
  const general = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', stack.stackId))));
  expect(stack.resolve(ownStackUuidHead(stack))).toEqual(stack.resolve(general));
  expect(ownStackUuidHead(stack)).toBe(ownStackUuidHead(stack));
  const other = new Stack(new App(), 'Other');
  expect(ownStackUuidHead(other)).not.toBe(ownStackUuidHead(stack));
});

test('ownedRoleReferences render as roleArn and roleName in the role\'s stack; a role passed in keeps its own', () => {
  const stack = createTestStack();
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
  const owned = ownedRoleReferences(role, true);
  expect(stack.resolve(owned.arn)).toEqual(stack.resolve(role.roleArn));
  expect(stack.resolve(owned.name)).toEqual(stack.resolve(role.roleName));
  const imported = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/mine');
  expect(ownedRoleReferences(imported, false)).toEqual({ arn: imported.roleArn, name: imported.roleName });
});

test('resolvedPropertiesOf gives the remembered value, or resolves the properties as the stack would', () => {
  const stack = createTestStack();
  const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: undefined, queueName: 'q' });
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  expect(resolvedPropertiesOf(cfn)).toEqual(stack.resolve((cfn as any).cfnProperties));
  rememberResolvedProperties(cfn, { remembered: true });
  expect(resolvedPropertiesOf(cfn)).toEqual({ remembered: true });
});

test('a harness renders the same DependsOn whether its properties were remembered at validation or resolved at render', () => {
  const build = () => {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': false } });
    const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const harness = new Harness(stack, 'Agent', { model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }) });
    new sqs.Queue(stack, 'Queue').grantSendMessages(harness);
    return { app, stack };
  };
  const dependsOn = (template: any) => Object.values<any>(template.Resources).find(r => r.Type === 'AWS::BedrockAgentCore::Harness').DependsOn;
  const validated = build();
  const remembered = dependsOn(Template.fromStack(validated.stack).toJSON());
  const skipped = build();
  const fresh = dependsOn(skipped.app.synth({ skipValidation: true }).getStackByName('S').template);
  expect(remembered).toEqual(fresh);
  expect(remembered.length).toBeGreaterThan(0);
});
