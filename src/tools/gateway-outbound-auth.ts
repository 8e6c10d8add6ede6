import { CfnHarness, IOAuth2CredentialProvider } from 'aws-cdk-lib/aws-bedrockagentcore';
import { ACCOUNT_ARN } from '../common/private/arn-patterns';
import { grantCredentialProvider, OAUTH2_PROVIDER } from '../common/private/credential-provider-grants';
import { HarnessValidationError } from '../common/private/errors';
import { isUnresolved, show, validateListLength, validateString, validateStringMap } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

/** The OAuth grant the gateway's credential provider uses to get a token. */
export enum GatewayOAuthGrantType {
  /** Machine-to-machine: the provider's client id and secret. */
  CLIENT_CREDENTIALS = 'CLIENT_CREDENTIALS',
  /** On behalf of a user, who consents through `defaultReturnUrl`. */
  AUTHORIZATION_CODE = 'AUTHORIZATION_CODE',
}

/** OAuth outbound authentication for a gateway tool. */
export interface GatewayOAuthOptions {
  /**
   * The OAuth scopes to request (at most 100, each 1–64 characters).
   */
  readonly scopes: string[];

  /**
   * The OAuth grant type.
   *
   * @default - the service decides (the credential provider's configuration)
   */
  readonly grantType?: GatewayOAuthGrantType;

  /**
   * Extra parameters sent to the authorization server (1–10 entries, values 1–2048 characters).
   *
   * @default - none
   */
  readonly customParameters?: { [key: string]: string };

  /**
   * Where the user returns after consenting (AUTHORIZATION_CODE flows), 1–2048 characters,
   * a URL with a scheme (`scheme:...`).
   *
   * @default - none
   */
  readonly defaultReturnUrl?: string;
}

const RETURN_URL = /^\w+:(\/?\/?)[^\s]+$/;

/**
 * How the harness authenticates to a gateway: the execution role's IAM
 * credentials (SigV4, the default), no authentication, or an OAuth token from an
 * AgentCore Identity credential provider.
 */
export abstract class GatewayOutboundAuth {
  /** SigV4 with the execution role. The role gets `InvokeGateway` on that gateway. */
  public static iam(): GatewayOutboundAuth {
    return new SimpleAuth({ awsIam: {} });
  }

  /** No authentication (a gateway with no inbound auth). */
  public static none(): GatewayOutboundAuth {
    return new SimpleAuth({ none: {} });
  }

  /**
   * An OAuth token from an AgentCore Identity credential provider. The execution
   * role gets token-vault access to THAT provider and may read its own client
   * secret only; IAM and `none` get no token-vault access.
   */
  public static fromOAuthCredentialProvider(provider: IOAuth2CredentialProvider, options: GatewayOAuthOptions): GatewayOutboundAuth {
    return new OAuth(provider, options);
  }

  /**
   * Whether InvokeGateway must be granted (SigV4 calls only).
   * @internal
   */
  public abstract readonly _usesIam: boolean;

  /**
   * The gateway inbound authorizer type this outbound auth can pass
   * (`AWS_IAM`, `CUSTOM_JWT` or `NONE`, as aws-cdk-lib's `GatewayAuthorizerType`).
   * @internal
   */
  public abstract readonly _matchingAuthorizer: string;

  /**
   * How users write this outbound auth, for error messages.
   * @internal
   */
  public abstract readonly _description: string;

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext, path: string): CfnHarness.HarnessGatewayOutboundAuthProperty;

}

class SimpleAuth extends GatewayOutboundAuth {
  public readonly _usesIam: boolean;
  public readonly _matchingAuthorizer: string;
  public readonly _description: string;
  constructor(private readonly rendered: CfnHarness.HarnessGatewayOutboundAuthProperty) {
    super();
    this._usesIam = rendered.awsIam !== undefined;
    this._matchingAuthorizer = this._usesIam ? 'AWS_IAM' : 'NONE';
    this._description = this._usesIam ? 'GatewayOutboundAuth.iam() (SigV4)' : 'GatewayOutboundAuth.none() (no credentials)';
  }
  public _bind(): CfnHarness.HarnessGatewayOutboundAuthProperty {
    return this.rendered;
  }
}

class OAuth extends GatewayOutboundAuth {
  public readonly _usesIam = false;
  public readonly _matchingAuthorizer = 'CUSTOM_JWT';
  public readonly _description = 'GatewayOutboundAuth.fromOAuthCredentialProvider() (a bearer token)';

  constructor(private readonly provider: IOAuth2CredentialProvider, private readonly options: GatewayOAuthOptions) {
    super();
  }

  public _bind(ctx: HarnessBindContext, path: string): CfnHarness.HarnessGatewayOutboundAuthProperty {
    const o = this.options;
    const p = `${path}.outboundAuth`;
    const providerArn = this.provider.credentialProviderArn;
    validateString(`${p}.provider`, providerArn, { pattern: ACCOUNT_ARN, patternDescription: 'an ARN with a 12-digit account' });
    validateListLength(`${p}.scopes`, o.scopes, 0, 100);
    if (!isUnresolved(o.scopes)) {
      o.scopes.forEach((s, i) => validateString(`${p}.scopes[${i}]`, s, { minLength: 1, maxLength: 64 }));
    }
    if (o.customParameters !== undefined && !isUnresolved(o.customParameters)) {
      const count = Object.keys(o.customParameters).length;
      if (count < 1 || count > 10) {
        throw new HarnessValidationError(`${p}.customParameters`, `has ${count} entries; it must have between 1 and 10`);
      }
    }
    validateStringMap(`${p}.customParameters`, o.customParameters, { value: { minLength: 1, maxLength: 2048 } });
    validateString(`${p}.defaultReturnUrl`, o.defaultReturnUrl, {
      minLength: 1, maxLength: 2048, pattern: RETURN_URL, patternDescription: 'a URL with a scheme, e.g. https://...',
    });
    if (o.grantType !== undefined && !Object.values(GatewayOAuthGrantType).includes(o.grantType)) {
      throw new HarnessValidationError(`${p}.grantType`, `${show(o.grantType)} is not a GatewayOAuthGrantType`);
    }

    grantCredentialProvider(ctx, OAUTH2_PROVIDER, providerArn, this.provider.clientSecretArn);

    return {
      oauth: {
        providerArn,
        scopes: o.scopes,
        grantType: o.grantType,
        customParameters: o.customParameters,
        defaultReturnUrl: o.defaultReturnUrl,
      },
    };
  }
}
