import { CliError, EXIT } from './cli-error';

const HARD_STOP_GRACE_MS = 500;

/**
 * The whole command's deadline (--timeout). Past it the command ends at once with exit 6, whatever it was doing:
 * the pending work is abandoned and every further request, including the SDK's own retries, is refused.
 */
export class CommandDeadline {
  /** Epoch milliseconds. */
  public readonly at: number;
  private readonly controller = new AbortController();

  constructor(public readonly timeoutSeconds: number, now = Date.now()) {
    this.at = now + timeoutSeconds * 1000;
  }

  public get signal(): AbortSignal {
    return this.controller.signal;
  }

  public expiredError(): CliError {
    return new CliError(`Timed out after ${this.timeoutSeconds} s (--timeout ${this.timeoutSeconds}); nothing more was sent`, EXIT.timeout);
  }

  /**
   * Refuses each attempt (the SDK's retries included: the step runs inside the retry middleware) once the
   * deadline passed, so abandoned work stops quickly instead of retrying in the background.
   */
  public guard(client: { middlewareStack: { add: (m: any, o: any) => void } }): void {
    client.middlewareStack.add((next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      if (this.signal.aborted) throw this.expiredError();
      return next(args);
    }, { step: 'finalizeRequest', priority: 'low', name: 'cdkAgentcoreHarnessDeadline' });
  }

  /** Runs `work`, rejecting with the timeout error (exit 6) when the deadline passes first. */
  public async race<T>(work: Promise<T>, onExpire: () => void = () => undefined): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.controller.abort();
        onExpire();
        reject(this.expiredError());
      // A little after the deadline, so a wait that checks it itself ends first with the state it saw.
      }, Math.max(0, this.at - Date.now()) + HARD_STOP_GRACE_MS);
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
