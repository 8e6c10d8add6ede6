import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { BEDROCK_MODEL, harnessProperties, newHarness } from './helpers';
import { Harness, HarnessMemory, HarnessNetworkConfiguration, HarnessSystemPrompt } from '../../src';
import { createTestApp, createTestStack } from '../support/app';

const STACK_UUID_HEAD = {
  'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }],
};

/** Evaluates the rendered name as CloudFormation would, for a given stack id. */
function deployedName(rendered: any, stackId: string): string {
  const [sep, parts] = rendered['Fn::Join'];
  expect(sep).toBe('');
  return parts.map((p: any) => {
    if (typeof p === 'string') return p;
    expect(p).toEqual(STACK_UUID_HEAD);
    return stackId.split('/')[2].split('-')[0];
  }).join('');
}

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/0a1b2c3d-1111-2222-3333-444455556666';

function renderedName(build: (stack: Stack) => void, app: App = createTestApp()): any {
  const stack = createTestStack(app);
  build(stack);
  return harnessProperties(stack).HarnessName;
}

describe('generated harness name', () => {
  test('is <prefix>_<input hash>_<stack UUID head>, valid and at most 40 characters', () => {
    const name = renderedName(stack => newHarness({}, stack));
    expect(name).toEqual({ 'Fn::Join': ['', [expect.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,23}_[0-9a-f]{6}_$/), STACK_UUID_HEAD]] });
    const deployed = deployedName(name, STACK_ID);
    expect(deployed).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);
    expect(deployed.endsWith('_0a1b2c3d')).toBe(true);
  });

  test('stays valid and at most 40 characters for long and odd construct paths', () => {
    const name = renderedName(stack => {
      const parent = new Construct(stack, '0-Parent.With-Odd-Characters');
      new Harness(parent, '9-very.long-construct-id-that-goes-on-and-on-and-on', { model: BEDROCK_MODEL });
    });
    const deployed = deployedName(name, STACK_ID);
    expect(deployed.length).toBeLessThanOrEqual(40);
    expect(deployed).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/);
  });

  test('is deterministic across two synths', () => {
    const build = (stack: Stack) => newHarness({ memory: HarnessMemory.managed() }, stack);
    expect(renderedName(build)).toEqual(renderedName(build));
  });

  test('differs per stack instance, because the stack UUID is part of it', () => {
    const name = renderedName(stack => newHarness({}, stack));
    const other = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/ffffffff-1111-2222-3333-444455556666';
    expect(deployedName(name, STACK_ID)).not.toEqual(deployedName(name, other));
  });

  test('changes when a create-only input (the managed-memory key) changes', () => {
    const withKey = (alias: string) => (stack: Stack) => {
      const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:us-east-1:123456789012:key/${alias}`);
      newHarness({ memory: HarnessMemory.managed({ encryptionKey: key }) }, stack);
    };
    const a = renderedName(withKey('11111111-2222-3333-4444-555555555555'));
    const b = renderedName(withKey('99999999-2222-3333-4444-555555555555'));
    const none = renderedName(stack => newHarness({}, stack));
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(none);
  });

  test('does not change when the public network, the service default, is stated explicitly', () => {
    const implicit = renderedName(stack => newHarness({}, stack));
    const explicit = renderedName(stack => newHarness({ network: HarnessNetworkConfiguration.publicNetwork() }, stack));
    expect(explicit).toEqual(implicit);
  });

  test('changes when the harness moves into a VPC (a create-only input)', () => {
    const implicit = renderedName(stack => newHarness({}, stack));
    const inVpc = renderedName(stack => {
      const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 2 });
      newHarness({ network: HarnessNetworkConfiguration.vpc(stack, { vpc }) }, stack);
    });
    expect(inVpc).not.toEqual(implicit);
  });

  test('changes when the key is a token that resolves differently', () => {
    const withOwnKey = (id: string) => (stack: Stack) => {
      const key = new kms.Key(stack, id);
      newHarness({ memory: HarnessMemory.managed({ encryptionKey: key }) }, stack);
    };
    expect(renderedName(withOwnKey('KeyA'))).not.toEqual(renderedName(withOwnKey('KeyB')));
  });

  test('does not change when other settings change', () => {
    const a = renderedName(stack => newHarness({ systemPrompt: HarnessSystemPrompt.fromText('A') }, stack));
    const b = renderedName(stack => newHarness({ systemPrompt: HarnessSystemPrompt.fromText('B'), maxIterations: 3 }, stack));
    expect(a).toEqual(b);
  });

  test('differs between two harnesses in one stack', () => {
    const stack = createTestStack();
    const one = new Harness(stack, 'One', { model: BEDROCK_MODEL });
    const two = new Harness(stack, 'Two', { model: BEDROCK_MODEL });
    expect(stack.resolve(one.harnessName)).not.toEqual(stack.resolve(two.harnessName));
  });

  test('keeps whole words of the construct id and tells two harnesses in one stack apart by words', () => {
    const stack = new Stack(createTestApp(), 'ResearchWritingAgentStack');
    const team = new Construct(stack, 'ResearchTeam');
    const writer = new Harness(team, 'ResearchWriterAgentHarness', { model: BEDROCK_MODEL });
    const reviewer = new Harness(team, 'ResearchReviewerAgentHarness', { model: BEDROCK_MODEL });
    const prefix = (h: Harness) => deployedName(stack.resolve(h.harnessName), STACK_ID).split('_')[0];
    expect(prefix(writer)).toBe('ResearchWriterAgent');
    expect(prefix(reviewer)).toBe('ResearchReviewerAgent');
  });

  test.each([
    ['a short id with the stack name', 'QuickStart', 'Agent', 'QuickStartAgent'],
    ['a long camel-case id (the stack name goes first, then trailing words)', 'Agents', 'CustomerSupportEscalationTriageAgent', 'CustomerSupport'],
    ['a kebab-case id', 'S', 'billing-agent-for-invoices', 'SBillingAgentForInvoices'],
    ['an id starting with a digit', 'LongStackNameThatIsDropped', '9-lives-agent-for-long-ids', 'H9LivesAgentForLongIds'],
  ])('is made of whole words for %s', (_, stackName, id, expected) => {
    const stack = new Stack(createTestApp(), stackName);
    const harness = new Harness(stack, id, { model: BEDROCK_MODEL });
    const deployed = deployedName(stack.resolve(harness.harnessName), STACK_ID);
    expect(deployed.split('_')[0]).toBe(expected);
    expect(deployed.length).toBeLessThanOrEqual(40);
  });

  test('the harnessName attribute renders as the property in its own stack', () => {
    const stack = createTestStack();
    const harness = new Harness(stack, 'Harness', { model: BEDROCK_MODEL });
    new CfnOutput(stack, 'Name', { value: harness.harnessName });
    const template = Template.fromStack(stack).toJSON();
    expect(template.Outputs.Name.Value).toEqual(harnessProperties(stack).HarnessName);
  });

  test('the harnessName attribute still means the harness stack where another stack uses it', () => {
    const app = createTestApp();
    const home = createTestStack(app, 'Home');
    const other = createTestStack(app, 'Other');
    const harness = new Harness(home, 'Harness', { model: BEDROCK_MODEL });
    new ssm.CfnParameter(other, 'Name', { type: 'String', value: harness.harnessName });
    const value = JSON.stringify(Template.fromStack(other).findResources('AWS::SSM::Parameter'));
    expect(value).toContain('Fn::ImportValue');
    expect(value).not.toContain('AWS::StackId');
    const exports = Object.values(Template.fromStack(home).toJSON().Outputs ?? {}) as any[];
    expect(exports.map(o => o.Value)).toContainEqual({ Ref: 'AWS::StackId' });
  });
});
