/**
 * The data-plane actions the harness performs on its memory at run time: write
 * the turn's events (CreateEvent), read the session's history back (ListEvents,
 * GetEvent) and recall long-term records (RetrieveMemoryRecords). This is the set
 * AWS's own AgentCore agent templates grant their runtime role.
 *
 * The service does not document which memory calls the managed agent loop makes.
 * Deleting events or records, listing actors and sessions and reading the memory's
 * configuration are administration, not something an agent turn needs, so they are
 * left out: a prompt-injected agent cannot erase history. If a future harness
 * feature needs more, grant it through `harness.grantPrincipal`.
 */
export const MEMORY_DATA_PLANE_ACTIONS = [
  'bedrock-agentcore:CreateEvent',
  'bedrock-agentcore:GetEvent',
  'bedrock-agentcore:ListEvents',
  'bedrock-agentcore:RetrieveMemoryRecords',
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
