// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { GetHarnessCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { explain, harnessLabel } from '../../provider/handlers/control';
import { withRetries } from '../../provider/handlers/retry';
import { CommandContext } from '../context';
import { CommandResult, table } from '../output';
import { listEndpoints } from '../service';

interface EndpointRow {
  readonly name: string;
  readonly status: string;
  readonly liveVersion?: string;
  readonly targetVersion?: string;
  readonly failureReason?: string;
}

/** The harness with its status and latest version, and every endpoint with its live and target version. */
export async function statusCommand(ctx: CommandContext): Promise<CommandResult> {
  let harness;
  try {
    harness = (await withRetries(() => ctx.client.send(new GetHarnessCommand({ harnessId: ctx.harnessId })))).harness;
  } catch (e) {
    throw explain(e, 'GetHarness', harnessLabel(ctx.harnessId));
  }
  const endpoints: EndpointRow[] = (await listEndpoints(ctx.client, ctx.harnessId)).map((e) => ({
    name: e.endpointName ?? '?',
    status: e.status ?? '?',
    liveVersion: e.liveVersion,
    // Only meaningful while a switch is in progress.
    targetVersion: e.targetVersion && e.targetVersion !== e.liveVersion ? e.targetVersion : undefined,
    failureReason: e.failureReason,
  }));
  // DEFAULT is implicit; show it even if the listing leaves it out.
  if (!endpoints.some((e) => e.name === 'DEFAULT')) {
    endpoints.unshift({ name: 'DEFAULT', status: harness?.status === 'READY' ? 'READY' : harness?.status ?? '?', liveVersion: harness?.harnessVersion });
  }
  const json = {
    harness: {
      harnessId: harness?.harnessId ?? ctx.harnessId,
      harnessName: harness?.harnessName,
      arn: harness?.arn,
      status: harness?.status,
      latestVersion: harness?.harnessVersion,
      failureReason: harness?.failureReason,
    },
    endpoints,
  };
  const lines = [
    `Harness ${json.harness.harnessId} (${json.harness.harnessName ?? '?'}): ${json.harness.status}, latest version ${json.harness.latestVersion ?? '-'}`,
  ];
  if (json.harness.failureReason) lines.push(`  failure: ${json.harness.failureReason}`);
  lines.push('', table(['ENDPOINT', 'STATUS', 'LIVE', 'TARGET', 'FAILURE'], endpoints.map((e) => [
    e.name, e.status, e.liveVersion ?? '-', e.targetVersion ?? '-', e.failureReason ?? '',
  ])));
  return { human: lines.join('\n'), json };
}
