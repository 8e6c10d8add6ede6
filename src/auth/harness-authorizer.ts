import { Annotations, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessJwtClaim } from './jwt-claim';
import { HarnessPrivateEndpoint } from './private-endpoint';

/** A private endpoint used for one domain of the identity provider. */
export interface HarnessPrivateEndpointOverride {
  /** The domain (1–253 characters), e.g. `login.internal.example.com`. */
  readonly domain: string;

  /** How that domain is reached. */
  readonly privateEndpoint: HarnessPrivateEndpoint;
}
import { HarnessValidationError } from '../common/private/errors';
import { show, validateListLength, validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';

/** Options for a JWT (OAuth/OIDC bearer token) authorizer. */
export interface HarnessJwtAuthorizerOptions {
  /**
   * The identity provider's OpenID Connect discovery URL, ending in
   * `/.well-known/openid-configuration`.
   */
  readonly discoveryUrl: string;

  /**
   * Accepted `aud` values (at least one when given).
   *
   * @default - the audience is not checked
   */
  readonly allowedAudience?: string[];

  /**
   * Accepted client ids (`client_id` claim; at least one when given).
   *
   * @default - the client is not checked
   */
  readonly allowedClients?: string[];

  /**
   * Scopes the token must carry (at least one when given; each 1–255 printable
   * ASCII characters without space, `"` or `\`).
   *
   * @default - scopes are not checked
   */
  readonly allowedScopes?: string[];

  /**
   * Checks on other claims (at least one when given).
   *
   * @default - no custom claim checks
   */
  readonly customClaims?: HarnessJwtClaim[];

  /**
   * Scope names to advertise to clients, keyed by the scope the token carries
   * (at most 50; keys and values follow the scope rules). Keys should be among
   * `allowedScopes`.
   *
   * @default - scopes are advertised as they are
   */
  readonly advertisedScopeMapping?: { [scope: string]: string };

  /**
   * How the authorizer reaches an identity provider that is only reachable
   * privately (for the discovery URL and keys).
   *
   * @default - the identity provider is reached over the internet
   */
  readonly privateEndpoint?: HarnessPrivateEndpoint;

  /**
   * Private endpoints for individual domains (at most 5).
   *
   * @default - none
   */
  readonly privateEndpointOverrides?: HarnessPrivateEndpointOverride[];
}

const DISCOVERY_URL = /^.+\/\.well-known\/openid-configuration$/;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const SCOPE_RULES = { minLength: 1, maxLength: 255, pattern: SCOPE, patternDescription: 'printable ASCII without space, " or \\' };

/**
 * How callers authenticate to InvokeHarness: IAM (SigV4, the default) or a JWT
 * authorizer. Use the static factories.
 */
export abstract class HarnessAuthorizer {
  /**
   * IAM (SigV4): callers need `bedrock-agentcore:InvokeHarness` (see
   * `harness.grantInvoke`). Renders nothing: IAM is the service default.
   */
  public static iam(): HarnessAuthorizer {
    return new IamAuthorizer();
  }

  /**
   * Bearer tokens from an OAuth/OIDC identity provider. SigV4 calls are then
   * likely refused, so smoke tests and clients must send a token.
   */
  public static jwt(options: HarnessJwtAuthorizerOptions): HarnessAuthorizer {
    return new JwtAuthorizer(options);
  }

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.AuthorizerConfigurationProperty | undefined;
}

class IamAuthorizer extends HarnessAuthorizer {
  public _bind(): CfnHarness.AuthorizerConfigurationProperty | undefined {
    return undefined;
  }
}

class JwtAuthorizer extends HarnessAuthorizer {
  constructor(private readonly options: HarnessJwtAuthorizerOptions) {
    super();
    const o = options;
    const p = 'authorizer';
    validateString(`${p}.discoveryUrl`, o.discoveryUrl, {
      minLength: 1, pattern: DISCOVERY_URL, patternDescription: 'a URL ending in /.well-known/openid-configuration',
    });
    validateListLength(`${p}.allowedAudience`, o.allowedAudience, 1);
    validateListLength(`${p}.allowedClients`, o.allowedClients, 1);
    validateListLength(`${p}.allowedScopes`, o.allowedScopes, 1);
    validateListLength(`${p}.customClaims`, o.customClaims, 1);
    if (o.allowedScopes && !Token.isUnresolved(o.allowedScopes)) {
      o.allowedScopes.forEach((s, i) => validateString(`${p}.allowedScopes[${i}]`, s, SCOPE_RULES));
    }
    validateListLength(`${p}.privateEndpointOverrides`, o.privateEndpointOverrides, 0, 5);
    o.privateEndpointOverrides?.forEach((ov, i) =>
      validateString(`${p}.privateEndpointOverrides[${i}].domain`, ov.domain, { minLength: 1, maxLength: 253 }));
    const mapping = o.advertisedScopeMapping;
    if (mapping !== undefined && !Token.isUnresolved(mapping)) {
      const entries = Object.entries(mapping);
      if (entries.length > 50) {
        throw new HarnessValidationError(`${p}.advertisedScopeMapping`, `has ${entries.length} entries; at most 50 are allowed`);
      }
      for (const [k, v] of entries) {
        validateString(`${p}.advertisedScopeMapping`, k, SCOPE_RULES);
        validateString(`${p}.advertisedScopeMapping.${k}`, v, SCOPE_RULES);
      }
    }
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.AuthorizerConfigurationProperty {
    const o = this.options;
    const customClaims = o.customClaims?.map((c, i) => c._render(`authorizer.customClaims[${i}]`));
    const mapping = o.advertisedScopeMapping;
    if (mapping && !Token.isUnresolved(mapping) && o.allowedScopes && !Token.isUnresolved(o.allowedScopes)) {
      const unknown = Object.keys(mapping).filter(k => !Token.isUnresolved(k) && !o.allowedScopes!.includes(k));
      if (unknown.length > 0) {
        Annotations.of(ctx.scope).addWarningV2('cdk-agentcore-harness:advertised-scope-not-allowed',
          `authorizer.advertisedScopeMapping maps ${unknown.map(u => show(u)).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in `
          + 'allowedScopes; tokens carrying only such scopes are rejected, so the mapping is probably a typo.');
      }
    }
    return {
      customJwtAuthorizer: {
        discoveryUrl: o.discoveryUrl,
        allowedAudience: o.allowedAudience,
        allowedClients: o.allowedClients,
        allowedScopes: o.allowedScopes,
        customClaims,
        advertisedScopeMapping: mapping && Object.keys(mapping).length > 0 ? mapping : undefined,
        privateEndpoint: o.privateEndpoint?._render('authorizer.privateEndpoint'),
        privateEndpointOverrides: o.privateEndpointOverrides?.map((ov, i) => ({
          domain: ov.domain,
          privateEndpoint: ov.privateEndpoint._render(`authorizer.privateEndpointOverrides[${i}].privateEndpoint`),
        })),
      },
    };
  }
}
