import { execFile } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { Emulator, emulatorEnv } from '../emulator';

const ROOT = path.join(__dirname, '..', '..');
/** Where projen's bundler writes the CLI today (outfile is resolved inside assets/cli/main/). */
const PROJEN_OUTFILE = 'assets/cli/main/cli/main.js';

/** The bundled CLI: the package's bin when that file exists, else the file projen's bundle task writes. */
export function cliBundlePath(): string {
  // CDK_AGENTCORE_HARNESS_CLI points at another build (e.g. a minified one) to run the same suite against it.
  if (process.env.CDK_AGENTCORE_HARNESS_CLI) return path.resolve(process.env.CDK_AGENTCORE_HARNESS_CLI);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const bin = pkg.bin?.['cdk-agentcore-harness'] as string | undefined;
  for (const candidate of [bin, PROJEN_OUTFILE]) {
    if (candidate && existsSync(path.join(ROOT, candidate))) return path.join(ROOT, candidate);
  }
  throw new Error(`The CLI bundle is missing (looked for ${bin} and ${PROJEN_OUTFILE}): run \`npx projen bundle\` first`);
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node <bundle> ...args` asynchronously (the emulator lives in this process, so a synchronous spawn
 * would deadlock), configured only through the environment, as a user would.
 */
export function runCli(emulator: Emulator, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...emulatorEnv(emulator), ...extraEnv };
  return new Promise((resolve) => {
    execFile(process.execPath, [cliBundlePath(), ...args], { env, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as any).code === 'number' ? (err as any).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
