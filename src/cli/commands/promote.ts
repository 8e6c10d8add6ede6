import { randomUUID } from 'crypto';
import { pointEndpoint, PointResult, waitForEndpoint } from '../../service/endpoint-switch';
import { requireReadyVersion } from '../../service/list';
import { flag, requireFlag } from '../args';
import { CliError, EXIT } from '../cli-error';
import { CommandContext } from '../context';
import { parseEvaluationGate, runEvaluationGate } from '../evaluation/gate';
import { parseEndpointName, parseVersion, refuseDefault } from '../harness-ref';
import { CommandResult } from '../output';

export function describePoint(harnessId: string, verb: string, r: PointResult): string {
  return r.changed
    ? `${verb} ${r.endpoint} of harness ${harnessId} from version ${r.previousVersion ?? '-'} to ${r.version}; it is READY`
    : `${r.endpoint} of harness ${harnessId} already serves version ${r.version}; nothing to do`;
}

/** One idempotency token per run: our own retries of the update then count as one request. */
export function runToken(): string {
  return `cli-${randomUUID()}`;
}

/** `promote --from STAGING --to PROD` (what STAGING serves now) or `promote --to PROD --version N`. */
export async function promoteCommand(ctx: CommandContext): Promise<CommandResult> {
  const to = parseEndpointName('to', requireFlag(ctx.args, 'to', '<endpoint>'));
  refuseDefault('to', to);
  const from = flag(ctx.args, 'from');
  const pinned = flag(ctx.args, 'version');
  if ((from === undefined) === (pinned === undefined)) {
    throw new CliError('promote needs exactly one of --from <endpoint> or --version <N>', EXIT.usage);
  }
  const gate = parseEvaluationGate(ctx.args);
  if (gate && from === undefined) {
    throw new CliError('--evaluation-config gates on the results of the source endpoint: use it with --from, not --version', EXIT.usage);
  }
  let version: string;
  if (from !== undefined) {
    parseEndpointName('from', from);
    if (from === to) throw new CliError(`--from and --to are both ${to}; promote from another endpoint`, EXIT.usage);
    // The source must be settled: promoting mid-switch would pick a version nobody chose.
    version = await waitForEndpoint(ctx.client, ctx.harnessId, from, { deadline: ctx.deadline });
  } else {
    version = parseVersion('version', pinned!);
    await requireReadyVersion(ctx.client, ctx.harnessId, version);
  }
  // The gate reads the source's results after the source settled, before anything moves.
  const gated = gate && await runEvaluationGate(gate, {
    region: await ctx.client.config.region(),
    deadline: ctx.deadline,
    promotion: `promoting ${to} of harness ${ctx.harnessId} to version ${version} (from ${from})`,
  });
  const result = await pointEndpoint(ctx.client, ctx.harnessId, to, version, ctx.deadline, runToken());
  return {
    human: (gated ? `${gated.human}\n` : '') + describePoint(ctx.harnessId, 'Promoted', result) + (from && result.changed ? ` (from ${from})` : ''),
    json: { harnessId: ctx.harnessId, source: from, ...result, ...(gated ? { evaluationGate: gated.json } : {}) },
  };
}
