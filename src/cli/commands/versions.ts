import { listEndpoints, listVersions } from '../../service/list';
import { CommandContext } from '../context';
import { CommandResult, table } from '../output';

/** Every version, newest first, with the endpoints that serve it. */
export async function versionsCommand(ctx: CommandContext): Promise<CommandResult> {
  const [versions, endpoints] = await Promise.all([listVersions(ctx.client, ctx.harnessId), listEndpoints(ctx.client, ctx.harnessId)]);
  const rows = versions.map((v) => ({
    version: v.harnessVersion ?? '?',
    status: v.status ?? '?',
    createdAt: v.createdAt?.toISOString(),
    failureReason: v.failureReason,
    endpoints: endpoints.filter((e) => e.liveVersion === v.harnessVersion).map((e) => e.endpointName ?? '?'),
  }));
  const human = rows.length === 0
    ? `Harness ${ctx.harnessId} has no versions`
    : table(['VERSION', 'STATUS', 'CREATED', 'ENDPOINTS', 'FAILURE'], rows.map((r) => [
      r.version, r.status, r.createdAt ?? '-', r.endpoints.join(',') || '-', r.failureReason ?? '',
    ]));
  return { human, json: { harnessId: ctx.harnessId, versions: rows } };
}
