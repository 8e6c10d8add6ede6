import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import { IApiKeyCredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessBindContext } from '../harness/bind-context';
import { workloadIdentityArns } from '../harness/execution-role';

/**
 * Grants the execution role the use of an API key given by ARN only.
 *
 * Mirrors what `IApiKeyCredentialProvider.grantUse` grants (the provider, its
 * token-vault parents and the harness's workload identity), but the secret the
 * provider stores the key in is unknown from the ARN, so the secret statement
 * covers the identity service's secrets in the provider's account and region.
 */
function grantApiKeyArn(ctx: HarnessBindContext, providerArn: string): void {
  const stack = Stack.of(ctx.scope);
  let region = stack.region;
  let account = stack.account;
  let vault = 'default';
  if (!Token.isUnresolved(providerArn)) {
    const parts = Arn.split(providerArn, ArnFormat.SLASH_RESOURCE_NAME);
    region = parts.region ?? region;
    account = parts.account ?? account;
    vault = (parts.resourceName ?? '').split('/')[0] || vault;
  }
  const agentcore = (resource: string) => `arn:${stack.partition}:bedrock-agentcore:${region}:${account}:${resource}`;

  ctx.addToRolePolicy(new iam.PolicyStatement({
    actions: ['bedrock-agentcore:GetResourceApiKey'],
    resources: [
      providerArn,
      agentcore(`token-vault/${vault}`),
      agentcore(`token-vault/${vault}/apikeycredentialprovider`),
      ...workloadIdentityArns(ctx.scope),
    ],
  }));
  ctx.addToRolePolicy(new iam.PolicyStatement({
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resources: [`arn:${stack.partition}:secretsmanager:${region}:${account}:secret:bedrock-agentcore-identity!*`],
  }));
}

/** Grants the use of an API key given as a provider or by ARN, and returns the ARN to render. */
export function bindApiKey(ctx: HarnessBindContext, provider: IApiKeyCredentialProvider | undefined, arn: string | undefined): string | undefined {
  if (provider) {
    provider.grantUse(ctx.grantee);
    return provider.credentialProviderArn;
  }
  if (arn !== undefined) {
    grantApiKeyArn(ctx, arn);
  }
  return arn;
}
