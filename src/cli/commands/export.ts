import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies -- a devDependency on purpose: esbuild bundles it into the asset
import { GetHarnessCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { DEFAULT_ENDPOINT_NAME } from '../../common/private/endpoint-rules';
import { explain, harnessLabel } from '../../service/control';
import { listEndpoints } from '../../service/list';
import { withRetries } from '../../service/retry';
import { requireFlag } from '../args';
import { CliError, EXIT } from '../cli-error';
import { CommandContext } from '../context';
import { generateApp, LiveEndpoint } from '../export/generate-app';
import { captureRawJson } from '../export/raw-json';
import { CommandResult } from '../output';

/** The version of this package, for the generated package.json; `*` when unknown (a development build). */
function libraryVersion(): string {
  for (const candidate of [path.join(__dirname, '..', '..', '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8'));
      if (pkg.name === 'cdk-agentcore-harness' && typeof pkg.version === 'string' && pkg.version !== '0.0.0') return pkg.version;
    } catch {
      // not this one
    }
  }
  return '*';
}

/**
 * Tags are not part of GetHarness. Without permission to list them the export goes on, and says so, rather than
 * failing the whole export or silently writing an app without them.
 */
async function readTags(ctx: CommandContext, arn: string | undefined, what: string, unread: string[]): Promise<Record<string, string> | undefined> {
  if (!arn) return undefined;
  try {
    const out = await withRetries(() => ctx.client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
    return out.tags;
  } catch (e) {
    unread.push(`tags of ${what}: not read (${explain(e, 'ListTagsForResource', what).message}); add them by hand`);
    return undefined;
  }
}

/** Reads a live harness and its named endpoints and writes a CDK app that defines them with this library. */
export async function exportCommand(ctx: CommandContext): Promise<CommandResult> {
  const output = path.resolve(requireFlag(ctx.args, 'output', '<directory for the generated app>'));
  // Never overwrite someone's files: the directory must be new or empty.
  if (existsSync(output) && readdirSync(output).length > 0) {
    throw new CliError(`--output ${output} exists and is not empty; give a new or empty directory`, EXIT.usage);
  }
  const what = harnessLabel(ctx.harnessId);
  let harness: Record<string, any>;
  try {
    let raw: () => Record<string, any> | undefined = () => undefined;
    const out = await withRetries(() => {
      const command = new GetHarnessCommand({ harnessId: ctx.harnessId });
      raw = captureRawJson(command);
      return ctx.client.send(command);
    });
    if (!out.harness) throw new CliError(`GetHarness returned no harness for ${ctx.harnessId}`);
    // The raw body, so that fields unknown to the bundled SDK are reported rather than lost.
    harness = raw()?.harness ?? out.harness;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw explain(e, 'GetHarness', what);
  }
  const unread: string[] = [];
  const tags = await readTags(ctx, harness.arn, what, unread);
  const endpoints: LiveEndpoint[] = [];
  for (const e of await listEndpoints(ctx.client, ctx.harnessId)) {
    if (!e.endpointName || e.endpointName === DEFAULT_ENDPOINT_NAME) continue;
    endpoints.push({
      name: e.endpointName,
      arn: e.arn,
      liveVersion: e.liveVersion,
      status: e.status,
      description: e.description,
      tags: await readTags(ctx, e.arn, `endpoint ${e.endpointName}`, unread),
    });
  }
  endpoints.sort((a, b) => a.name.localeCompare(b.name));

  const app = generateApp({ harness, endpoints, tags, unread, libraryVersion: libraryVersion() });
  mkdirSync(output, { recursive: true });
  for (const [file, content] of Object.entries(app.files)) writeFileSync(path.join(output, file), content);

  const warnings = [
    ...app.unexpressed.map((u) => `not expressed: ${u}`),
    ...app.todos.map((t) => `supply: ${t}`),
  ];
  const human = [
    `Wrote a CDK app for harness ${ctx.harnessId} (${harness.harnessName}) to ${output}:`,
    ...Object.keys(app.files).map((f) => `  ${f}`),
    `${endpoints.length} named endpoint(s) pinned to the versions they serve; ${app.unexpressed.length} setting(s) not expressed` +
      `${app.todos.length > 0 ? `, ${app.todos.length} value(s) to supply` : ''}. See ${path.join(output, 'README.md')}.`,
  ].join('\n');
  return {
    human,
    json: {
      harnessId: ctx.harnessId,
      output,
      files: Object.keys(app.files),
      endpoints: endpoints.map((e) => ({ name: e.name, version: e.liveVersion })),
      unexpressed: app.unexpressed,
      todos: app.todos,
    },
    warnings,
  };
}
