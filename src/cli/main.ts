#!/usr/bin/env node
import { checkArnAccount } from './account';
import { ParsedArgs, parseArgs } from './args';
import { CliError, EXIT, toCliError } from './cli-error';
import { doctorCommand } from './commands/doctor';
import { exportCommand } from './commands/export';
import { promoteCommand } from './commands/promote';
import { rollbackCommand } from './commands/rollback';
import { statusCommand } from './commands/status';
import { versionsCommand } from './commands/versions';
import { CommandContext, createContext } from './context';
import { USAGE } from './help';
import { CommandResult } from './output';
import { setRetryDeadline } from '../service/retry';

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<CommandResult>> = {
  status: statusCommand,
  versions: versionsCommand,
  promote: promoteCommand,
  rollback: rollbackCommand,
  export: exportCommand,
  doctor: doctorCommand,
};

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** `--json` anywhere on the line, judged before (or without) a successful parse. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.includes('--json');
}

/** Runs one command line and returns the exit code; never calls process.exit, so tests can call it. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let args: ParsedArgs | undefined;
  try {
    args = parseArgs(argv);
    if (args.flags.help || args.command === 'help') {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (args.command === undefined) throw new CliError(`Missing command\n\n${USAGE}`, EXIT.usage);
    const command = COMMANDS[args.command];
    if (!command) throw new CliError(`Unknown command ${JSON.stringify(args.command)}; expected one of ${Object.keys(COMMANDS).join(', ')}`, EXIT.usage);
    const ctx = createContext(args);
    setRetryDeadline(ctx.deadline);
    try {
      const result = await ctx.commandDeadline.race((async () => {
        await checkArnAccount(ctx);
        return command(ctx);
      })(), () => ctx.client.destroy());
      for (const warning of result.warnings ?? []) io.stderr(`Warning: ${warning}`);
      io.stdout(args.flags.json ? JSON.stringify(result.json, null, 2) : result.human);
      return result.exitCode ?? EXIT.ok;
    } finally {
      setRetryDeadline(undefined);
      ctx.client.destroy();
    }
  } catch (e) {
    const err = toCliError(e);
    // --json is honoured even when the error came from parsing the flags themselves.
    if (args?.flags.json ?? wantsJson(argv)) io.stdout(JSON.stringify({ error: { message: err.message, exitCode: err.exitCode } }, null, 2));
    io.stderr(`Error: ${err.message}`);
    return err.exitCode;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text + '\n'),
    stderr: (text) => process.stderr.write(text + '\n'),
  }).then((code) => {
    // Exit now: work abandoned at the --timeout deadline may still hold timers or sockets.
    process.exit(code);
  });
}
