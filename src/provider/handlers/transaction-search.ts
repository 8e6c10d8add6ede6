// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { CloudWatchLogsClient, PutResourcePolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetTraceSegmentDestinationCommand, UpdateIndexingRuleCommand, UpdateTraceSegmentDestinationCommand, XRayClient,
// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
} from '@aws-sdk/client-xray';
import { log } from './log';
import type { OnEventRequest, OnEventResponse } from './types';
import { describeError, errorMessage, HandlerError, isAccessDenied, isTransient } from '../../service/errors';
import { withRetries } from '../../service/retry';

export const TRANSACTION_SEARCH_TYPE = 'Custom::TransactionSearch';

/**
 * One name per account and region, so every stack that declares Transaction Search writes the same policy
 * (PutResourcePolicy replaces a policy of the same name) instead of piling up copies against the account's
 * quota of Logs resource policies.
 */
export const TRANSACTION_SEARCH_POLICY_NAME = 'cdk-agentcore-harness-TransactionSearch';

const ENABLED = 'enabled';
const ALREADY_ENABLED = 'already-enabled';

export interface TransactionSearchClients {
  readonly xray: XRayClient;
  readonly logs: CloudWatchLogsClient;
}

function defaultClients(): TransactionSearchClients {
  return { xray: new XRayClient({}), logs: new CloudWatchLogsClient({}) };
}

interface StackLocation {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** The stack ARN names where the setting lives: the stack's own account and region. */
export function locationOf(stackId: string): StackLocation {
  const parts = stackId.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[3] || !parts[4]) {
    throw new HandlerError(`Cannot read partition, region and account from the stack id ${JSON.stringify(stackId)}`, 'invalid');
  }
  return { partition: parts[1], region: parts[3], account: parts[4] };
}

export function physicalIdOf(region: string, enabledByThisResource: boolean): string {
  return `transaction-search/${region}/${enabledByThisResource ? ENABLED : ALREADY_ENABLED}`;
}

function enabledBy(physicalId: string | undefined): boolean {
  return physicalId !== undefined && physicalId.startsWith('transaction-search/') && physicalId.endsWith(`/${ENABLED}`);
}

function percentageOf(event: OnEventRequest): number {
  const raw = event.ResourceProperties.IndexingPercentage;
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value <= 0 || value > 100) {
    throw new HandlerError(`IndexingPercentage must be a number greater than 0 and at most 100 (percent), got ${JSON.stringify(raw)}`, 'invalid');
  }
  return value;
}

/**
 * Lets X-Ray write spans into the two log groups Transaction Search reads, and nothing else: only X-Ray
 * resources of this account and region may be the source (confused-deputy conditions).
 */
export function resourcePolicyDocument(where: StackLocation): string {
  const { partition, region, account } = where;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'TransactionSearchXRayAccess',
      Effect: 'Allow',
      Principal: { Service: 'xray.amazonaws.com' },
      Action: 'logs:PutLogEvents',
      Resource: [
        `arn:${partition}:logs:${region}:${account}:log-group:aws/spans:*`,
        `arn:${partition}:logs:${region}:${account}:log-group:/aws/application-signals/data:*`,
      ],
      Condition: {
        ArnLike: { 'aws:SourceArn': `arn:${partition}:xray:${region}:${account}:*` },
        StringEquals: { 'aws:SourceAccount': account },
      },
    }],
  });
}

/**
 * Runs one SDK call with the library's retries (throttling, 5xx and connection failures are asked again with
 * backoff) and turns what is left into a message naming the call and the permission it needs.
 */
async function call<T>(action: string, run: () => Promise<T>, alsoNeeds = ''): Promise<T> {
  try {
    return await withRetries(run);
  } catch (e) {
    if (isAccessDenied(e)) {
      throw new HandlerError(
        `Access denied: ${action} needs the ${action} permission${alsoNeeds} on the handler role (${errorMessage(e)})`, 'accessDenied');
    }
    if (isTransient(e)) {
      throw new HandlerError(`${action} still failed after retries (throttled or unavailable): ${describeError(e)}`, 'transient');
    }
    throw new HandlerError(`${action} failed: ${describeError(e)}`, 'other');
  }
}

async function setIndexingRule(clients: TransactionSearchClients, percentage: number): Promise<void> {
  // 'Default' is the one probabilistic rule X-Ray keeps per account and region.
  await call('xray:UpdateIndexingRule', () => clients.xray.send(new UpdateIndexingRuleCommand({
    Name: 'Default',
    Rule: { Probabilistic: { DesiredSamplingPercentage: percentage } },
  })));
}

/**
 * Enables Transaction Search unless it is already on; never disables it.
 *
 * Delete removes nothing: the setting and the Logs resource policy are account-wide, another stack (or the
 * console, or the AgentCore CLI) may rely on them, and CloudFormation cannot tell us whether one does. Turning
 * traces off is left to the operator. The policy is kept too, because X-Ray delivers spans through it.
 */
export async function onTransactionSearchEvent(
  event: OnEventRequest, clients: TransactionSearchClients = defaultClients(),
): Promise<OnEventResponse> {
  log('transactionSearch', { requestType: event.RequestType, logicalId: event.LogicalResourceId, physicalId: event.PhysicalResourceId });
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };

  const where = locationOf(event.StackId);
  const percentage = percentageOf(event);
  const current = await call('xray:GetTraceSegmentDestination', () => clients.xray.send(new GetTraceSegmentDestinationCommand({})));

  // PENDING means a switch to CloudWatch Logs is already under way (by us on an earlier attempt, or by someone
  // else); asking again would change nothing.
  if (current.Destination === 'CloudWatchLogs') {
    // Only the resource that turned it on owns the sampling rate; otherwise the account's choice stands.
    const ours = event.RequestType === 'Update' && enabledBy(event.PhysicalResourceId);
    if (ours) await setIndexingRule(clients, percentage);
    log('transactionSearch: already enabled', { status: current.Status, indexingRuleUpdated: ours });
    return { PhysicalResourceId: physicalIdOf(where.region, ours), Data: { EnabledByThisResource: String(ours) } };
  }

  await call('logs:PutResourcePolicy', () => clients.logs.send(new PutResourcePolicyCommand({
    policyName: TRANSACTION_SEARCH_POLICY_NAME,
    policyDocument: resourcePolicyDocument(where),
  })));
  await call('xray:UpdateTraceSegmentDestination', () => clients.xray.send(new UpdateTraceSegmentDestinationCommand({
    Destination: 'CloudWatchLogs',
  })), ' (and those it uses on the caller\'s behalf: creating the span log groups, application-signals:StartDiscovery,'
    + ' the Application Signals service-linked role and CloudTrail channel)');
  await setIndexingRule(clients, percentage);
  log('transactionSearch: enabled', { percentage });
  return { PhysicalResourceId: physicalIdOf(where.region, true), Data: { EnabledByThisResource: 'true' } };
}
