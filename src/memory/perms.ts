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

/**
 * KMS actions for a managed memory's customer-managed key. Undocumented for the
 * harness; these are what aws-cdk-lib's `Memory` grants its memory role.
 */
export const MEMORY_KMS_ACTIONS = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncrypt*',
];
