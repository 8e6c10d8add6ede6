import { Annotations, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';
import { CONFIG_MEMBER_FOR_TYPE } from './tool-types';
import { HarnessValidationError } from '../../common/private/errors';
import { OPTION_NAME_RULES, show, validateString } from '../../common/private/validation';

const ALLOWED_TOOL_PATTERN = /^(\*|@?[^/]+(\/[^/]+)?)$/;

/** Tools every session has unless `allowedTools` leaves them out. */
const BUILTIN_TOOLS = ['shell', 'file_operations'];
const BUILTIN_SERVER = 'builtin';

/**
 * Checks the rendered tool set as a whole: names valid and unique, each
 * config member matching its type, allowedTools entries well-formed, and a
 * warning (`cdk-agentcore-harness:allowed-tool-unmatched`) for entries that
 * match nothing declared.
 *
 * Matching rule (`*` and `?` are globs in every part):
 * - `*` matches everything.
 * - `name` matches a declared tool name or a built-in (`shell`, `file_operations`).
 * - `@builtin` and `@builtin/name` match the built-ins.
 * - `@server` and `@server/tool` match when `server` matches a declared tool name
 *   (the gateway or MCP server). The tool part is not checked: a gateway's or
 *   MCP server's tools are only known at run time.
 * Tools without an explicit name get a service-inferred name this check cannot
 * see, so entries meant for them are reported too: give such tools a name.
 *
 * @internal
 */
export function validateToolSet(
  scope: Construct,
  tools: CfnHarness.HarnessToolProperty[],
  allowedTools: string[] | undefined,
): void {
  const names: string[] = [];
  tools.forEach((tool, i) => {
    const name = tool.name;
    if (name !== undefined && !Token.isUnresolved(name)) {
      validateString(`tools[${i}].name`, name, OPTION_NAME_RULES);
      const first = names.indexOf(name);
      if (first >= 0) {
        throw new HarnessValidationError(`tools[${i}].name`,
          `${show(name)} is already used by another tool; tool names must be unique within the harness`);
      }
      names.push(name);
    }
    checkConfigMatchesType(`tools[${i}]`, tool);
  });

  if (allowedTools === undefined || Token.isUnresolved(allowedTools)) return;
  allowedTools.forEach((entry, i) => {
    validateString(`allowedTools[${i}]`, entry, {
      minLength: 1,
      maxLength: 64,
      pattern: ALLOWED_TOOL_PATTERN,
      patternDescription: "'*', a tool name, '@server' or '@server/tool'",
    });
    if (Token.isUnresolved(entry)) return;
    if (!matchesSomething(entry, names)) {
      Annotations.of(scope).addWarningV2('cdk-agentcore-harness:allowed-tool-unmatched',
        `allowedTools[${i}] ${show(entry)} matches no declared tool (declared: ${names.length ? names.join(', ') : 'none'}; `
        + `built-in: ${BUILTIN_TOOLS.join(', ')}). Check the spelling; tools of a gateway or MCP server are addressed as `
        + "'@<tool name>/<tool>', and tools without an explicit name cannot be matched.");
    }
  });
}

function checkConfigMatchesType(path: string, tool: CfnHarness.HarnessToolProperty): void {
  if (Token.isUnresolved(tool.type) || tool.config === undefined || Token.isUnresolved(tool.config)) return;
  const expected = CONFIG_MEMBER_FOR_TYPE[tool.type];
  const members = Object.entries(tool.config).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (expected === undefined || members.length !== 1 || members[0] !== expected) {
    throw new HarnessValidationError(`${path}.config`,
      `has ${members.length ? members.join(', ') : 'no member'} for type ${show(tool.type)}; `
      + `it must have exactly ${expected ?? 'a member matching the type'}`);
  }
}

function matchesSomething(entry: string, names: string[]): boolean {
  if (entry === '*') return true;
  if (entry.startsWith('@')) {
    const [server, tool] = entry.slice(1).split('/');
    const serverRe = glob(server);
    if (serverRe.test(BUILTIN_SERVER) && (tool === undefined || BUILTIN_TOOLS.some(b => glob(tool).test(b)))) {
      return true;
    }
    return names.some(n => serverRe.test(n));
  }
  const re = glob(entry);
  return [...names, ...BUILTIN_TOOLS].some(n => re.test(n));
}

function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
