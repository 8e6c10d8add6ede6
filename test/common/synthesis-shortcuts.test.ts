import { App, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { listExamples } from '../../scripts/example-apps';
import { Harness, HarnessModel } from '../../src';
import {
  cfnPropertiesOf, ownedRoleReferences, ownStackUuidHead, referencedResources, renderedLogicalIds,
} from '../../src/common/private/synthesis-shortcuts';
import { buildExample } from '../examples/example-stacks';
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

describe('referencedResources reads from tokens the resources that resolving names', () => {
  // Every resource of every example: the resources found from the unresolved properties are the resources of its
  // stack whose logical ids the resolved properties name. Run after synthesis, so cross-stack references resolve
  // to imports (which name no resource of the stack) in both.
  test.each(listExamples())('%s', (name) => {
    const { app, stacks } = buildExample(name);
    app.synth();
    let compared = 0;
    for (const stack of stacks) {
      const byId = new Map<string, CfnResource>();
      for (const node of stack.node.findAll()) {
        if (CfnResource.isCfnResource(node) && Stack.of(node) === stack) byId.set(stack.resolve(node.logicalId), node);
      }
      for (const resource of byId.values()) {
        const properties = cfnPropertiesOf(resource);
        const expected = [...renderedLogicalIds(stack.resolve(properties))].filter(id => byId.has(id)).sort();
        const found = [...referencedResources(resource, properties, id => byId.get(id))]
          .filter(r => Stack.of(r) === stack).map(r => stack.resolve(r.logicalId) as string).sort();
        expect({ resource: resource.node.path, ids: found }).toEqual({ resource: resource.node.path, ids: expected });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
  });

  test('a policy document is read through its statements', () => {
    const stack = createTestStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const document = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })] });
    const cfnQueue = queue.node.defaultChild as CfnResource;
    expect([...referencedResources(stack, [document], () => undefined)]).toEqual([cfnQueue]);
  });
});

test('a harness renders DependsOn on everything it waits for except what its properties reference', () => {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': false } });
  const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
  const harness = new Harness(stack, 'Agent', { model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' }) });
  new sqs.Queue(stack, 'Queue').grantSendMessages(harness);
  const template = Template.fromStack(stack).toJSON();
  const [resource] = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::BedrockAgentCore::Harness');
  // The role is referenced (ExecutionRoleArn), so only the shared policies remain.
  expect(resource.Properties.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AgentExecutionRole/), 'Arn'] });
  expect(resource.DependsOn).toEqual([expect.stringMatching(/^HarnessSharedExecutionPolicyBase/), expect.stringMatching(/^HarnessSharedExecutionPolicyDefaultRuntimeImagePull/)]);
});
