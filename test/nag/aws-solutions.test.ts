// cdk-nag's AwsSolutions pack over every example stack. cdk-nag v3 packs are policy-validation
// plugins; validateScope() runs one directly over the construct tree, reading acknowledgements
// (Validations.of(scope).acknowledge) from construct metadata.
import { AwsSolutionsChecks } from 'cdk-nag';
import { listExamples } from '../../scripts/example-apps';
import { buildExample } from '../examples/example-stacks';

const examples = listExamples();

test('there are examples to check', () => {
  expect(examples.length).toBeGreaterThan(0);
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
