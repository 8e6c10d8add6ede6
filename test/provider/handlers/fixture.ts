import { applyEmulatorEnv, Emulator, startEmulator } from '../../emulator';

/** Starts a fresh emulator per test and points the SDK's standard configuration chain at it. */
export function useEmulator(): { readonly emulator: Emulator } {
  const holder: { emulator: Emulator } = {} as any;
  let restore: (() => void) | undefined;
  beforeEach(async () => {
    holder.emulator = await startEmulator();
    restore = applyEmulatorEnv(holder.emulator, { CDK_AGENTCORE_HARNESS_LOG: 'off' });
  });
  afterEach(async () => {
    restore?.();
    await holder.emulator.stop();
  });
  return holder;
}

const READ_ONLY = new Set(['GetHarness', 'GetHarnessEndpoint', 'ListHarnessVersions', 'ListHarnessEndpoints', 'ListHarnesses', 'InvokeHarness', 'DescribeStacks']);

/** The handlers only read and invoke: any other call would create or change something CloudFormation does not track. */
export function mutatingRequests(emulator: Emulator): string[] {
  return emulator.requests.map((r) => r.operation).filter((op) => !READ_ONLY.has(op));
}
