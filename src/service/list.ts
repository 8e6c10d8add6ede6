// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import {
  BedrockAgentCoreControlClient, HarnessEndpoint, HarnessVersionSummary, ListHarnessEndpointsCommand, ListHarnessVersionsCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { explain, harnessLabel } from './control';
import { HandlerError } from './errors';
import { withRetries } from './retry';

/** Every item of a paginated List call, each page with our retries; a failure names the call and the harness. */
async function listAll<T>(
  action: string, harnessId: string, fetchPage: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await withRetries(() => fetchPage(nextToken));
      all.push(...(page.items ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (e) {
    throw explain(e, action, harnessLabel(harnessId));
  }
  return all;
}

/** Every endpoint of the harness, across pages. */
export async function listEndpoints(client: BedrockAgentCoreControlClient, harnessId: string): Promise<HarnessEndpoint[]> {
  return listAll('ListHarnessEndpoints', harnessId, async (nextToken) => {
    const page = await client.send(new ListHarnessEndpointsCommand({ harnessId, nextToken, maxResults: 100 }));
    return { items: page.endpoints, nextToken: page.nextToken };
  });
}

/** Every version of the harness, across pages, newest first (the service's order is not relied on). */
export async function listVersions(client: BedrockAgentCoreControlClient, harnessId: string): Promise<HarnessVersionSummary[]> {
  const all = await listAll('ListHarnessVersions', harnessId, async (nextToken) => {
    const page = await client.send(new ListHarnessVersionsCommand({ harnessId, nextToken, maxResults: 100 }));
    return { items: page.harnessVersions, nextToken: page.nextToken };
  });
  return all.sort((a, b) => Number(b.harnessVersion) - Number(a.harnessVersion));
}

/** Fails unless `version` exists and is READY. */
export async function requireReadyVersion(client: BedrockAgentCoreControlClient, harnessId: string, version: string): Promise<void> {
  const versions = await listVersions(client, harnessId);
  const found = versions.find((v) => v.harnessVersion === version);
  const ready = versions.filter((v) => v.status === 'READY').map((v) => v.harnessVersion).reverse();
  if (!found) {
    throw new HandlerError(`Version ${version} of harness ${harnessId} does not exist; READY versions: ${ready.join(', ') || 'none'}`, 'notFound');
  }
  if (found.status !== 'READY') {
    throw new HandlerError(
      `Version ${version} of harness ${harnessId} is ${found.status}${found.failureReason ? `: ${found.failureReason}` : ''}; READY versions: ${ready.join(', ') || 'none'}`,
      'failedStatus',
    );
  }
}

