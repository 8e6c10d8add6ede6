// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { WaitDeadline } from './deadline';
import { IN_PLACE, parseEndpointVersionProps } from './endpoint-version';
import { isStackRollingBack } from './stack-status';
import { ENDPOINT_VERSION_TYPE, IsCompleteRequest, IsCompleteResponse } from './types';
import { INITIAL_PROMOTION_ID } from '../../common/private/endpoint-rules';
import { endpointLabel, EndpointView, getEndpoint, newControlClient } from '../../service/control';
import { HandlerError } from '../../service/errors';
import { isSettled } from '../../service/status';

/** The live version once the endpoint is READY and not mid-switch; undefined while it is still settling. */
function settledVersion(what: string, endpoint: EndpointView): string | undefined {
  if (!isSettled(what, endpoint)) return undefined;
  if (!endpoint.liveVersion) throw new HandlerError(`${what} is READY but reports no liveVersion`);
  return endpoint.liveVersion;
}

/** The target endpoint, or undefined when it does not exist (yet). */
async function findTarget(client: BedrockAgentCoreControlClient, harnessId: string, name: string): Promise<EndpointView | undefined> {
  try {
    return await getEndpoint(client, harnessId, name);
  } catch (e) {
    if (e instanceof HandlerError && e.kind === 'notFound') return undefined;
    throw e;
  }
}

/** On an Update, the settled version the target endpoint serves, if it exists and is settled. */
async function targetServing(
  client: BedrockAgentCoreControlClient, event: IsCompleteRequest, harnessId: string, targetEndpoint: string | undefined,
): Promise<string | undefined> {
  if (event.RequestType !== 'Update' || targetEndpoint === undefined) return undefined;
  const target = await findTarget(client, harnessId, targetEndpoint);
  return target && settledVersion(endpointLabel(harnessId, targetEndpoint), target);
}

/**
 * Whether this request must leave the target on the version it serves. Keep mode and an in-place Update say so by
 * their shape. The rollback of a failed promotion addressed to the physical id the failed attempt returned looks
 * exactly like a forward promotion, so any other Update asks CloudFormation whether the stack is rolling back. The
 * handler is only called for such a rollback when the promotion resource itself failed, so the target was never
 * switched in that deploy and what it serves now is what it served before.
 */
async function keepsTarget(event: IsCompleteRequest, promotionId: string): Promise<boolean> {
  if (promotionId === INITIAL_PROMOTION_ID || event.Data?.[IN_PLACE] === 'true') return true;
  return event.RequestType === 'Update' && await isStackRollingBack(event.StackId);
}

/**
 * Waits until the source endpoint is READY and not mid-switch, then reports its live version. In keep mode
 * (no explicit promotion id, docs/DESIGN.md), and on an in-place update (the rollback of a failed promotion),
 * an existing target reports its own live version instead, so the target never moves without a new promotion.
 */
export async function isEndpointVersionComplete(event: IsCompleteRequest): Promise<IsCompleteResponse> {
  const props = parseEndpointVersionProps(event.ResourceProperties);
  const deadline = WaitDeadline.of(event, ENDPOINT_VERSION_TYPE);
  const client = newControlClient();
  try {
    // Keep mode (no explicit promotion id), or the rollback of a failed promotion, whichever physical id it carries.
    if (props.targetEndpoint !== undefined && await keepsTarget(event, props.promotionId)) {
      const target = await findTarget(client, props.harnessId, props.targetEndpoint);
      if (target) {
        const targetLabel = endpointLabel(props.harnessId, props.targetEndpoint);
        const kept = settledVersion(targetLabel, target);
        if (kept !== undefined) return { IsComplete: true, Data: { Version: kept } };
        deadline.check(targetLabel, target, 'become READY with liveVersion equal to targetVersion');
        return { IsComplete: false };
      }
    }
    const what = endpointLabel(props.harnessId, props.sourceEndpoint);
    const source = await getEndpoint(client, props.harnessId, props.sourceEndpoint);
    const version = settledVersion(what, source);
    if (version === undefined) {
      deadline.check(what, source, 'become READY with liveVersion equal to targetVersion');
      return { IsComplete: false };
    }
    if (props.expectedVersion !== undefined && props.expectedVersion !== version) {
      // An Update whose target already serves ExpectedVersion: the version these properties produced before.
      // This is the rollback of a failed promotion addressed to the new physical id (CloudFormation may keep the
      // id a failed update returned); failing it would leave the stack in UPDATE_ROLLBACK_FAILED.
      const served = await targetServing(client, event, props.harnessId, props.targetEndpoint);
      if (served === props.expectedVersion) return { IsComplete: true, Data: { Version: served } };
      throw new HandlerError(
        `${what} serves version ${version}, but ExpectedVersion is ${props.expectedVersion}: refusing to promote a version that was not the one tested`,
        'invalid',
      );
    }
    return { IsComplete: true, Data: { Version: version } };
  } finally {
    client.destroy();
  }
}
