import { DEFAULT_ENDPOINT_NAME } from '../../common/private/endpoint-rules';
import { getHarness } from '../../service/control';
import { listEndpoints } from '../../service/list';
import { isSwitching } from '../../service/status';
import { CommandContext } from '../context';
import { CommandResult, table } from '../output';

interface EndpointRow {
  readonly name: string;
  readonly status: string;
  readonly liveVersion?: string;
  readonly targetVersion?: string;
  readonly failureReason?: string;
}

/** The harness with its status and latest version, and every endpoint with its live and target version. */
export async function statusCommand(ctx: CommandContext): Promise<CommandResult> {
  const harness = await getHarness(ctx.client, ctx.harnessId);
  const endpoints: EndpointRow[] = (await listEndpoints(ctx.client, ctx.harnessId)).map((e) => ({
    name: e.endpointName ?? '?',
    status: e.status ?? '?',
    liveVersion: e.liveVersion,
    // Only meaningful while a switch is in progress.
    targetVersion: isSwitching(e.liveVersion, e.targetVersion) ? e.targetVersion : undefined,
    failureReason: e.failureReason,
  }));
  // DEFAULT is implicit; show it even if the listing leaves it out.
  if (!endpoints.some((e) => e.name === DEFAULT_ENDPOINT_NAME)) {
    endpoints.unshift({ name: DEFAULT_ENDPOINT_NAME, status: harness.status ?? '?', liveVersion: harness.harnessVersion });
  }
  const json = {
    harness: {
      harnessId: ctx.harnessId,
      harnessName: harness.harnessName,
      arn: harness.arn,
      status: harness.status,
      latestVersion: harness.harnessVersion,
      failureReason: harness.failureReason,
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
