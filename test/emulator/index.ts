// A loopback emulator of the AgentCore harness control plane and of InvokeHarness, speaking the real restJson and
// event-stream wire formats so the real SDK clients (and the bundled handlers and CLI) run against it unmodified.
//
//   const emulator = await startEmulator();             // 127.0.0.1, random port
//   const restore = applyEmulatorEnv(emulator);          // or emulatorEnv(emulator) for a child process
//   const h = emulator.seedHarness({ name: 'agent', versions: 3, endpoints: [{ name: 'PROD', liveVersion: '2' }] });
//   emulator.faults.inject('GetHarnessEndpoint', 'throttling', 2);
//   emulator.failNextTransition('UpdateHarnessEndpoint', 'reason');
//   emulator.timing.readsUntilReady = 3;                 // CREATING/UPDATING/DELETING last 3 reads (and msUntilReady)
//   ... emulator.requestsFor('UpdateHarnessEndpoint') ...
//   restore(); await emulator.stop();
export * from './emulator';
export * from './faults';
export * from './state';
export * from './client-env';
export * from './iam';
export * from './references';
