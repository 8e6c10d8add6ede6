import type { ReferenceOperation } from './references';

/** The control- and data-plane operations the emulator serves, named as the SDK commands. */
export type Operation =
  | 'CreateHarness' | 'GetHarness' | 'UpdateHarness' | 'DeleteHarness' | 'ListHarnesses' | 'ListHarnessVersions'
  | 'CreateHarnessEndpoint' | 'GetHarnessEndpoint' | 'UpdateHarnessEndpoint' | 'DeleteHarnessEndpoint'
  | 'ListHarnessEndpoints' | 'InvokeHarness' | 'ListTagsForResource' | ReferenceOperation
  /** STS (query protocol, POST / with Action=GetCallerIdentity): the caller's account for the CLI's ARN check. */
  | 'GetCallerIdentity'
  /** CloudFormation (query protocol, POST / with Action=DescribeStacks): whether a stack is rolling back. */
  | 'DescribeStacks';

/** An error response: HTTP status, the modelled error name and its message. */
export interface WireError {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export type FaultKind =
  | 'throttling' | 'internal' | 'unavailable' | 'conflict' | 'notFound' | 'accessDenied'
  /** AccessDeniedException "... was not found": what Get/DeleteHarnessEndpoint return for a missing endpoint. */
  | 'endpointNotFoundAccessDenied'
  | 'validation' | 'quota';

export function wireErrorFor(kind: FaultKind, what = 'resource'): WireError {
  switch (kind) {
    case 'throttling': return { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' };
    case 'internal': return { status: 500, type: 'InternalServerException', message: 'Internal server error' };
    // The service models only InternalServerException; a 503 from the front door carries the same name.
    case 'unavailable': return { status: 503, type: 'InternalServerException', message: 'Service unavailable' };
    case 'conflict': return { status: 409, type: 'ConflictException', message: `${what} is not in a state that allows this operation` };
    case 'notFound': return { status: 404, type: 'ResourceNotFoundException', message: `${what} was not found` };
    case 'accessDenied': return { status: 403, type: 'AccessDeniedException', message: `User is not authorized to perform this action on ${what}` };
    case 'endpointNotFoundAccessDenied': return { status: 403, type: 'AccessDeniedException', message: `Harness endpoint ${what} was not found` };
    case 'validation': return { status: 400, type: 'ValidationException', message: `Invalid request for ${what}` };
    case 'quota': return { status: 402, type: 'ServiceQuotaExceededException', message: 'Service quota exceeded' };
  }
}

interface ArmedFault {
  readonly operation: Operation;
  remaining: number;
  readonly error: WireError;
}

/** Per-operation, counted fault injection: the next `count` calls of `operation` fail with the fault. */
export class FaultInjector {
  private readonly armed: ArmedFault[] = [];

  /** Fails the next `count` calls of `operation`. Faults for one operation fire in the order they were armed. */
  public inject(operation: Operation, fault: FaultKind | WireError, count = 1): void {
    const error = typeof fault === 'string' ? wireErrorFor(fault, operation) : fault;
    this.armed.push({ operation, remaining: count, error });
  }

  /** Called by the server for every request; returns the error to send, if one is armed. */
  public take(operation: Operation): WireError | undefined {
    const fault = this.armed.find((f) => f.operation === operation && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    return fault.error;
  }

  /** Faults armed but not yet fired, for asserting that a test consumed what it set up. */
  public pending(): number {
    return this.armed.reduce((sum, f) => sum + f.remaining, 0);
  }

  public clear(): void {
    this.armed.length = 0;
  }
}
