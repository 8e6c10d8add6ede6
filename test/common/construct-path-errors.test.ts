import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';
import { GatewayOutboundAuth, Harness, HarnessMemory, HarnessModel, HarnessTool } from '../../src';
import { atIndex, HarnessValidationError, inConstruct } from '../../src/common/private/errors';
import { createTestStack } from '../support/app';

// An error raised while a construct checks or binds its input names the construct's path, so an
// app with many harnesses says which one is wrong.

const model = () => HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' });

function caught(fn: () => unknown): HarnessValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HarnessValidationError) return e;
    throw e;
  }
  throw new Error('expected a HarnessValidationError');
}

test('a prop of the harness: the message ends with the harness path; property and class are kept', () => {
  const stack = createTestStack();
  const team = new Construct(stack, 'Team');
  const error = caught(() => new Harness(team, 'Agent', { model: model(), memory: HarnessMemory.disabled(), maxIterations: 0 }));
  expect(error.message).toBe('maxIterations: 0 is out of range; it must be at least 1 (in TestStack/Team/Agent)');
  expect(error.property).toBe('maxIterations');
  expect(error.constructPath).toBe('TestStack/Team/Agent');
});

test('an option added after construction names the harness', () => {
  const stack = createTestStack();
  const harness = new Harness(stack, 'Agent', { model: model(), memory: HarnessMemory.disabled() });
  // An option whose binding fails, as one that reads the harness's context may.
  const failing = { _bind: () => { throw new HarnessValidationError('tools[1]', 'cannot be bound'); } } as unknown as HarnessTool;
  harness.addTool(HarnessTool.codeInterpreter());
  const error = caught(() => harness.addTool(failing));
  expect(error.message).toBe('tools[1]: cannot be bound (in TestStack/Agent)');
});

test('an endpoint names its own path, not only the harness', () => {
  const stack = createTestStack();
  const harness = new Harness(stack, 'Agent', { model: model(), memory: HarnessMemory.disabled() });
  const error = caught(() => harness.addEndpoint('STAGING', { description: '' }));
  expect(error.message).toMatch(/^description: "" is 0 characters long; it must be at least 1 \(in TestStack\/Agent\/EndpointSTAGING\)$/);
});

test('a tool without a name is written tools[] where it is created and gets its index where it is bound', () => {
  const stack = createTestStack();
  const provider = agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(stack, 'Provider', {
    credentialProviderArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github', credentialProviderVendor: 'CustomOauth2',
  });
  const unnamed = HarnessTool.fromGatewayArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/crm-abcdefghij', {
    outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: [''] }),
  });
  const error = caught(() => new Harness(stack, 'Agent', {
    model: model(), memory: HarnessMemory.disabled(), tools: [HarnessTool.codeInterpreter(), unnamed],
  }));
  expect(error.property).toBe('tools[1].outboundAuth.scopes[0]');
  expect(error.message).toBe('tools[1].outboundAuth.scopes[0]: "" is 0 characters long; it must be at least 1 (in TestStack/Agent)');
});

test('an error that already names a construct keeps that one path when it gains its index', () => {
  const inner = new HarnessValidationError('tools[].name', 'is wrong', 'TestStack/Inner');
  const indexed = atIndex(inner, 'tools', 2) as HarnessValidationError;
  expect(indexed.message).toBe('tools[2].name: is wrong (in TestStack/Inner)');
  expect(inConstruct({ node: { path: 'TestStack/Outer' } } as any, indexed)).toBe(indexed);
});
