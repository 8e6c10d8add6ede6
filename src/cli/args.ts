import { CliError, EXIT } from './cli-error';

/** The parsed command line: the command word and every `--flag value` / `--flag=value` / `--switch`. */
export interface ParsedArgs {
  readonly command?: string;
  readonly flags: Record<string, string | true>;
}

/** Flags that take no value. */
const SWITCHES = new Set(['json', 'help', 'any-account']);
const VALUED = new Set([
  'harness', 'region', 'timeout', 'from', 'to', 'version', 'endpoint',
  'evaluation-config', 'evaluation-log-group', 'min-score', 'window', 'min-sessions', 'output',
]);
/** Valued flags that may be given more than once; their values are joined with `,`. */
const REPEATABLE = new Set(['min-score']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags: Record<string, string | true> = {};
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (command !== undefined) throw new CliError(`Unexpected argument ${JSON.stringify(arg)}: give one command, then --flags`, EXIT.usage);
      command = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (SWITCHES.has(name)) {
      if (eq !== -1) throw new CliError(`--${name} takes no value, got ${JSON.stringify(arg)}`, EXIT.usage);
      flags[name] = true;
    } else if (VALUED.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
        throw new CliError(`--${name} needs a value`, EXIT.usage);
      }
      const previous = flags[name];
      if (previous !== undefined && !REPEATABLE.has(name)) throw new CliError(`--${name} was given twice`, EXIT.usage);
      flags[name] = previous === undefined ? value : `${previous},${value}`;
    } else {
      throw new CliError(`Unknown option --${name}; see --help`, EXIT.usage);
    }
  }
  return { command, flags };
}

/** The string value of a flag, or undefined; a bare switch where a value belongs is a usage error. */
export function flag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireFlag(args: ParsedArgs, name: string, hint: string): string {
  const value = flag(args, name);
  if (value === undefined) throw new CliError(`${args.command} needs --${name} ${hint}`, EXIT.usage);
  return value;
}
