// Execution-role actions per tool type. Session actions
// are granted on the one browser / code interpreter the tool uses.

export const BROWSER_SESSION_ACTIONS = [
  'bedrock-agentcore:StartBrowserSession',
  'bedrock-agentcore:StopBrowserSession',
  'bedrock-agentcore:GetBrowserSession',
  'bedrock-agentcore:ListBrowserSessions',
  'bedrock-agentcore:UpdateBrowserStream',
  'bedrock-agentcore:ConnectBrowserAutomationStream',
  'bedrock-agentcore:ConnectBrowserLiveViewStream',
];

/** What `IBrowserCustom.grantUse` leaves out of BROWSER_SESSION_ACTIONS. */
export const BROWSER_EXTRA_ACTIONS = [
  'bedrock-agentcore:GetBrowserSession',
  'bedrock-agentcore:ListBrowserSessions',
  'bedrock-agentcore:ConnectBrowserLiveViewStream',
];

export const CODE_INTERPRETER_SESSION_ACTIONS = [
  'bedrock-agentcore:StartCodeInterpreterSession',
  'bedrock-agentcore:StopCodeInterpreterSession',
  'bedrock-agentcore:GetCodeInterpreterSession',
  'bedrock-agentcore:ListCodeInterpreterSessions',
  'bedrock-agentcore:InvokeCodeInterpreter',
];

/** What `ICodeInterpreterCustom.grantUse` leaves out of CODE_INTERPRETER_SESSION_ACTIONS. */
export const CODE_INTERPRETER_EXTRA_ACTIONS = [
  'bedrock-agentcore:GetCodeInterpreterSession',
  'bedrock-agentcore:ListCodeInterpreterSessions',
];

export const GATEWAY_INVOKE_ACTIONS = ['bedrock-agentcore:InvokeGateway'];
