import { startedAtData } from './deadline';
import { endpointVersionPhysicalId } from './physical-id';
import { Properties } from './properties';
import { ENDPOINT_VERSION_TYPE, OnEventRequest, OnEventResponse, physicalIdResponse } from './types';

export interface EndpointVersionProps {
  readonly harnessId: string;
  readonly sourceEndpoint: string;
  readonly promotionId: string;
  readonly expectedVersion?: string;
  /**
   * The endpoint this version is for. In keep mode (PromotionId `initial`) an existing target keeps the version
   * it serves; with an explicit promotion id it is only read on an in-place update (a rollback), see below.
   */
  readonly targetEndpoint?: string;
}

/** onEvent Data key (merged into the isComplete request by the framework): an Update that keeps the physical id. */
export const IN_PLACE = 'InPlace';

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
  const props = parseEndpointVersionProps(event.ResourceProperties);
  const physicalId = endpointVersionPhysicalId(props.harnessId, props.sourceEndpoint, props.promotionId);
  // Same promotion, same id: no promotion happens. This is the rollback of a failed promotion (CloudFormation
  // re-sends the old properties with the old id) or a change of another property; isComplete then returns
  // what the target serves instead of re-reading the source, which may have moved on since.
  return physicalIdResponse(event, physicalId, IN_PLACE, startedAtData());
}
