// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { describeError, errorMessage, HandlerError, isTransient } from '../../service/errors';
import { withRetries } from '../../service/retry';

/**
 * Stack statuses in which CloudFormation updates resources back to their previous properties. Only these make an
 * Update a rollback; `ROLLBACK_IN_PROGRESS` (a failed create) and the cleanup phases delete resources instead.
 */
const ROLLBACK_STATUSES = new Set(['UPDATE_ROLLBACK_IN_PROGRESS', 'IMPORT_ROLLBACK_IN_PROGRESS']);

/**
 * Whether the stack that sent this event is rolling back. An Update that rolls back a failed promotion can carry the
 * physical id the failed attempt returned; it then has exactly the shape of a forward promotion (the id of
 * OldResourceProperties, new ResourceProperties), so only the stack's own status tells the two apart.
 */
export async function isStackRollingBack(stackId: string): Promise<boolean> {
  const client = new CloudFormationClient({});
  try {
    const out = await withRetries(() => client.send(new DescribeStacksCommand({ StackName: stackId })));
    const status = out.Stacks?.[0]?.StackStatus;
    if (!status) throw new HandlerError(`DescribeStacks returned no status for stack ${stackId}`);
    return ROLLBACK_STATUSES.has(status);
  } catch (e) {
    if (e instanceof HandlerError) throw e;
    if (isTransient(e)) {
      throw new HandlerError(`DescribeStacks on stack ${stackId} failed: ${describeError(e)}`, 'transient');
    }
    const name = (e as { name?: string }).name ?? '';
    if (/AccessDenied/.test(name)) {
      throw new HandlerError(
        `Access denied: DescribeStacks on stack ${stackId} needs cloudformation:DescribeStacks, which tells a rollback from a promotion (${errorMessage(e)})`,
        'accessDenied',
      );
    }
    throw new HandlerError(`DescribeStacks on stack ${stackId} failed: ${describeError(e)}`);
  } finally {
    client.destroy();
  }
}
