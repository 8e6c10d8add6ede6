// IAM actions the custom-resource handlers call. The IAM prefix for the
// control plane is `bedrock-agentcore:` too: `bedrock-agentcore-control` is
// only the SDK client's name and matches no action.

// Only `isComplete` calls the service; `onEvent` computes physical ids from
// the properties alone and gets no permissions.

/** Reading a harness and its endpoints (waiting for READY, reading a live version). */
export const HARNESS_READ_ACTIONS = [
  'bedrock-agentcore:GetHarness',
  'bedrock-agentcore:GetHarnessEndpoint',
];

/**
 * Invoking a harness. The service authorizes a qualified call on the harness
 * ARN and on the endpoint ARN, and checks both actions (harness-security).
 */
export const HARNESS_INVOKE_ACTIONS = [
  'bedrock-agentcore:InvokeHarness',
  'bedrock-agentcore:InvokeAgentRuntime',
];

/**
 * Running a shell command inside an agent's session (InvokeAgentRuntimeCommand).
 * The service does not document which resource a harness call of this action is
 * authorized against; like InvokeAgentRuntime, it is granted on the harness ARN
 * and on the endpoint ARN of the qualifier, the harness's own resources, and
 * never on the service-managed runtime behind it.
 */
export const HARNESS_INVOKE_COMMAND_ACTIONS = [
  'bedrock-agentcore:InvokeAgentRuntimeCommand',
];

/** The ARN of a named endpoint of a harness. */
export function endpointArnOf(harnessArn: string, endpointName: string): string {
  return `${harnessArn}/harness-endpoint/${endpointName}`;
}
