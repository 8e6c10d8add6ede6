import { Match, Template } from 'aws-cdk-lib/assertions';
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
