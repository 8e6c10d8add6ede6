// The provider framework's request and response shapes (aws-cdk-lib's AWSCDKAsyncCustomResource namespace),
// restated here so the handler bundles do not pull in aws-cdk-lib.

export type RequestType = 'Create' | 'Update' | 'Delete';

/** What CloudFormation sent; the framework passes it through. Scalars in properties arrive as strings. */
export interface OnEventRequest {
  readonly RequestType: RequestType;
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly RequestId: string;
  readonly StackId: string;
  readonly ResponseURL?: string;
  readonly ServiceToken?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
  /** Absent on Create; on Delete it may be an id CloudFormation invented after a failed Create. */
  readonly PhysicalResourceId?: string;
}

export interface OnEventResponse {
  readonly PhysicalResourceId?: string;
  readonly Data?: Record<string, string>;
  readonly NoEcho?: boolean;
}

/** The onEvent request plus the onEvent response merged in by the framework. */
export interface IsCompleteRequest extends OnEventRequest {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export interface IsCompleteResponse {
  readonly IsComplete: boolean;
  readonly Data?: Record<string, string>;
}

export const ENDPOINT_VERSION_TYPE = 'Custom::HarnessEndpointVersion';
export const SMOKE_TEST_TYPE = 'Custom::HarnessSmokeTest';

/**
 * The onEvent answer for Create/Update: the computed physical id, plus `Data[inPlaceKey] = "true"` when an Update
 * keeps the id CloudFormation holds (the rollback of a failed update re-sends the old properties with the old id).
 * The framework merges Data into the isComplete request, which then does not repeat the work.
 */
export function physicalIdResponse(
  event: OnEventRequest, physicalId: string, inPlaceKey: string, data: Record<string, string> = {},
): OnEventResponse {
  if (event.RequestType === 'Update' && physicalId === event.PhysicalResourceId) {
    return { PhysicalResourceId: physicalId, Data: { ...data, [inPlaceKey]: 'true' } };
  }
  return Object.keys(data).length > 0 ? { PhysicalResourceId: physicalId, Data: data } : { PhysicalResourceId: physicalId };
}
