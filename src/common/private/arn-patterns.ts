// ARN patterns shared by several options. Where the registry schemas disagree,
// the stricter one is used.

/**
 * An AgentCore Identity API-key credential provider. The June 2026 registry
 * schema accepts only the `aws` partition; the newer bundled validator accepts
 * any. We keep the stricter form until other partitions are confirmed.
 */
export const API_KEY_PROVIDER_ARN =
  /^arn:aws:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:token-vault\/[a-zA-Z0-9-.]+\/apikeycredentialprovider\/[a-zA-Z0-9-.]+$/;

export const API_KEY_PROVIDER_ARN_DESCRIPTION =
  'an API-key credential provider ARN arn:aws:bedrock-agentcore:<region>:<account>:token-vault/<vault>/apikeycredentialprovider/<name>';

/** An IAM role ARN with a 12-digit account (stricter than the API, which allows none). */
export const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::[0-9]{12}:role\/.+$/;

/** A harness ARN. */
export const HARNESS_ARN =
  /^arn:([^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:harness\/[a-zA-Z][a-zA-Z0-9_]{0,39}-[a-zA-Z0-9]{10}$/;

/** A harness id: the name, a hyphen and 10 service-generated characters. */
export const HARNESS_ID = /^[a-zA-Z][a-zA-Z0-9_]{0,39}-[a-zA-Z0-9]{10}$/;

/** A harness name: 1–40 characters, a letter first, then letters, digits or `_` (no hyphens). */
export const HARNESS_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** A VPC subnet id, for the harness network and for private authorizer endpoints. */
/** EC2 ids: the prefix and 8 (older resources) or 17 lower-case hex characters. */
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
