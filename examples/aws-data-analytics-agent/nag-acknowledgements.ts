// The cdk-nag findings this example's data access raises, and why each is accepted. They are the
// consequence of scoping by prefix and by database, which IAM can only express with wildcards.
import { Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IHarness } from '../../src';
import { nagServiceArn } from '../shared/nag-acknowledgements';

export interface DataAccess {
  readonly agent: IHarness;
  readonly results: s3.Bucket;
  readonly dataLakeBucket: string;
  readonly curatedPrefix: string;
  readonly resultsPrefix: string;
  readonly glueDatabase: string;
}

export function acknowledgeDataAccessFindings(access: DataAccess): void {
  const stack = Stack.of(access.agent);
  const role = access.agent.role!;
  const resultsLogicalId = stack.getLogicalId(access.results.node.defaultChild as s3.CfnBucket);

  Validations.of(role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason: 'From bucket.grants.read(): GetObject, GetObjectVersion and their attribute/tagging reads, on the granted prefixes only.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      reason: 'From bucket.grants.read(): bucket metadata reads (location, versioning) that Athena and the AWS CLI need; no data.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:List*]',
      reason: 'From bucket.grants.read(): listing keys so the agent can find partitions; lists only, on the two buckets only.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${access.dataLakeBucket}/${access.curatedPrefix}*]`,
      reason: `Read-only access to every object under ${access.curatedPrefix}, the curated layer the agent analyses; raw data elsewhere in the bucket stays out of reach.`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${resultsLogicalId}.Arn>/${access.resultsPrefix}*]`,
      reason: 'Athena writes each query result under a generated key below the workgroup result prefix, with the caller\'s credentials.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${nagServiceArn(stack, 'glue', `table/${access.glueDatabase}/*`)}]`,
      reason: `Read-only table definitions of every table in the ${access.glueDatabase} database, which is the dataset the agent analyses.`,
    },
  );
  Validations.of(access.results).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'The bucket only holds Athena query results, which expire after 7 days and are reproducible from the query; '
      + 'Athena records every query in its history. Enable CloudTrail S3 data events if reads must be audited too.',
  });
}
