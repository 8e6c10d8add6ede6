import { RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newHarness } from './helpers';
import { HarnessMemory, HarnessTool } from '../../src';
import { createTestStack } from '../support/app';

const WARNING = 'cdk-agentcore-harness:retained-harness-dependency';

/** DeletionPolicy / UpdateReplacePolicy of every resource of a type. */
function policies(stack: any, type: string): Array<[string | undefined, string | undefined]> {
  return Object.values(Template.fromStack(stack).findResources(type)).map((r: any) => [r.DeletionPolicy, r.UpdateReplacePolicy]);
}

function withGrantsAndPostCreatePolicy(props: any) {
  const { stack, harness } = newHarness(props);
  // A grant through grantPrincipal joins the role's inline policy.
  const queue = new sqs.Queue(stack, 'Queue', { removalPolicy: RemovalPolicy.RETAIN });
  queue.grantSendMessages(harness);
  return { stack, harness };
}

describe('a retained harness keeps what it needs to run', () => {
  test('with managed memory (retained) the role with its inline policy, the shared policies and the post-create policy are retained', () => {
    const { stack } = withGrantsAndPostCreatePolicy({});
    expect(policies(stack, 'AWS::BedrockAgentCore::Harness')).toEqual([['Retain', 'Retain']]);
    expect(policies(stack, 'AWS::IAM::Role')).toEqual([['Retain', 'Retain']]);
    expect(policies(stack, 'AWS::IAM::Policy')).toEqual([]);
    // The two shared policies (base, default image pull) and the post-create group (managed-memory access).
    expect(policies(stack, 'AWS::IAM::ManagedPolicy')).toEqual([['Retain', 'Retain'], ['Retain', 'Retain'], ['Retain', 'Retain']]);
  });

  test('RETAIN_ON_UPDATE_OR_DELETE is applied the same way', () => {
    const { stack } = withGrantsAndPostCreatePolicy({ removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    expect(policies(stack, 'AWS::BedrockAgentCore::Harness')).toEqual([['RetainExceptOnCreate', 'Retain']]);
    expect(policies(stack, 'AWS::IAM::Role')).toEqual([['RetainExceptOnCreate', 'Retain']]);
    expect(policies(stack, 'AWS::IAM::ManagedPolicy')).toEqual([['RetainExceptOnCreate', 'Retain'], ['RetainExceptOnCreate', 'Retain'], ['RetainExceptOnCreate', 'Retain']]);
  });

  test('a destroyable harness leaves its role and policies with CloudFormation defaults', () => {
    const { stack } = withGrantsAndPostCreatePolicy({ memory: HarnessMemory.disabled() });
    expect(policies(stack, 'AWS::BedrockAgentCore::Harness')).toEqual([['Delete', 'Retain']]);
    expect(policies(stack, 'AWS::IAM::Role')).toEqual([[undefined, undefined]]);
    expect(policies(stack, 'AWS::IAM::ManagedPolicy')).toEqual([[undefined, undefined], [undefined, undefined]]);
  });

  test('a gateway in the same stack that would be deleted under a retained harness is named in a warning', () => {
    const stack = createTestStack();
    const gateway = new agentcore.Gateway(stack, 'Gw', { gatewayName: 'tools', authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam() });
    newHarness({ tools: [HarnessTool.fromGateway(gateway)] }, stack);
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness',
      Match.stringLikeRegexp(`TestStack/Gw/Resource.*deleted with the stack.*\\[ack: ${WARNING}\\]`));
  });

  test('no warning once the gateway is retained too, or when the harness is destroyable', () => {
    const stack = createTestStack();
    const gateway = new agentcore.Gateway(stack, 'Gw', { gatewayName: 'tools', authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam() });
    gateway.applyRemovalPolicy(RemovalPolicy.RETAIN);
    newHarness({ tools: [HarnessTool.fromGateway(gateway)] }, stack);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp(WARNING));

    const other = createTestStack();
    const gw = new agentcore.Gateway(other, 'Gw', { gatewayName: 'tools', authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam() });
    newHarness({ memory: HarnessMemory.disabled(), tools: [HarnessTool.fromGateway(gw)] }, other);
    Annotations.fromStack(other).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
  });

  test('a managed policy the user attaches to the harness\'s role, deleted with the stack, is named; the shared policies are not', () => {
    const { stack, harness } = newHarness({});
    const extra = new iam.ManagedPolicy(stack, 'Extra', { statements: [new iam.PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] })] });
    harness.role!.addManagedPolicy(extra);
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Harness', Match.stringLikeRegexp(WARNING));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(/uses TestStack\/Extra\/Resource, which is deleted/);
  });

  test('a grant to a resource deleted with the stack is named, in path order with the others', () => {
    const { stack, harness } = newHarness({});
    new sqs.Queue(stack, 'B').grantSendMessages(harness);
    new sqs.Queue(stack, 'A').grantSendMessages(harness);
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Harness', Match.stringLikeRegexp(WARNING));
    expect(warnings[0].entry.data).toMatch(/uses TestStack\/A\/Resource, TestStack\/B\/Resource, which are deleted/);
  });

  test('a role passed in is not changed, but warned about when it is deleted with the stack', () => {
    const stack = createTestStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
    newHarness({ role }, stack);
    expect(policies(stack, 'AWS::IAM::Role')).toEqual([[undefined, undefined]]);
    Annotations.fromStack(stack).hasWarning('/TestStack/Harness', Match.stringLikeRegexp('TestStack/MyRole/Resource'));
  });
});
