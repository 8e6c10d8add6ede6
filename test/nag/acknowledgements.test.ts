// Every acknowledgement (cdk-nag finding or acknowledgeable warning) must say why. The reason is
// the audit trail: an empty one hides a decision nobody can review.
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { listExamples } from '../../scripts/example-apps';
import { buildExample } from '../examples/example-stacks';

/** Short enough to allow terse reasons, long enough to reject placeholders such as "ok" or "n/a". */
const MIN_REASON_LENGTH = 20;

interface Acknowledged {
  readonly path: string;
  readonly id: string;
  readonly reason: unknown;
}

function acknowledgementsUnder(root: IConstruct): Acknowledged[] {
  return root.node.findAll().flatMap((node) => node.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>)
      .map(([id, reason]) => ({ path: node.node.path, id, reason }))));
}

function withoutReason(acknowledged: Acknowledged[]): Acknowledged[] {
  return acknowledged.filter(({ reason }) => typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH);
}

describe.each(listExamples())('examples/%s', (name) => {
  test('every acknowledgement carries a reason', () => {
    const { app } = buildExample(name);
    expect(withoutReason(acknowledgementsUnder(app))).toEqual([]);
  });
});

test('the reason check rejects an empty or placeholder reason', () => {
  const { app } = buildExample(listExamples()[0]);
  Validations.of(app).acknowledge({ id: 'AwsSolutions-IAM5', reason: '' });
  Validations.of(app).acknowledge({ id: 'AwsSolutions-IAM4', reason: 'ok' });
  const missing = withoutReason(acknowledgementsUnder(app)).map(({ id }) => id);
  expect(missing).toEqual(expect.arrayContaining([expect.stringContaining('AwsSolutions-IAM5'), expect.stringContaining('AwsSolutions-IAM4')]));
});
