// cdk-nag's AwsSolutions pack over every example stack. cdk-nag v3 packs are policy-validation
// plugins; validateScope() runs one directly over the construct tree, reading acknowledgements
// (Validations.of(scope).acknowledge) from construct metadata.
import { Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { listExamples } from '../../scripts/example-apps';
import { buildExample } from '../examples/example-stacks';
import { createTestApp } from '../support/app';

const examples = listExamples();

test('there are examples to check', () => {
  expect(examples.length).toBeGreaterThan(0);
});

test('the check is live: it reports an unacknowledged wildcard, also inside a stage (pipelines)', () => {
  const app = createTestApp();
  const stack = new Stack(new Stage(app, 'Release'), 'Agent');
  new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })
    .addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  const report = new AwsSolutionsChecks().validateScope(app);
  expect(report.violations.map((violation) => violation.ruleName)).toContain('AwsSolutions-IAM5[Resource::*]');
});

describe.each(examples)('examples/%s', (name) => {
  test('has no unacknowledged AwsSolutions findings', () => {
    const { app } = buildExample(name);
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}: ${violation.description}`));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});
