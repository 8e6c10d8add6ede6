// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { flag, ParsedArgs, requireFlag } from './args';
import { CliError, EXIT } from './cli-error';
import { CommandDeadline } from './deadline';
import { parseHarnessRef } from './harness-ref';
import { newControlClient } from '../service/control';

const DEFAULT_TIMEOUT_SECONDS = 600;

/** What every command needs: the harness, a client, the deadline for waits. */
export interface CommandContext {
  readonly args: ParsedArgs;
  readonly harnessId: string;
  readonly client: BedrockAgentCoreControlClient;
  /** Epoch milliseconds. */
  readonly deadline: number;
  /** The whole command's deadline (--timeout), which also guards every request of `client`. */
  readonly commandDeadline: CommandDeadline;
  /** The account an ARN named, if --harness was an ARN. */
  readonly arnAccount?: string;
}

/** --timeout, validated; also used before a context exists. */
export function timeoutSeconds(args: ParsedArgs): number {
  const rawTimeout = flag(args, 'timeout');
  const timeout = rawTimeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(rawTimeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new CliError(`--timeout ${JSON.stringify(rawTimeout)} must be a positive number of seconds`, EXIT.usage);
  }
  return timeout;
}

export function createContext(args: ParsedArgs): CommandContext {
  const ref = parseHarnessRef(requireFlag(args, 'harness', '<harness id or ARN>'));
  const commandDeadline = new CommandDeadline(timeoutSeconds(args));
  // Region: --region, else the ARN's region, else the SDK's standard chain (AWS_REGION, profile, ...).
  const region = flag(args, 'region') ?? ref.region;
  const client = newControlClient(region);
  commandDeadline.guard(client);
  return {
    args,
    harnessId: ref.harnessId,
    client,
    deadline: commandDeadline.at,
    commandDeadline,
    arnAccount: ref.account,
  };
}
