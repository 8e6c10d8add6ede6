// A data analyst agent: it queries a data lake with Athena (through the AWS skills), analyses the
// results in the managed code interpreter, and can read but never change the data.
//
// Why the default execution role plus grants, rather than a hand-written role: the library gives the
// default role exactly what the harness needs to run (model, logs, tools), derived from this
// configuration. The data access below is the only thing added, and it is read-only and scoped:
//   - S3: get and list objects under the curated/ prefix of the data-lake bucket, nothing else;
//   - Glue: read the table definitions of one database;
//   - Athena: run queries in one workgroup only, whose settings (result location, encryption, a scan
//     limit per query) the agent cannot override;
//   - the Athena result bucket: the one place the agent writes, because Athena writes query results
//     with the caller's credentials. Results expire after a week.
// There is no s3:PutObject or s3:DeleteObject on the data lake, no glue:Create*/Update*/Delete*, and
// no athena:* on other workgroups, so a prompt-injected "drop table" or "delete the bucket" fails.
import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeDataAccessFindings } from './nag-acknowledgements';
import { addNightlyReport } from './nightly-report';
import {
  Harness, HarnessMemory, HarnessModel, HarnessNagAcknowledgements, HarnessSkill, HarnessSystemPrompt, HarnessTool,
} from '../../src';
import { OmitImpliedDependsOn } from '../shared/implied-depends-on';

const DATA_LAKE_BUCKET = 'analytics-data-lake-123456789012';
const CURATED_PREFIX = 'curated/';
const GLUE_DATABASE = 'sales';
const WORKGROUP = 'analytics-agent';
const RESULTS_PREFIX = 'athena-results/';

export function build(app: App): void {
  const stack = new Stack(app, 'DataAnalyticsAgentStack', { env: { account: '123456789012', region: 'us-east-1' } });

  const dataLake = s3.Bucket.fromBucketName(stack, 'DataLake', DATA_LAKE_BUCKET);

  const results = new s3.Bucket(stack, 'QueryResults', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    lifecycleRules: [{ prefix: RESULTS_PREFIX, expiration: Duration.days(7) }],
  });

  const workGroup = new athena.CfnWorkGroup(stack, 'WorkGroup', {
    name: WORKGROUP,
    description: 'Queries run by the data analyst agent',
    workGroupConfiguration: {
      enforceWorkGroupConfiguration: true,
      publishCloudWatchMetricsEnabled: true,
      // Caps the cost of one runaway query.
      bytesScannedCutoffPerQuery: Size.gibibytes(10).toBytes(),
      resultConfiguration: {
        outputLocation: results.s3UrlForObject(RESULTS_PREFIX),
        encryptionConfiguration: { encryptionOption: 'SSE_S3' },
      },
    },
  });

  const agent = new Harness(stack, 'DataAnalyst', {
    model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }),
    systemPrompt: HarnessSystemPrompt.fromText([
      `You are a data analyst. The data lives in the Glue database "${GLUE_DATABASE}"; query it with Athena in the `,
      `workgroup "${WORKGROUP}" and never elsewhere. Look at the table schemas before writing SQL, select only the `,
      'columns you need, and use partitions to limit the data scanned. Do the analysis and the charts in the code ',
      'interpreter. State the query behind every figure you report.',
    ].join('')),
    skills: [HarnessSkill.aws()],
    tools: [HarnessTool.codeInterpreter({ name: 'code_interpreter' })],
    // Query results may hold personal data: keep no conversation history, and so no memory to protect.
    memory: HarnessMemory.disabled(),
    maxIterations: 30,
  });

  // An imported bucket has no .grants property; BucketGrants works on any bucket reference.
  s3.BucketGrants.fromBucket(dataLake).read(agent, `${CURATED_PREFIX}*`);
  results.grants.read(agent, `${RESULTS_PREFIX}*`);
  // Athena needs to put result objects, not to delete or overwrite ACLs, so no grants.write().
  agent.addToRolePolicy(new iam.PolicyStatement({
    sid: 'WriteQueryResults',
    actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
    resources: [results.arnForObjects(`${RESULTS_PREFIX}*`)],
  }));

  agent.addToRolePolicy(new iam.PolicyStatement({
    sid: 'AthenaQueriesInOneWorkgroup',
    actions: [
      'athena:GetWorkGroup',
      'athena:StartQueryExecution',
      'athena:StopQueryExecution',
      'athena:GetQueryExecution',
      'athena:GetQueryResults',
      'athena:ListQueryExecutions',
    ],
    resources: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup.name })],
  }));
  agent.addToRolePolicy(new iam.PolicyStatement({
    sid: 'ReadTableDefinitions',
    actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
    resources: [
      stack.formatArn({ service: 'glue', resource: 'catalog' }),
      stack.formatArn({ service: 'glue', resource: 'database', resourceName: GLUE_DATABASE }),
      stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${GLUE_DATABASE}/*` }),
    ],
  }));

  // A scheduled Step Functions workflow around this agent: see nightly-report.ts.
  addNightlyReport(stack, agent);
  // The state machine's resource depends on the role it references; drop that redundant DependsOn.
  OmitImpliedDependsOn.applyTo(stack);

  HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards(agent);
  acknowledgeDataAccessFindings({
    agent,
    results,
    dataLakeBucket: DATA_LAKE_BUCKET,
    curatedPrefix: CURATED_PREFIX,
    resultsPrefix: RESULTS_PREFIX,
    glueDatabase: GLUE_DATABASE,
  });
}

if (require.main === module) {
  // As in a new project's cdk.json: aws-cdk-lib's bundled CloudFormation validation fails the synth.
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  build(app);
  app.synth();
}
