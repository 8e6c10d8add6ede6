// eslint-disable-next-line import/no-extraneous-dependencies -- bundled into the CLI by esbuild; present through the AWS SDK's own dependencies
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { flag } from './args';
import { CliError, EXIT } from './cli-error';
import { CommandContext } from './context';
import { explain } from '../service/control';
import { withRetries } from '../service/retry';

/**
 * A harness ARN naming another account than the caller's would otherwise be reduced to its id and act on the
 * caller's own harness with that id. Refuse it (exit 8) unless --any-account says acting on the id is meant.
 */
export async function checkArnAccount(ctx: CommandContext): Promise<void> {
  if (ctx.arnAccount === undefined || ctx.args.flags['any-account'] === true) return;
  const region = flag(ctx.args, 'region') ?? (await ctx.client.config.region());
  const sts = new STSClient({ region });
  ctx.commandDeadline.guard(sts);
  let caller: string | undefined;
  try {
    caller = (await withRetries(() => sts.send(new GetCallerIdentityCommand({})))).Account;
  } catch (e) {
    throw explain(e, 'sts:GetCallerIdentity', 'the caller\'s credentials');
  } finally {
    sts.destroy();
  }
  if (caller !== undefined && caller !== ctx.arnAccount) {
    throw new CliError(
      `--harness names account ${ctx.arnAccount}, but the credentials belong to account ${caller}: refusing to act on ` +
      `harness ${ctx.harnessId} of account ${caller}. Use credentials of account ${ctx.arnAccount}, or pass --any-account ` +
      'to act on the harness with this id in the credentials\' account',
      EXIT.wrongAccount,
    );
  }
}
