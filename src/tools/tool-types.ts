import { StringRules } from '../common/validation';

// The `tools[].type` values and the `config` member each one takes. Both are
// rendered from the same entry, so a tool's config always matches its type.

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

/** @internal */
export const TOOL_NAME_RULES: StringRules = {
  minLength: 1, maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/, patternDescription: 'letters, digits, _ and -',
};
