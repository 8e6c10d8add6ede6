/**
 * One JSON line per event, with identifiers only: properties can hold prompts and the SDK errors can echo
 * request details, so neither is logged wholesale. CDK_AGENTCORE_HARNESS_LOG=off silences it (tests).
 */
export function log(message: string, fields: Record<string, string | number | boolean | undefined> = {}): void {
  if (process.env.CDK_AGENTCORE_HARNESS_LOG === 'off') return;
  console.log(JSON.stringify({ message, ...fields }));
}
