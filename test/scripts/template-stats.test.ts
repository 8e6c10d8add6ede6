import * as iam from 'aws-cdk-lib/aws-iam';
import { statsOf } from '../../bench/synth/template-stats';
import { createTestApp, createTestStack } from '../support/app';

test('counts resources, template bytes and IAM statements by how broad their resources are', () => {
  const app = createTestApp();
  const stack = createTestStack(app, 'S');
  const role = new iam.Role(stack, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: {
      Inline: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] })],
      }),
    },
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [stack.formatArn({ service: 'sqs', resource: 'queue' })] }));

  const stats = statsOf(app.synth().stacks);

  expect(stats.resources).toBe(2);
  expect(stats.bytes).toBeGreaterThan(100);
  expect(stats.iamStatements).toBe(3);
  expect(stats.starStatements).toBe(1);
  expect(stats.wildcardStatements).toBe(2);
});
