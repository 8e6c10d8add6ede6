import { FailureKind, HandlerError } from '../service/errors';

/** Exit codes, documented in --help so scripts can branch on them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  accessDenied: 4,
  failedStatus: 5,
  timeout: 6,
  /** Another writer moved the endpoint while this command waited. */
  conflict: 7,
  /** The harness ARN names another account than the caller's. */
  wrongAccount: 8,
  /** promote's evaluation gate refused: scores below a threshold, or too few evaluated sessions. */
  evaluationGate: 9,
  /** doctor: at least one check found something missing or broken. */
  doctorMissing: 10,
  /** doctor: nothing found missing, but some checks could not run (usually the caller's own permissions). */
  doctorIncomplete: 11,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the message to print and the exit code to end with. */
export class CliError extends Error {
  constructor(message: string, public readonly exitCode: ExitCode = EXIT.failure) {
    super(message);
    this.name = 'CliError';
  }
}

const KIND_EXIT: Record<FailureKind, ExitCode> = {
  notFound: EXIT.notFound,
  accessDenied: EXIT.accessDenied,
  failedStatus: EXIT.failedStatus,
  invalid: EXIT.usage,
  transient: EXIT.failure,
  timeout: EXIT.timeout,
  conflict: EXIT.conflict,
  other: EXIT.failure,
};

export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof HandlerError) return new CliError(e.message, KIND_EXIT[e.kind]);
  return new CliError(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
}
