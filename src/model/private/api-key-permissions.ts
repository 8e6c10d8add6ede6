import { IApiKeyCredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import { API_KEY_PROVIDER, grantCredentialProvider } from '../../common/private/credential-provider-grants';
import { HarnessBindContext } from '../../harness/private/bind-context';

/**
 * Grants the use of an API key given as a provider or by ARN (that provider and
 * its own secret only), and returns the ARN to render.
 */
export function bindApiKey(ctx: HarnessBindContext, provider: IApiKeyCredentialProvider | undefined, arn: string | undefined): string | undefined {
  if (provider) {
    grantCredentialProvider(ctx, API_KEY_PROVIDER, provider.credentialProviderArn, provider.apiKeySecretArn);
    return provider.credentialProviderArn;
  }
  if (arn !== undefined) {
    grantCredentialProvider(ctx, API_KEY_PROVIDER, arn, undefined);
  }
  return arn;
}
