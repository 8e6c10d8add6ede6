import { endpointVersionPhysicalId } from './physical-id';
import { Properties } from './properties';
import { ENDPOINT_VERSION_TYPE, OnEventRequest, OnEventResponse } from './types';

export interface EndpointVersionProps {
  readonly harnessId: string;
  readonly sourceEndpoint: string;
  readonly promotionId: string;
  readonly expectedVersion?: string;
  /** Keep mode (no explicit promotion): an existing target keeps the version it serves. */
  readonly targetEndpoint?: string;
}

export function parseEndpointVersionProps(raw: Record<string, unknown>): EndpointVersionProps {
  const p = new Properties(ENDPOINT_VERSION_TYPE, raw);
  return {
    harnessId: p.required('HarnessId'),
    sourceEndpoint: p.required('SourceEndpoint'),
    promotionId: p.required('PromotionId'),
    expectedVersion: p.optional('ExpectedVersion'),
    targetEndpoint: p.optional('TargetEndpoint'),
  };
}

/**
 * Create/Update only compute the physical id: a new PromotionId yields a new id, so CloudFormation treats a
 * promotion as a replacement and a failed deploy falls back to the old resource (and its old Version)
 * without calling us. Delete has nothing to clean up.
 */
export function onEndpointVersionEvent(event: OnEventRequest): OnEventResponse {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const props = parseEndpointVersionProps(event.ResourceProperties);
  return { PhysicalResourceId: endpointVersionPhysicalId(props.harnessId, props.sourceEndpoint, props.promotionId) };
}
