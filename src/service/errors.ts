/** Why an operation failed, for callers (the CLI) that map failures to exit codes. */
/**
 * `transient`: throttling, 5xx or a network failure, worth asking again later; `timeout`: a wait passed its deadline;
 * `conflict`: another writer holds or moved the resource.
 */
export type FailureKind = 'notFound' | 'accessDenied' | 'failedStatus' | 'invalid' | 'transient' | 'timeout' | 'conflict' | 'other';

/** Thrown for failures the operator must act on; the message is what CloudFormation shows. */
export class HandlerError extends Error {
  constructor(message: string, public readonly kind: FailureKind = 'other') {
    super(message);
    this.name = 'HandlerError';
  }
}

interface SdkErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $fault?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

function asSdkError(e: unknown): SdkErrorLike {
  return typeof e === 'object' && e !== null ? (e as SdkErrorLike) : {};
}

export function errorName(e: unknown): string {
  return asSdkError(e).name ?? 'Error';
}

export function errorMessage(e: unknown): string {
  const err = asSdkError(e);
  return err.message ?? String(e);
}

/** `Name: message`, for wrapping in a message that says what was being done. */
export function describeError(e: unknown): string {
  return `${errorName(e)}: ${errorMessage(e)}`;
}

export function httpStatus(e: unknown): number | undefined {
  return asSdkError(e).$metadata?.httpStatusCode;
}

/**
 * Gone. Get/DeleteHarnessEndpoint on a missing endpoint answer AccessDeniedException "... was not found"
 * instead of ResourceNotFoundException (seen against the live service by the Terraform provider).
 */
export function isNotFound(e: unknown): boolean {
  const name = errorName(e);
  if (name === 'ResourceNotFoundException') return true;
  return name === 'AccessDeniedException' && /was not found/i.test(errorMessage(e));
}

export function isAccessDenied(e: unknown): boolean {
  return errorName(e) === 'AccessDeniedException' && !isNotFound(e);
}

export function isConflict(e: unknown): boolean {
  return errorName(e) === 'ConflictException' || httpStatus(e) === 409;
}

/** The service answered 429 or 5xx. */
export function isThrottledOrServerError(e: unknown): boolean {
  const status = httpStatus(e);
  return status === 429 || (status !== undefined && status >= 500);
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'InternalServerException', 'ServiceUnavailableException',
  'RequestTimeout', 'RequestTimeoutException', 'TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT',
]);

/** Throttling, 5xx and connection failures: worth another attempt after a pause. */
export function isTransient(e: unknown): boolean {
  const err = asSdkError(e);
  if (isThrottledOrServerError(e)) return true;
  return TRANSIENT_NAMES.has(errorName(e)) || (err.code !== undefined && TRANSIENT_NAMES.has(err.code));
}
