// Every ARN pattern of the library, the CLI and the handlers, built from one partition fragment so
// that every option accepts the same partitions. Pure (no aws-cdk-lib import): bundled code uses it.

/**
 * Every AWS partition: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, ... A non-capturing
 * group, so the groups of the patterns built with it stay numbered by their own parts.
 */
export const PARTITION = 'aws(?:-[a-z]+)*';
const REGION = '[a-z0-9-]+';
const ACCOUNT = '[0-9]{12}';

/** `^arn:<partition>:<service>:<region>:<account>:<resource>$` from regular-expression sources. */
function arn(service: string, region: string, account: string, resource: string): RegExp {
  return new RegExp(`^arn:${PARTITION}:${service}:${region}:${account}:${resource}$`);
}

/** The id of a resource AgentCore names `<name>-<10 service-chosen characters>`, the name at most `nameMax` long. */
function generatedId(nameMax: number): string {
  return `[a-zA-Z][a-zA-Z0-9_]{0,${nameMax - 1}}-[a-zA-Z0-9]{10}`;
}

/** Any ARN, its parts captured: 1 partition, 2 service, 3 region, 4 account, 5 resource. */
export const ANY_ARN = new RegExp(`^arn:(${PARTITION}):([^:]+):([^:]*):([^:]*):(.+)$`);

/** Any ARN with a 12-digit account (or none), as an outbound-auth credential provider is. */
export const ACCOUNT_ARN = arn('[^:]*', '[^:]*', `(?:${ACCOUNT})?`, '.+');

/** An AgentCore Identity API-key credential provider. */
export const API_KEY_PROVIDER_ARN =
  arn('bedrock-agentcore', REGION, ACCOUNT, 'token-vault/[a-zA-Z0-9-.]+/apikeycredentialprovider/[a-zA-Z0-9-.]+');

export const API_KEY_PROVIDER_ARN_DESCRIPTION =
  'an API-key credential provider ARN arn:<partition>:bedrock-agentcore:<region>:<account>:token-vault/<vault>/apikeycredentialprovider/<name>';

/** An IAM role ARN with a 12-digit account (stricter than the API, which allows none). */
export const ROLE_ARN = arn('iam', '', ACCOUNT, 'role/.+');

/** A harness id: the name, a hyphen and 10 service-generated characters. */
export const HARNESS_ID = new RegExp(`^${generatedId(40)}$`);

/** A harness ARN, as the construct accepts it. */
export const HARNESS_ARN = arn('bedrock-agentcore', REGION, ACCOUNT, `harness/${generatedId(40)}`);

/**
 * A harness ARN as the CLI reads it, its parts captured: 1 region, 2 account, 3 harness id
 * (checked against HARNESS_ID separately, for a message that names the id).
 */
export const HARNESS_ARN_PARTS = arn('bedrock-agentcore', `(${REGION})`, `(${ACCOUNT})`, 'harness/([^/]+)');

/** The region and account of any AgentCore ARN (a prefix match): 1 region, 2 account. */
export const AGENTCORE_ARN_PREFIX = new RegExp(`^arn:${PARTITION}:bedrock-agentcore:([^:]+):(${ACCOUNT}):`);

/** A harness name: 1–40 characters, a letter first, then letters, digits or `_` (no hyphens). */
export const HARNESS_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** A custom evaluator ARN; group 1 is the evaluator id. */
export const CUSTOM_EVALUATOR_ARN = arn('bedrock-agentcore', REGION, ACCOUNT, `evaluator/(${generatedId(48)})`);

/** An online evaluation configuration ARN: 1 region, 2 account, 3 configuration id. */
export const ONLINE_EVALUATION_CONFIG_ARN =
  arn('bedrock-agentcore', `(${REGION})`, `(${ACCOUNT})`, `online-evaluation-config/(${generatedId(48)})`);

/** A gateway ARN. */
export const GATEWAY_ARN = arn('bedrock-agentcore', '[a-z0-9-]{1,20}', ACCOUNT, 'gateway/([0-9a-z][-]?){1,48}-[a-z0-9]{10}');

/** A browser ARN: the AWS-managed browser or a custom one. */
export const BROWSER_ARN =
  arn('bedrock-agentcore', REGION, `(?:aws|${ACCOUNT})`, `browser(?:-custom)?/(?:aws\\.browser\\.v1|${generatedId(48)})`);

/** A code interpreter ARN: the AWS-managed code interpreter or a custom one. */
export const CODE_INTERPRETER_ARN = arn('bedrock-agentcore', REGION, `(?:aws|${ACCOUNT})`,
  `code-interpreter(?:-custom)?/(?:aws\\.codeinterpreter\\.v1|${generatedId(48)})`);

/** An AgentCore memory ARN. */
export const MEMORY_ARN = arn('bedrock-agentcore', REGION, ACCOUNT, 'memory/[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9]{10}');

/** A KMS key ARN. */
export const KMS_KEY_ARN = arn('kms', '[a-zA-Z0-9-]*', ACCOUNT, 'key/[a-zA-Z0-9-]{36}');

/** A Bedrock ARN (foundation model, inference profile, ...); foundation models have no account. */
export const BEDROCK_ARN = arn('bedrock', '[a-z0-9-]*', `(?:${ACCOUNT})?`, '[a-z-]+/[a-zA-Z0-9][a-zA-Z0-9.:/_-]*');

/** A Lambda function ARN. */
export const LAMBDA_ARN = arn('lambda', REGION, ACCOUNT, 'function:.+');

/** An SNS topic ARN. */
export const SNS_ARN = arn('sns', REGION, ACCOUNT, '.+');

/** An EventBridge event bus ARN. */
export const EVENT_BUS_ARN = arn('events', REGION, ACCOUNT, 'event-bus/.+');

/** A private ECR repository ARN. */
export const ECR_REPOSITORY_ARN = arn('ecr', REGION, ACCOUNT, 'repository/.+');

/** An S3 Files access point ARN. */
export const S3_FILES_ACCESS_POINT_ARN =
  new RegExp(`^arn:${PARTITION}:s3files:[0-9a-z-:]+:file-system/fs-[0-9a-f]{17,40}/access-point/fsap-[0-9a-f]{17,40}$`);

/** An EFS access point ARN. */
export const EFS_ACCESS_POINT_ARN = new RegExp(`^arn:${PARTITION}:elasticfilesystem:[0-9a-z-:]+:access-point/fsap-[0-9a-f]{8,40}$`);

/** A VPC Lattice resource configuration, by id or ARN. */
export const LATTICE_RESOURCE_CONFIGURATION =
  new RegExp(`^((rcfg-[0-9a-z]{17})|(arn:${PARTITION}:vpc-lattice:[a-zA-Z0-9-]+:${ACCOUNT}:resourceconfiguration/rcfg-[0-9a-z]{17}))$`);

/** A VPC subnet id, for the harness network and for private authorizer endpoints. */
/** EC2 ids: the prefix and 8 (older resources) or 17 lower-case hex characters. */
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
