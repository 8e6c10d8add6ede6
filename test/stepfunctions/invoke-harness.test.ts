import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  BedrockApiFormat, HarnessApiKey, HarnessEndpoint, HarnessModel, HarnessSystemPrompt, IHarness,
  InvokeHarness, InvokeHarnessErrors, InvokeHarnessSessionId,
} from '../../src';
import { HarnessValidationError } from '../../src/common/private/errors';
import { harnessStack, IMPORTED_ARN, importedHarness, MODEL } from '../endpoint/support';

const WARNING = 'cdk-agentcore-harness:invoke-harness-timeout';

/** The rendered state named `Invoke` of the only state machine in the stack. */
function renderedState(stack: Stack, task: sfn.IChainable, name = 'Invoke'): any {
  new sfn.StateMachine(stack, 'Workflow', { definitionBody: sfn.DefinitionBody.fromChainable(task) });
  const machine = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0] as any;
  return JSON.parse(resolveJoin(machine.Properties.DefinitionString)).States[name];
}

/** Joins a Fn::Join into a string, rendering tokens such as GetAtt as placeholders. */
function resolveJoin(value: any): string {
  if (typeof value === 'string') return value;
  const [, parts] = value['Fn::Join'];
  return parts.map((part: any) => typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`).join('');
}

function importedStack(): { stack: Stack; harness: IHarness } {
  const { stack } = harnessStack();
  return { stack, harness: importedHarness(stack) };
}

describe('InvokeHarness', () => {
  test('JSONPath: renders the optimized integration with the prompt from the input and a per-execution session id', () => {
    const { stack, harness } = importedStack();
    const task = InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: sfn.JsonPath.stringAt('$.prompt') });
    const state = renderedState(stack, task);
    expect(state).toEqual({
      Type: 'Task',
      End: true,
      Resource: 'arn:<{\'Ref\':\'AWS::Partition\'}>:states:::bedrockagentcore:invokeHarness',
      Parameters: {
        'HarnessArn': IMPORTED_ARN,
        'RuntimeSessionId.$': "States.Hash(States.Format('{}/{}', $$.Execution.Id, $$.State.Name), 'SHA-256')",
        'Messages': [{ Role: 'user', Content: [{ 'Text.$': '$.prompt' }] }],
      },
    });
  });

  test('JSONata: renders Arguments with JSONata expressions and the endpoint as Qualifier', () => {
    const { stack, harness } = harnessStack({ timeout: Duration.minutes(10) });
    const prod = harness.addEndpoint('PROD');
    const task = InvokeHarness.jsonata(stack, 'Invoke', {
      endpoint: prod,
      prompt: '{% $states.input.question %}',
      systemPrompt: HarnessSystemPrompt.fromText('Answer in one paragraph.'),
      maxIterations: 10,
      maxTokens: 2000,
      harnessTimeout: Duration.minutes(5),
      runtimeSessionId: InvokeHarnessSessionId.perAttempt(),
    });
    const state = renderedState(stack, task);
    expect(state.QueryLanguage).toBe('JSONata');
    expect(state.Parameters).toBeUndefined();
    expect(state.Arguments).toEqual({
      HarnessArn: expect.stringMatching(/^<\{'Fn::GetAtt':\['Harness[0-9A-F]{8}','Arn'\]\}>$/),
      Qualifier: 'PROD',
      RuntimeSessionId: '{% $uuid() %}',
      Messages: [{ Role: 'user', Content: [{ Text: '{% $states.input.question %}' }] }],
      SystemPrompt: [{ Text: 'Answer in one paragraph.' }],
      MaxIterations: 10,
      MaxTokens: 2000,
      TimeoutSeconds: 300,
    });
  });

  test('JSONata default session id hashes the execution ARN and state name; JSONPath perAttempt uses States.UUID()', () => {
    const a = importedStack();
    const jsonata = renderedState(a.stack, InvokeHarness.jsonata(a.stack, 'Invoke', { harness: a.harness, prompt: 'Summarize.' }));
    expect(jsonata.Arguments.RuntimeSessionId)
      .toBe("{% $hash($states.context.Execution.Id & '/' & $states.context.State.Name, 'SHA-256') %}");
    expect(jsonata.Arguments.Messages).toEqual([{ Role: 'user', Content: [{ Text: 'Summarize.' }] }]);
    const b = importedStack();
    const jsonPath = renderedState(b.stack, InvokeHarness.jsonPath(b.stack, 'Invoke', {
      harness: b.harness, prompt: 'Summarize.', runtimeSessionId: InvokeHarnessSessionId.perAttempt(),
    }));
    expect(jsonPath.Parameters['RuntimeSessionId.$']).toBe('States.UUID()');
  });

  test('a given session id: a literal of 33 to 100 characters, or an expression', () => {
    const a = importedStack();
    const literal = 'nightly-report-session-000000000001';
    expect(renderedState(a.stack, InvokeHarness.jsonPath(a.stack, 'Invoke', {
      harness: a.harness, prompt: 'p', runtimeSessionId: InvokeHarnessSessionId.fromValue(literal),
    })).Parameters.RuntimeSessionId).toBe(literal);
    const b = importedStack();
    expect(renderedState(b.stack, InvokeHarness.jsonPath(b.stack, 'Invoke', {
      harness: b.harness, prompt: 'p', runtimeSessionId: InvokeHarnessSessionId.fromValue(sfn.JsonPath.stringAt('$.sessionId')),
    })).Parameters['RuntimeSessionId.$']).toBe('$.sessionId');
  });

  test('JSONata: a given session id expression passes through unchecked', () => {
    const { stack, harness } = importedStack();
    const state = renderedState(stack, InvokeHarness.jsonata(stack, 'Invoke', {
      harness, prompt: 'p', runtimeSessionId: InvokeHarnessSessionId.fromValue('{% $states.input.sessionId %}'),
    }));
    expect(state.Arguments.RuntimeSessionId).toBe('{% $states.input.sessionId %}');
  });

  test('an imported endpoint: the call is qualified and granted on the harness and that endpoint only', () => {
    const { stack, harness } = importedStack();
    const endpoint = HarnessEndpoint.fromHarnessEndpointAttributes(stack, 'Prod', { harness, endpointName: 'PROD' });
    const state = renderedState(stack, InvokeHarness.jsonPath(stack, 'Invoke', { endpoint, prompt: 'p' }));
    expect(state.Parameters.Qualifier).toBe('PROD');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.exact([{
          Effect: 'Allow',
          Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
          Resource: [IMPORTED_ARN, `${IMPORTED_ARN}/harness-endpoint/PROD`],
        }]),
      },
    });
  });

  test.each([
    ['too short', 'x'.repeat(32), /runtimeSessionId: .* is 32 characters long; it must be at least 33/],
    ['too long', 'x'.repeat(101), /runtimeSessionId: .* is 101 characters long; it must be at most 100/],
  ])('a literal session id that is %s fails at synth', (_name, value, message) => {
    const { stack, harness } = importedStack();
    InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p', runtimeSessionId: InvokeHarnessSessionId.fromValue(value) });
    expect(() => renderedState(stack, stack.node.findChild('Invoke') as InvokeHarness)).toThrow(message);
  });

  test('invoking a harness grants exactly InvokeHarness and InvokeAgentRuntime on the harness and its DEFAULT endpoint', () => {
    const { stack, harness } = importedStack();
    renderedState(stack, InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p' }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.exact([{
          Effect: 'Allow',
          Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
          Resource: [IMPORTED_ARN, `${IMPORTED_ARN}/harness-endpoint/DEFAULT`],
        }]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowRole') }],
    });
  });

  test('invoking an endpoint grants exactly the invoke actions on the harness and that endpoint', () => {
    const { stack, harness } = harnessStack({ timeout: Duration.minutes(15) });
    const prod = harness.addEndpoint('PROD');
    harness.addEndpoint('STAGING');
    renderedState(stack, InvokeHarness.jsonPath(stack, 'Invoke', { endpoint: prod, prompt: 'p' }));
    const template = Template.fromStack(stack);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowRole') }] } });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([{
      Effect: 'Allow',
      Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
      Resource: [
        { 'Fn::GetAtt': [expect.stringMatching(/^Harness[0-9A-F]{8}$/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^HarnessEndpointPROD/), 'Arn'] },
      ],
    }]);
  });

  test.each([
    ['neither harness nor endpoint', {}, /harness\/endpoint: exactly one of harness, endpoint must be set; got none/],
    ['a blank literal prompt', { prompt: '  ' }, /prompt: "  " is blank/],
    ['maxIterations 0', { maxIterations: 0 }, /maxIterations: 0 is out of range; it must be at least 1/],
    ['fractional maxIterations', { maxIterations: 1.5 }, /maxIterations: 1.5 must be a whole number/],
    ['maxTokens 0', { maxTokens: 0 }, /maxTokens: 0 is out of range; it must be at least 1/],
    ['a fractional harnessTimeout', { harnessTimeout: Duration.millis(1500) }, /harnessTimeout: 1 second 500 millis is not a whole number of seconds/],
    ['a zero harnessTimeout', { harnessTimeout: Duration.seconds(0) }, /harnessTimeout \(seconds\): 0 is out of range; it must be at least 1/],
    ['a .sync integration pattern', { integrationPattern: sfn.IntegrationPattern.RUN_JOB }, /integrationPattern: .* supports only REQUEST_RESPONSE/],
  ])('fails at synth with %s', (_name, override, message) => {
    const { stack, harness } = importedStack();
    const target = _name === 'neither harness nor endpoint' ? {} : { harness };
    let counter = 0;
    const create = () => InvokeHarness.jsonPath(stack, `Invoke${counter++}`, { prompt: 'p', ...target, ...override } as any);
    expect(create).toThrow(HarnessValidationError);
    expect(create).toThrow(message);
  });

  test.each([
    ['prompt', { prompt: '{% $states.input.q %}' }, /prompt: "\{% \$states.input.q %\}" is a JSONata expression in a JSONPath task/],
    ['runtimeSessionId', { prompt: 'p', runtimeSessionId: InvokeHarnessSessionId.fromValue('{% $uuid() %}') },
      /runtimeSessionId: .* is a JSONata expression in a JSONPath task/],
  ])('fails at synth with a JSONata expression as %s of a JSONPath task', (_name, props, message) => {
    const { stack, harness } = importedStack();
    const task = InvokeHarness.jsonPath(stack, 'Invoke', { harness, ...props });
    expect(() => renderedState(stack, task)).toThrow(message);
  });

  test('fails at synth with both a harness and an endpoint', () => {
    const { stack, harness } = harnessStack();
    expect(() => InvokeHarness.jsonPath(stack, 'Invoke', { harness, endpoint: harness.addEndpoint('PROD'), prompt: 'p' }))
      .toThrow(/exactly one of harness, endpoint must be set; got harness, endpoint/);
  });

  describe('timeout warning', () => {
    const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(WARNING));

    test('warns when the harness keeps the service default timeout of 1 hour', () => {
      const { stack, harness } = harnessStack();
      InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p' });
      const found = warnings(stack);
      expect(found).toHaveLength(1);
      expect(found[0].entry.data).toMatch(/the timeout of harness TestStack\/Harness is 3600 seconds.*at most 15 minutes/);
    });

    test('warns when the harness timeout exceeds 15 minutes, and when harnessTimeout does', () => {
      const a = harnessStack({ timeout: Duration.minutes(16) });
      InvokeHarness.jsonPath(a.stack, 'Invoke', { endpoint: a.harness.addEndpoint('PROD'), prompt: 'p' });
      expect(warnings(a.stack)[0].entry.data).toMatch(/is 960 seconds/);
      const b = harnessStack({ timeout: Duration.minutes(5) });
      InvokeHarness.jsonPath(b.stack, 'Invoke', { harness: b.harness, prompt: 'p', harnessTimeout: Duration.minutes(20) });
      expect(warnings(b.stack)[0].entry.data).toMatch(/harnessTimeout is 1200 seconds/);
    });

    test('does not warn at 15 minutes, when harnessTimeout brings it down, or for an imported harness', () => {
      const a = harnessStack({ timeout: Duration.minutes(15) });
      InvokeHarness.jsonPath(a.stack, 'Invoke', { harness: a.harness, prompt: 'p' });
      expect(warnings(a.stack)).toHaveLength(0);
      const b = harnessStack();
      InvokeHarness.jsonPath(b.stack, 'Invoke', { harness: b.harness, prompt: 'p', harnessTimeout: Duration.minutes(10) });
      expect(warnings(b.stack)).toHaveLength(0);
      const c = importedStack();
      InvokeHarness.jsonPath(c.stack, 'Invoke', { harness: c.harness, prompt: 'p' });
      expect(warnings(c.stack)).toHaveLength(0);
    });
  });

  describe('model override', () => {
    const GEMINI_KEY = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/gemini';
    const HAIKU = () => HarnessModel.bedrock({ modelId: 'anthropic.claude-haiku-4-5', apiFormat: BedrockApiFormat.CONVERSE_STREAM, maxTokens: 500, temperature: 0.2 });
    const GEMINI = () => HarnessModel.gemini({ modelId: 'gemini-2.5-flash', apiKey: HarnessApiKey.fromCredentialProviderArn(GEMINI_KEY), topK: 40, additionalParams: { thinking_budget: 0 } });
    const unverified = (stack: Stack) => Annotations.fromStack(stack)
      .findWarning('*', Match.stringLikeRegexp('cdk-agentcore-harness:invoke-harness-model-unverified'));

    test('JSONPath: a declared additional model renders as the request\'s Model, PascalCase, without grants', () => {
      const { stack, harness } = harnessStack({ timeout: Duration.minutes(15), additionalModels: [HAIKU()] });
      const state = renderedState(stack, InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p', model: HAIKU() }));
      expect(state.Parameters.Model).toEqual({
        BedrockModelConfig: { ModelId: 'anthropic.claude-haiku-4-5', ApiFormat: 'converse_stream', MaxTokens: 500, Temperature: 0.2 },
      });
      const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowRole') }] } });
      const actions = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((st: any) => st.Action);
      expect(actions).toEqual(['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime']);
      expect(unverified(stack)).toHaveLength(0);
    });

    test('JSONata: the harness\'s own model renders in Arguments; AdditionalParams keys pass unchanged', () => {
      const { stack, harness } = harnessStack({ timeout: Duration.minutes(15), additionalModels: [GEMINI()] });
      const a = renderedState(stack, InvokeHarness.jsonata(stack, 'Invoke', { harness, prompt: 'p', model: GEMINI() }));
      expect(a.Arguments.Model).toEqual({
        GeminiModelConfig: { ModelId: 'gemini-2.5-flash', ApiKeyArn: GEMINI_KEY, TopK: 40, AdditionalParams: { thinking_budget: 0 } },
      });
      const other = harnessStack({ timeout: Duration.minutes(15) });
      const b = renderedState(other.stack, InvokeHarness.jsonata(other.stack, 'Invoke', { harness: other.harness, prompt: 'p', model: MODEL }));
      expect(b.Arguments.Model).toEqual({ BedrockModelConfig: { ModelId: 'anthropic.claude-sonnet-4-6' } });
    });

    test('without model, no Model is sent', () => {
      const { stack, harness } = harnessStack({ timeout: Duration.minutes(15), additionalModels: [HAIKU()] });
      expect(renderedState(stack, InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p' })).Parameters.Model).toBeUndefined();
    });

    test.each([
      ['an undeclared model id', () => HarnessModel.bedrock({ modelId: 'amazon.nova-pro-v1:0' }), /model: Bedrock "amazon\.nova-pro-v1:0" is not a model of harness/],
      ['a declared id under another provider',
        () => HarnessModel.openAi({ modelId: 'anthropic.claude-haiku-4-5', apiKey: HarnessApiKey.fromCredentialProviderArn(GEMINI_KEY.replace('gemini', 'openai')) }),
        /model: OpenAI "anthropic\.claude-haiku-4-5" is not a model/],
    ])('fails at synth with %s, naming the allowed models and additionalModels', (_name, model, message) => {
      const { stack, harness } = harnessStack({ additionalModels: [HAIKU()] });
      let counter = 0;
      const create = () => InvokeHarness.jsonPath(stack, `Invoke${counter++}`, { harness, prompt: 'p', model: model() });
      expect(create).toThrow(HarnessValidationError);
      expect(create).toThrow(message);
      expect(create).toThrow(/granted only its model and additionalModels \(Bedrock "anthropic\.claude-sonnet-4-6", Bedrock "anthropic\.claude-haiku-4-5"\); .*add it to the harness's additionalModels/);
    });

    test('through an endpoint of a harness defined here, the harness\'s models are checked too', () => {
      const { stack, harness } = harnessStack();
      expect(() => InvokeHarness.jsonPath(stack, 'Invoke', { endpoint: harness.addEndpoint('PROD'), prompt: 'p', model: HAIKU() }))
        .toThrow(/model: Bedrock "anthropic\.claude-haiku-4-5" is not a model of harness TestStack\/Harness/);
    });

    test('the override\'s own settings are validated', () => {
      const { stack, harness } = harnessStack();
      expect(() => InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p', model: HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6', temperature: 3 }) }))
        .toThrow(/model\.temperature: 3 is out of range/);
    });

    test('an imported harness warns that its role must allow the model, and renders it', () => {
      const { stack, harness } = importedStack();
      const state = renderedState(stack, InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p', model: HAIKU() }));
      expect(state.Parameters.Model.BedrockModelConfig.ModelId).toBe('anthropic.claude-haiku-4-5');
      const found = unverified(stack);
      expect(found).toHaveLength(1);
      expect(found[0].entry.data).toMatch(/model "anthropic\.claude-haiku-4-5" overrides the model of an imported harness; the harness's execution role must be allowed to call it/);
      const plain = importedStack();
      InvokeHarness.jsonPath(plain.stack, 'Invoke', { harness: plain.harness, prompt: 'p' });
      expect(unverified(plain.stack)).toHaveLength(0);
    });
  });

  test('error names follow the BedrockAgentCore.<exception> form and work in Retry and Catch', () => {
    expect(InvokeHarnessErrors.THROTTLING).toBe('BedrockAgentCore.ThrottlingException');
    expect(InvokeHarnessErrors.TRANSIENT).toEqual([
      'BedrockAgentCore.ThrottlingException', 'BedrockAgentCore.InternalServerException', 'BedrockAgentCore.ServiceQuotaExceededException',
    ]);
    const { stack, harness } = importedStack();
    const task = InvokeHarness.jsonPath(stack, 'Invoke', { harness, prompt: 'p' })
      .addRetry({ errors: InvokeHarnessErrors.TRANSIENT, maxAttempts: 3 })
      .addCatch(new sfn.Fail(stack, 'Failed'), { errors: [InvokeHarnessErrors.ALL] });
    const state = renderedState(stack, task);
    expect(state.Retry).toEqual([{ ErrorEquals: InvokeHarnessErrors.TRANSIENT, MaxAttempts: 3 }]);
    expect(state.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'Failed' }]);
  });
});
