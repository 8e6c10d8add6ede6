/** The data-plane actions the harness performs on its memory. */
export const MEMORY_DATA_PLANE_ACTIONS = [
  'bedrock-agentcore:CreateEvent',
  'bedrock-agentcore:GetEvent',
  'bedrock-agentcore:ListEvents',
  'bedrock-agentcore:DeleteEvent',
  'bedrock-agentcore:ListActors',
  'bedrock-agentcore:ListSessions',
  'bedrock-agentcore:GetMemory',
  'bedrock-agentcore:GetMemoryRecord',
  'bedrock-agentcore:ListMemoryRecords',
  'bedrock-agentcore:RetrieveMemoryRecords',
  'bedrock-agentcore:DeleteMemoryRecord',
];
