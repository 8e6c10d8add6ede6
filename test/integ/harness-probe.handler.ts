// Lambda behind the integration tests' assertions. It calls the harness APIs and returns "PASS" or
// "FAIL: <what it saw>", so a failed assertion shows the reason.
//
// Why not the assertion provider's awsApiCall: it runs on the Lambda runtime's SDK, which may predate
// the harness commands, and it derives a wrong IAM prefix (bedrock-agentcore-control:) for them.
// This function is bundled with the pinned SDK clients, and its role gets bedrock-agentcore: actions.
import { BedrockAgentCoreClient, InvokeHarnessCommand } from '@aws-sdk/client-bedrock-agentcore';
import {
  BedrockAgentCoreControlClient,
  GetHarnessCommand,
  GetHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';

export interface HarnessReadyCheck {
  readonly check: 'harnessReady';
  readonly harnessId: string;
}

export interface EndpointCheck {
  readonly check: 'endpointServes';
  readonly harnessId: string;
  readonly endpointName: string;
  readonly version: string;
}

export interface InvokeCheck {
  readonly check: 'invokeEndsTurn';
  readonly harnessArn: string;
  readonly qualifier?: string;
  readonly prompt: string;
  /** 33 to 100 characters; fixed, because every run deploys a fresh harness. */
  readonly sessionId: string;
}

export type ProbeEvent = HarnessReadyCheck | EndpointCheck | InvokeCheck;

export const PASS = 'PASS';

const control = new BedrockAgentCoreControlClient({});
const data = new BedrockAgentCoreClient({});

export async function handler(event: ProbeEvent): Promise<string> {
  switch (event.check) {
    case 'harnessReady': {
      const { harness } = await control.send(new GetHarnessCommand({ harnessId: event.harnessId }));
      return harness?.status === 'READY' ? PASS : `FAIL: harness status ${harness?.status} ${harness?.failureReason ?? ''}`.trim();
    }
    case 'endpointServes': {
      const { endpoint } = await control.send(new GetHarnessEndpointCommand({
        harnessId: event.harnessId,
        endpointName: event.endpointName,
      }));
      const ok = endpoint?.status === 'READY' && endpoint.liveVersion === event.version;
      return ok ? PASS
        : `FAIL: ${event.endpointName} status ${endpoint?.status}, live version ${endpoint?.liveVersion}, expected ${event.version}`;
    }
    case 'invokeEndsTurn':
      return invoke(event);
  }
}

async function invoke(event: InvokeCheck): Promise<string> {
  const response = await data.send(new InvokeHarnessCommand({
    harnessArn: event.harnessArn,
    qualifier: event.qualifier,
    runtimeSessionId: event.sessionId,
    messages: [{ role: 'user', content: [{ text: event.prompt }] }],
  }));
  let stopReason: string | undefined;
  let reply = '';
  const errors: string[] = [];
  for await (const item of response.stream ?? []) {
    if (item.messageStop) stopReason = item.messageStop.stopReason;
    const delta = item.contentBlockDelta?.delta;
    if (delta && 'text' in delta && delta.text) reply += delta.text;
    const error = item.internalServerException ?? item.validationException ?? item.runtimeClientError;
    if (error) errors.push(error.message ?? 'stream error');
  }
  if (stopReason === 'end_turn' && errors.length === 0 && reply.trim().length > 0) return PASS;
  return `FAIL: stopReason ${stopReason}; errors [${errors.join('; ')}]; reply ${JSON.stringify(reply.slice(0, 300))}`;
}
