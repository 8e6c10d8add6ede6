import type { IsCompleteRequest, OnEventRequest, RequestType } from '../../../src/provider/handlers/types';

/** A provider-framework event as CloudFormation would send it: every scalar property is a string. */
export function cfnEvent(
  requestType: RequestType,
  resourceType: string,
  properties: Record<string, string>,
  extra: Partial<OnEventRequest> = {},
): OnEventRequest {
  return {
    RequestType: requestType,
    ResourceType: resourceType,
    LogicalResourceId: 'Resource1',
    RequestId: '8d1f1d56-2a44-4a7e-9a39-0c5f6a0e1a11',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/00000000-0000-0000-0000-000000000000',
    ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/never-called',
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider-framework-onEvent',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider-framework-onEvent', ...properties },
    ...extra,
  };
}

/** The isComplete request the framework builds: the onEvent request plus the physical id onEvent returned. */
export function completeEvent(event: OnEventRequest, physicalResourceId: string): IsCompleteRequest {
  return { ...event, PhysicalResourceId: physicalResourceId };
}
