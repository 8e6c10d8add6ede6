// The `tools[].type` values and the `config` member each one takes. The tool
// classes write the member themselves; validateToolSet checks the pair against
// this table, as a backstop for fragments that do not come from those classes.

/** @internal */
export const TOOL_TYPE = {
  REMOTE_MCP: 'remote_mcp',
  BROWSER: 'agentcore_browser',
  GATEWAY: 'agentcore_gateway',
  INLINE_FUNCTION: 'inline_function',
  CODE_INTERPRETER: 'agentcore_code_interpreter',
} as const;

/** @internal */
export const CONFIG_MEMBER_FOR_TYPE: Record<string, string> = {
  [TOOL_TYPE.REMOTE_MCP]: 'remoteMcp',
  [TOOL_TYPE.BROWSER]: 'agentCoreBrowser',
  [TOOL_TYPE.GATEWAY]: 'agentCoreGateway',
  [TOOL_TYPE.INLINE_FUNCTION]: 'inlineFunction',
  [TOOL_TYPE.CODE_INTERPRETER]: 'agentCoreCodeInterpreter',
};

