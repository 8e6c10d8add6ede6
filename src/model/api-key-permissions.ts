import { Stack, Token } from 'aws-cdk-lib';
import { IApiKeyCredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessBindContext } from '../harness/bind-context';
import { toPolicyStatement } from '../harness/execution-role';
import { credentialProviderStatements } from '../permissions/required-permissions';

/**
 * Grants the execution role the use of an API key given by ARN only: what
 * `IApiKeyCredentialProvider.grantUse` grants (the provider, its token-vault
 * parents and the harness's workload identity), from the shared permission module.
 * The secret the provider stores the key in is unknown from the ARN, so the secret
 * statement covers the identity service's secrets in the provider's account and region.
 */
function grantApiKeyArn(ctx: HarnessBindContext, providerArn: string): void {
  const stack = Stack.of(ctx.scope);
  // A token ARN cannot be split: its parents are placed in the stack's account and region.
  const arnForParents = Token.isUnresolved(providerArn) ? undefined : providerArn;
  for (const statement of credentialProviderStatements(stack, providerArn, 'apiKey', 'model API key', undefined, arnForParents)) {
    ctx.addToRolePolicy(toPolicyStatement(statement));
  }
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
