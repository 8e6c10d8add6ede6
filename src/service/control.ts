// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import {
  BedrockAgentCoreControlClient, GetHarnessCommand, GetHarnessEndpointCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { describeError, errorMessage, HandlerError, isAccessDenied, isNotFound, isTransient } from './errors';
import { withRetries } from './retry';
import { DEFAULT_ENDPOINT_NAME } from '../common/private/endpoint-rules';


/**
 * A client configured by the SDK's standard chain (region unless given, credentials, AWS_ENDPOINT_URL_*
 * overrides), with its standard retries for throttling and 5xx. The handlers and the CLI both use it.
 */
export function newControlClient(region?: string): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient(region ? { region } : {});
}

/** The state of an endpoint as a waiter needs it. DEFAULT is read from the harness it follows. */
export interface EndpointView {
  readonly status?: string;
  readonly liveVersion?: string;
  readonly targetVersion?: string;
  readonly failureReason?: string;
}

export interface HarnessView extends EndpointView {
  readonly arn?: string;
  readonly harnessName?: string;
  readonly harnessVersion?: string;
}

/** Turns an SDK error into one sentence naming the call and the resource, with what to do about it. */
export function explain(e: unknown, action: string, what: string): Error {
  if (e instanceof HandlerError) return e;
  if (isNotFound(e)) return new HandlerError(`${what} was not found (${action}: ${describeError(e)})`, 'notFound');
  if (isAccessDenied(e)) {
    return new HandlerError(`Access denied: ${action} on ${what} needs bedrock-agentcore:${action} (${errorMessage(e)})`, 'accessDenied');
  }
  return new HandlerError(`${action} on ${what} failed: ${describeError(e)}`, isTransient(e) ? 'transient' : 'other');
}

export function harnessLabel(harnessId: string): string {
  return `harness ${harnessId}`;
}

export function endpointLabel(harnessId: string, endpointName: string): string {
  return `endpoint ${endpointName} of harness ${harnessId}`;
}

export async function getHarness(client: BedrockAgentCoreControlClient, harnessId: string): Promise<HarnessView> {
  try {
    const out = await withRetries(() => client.send(new GetHarnessCommand({ harnessId })));
    const h = out.harness;
    if (!h) throw new HandlerError(`GetHarness returned no harness for ${harnessId}`);
    return {
      arn: h.arn,
      harnessName: h.harnessName,
      status: h.status,
      harnessVersion: h.harnessVersion,
      liveVersion: h.harnessVersion,
      failureReason: h.failureReason,
    };
  } catch (e) {
    throw explain(e, 'GetHarness', harnessLabel(harnessId));
  }
}

export async function getEndpoint(client: BedrockAgentCoreControlClient, harnessId: string, endpointName: string): Promise<EndpointView> {
  if (endpointName.toUpperCase() === DEFAULT_ENDPOINT_NAME) {
    // DEFAULT always serves the latest version; the harness itself is the authority on it.
    return getHarness(client, harnessId);
  }
  try {
    const out = await withRetries(() => client.send(new GetHarnessEndpointCommand({ harnessId, endpointName })));
    const e = out.endpoint;
    if (!e) throw new HandlerError(`GetHarnessEndpoint returned no endpoint for ${endpointName}`);
    return { status: e.status, liveVersion: e.liveVersion, targetVersion: e.targetVersion, failureReason: e.failureReason };
  } catch (e) {
    throw explain(e, 'GetHarnessEndpoint', endpointLabel(harnessId, endpointName));
  }
}
