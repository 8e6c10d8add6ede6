import { pointEndpoint, waitForEndpoint } from '../../service/endpoint-switch';
import { listVersions, requireReadyVersion } from '../../service/list';
import { flag, requireFlag } from '../args';
import { CliError, EXIT } from '../cli-error';
import { CommandContext } from '../context';
import { parseEndpointName, parseVersion, refuseDefault } from '../harness-ref';
import { CommandResult } from '../output';
import { describePoint, runToken } from './promote';

/** `rollback --endpoint PROD [--to N]`: without --to, the highest READY version below the live one. */
export async function rollbackCommand(ctx: CommandContext): Promise<CommandResult> {
  const endpoint = parseEndpointName('endpoint', requireFlag(ctx.args, 'endpoint', '<endpoint>'));
  refuseDefault('endpoint', endpoint);
  const explicit = flag(ctx.args, 'to');
  let version: string;
  let basedOn: string | undefined;
  if (explicit !== undefined) {
    version = parseVersion('to', explicit);
    await requireReadyVersion(ctx.client, ctx.harnessId, version);
  } else {
    const live = await waitForEndpoint(ctx.client, ctx.harnessId, endpoint, { deadline: ctx.deadline });
    const previous = (await listVersions(ctx.client, ctx.harnessId))
      .find((v) => v.status === 'READY' && Number(v.harnessVersion) < Number(live));
    if (!previous?.harnessVersion) {
      throw new CliError(`${endpoint} of harness ${ctx.harnessId} serves version ${live} and no READY version is older; give --to <N>`, EXIT.notFound);
    }
    version = previous.harnessVersion;
    basedOn = live;
  }
  // Without --to, the choice depends on the live version read above: refuse if another writer moved it since.
  const result = await pointEndpoint(ctx.client, ctx.harnessId, endpoint, version, ctx.deadline, runToken(), basedOn);
  return { human: describePoint(ctx.harnessId, 'Rolled back', result), json: { harnessId: ctx.harnessId, ...result } };
}
