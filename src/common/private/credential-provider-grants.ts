import { Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessBindContext } from '../../harness/private/bind-context';
import { workloadIdentityArns } from '../../harness/private/execution-role';
import { API_KEY_USE_ACTIONS, CREDENTIAL_SECRET_READ_ACTIONS, OAUTH2_USE_ACTIONS } from '../../permissions/private/required-permissions';

export { API_KEY_USE_ACTIONS, CREDENTIAL_SECRET_READ_ACTIONS, OAUTH2_USE_ACTIONS };


/** The kind of credential provider: its collection in the token vault and its secrets' folder. */
export interface CredentialProviderKind {
  /** `token-vault/<vault>/<collection>/<name>` in the provider ARN. */
  readonly collection: string;
  /** `bedrock-agentcore-identity!<vault>/<folder>/<name>-<suffix>` for the secret. */
  readonly secretFolder: string;
  readonly actions: string[];
}

export const API_KEY_PROVIDER: CredentialProviderKind = {
  collection: 'apikeycredentialprovider', secretFolder: 'apikey', actions: API_KEY_USE_ACTIONS,
};

export const OAUTH2_PROVIDER: CredentialProviderKind = {
  collection: 'oauth2credentialprovider', secretFolder: 'oauth2', actions: OAUTH2_USE_ACTIONS,
};

/**
 * Grants the execution role the use of ONE credential provider: the data-plane
 * actions on that provider (with the token-vault parents and the workload
 * identities the service also authorizes against, as aws-cdk-lib's `grantUse`
 * does), and read access to that provider's secret only.
 *
 * aws-cdk-lib's `grantUse` falls back to every `bedrock-agentcore-identity!*`
 * secret whenever the secret ARN is a deploy-time value (always for a provider
 * defined in the app: the attribute is an object CloudFormation cannot put in a
 * policy). Instead, the secret is named from the provider ARN: AgentCore Identity
 * stores a provider's credential in `bedrock-agentcore-identity!<vault>/<apikey|oauth2>/<name>`,
 * to which Secrets Manager appends `-` and six random characters. That naming is
 * what the service does, not a documented contract; a literal secret ARN given on
 * import is used as is.
 */
export function grantCredentialProvider(
  ctx: HarnessBindContext, kind: CredentialProviderKind, providerArn: string, secretArn: string | undefined,
): void {
  const stack = Stack.of(ctx.scope);
  // A role can only use resources of its own partition.
  const partition = stack.partition;
  let region: string;
  let account: string;
  let vault: string;
  let name: string;
  if (Token.isUnresolved(providerArn)) {
    // arn:<partition>:bedrock-agentcore:<region>:<account>:token-vault/<vault>/<collection>/<name>
    const fields = Fn.split(':', providerArn);
    const path = Fn.split('/', Fn.select(5, fields));
    region = Fn.select(3, fields);
    account = Fn.select(4, fields);
    vault = Fn.select(1, path);
    name = Fn.select(3, path);
  } else {
    const fields = providerArn.split(':');
    const path = fields.slice(5).join(':').split('/');
    region = fields[3] || stack.region;
    account = fields[4] || stack.account;
    vault = path[1] || 'default';
    name = path.slice(3).join('/');
  }
  const agentcore = (resource: string) => `arn:${partition}:bedrock-agentcore:${region}:${account}:${resource}`;

  ctx.addToRolePolicy(new iam.PolicyStatement({
    actions: kind.actions,
    resources: [
      providerArn,
      agentcore(`token-vault/${vault}`),
      agentcore(`token-vault/${vault}/${kind.collection}`),
      ...workloadIdentityArns(ctx.scope),
    ],
  }));
  const secret = secretArn !== undefined && secretArn !== '' && !Token.isUnresolved(secretArn)
    ? secretArn
    : `arn:${partition}:secretsmanager:${region}:${account}:secret:bedrock-agentcore-identity!${vault}/${kind.secretFolder}/${name}-??????`;
  ctx.addToRolePolicy(new iam.PolicyStatement({ actions: CREDENTIAL_SECRET_READ_ACTIONS, resources: [secret] }));
}
