import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EndpointVersionPolicy, HarnessSmokeTest } from '../../src';
import { HarnessProvider } from '../../src/provider/private/harness-provider';
import { getAtt, harnessStack, importedHarness, IMPORTED_ARN, otherHarness } from '../endpoint/support';
import { createTestApp, createTestStack } from '../support/app';

const PROVIDER_PATH = 'TestStack/cdk-agentcore-harness.HarnessProvider';

/** Two harnesses, each with STAGING (smoke-tested) and PROD (promoted), plus a DEFAULT smoke test. */
function busyStack() {
  const { app, stack, harness } = harnessStack();
  const other = otherHarness(stack);
  for (const h of [harness, other]) {
    const staging = h.addEndpoint('STAGING');
    staging.addSmokeTest('Smoke', { prompt: 'ping' });
    staging.addSmokeTest('Smoke2', { prompt: 'ping again' });
    h.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFrom(staging) });
  }
  new HarnessSmokeTest(stack, 'DefaultSmoke', { harness, prompt: 'hello' });
  return { app, stack, harness, other };
}

function policyOf(template: Template, rolePrefix: string): any[] | undefined {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^${rolePrefix}`) }] },
  });
  const ids = Object.keys(policies);
  return ids.length === 0 ? undefined : policies[ids[0]].Properties.PolicyDocument.Statement;
}

const join = (...parts: any[]) => ({ 'Fn::Join': ['', parts] });

describe('HarnessProvider', () => {
  test('one provider per stack, at a fixed path, shared by every custom resource', () => {
    const { stack } = busyStack();
    const provider = HarnessProvider.getOrCreate(stack);
    expect(provider.node.path).toBe(PROVIDER_PATH);
    expect(HarnessProvider.getOrCreate(stack.node.findChild('Harness'))).toBe(provider);
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('\\(onEvent\\)$') }, 1);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('\\(isComplete\\)$') }, 1);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const tokens = new Set(Object.values<any>(template.toJSON().Resources)
      .filter(r => r.Type.startsWith('Custom::'))
      .map(r => JSON.stringify(r.Properties.ServiceToken)));
    expect([...tokens]).toEqual([JSON.stringify(getAtt('cdkagentcoreharnessHarnessProviderframeworkonEvent47128991', 'Arn'))]);
  });

  test('each stack gets its own provider', () => {
    const app = createTestApp();
    const a = createTestStack(app, 'A');
    const b = createTestStack(app, 'B');
    expect(HarnessProvider.getOrCreate(a)).not.toBe(HarnessProvider.getOrCreate(b));
    expect(HarnessProvider.getOrCreate(b).node.path).toBe('B/cdk-agentcore-harness.HarnessProvider');
  });

  test('handler timeouts, provider waiting and a service timeout on every custom resource', () => {
    const { stack } = busyStack();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('\\(onEvent\\)$'), Timeout: 120, MemorySize: 256 });
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('\\(isComplete\\)$'), Timeout: 900, MemorySize: 256 });
    for (const resource of Object.values<any>(template.toJSON().Resources).filter(r => r.Type.startsWith('Custom::'))) {
      expect(resource.Properties.ServiceTimeout).toBe('3000');
    }
    // The waiter: 10-second interval, 45 minutes in total (270 attempts).
    const definition = JSON.stringify(Object.values<any>(template.findResources('AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);
    expect(definition).toContain('\\"IntervalSeconds\\":10');
    expect(definition).toContain('\\"MaxAttempts\\":270');
  });

  test('isComplete may only read and invoke the harnesses and endpoints in use; onEvent gets nothing', () => {
    const { stack } = busyStack();
    const template = Template.fromStack(stack);
    const ids = Object.keys(template.findResources('AWS::BedrockAgentCore::Harness')).sort();
    const [harnessId, otherId] = ids[0].startsWith('Harness') ? ids : [ids[1], ids[0]];
    const arn = (id: string) => getAtt(id, 'Arn');
    const endpoint = (id: string, name: string) => join(arn(id), `/harness-endpoint/${name}`);
    expect(policyOf(template, 'cdkagentcoreharnessHarnessProviderIsCompleteHandlerServiceRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['bedrock-agentcore:GetHarness', 'bedrock-agentcore:GetHarnessEndpoint'],
        Resource: [
          arn(harnessId), endpoint(harnessId, 'STAGING'), endpoint(harnessId, 'PROD'),
          arn(otherId), endpoint(otherId, 'STAGING'), endpoint(otherId, 'PROD'),
        ],
      },
      {
        Effect: 'Allow',
        Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
        Resource: [
          arn(harnessId), endpoint(harnessId, 'STAGING'),
          arn(otherId), endpoint(otherId, 'STAGING'),
          endpoint(harnessId, 'DEFAULT'),
        ],
      },
      // Promotions only: tells the rollback of a failed promotion from a forward one, on this stack alone.
      { Effect: 'Allow', Action: 'cloudformation:DescribeStacks', Resource: { Ref: 'AWS::StackId' } },
    ]);
    expect(policyOf(template, 'cdkagentcoreharnessHarnessProviderOnEventHandlerServiceRole')).toBeUndefined();
  });

  test('a stack with promotions only grants no invoke, and reads only its own stack status', () => {
    const { stack, harness } = harnessStack();
    harness.addEndpoint('PROD', { version: EndpointVersionPolicy.promotedFromEndpointName('STAGING', { promotionId: 'p1' }) });
    const statements = policyOf(Template.fromStack(stack), 'cdkagentcoreharnessHarnessProviderIsCompleteHandlerServiceRole')!;
    expect(statements).toHaveLength(2);
    expect(statements[0].Action).toEqual(['bedrock-agentcore:GetHarness', 'bedrock-agentcore:GetHarnessEndpoint']);
    // The harness, the source, and the target (read by the rollback of a failed promotion).
    expect(statements[0].Resource).toHaveLength(3);
    expect(statements[1]).toEqual({ Effect: 'Allow', Action: 'cloudformation:DescribeStacks', Resource: { Ref: 'AWS::StackId' } });
  });

  test('an imported harness is granted by its literal ARN', () => {
    const { stack } = harnessStack();
    new HarnessSmokeTest(stack, 'Smoke', { harness: importedHarness(stack), prompt: 'hi', trigger: 'v1' });
    expect(policyOf(Template.fromStack(stack), 'cdkagentcoreharnessHarnessProviderIsCompleteHandlerServiceRole')).toEqual([
      { Effect: 'Allow', Action: ['bedrock-agentcore:GetHarness', 'bedrock-agentcore:GetHarnessEndpoint'], Resource: IMPORTED_ARN },
      {
        Effect: 'Allow',
        Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
        Resource: [IMPORTED_ARN, `${IMPORTED_ARN}/harness-endpoint/DEFAULT`],
      },
    ]);
  });

  test('never uses the SDK client name as an IAM prefix, and grants no unscoped bedrock-agentcore action', () => {
    const { stack } = busyStack();
    const json = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(json).not.toContain('bedrock-agentcore-control:');
    for (const policy of Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions = [statement.Action].flat();
        if (actions.some((a: string) => a.startsWith('bedrock-agentcore:'))) {
          expect([statement.Resource].flat()).not.toContain('*');
        }
      }
    }
  });

  test('the provider\'s cdk-nag findings are acknowledged with reasons; nothing else from it is reported', () => {
    const { app } = busyStack();
    const report = new AwsSolutionsChecks().validateScope(app);
    const ours = report.violations.flatMap(v => v.violatingResources
      .map(r => r.constructPath ?? '')
      .filter(path => path.includes('HarnessProvider') || /Endpoint|Smoke/.test(path))
      .map(path => `${v.ruleName} at ${path}`));
    expect(ours).toEqual([]);

    // The acknowledgements exist (without them the framework's findings above would be reported).
    const provider = HarnessProvider.getOrCreate(app.node.findChild('TestStack'));
    const acknowledged = provider.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.entries(entry.data as Record<string, string>));
    const ids = acknowledged.map(([id]) => id.replace(/^Annotation::/, ''));
    expect(ids).toEqual(expect.arrayContaining([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-SF1',
      'AwsSolutions-SF2',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<cdkagentcoreharnessHarnessProviderIsCompleteHandler[0-9A-F]{8}\.Arn>:\*\]$/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<cdkagentcoreharnessHarnessProviderframeworkonTimeout[0-9A-F]{8}\.Arn>:\*\]$/),
    ]));
    for (const [, reason] of acknowledged) {
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  test('fails at synth when created without any custom resource', () => {
    const stack = createTestStack();
    HarnessProvider.getOrCreate(stack);
    expect(() => Template.fromStack(stack)).toThrow(/HarnessProvider has no harness registered/);
  });
});
