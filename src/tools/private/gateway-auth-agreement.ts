import { Token } from 'aws-cdk-lib';
import { CfnGateway, IGateway } from 'aws-cdk-lib/aws-bedrockagentcore';
import { HarnessValidationError } from '../../common/private/errors';
import { GatewayOutboundAuth } from '../gateway-outbound-auth';

/**
 * The inbound authorizer type of a gateway, when it is known at synth: read from
 * the `AWS::BedrockAgentCore::Gateway` the construct renders. A gateway imported
 * with `Gateway.fromGatewayAttributes` has none: its `authorizerConfiguration`
 * is a placeholder (always IAM) rather than the deployed gateway's, so it is not trusted.
 */
export function knownAuthorizerType(gateway: IGateway): string | undefined {
  const resource = gateway.node.defaultChild;
  if (!(resource instanceof CfnGateway)) return undefined;
  const type = resource.authorizerType;
  return typeof type === 'string' && !Token.isUnresolved(type) ? type : undefined;
}

const HOW_TO_MATCH: { [authorizerType: string]: string } = {
  AWS_IAM: 'use GatewayOutboundAuth.iam() (the execution role signs with SigV4 and gets InvokeGateway on this gateway)',
  NONE: 'use GatewayOutboundAuth.none() (the gateway accepts calls without credentials; sending some would only widen the role)',
  CUSTOM_JWT: 'pass outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes }) with an AgentCore Identity OAuth2 credential '
    + 'provider whose client and scopes the gateway\'s JWT authorizer accepts (for aws-cdk-lib\'s default Cognito authorizer: '
    + 'a provider for the gateway\'s user-pool client and its `oauthScopes`), or create the gateway with '
    + '`authorizerConfiguration: GatewayAuthorizer.usingAwsIam()` to let the execution role call it',
};

/**
 * The outbound auth of a gateway tool: the given one, checked against the
 * gateway's inbound authorizer when that is known, or the one that authorizer
 * accepts. A JWT authorizer has no default: the token must come from a
 * credential provider only the user can name.
 */
export function agreeOutboundAuth(path: string, gateway: IGateway | undefined, given: GatewayOutboundAuth | undefined): GatewayOutboundAuth {
  const type = gateway ? knownAuthorizerType(gateway) : undefined;
  if (type === undefined || !(type in HOW_TO_MATCH)) {
    return given ?? GatewayOutboundAuth.iam();
  }
  const where = `gateway ${gateway!.node.path} has a ${type} inbound authorizer`;
  if (given === undefined) {
    if (type === 'AWS_IAM') return GatewayOutboundAuth.iam();
    if (type === 'NONE') return GatewayOutboundAuth.none();
    throw new HarnessValidationError(`${path}.outboundAuth`,
      `is not set and ${where}, which only accepts a bearer token the harness cannot get by itself; ${HOW_TO_MATCH[type]}`);
  }
  if (given._matchingAuthorizer !== type) {
    throw new HarnessValidationError(`${path}.outboundAuth`,
      `is ${given._description} but ${where}, which would reject or ignore those calls; ${HOW_TO_MATCH[type]}`);
  }
  return given;
}
