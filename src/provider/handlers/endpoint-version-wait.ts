import { endpointLabel, getEndpoint, newControlClient } from './control';
import { parseEndpointVersionProps } from './endpoint-version';
import { HandlerError } from './errors';
import { isSwitching, readiness } from './status';
import { IsCompleteRequest, IsCompleteResponse } from './types';

/** Waits until the source endpoint is READY and not mid-switch, then reports its live version. */
export async function isEndpointVersionComplete(event: IsCompleteRequest): Promise<IsCompleteResponse> {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  const props = parseEndpointVersionProps(event.ResourceProperties);
  const what = endpointLabel(props.harnessId, props.sourceEndpoint);
  const client = newControlClient();
  try {
    const endpoint = await getEndpoint(client, props.harnessId, props.sourceEndpoint);
    if (readiness(what, endpoint.status, endpoint.failureReason) === 'pending') return { IsComplete: false };
    if (isSwitching(endpoint.liveVersion, endpoint.targetVersion)) return { IsComplete: false };
    const version = endpoint.liveVersion;
    if (!version) throw new HandlerError(`${what} is READY but reports no liveVersion`);
    if (props.expectedVersion !== undefined && props.expectedVersion !== version) {
      throw new HandlerError(
        `${what} serves version ${version}, but ExpectedVersion is ${props.expectedVersion}: refusing to promote a version that was not the one tested`,
      );
    }
    return { IsComplete: true, Data: { Version: version } };
  } finally {
    client.destroy();
  }
}
