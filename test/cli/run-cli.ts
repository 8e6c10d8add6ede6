import { execFile } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { Emulator, emulatorEnv } from '../emulator';

const ROOT = path.join(__dirname, '..', '..');
/** The bundled CLI, found through package.json's bin so that the tests prove the published bin works. */
export function cliBundlePath(): string {
  // CDK_AGENTCORE_HARNESS_CLI points at another build (e.g. a minified one) to run the same suite against it.
  if (process.env.CDK_AGENTCORE_HARNESS_CLI) return path.resolve(process.env.CDK_AGENTCORE_HARNESS_CLI);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const bin = pkg.bin?.['cdk-agentcore-harness'] as string | undefined;
  if (bin && existsSync(path.join(ROOT, bin))) return path.join(ROOT, bin);
  throw new Error(`The CLI bundle ${bin} (package.json bin) is missing: run \`npx projen bundle\` first`);
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
