import { Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { HarnessTool } from '../../src';
import { validateToolSet } from '../../src/tools/private/validate-tools';
import { createFakeHarness } from '../support/bind-context';

const ID = 'cdk-agentcore-harness:allowed-tool-unmatched';

function render(stack: Stack, tools: HarnessTool[]) {
  const ctx: any = { scope: stack, grantee: undefined, addToRolePolicy: () => undefined, addPostCreateStatement: () => undefined };
  return tools.map(t => t._bind(ctx));
}

const fn = (name: string) => HarnessTool.inlineFunction({ name, description: 'd', inputSchema: { type: 'object' } });
const mcp = (name: string) => HarnessTool.fromRemoteMcpUrl('https://mcp.example.com', { name });

function warnings(stack: Stack) {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('allowed-tool-unmatched|matches no declared tool'));
}

describe('validateToolSet', () => {
  test('fails for duplicate tool names', () => {
    const stack = createFakeHarness().stack;
    expect(() => validateToolSet(stack, render(stack, [fn('a'), mcp('b'), fn('a')]), undefined))
      .toThrow(/tools\[2\].name: "a" is already used by another tool; tool names must be unique/);
  });

  test('tools without names never clash', () => {
    const stack = createFakeHarness().stack;
    expect(() => validateToolSet(stack, render(stack, [HarnessTool.browser(), HarnessTool.codeInterpreter()]), undefined)).not.toThrow();
  });

  test('fails for a bad name in a rendered tool (backstop for hand-made fragments)', () => {
    const stack = createFakeHarness().stack;
    expect(() => validateToolSet(stack, [{ type: 'remote_mcp', name: 'a b', config: { remoteMcp: { url: 'https://x' } } }], undefined))
      .toThrow(/tools\[0\].name: "a b" does not match/);
  });

  test('every factory renders a config member matching its type', () => {
    const stack = createFakeHarness().stack;
    const rendered = render(stack, [
      HarnessTool.fromGatewayArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/my-gateway-abcdef1234', { name: 'g' }),
      mcp('m'), HarnessTool.browser({ name: 'b' }), HarnessTool.codeInterpreter({ name: 'c' }), fn('f'),
    ]);
    expect(rendered.map(t => [t.type, Object.keys(t.config as object)])).toEqual([
      ['agentcore_gateway', ['agentCoreGateway']],
      ['remote_mcp', ['remoteMcp']],
      ['agentcore_browser', ['agentCoreBrowser']],
      ['agentcore_code_interpreter', ['agentCoreCodeInterpreter']],
      ['inline_function', ['inlineFunction']],
    ]);
    expect(() => validateToolSet(stack, rendered, undefined)).not.toThrow();
  });

  test('fails when a config member does not match the type', () => {
    const stack = createFakeHarness().stack;
    expect(() => validateToolSet(stack, [{ type: 'agentcore_browser', config: { remoteMcp: { url: 'https://x' } } }], undefined))
      .toThrow(/tools\[0\].config: has remoteMcp for type "agentcore_browser"; it must have exactly agentCoreBrowser/);
  });

  test.each([
    ['empty', '', /allowedTools\[0\]: "" is 0 characters long/],
    ['too long', 'a'.repeat(65), /allowedTools\[0\]: .* at most 64/],
    ['with two slashes', '@a/b/c', /allowedTools\[0\]: "@a\/b\/c" does not match/],
    ['a bare slash', 'a/', /allowedTools\[0\]: "a\/" does not match/],
  ])('fails for an allowedTools entry that is %s', (_what, entry, error) => {
    const stack = createFakeHarness().stack;
    expect(() => validateToolSet(stack, [], [entry])).toThrow(error);
  });

  test.each([
    ['*'],
    ['shell'],
    ['file_operations'],
    ['file_*'],
    ['@builtin'],
    ['@builtin/shell'],
    ['lookup'],
    ['look*'],
    ['@docs'],
    ['@docs/search'],
    ['@docs/read_*'],
    ['@*/status'],
  ])('does not warn for %s', (entry) => {
    const stack = createFakeHarness().stack;
    validateToolSet(stack, render(stack, [fn('lookup'), mcp('docs')]), [entry]);
    expect(warnings(stack)).toHaveLength(0);
  });

  test.each([
    ['looksup'],
    ['@builtin/python'],
    ['@git'],
    ['@git/status'],
    ['browser'],
  ])('warns for %s, which matches nothing declared', (entry) => {
    const stack = createFakeHarness().stack;
    validateToolSet(stack, render(stack, [fn('lookup'), mcp('docs')]), ['shell', entry]);
    const found = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`allowedTools\\[1\\] "${entry.replace(/[*/]/g, '.')}" matches no declared tool \\(declared: lookup, docs; built-in: shell, file_operations\\)`));
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found[0].entry.data)).toContain(ID);
  });

  test('token entries are neither checked nor warned about', () => {
    const stack = createFakeHarness().stack;
    expect(() => validateToolSet(stack, [], [Lazy.string({ produce: () => 'a/b/c' })])).not.toThrow();
    expect(warnings(stack)).toHaveLength(0);
  });
});
