import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildExample, iamStatements, stackOf } from './example-stacks';

const DATA_LAKE = 'analytics-data-lake-123456789012';

describe('examples/aws-data-analytics-agent', () => {
  const template = Template.fromStack(stackOf(buildExample('aws-data-analytics-agent'), 'DataAnalyticsAgentStack'));
  const statements: any[] = iamStatements(template);
  const actionsOf = (statement: any): string[] => [statement.Action].flat();
  const mentions = (statement: any, text: string) => JSON.stringify(statement.Resource).includes(text);

  test('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('uses the AWS skills and the code interpreter, and keeps no memory', () => {
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Skills: [{ AwsSkills: Match.anyValue() }],
      Tools: [{ Type: 'agentcore_code_interpreter', Name: 'code_interpreter' }],
      Memory: { Disabled: {} },
    });
  });

  test('can only read the data lake, under curated/', () => {
    const onDataLake = statements.filter((statement) => mentions(statement, DATA_LAKE));
    expect(onDataLake.length).toBeGreaterThan(0);
    for (const statement of onDataLake) {
      for (const action of actionsOf(statement)) {
        expect(action).toMatch(/^s3:(Get|List)/);
      }
    }
    expect(onDataLake.some((statement) => mentions(statement, `${DATA_LAKE}/curated/*`))).toBe(true);
  });

  test('never changes or deletes data: no write, delete or catalog-change actions anywhere', () => {
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((action) => /^s3:Delete|^s3:PutBucket|^glue:(Create|Update|Delete|Batch)|^athena:\*$|^s3:\*$/.test(action))).toEqual([]);
    const puts = statements.filter((statement) => actionsOf(statement).includes('s3:PutObject'));
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0].Resource)).toContain('/athena-results/*');
  });

  test('runs queries in its own workgroup only, with enforced settings and a scan limit', () => {
    const athena = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('athena:')));
    expect(athena).toHaveLength(1);
    expect(JSON.stringify(athena[0].Resource)).toContain(':workgroup/analytics-agent');
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: { EnforceWorkGroupConfiguration: true, BytesScannedCutoffPerQuery: 10 * 1024 ** 3 },
    });
  });
});

describe('examples/aws-data-analytics-agent: nightly report workflow', () => {
  const example = buildExample('aws-data-analytics-agent');
  const stack = stackOf(example, 'DataAnalyticsAgentStack');
  const template = Template.fromStack(stack);
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as any;
  const definition = JSON.parse(machine.Properties.DefinitionString['Fn::Join'][1]
    .map((part: any) => typeof part === 'string' ? part : 'TOKEN').join(''));
  const task = definition.States.WriteReport;

  test('a JSONata InvokeHarness task on the agent, capped at 10 minutes and 20 iterations', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(task.Resource).toBe('arn:TOKEN:states:::bedrockagentcore:invokeHarness');
    expect(task.Arguments).toMatchObject({ HarnessArn: 'TOKEN', MaxIterations: 20, TimeoutSeconds: 600 });
    expect(task.Arguments.RuntimeSessionId).toMatch(/^\{% \$hash\(/);
    expect(task.TimeoutSeconds).toBe(900);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('invoke-harness-timeout'))).toEqual([]);
  });

  test('retries the transient errors with backoff and catches everything else into ReportFailed', () => {
    expect(task.Retry).toEqual([{
      ErrorEquals: ['BedrockAgentCore.ThrottlingException', 'BedrockAgentCore.InternalServerException',
        'BedrockAgentCore.ServiceQuotaExceededException'],
      IntervalSeconds: 30,
      MaxAttempts: 3,
      BackoffRate: 2,
    }]);
    expect(task.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'ReportFailed' }]);
    expect(definition.States.ReportFailed.Type).toBe('Fail');
  });

  test('the state machine role may invoke only this agent (DEFAULT endpoint), besides logs and traces', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^NightlyReportStateMachineRole') }] },
    })) as any[];
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const agentArn = { 'Fn::GetAtt': [expect.stringMatching(/^DataAnalyst/), 'Arn'] };
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['bedrock-agentcore:InvokeHarness', 'bedrock-agentcore:InvokeAgentRuntime'],
        Resource: [agentArn, { 'Fn::Join': ['', [agentArn, '/harness-endpoint/DEFAULT']] }],
      },
      expect.objectContaining({ Action: expect.arrayContaining(['logs:CreateLogDelivery']), Resource: '*' }),
      expect.objectContaining({ Action: expect.arrayContaining(['xray:PutTraceSegments']), Resource: '*' }),
    ]);
  });

  test('is started every morning by EventBridge Scheduler, whose role may only start this state machine', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      Target: { Arn: { Ref: Match.stringLikeRegexp('^NightlyReportStateMachine') }, RetryPolicy: { MaximumRetryAttempts: 3 } },
    });
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] } },
    });
    const [roleId, role] = Object.entries(roles)[0] as [string, any];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['aws:SourceAccount']).toBe('123456789012');
    const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })) as any[];
    expect(policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([{
      Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: expect.stringMatching(/^NightlyReportStateMachine/) },
    }]);
  });

  test('logs every transition without execution data, and traces', () => {
    expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });
});
