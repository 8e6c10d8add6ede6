import type { Emulator } from './emulator';

/**
 * Environment that points the real SDK clients at the emulator through their standard configuration chain
 * (the SDK derives AWS_ENDPOINT_URL_<SERVICE ID> from the service ids "Bedrock AgentCore Control" and
 * "Bedrock AgentCore"), with fake credentials and no instance-metadata lookups, so nothing leaves 127.0.0.1.
 */
export function emulatorEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: emulator.url,
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emulator.url,
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_ENDPOINT_URL_CLOUDFORMATION: emulator.url,
    ...localClientEnv(emulator.region),
    CDK_AGENTCORE_HARNESS_POLL_MS: '5',
    ...extra,
  };
}

/**
 * What every loopback emulator needs besides its endpoint URLs: a region, fake credentials, no profile files
 * and no instance-metadata lookups, and the handler and CLI backoff in milliseconds so fault tests stay fast.
 */
export function localClientEnv(region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIAEMULATOREXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret-not-real',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    CDK_AGENTCORE_HARNESS_BACKOFF_MS: '5',
  };
}

/** Applies `emulatorEnv` to this process; returns a function that restores the previous values. */
export function applyEmulatorEnv(emulator: Emulator, extra: Record<string, string> = {}): () => void {
  const env = emulatorEnv(emulator, extra);
  const previous: Record<string, string | undefined> = {};
  for (const key of [...Object.keys(env), 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) {
    previous[key] = process.env[key];
  }
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_ENDPOINT_URL;
  Object.assign(process.env, env);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
