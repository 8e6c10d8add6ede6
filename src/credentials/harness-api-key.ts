import { IApiKeyCredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import { API_KEY_PROVIDER_ARN, API_KEY_PROVIDER_ARN_DESCRIPTION } from '../common/private/arn-patterns';
import { API_KEY_PROVIDER, grantCredentialProvider } from '../common/private/credential-provider-grants';
import { validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

/**
 * An API key or token kept by an AgentCore Identity API-key credential
 * provider: the key of a third-party model, or the token of a private Git
 * repository. The execution role may use that provider and read its own secret
 * only.
 *
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/harness.html
 */
export abstract class HarnessApiKey {
  /**
   * A credential provider defined in this app or imported with
   * `ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes`.
   *
   * @example
   * declare const openAiKey: agentcore.IApiKeyCredentialProvider;
   * HarnessModel.openAi({ modelId: 'gpt-5', apiKey: HarnessApiKey.fromCredentialProvider(openAiKey) });
   */
  public static fromCredentialProvider(provider: IApiKeyCredentialProvider): HarnessApiKey {
    return new ApiKeyOf(provider.credentialProviderArn, provider.apiKeySecretArn);
  }

  /**
   * A credential provider by ARN
   * (`arn:aws:bedrock-agentcore:<region>:<account>:token-vault/<vault>/apikeycredentialprovider/<name>`).
   * The role may read the secret AgentCore Identity keeps its key in
   * (`bedrock-agentcore-identity!<vault>/apikey/<name>-??????`).
   */
  public static fromCredentialProviderArn(credentialProviderArn: string): HarnessApiKey {
    return new ApiKeyOf(credentialProviderArn, undefined);
  }

  /** The ARN of the credential provider, as rendered in the template. */
  public abstract readonly credentialProviderArn: string;

  /**
   * Checks the ARN; `path` is the property path used in error messages.
   * @internal
   */
  public abstract _validate(path: string): void;

  /**
   * Grants the execution role the use of the provider and returns its ARN.
   * @internal
   */
  public abstract _bind(ctx: HarnessBindContext): string;
}

class ApiKeyOf extends HarnessApiKey {
  constructor(public readonly credentialProviderArn: string, private readonly secretArn: string | undefined) {
    super();
  }

  public _validate(path: string): void {
    // Rendered as the provider's ARN, which CloudFormation checks against this pattern.
    validateString(path, this.credentialProviderArn, {
      pattern: API_KEY_PROVIDER_ARN,
      patternDescription: API_KEY_PROVIDER_ARN_DESCRIPTION,
    });
  }

  public _bind(ctx: HarnessBindContext): string {
    grantCredentialProvider(ctx, API_KEY_PROVIDER, this.credentialProviderArn, this.secretArn);
    return this.credentialProviderArn;
  }
}
