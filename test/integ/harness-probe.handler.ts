// Lambda used by the integration tests' assertions to call the harness APIs. The assertion
// provider's own awsApiCall runs on the Lambda runtime's SDK, which may predate the harness
// commands, and derives a wrong IAM prefix (bedrock-agentcore-control:) for them; this function is
// bundled with the pinned SDK clients and its role gets the bedrock-agentcore: actions explicitly.
import { BedrockAgentCoreClient, InvokeHarnessCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  BedrockAgentCoreControlClient,
  GetHarnessCommand,
  GetHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';

export type ProbeEvent =
  | { readonly action: 'getHarness'; readonly harnessId: string }
  | { readonly action: 'getHarnessEndpoint'; readonly harnessId: string; readonly endpointName: string }
  | { readonly action: 'invoke'; readonly harnessArn: string; readonly qualifier?: string; readonly prompt: string; readonly sessionId: string };

const control = new BedrockAgentCoreControlClient({});
const data = new BedrockAgentCoreClient({});

/** Flat, small results: the assertion provider compares them and CloudFormation caps responses at 4 KB. */
export async function handler(event: ProbeEvent): Promise<Record<string, string>> {
  switch (event.action) {
    case 'getHarness': {
      const { harness } = await control.send(new GetHarnessCommand({ harnessId: event.harnessId }));
      return { status: harness?.status ?? '', version: harness?.harnessVersion ?? '' };
    }
    case 'getHarnessEndpoint': {
      const { endpoint } = await control.send(new GetHarnessEndpointCommand({
        harnessId: event.harnessId,
        endpointName: event.endpointName,
      }));
      return { status: endpoint?.status ?? '', liveVersion: endpoint?.liveVersion ?? '' };
    }
    case 'invoke':
      return invoke(event);
  }
}

async function invoke(event: Extract<ProbeEvent, { action: 'invoke' }>): Promise<Record<string, string>> {
  const response = await data.send(new InvokeHarnessCommand({
    harnessArn: event.harnessArn,
    qualifier: event.qualifier,
    runtimeSessionId: event.sessionId,
    messages: [{ role: 'user', content: [{ text: event.prompt }] }],
  }));
  let stopReason = '';
  let text = '';
  const errors: string[] = [];
  for await (const item of response.stream ?? []) {
    if (item.messageStop) stopReason = item.messageStop.stopReason ?? '';
    if (item.contentBlockDelta?.delta && 'text' in item.contentBlockDelta.delta) text += item.contentBlockDelta.delta.text ?? '';
    const error = item.internalServerException ?? item.validationException ?? item.runtimeClientError;
    if (error) errors.push(error.message ?? 'stream error');
  }
  return { stopReason, errors: errors.join('; '), reply: text.slice(0, 500) };
}
