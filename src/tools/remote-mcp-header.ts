import { SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HarnessValidationError } from '../common/private/errors';
import { validateString } from '../common/private/validation';

/**
 * The value of an HTTP header the harness sends to a remote MCP server.
 *
 * Headers usually carry credentials, and CloudFormation stores the template in
 * plain text. So a header value is a `SecretValue` that renders as a dynamic
 * reference (`{{resolve:secretsmanager:...}}`), a NoEcho parameter or another
 * resolved reference — never the secret itself. (CloudFormation does not resolve
 * `{{resolve:ssm-secure:...}}` in this resource type, so SSM SecureString is refused.)
 * Literal text is possible only through `fromUnsafePlainText`, for values that are
 * not secret (a tenant id, a content type).
 *
 * The secret's value still ends up in the harness configuration (the service
 * stores headers as given); only the template is kept free of it.
 */
export abstract class RemoteMcpHeader {
  /**
   * A header value read from a secret at deploy time, e.g.
   * `SecretValue.secretsManager('mcp/token', { jsonField: 'bearer' })` or a NoEcho
   * `SecretValue.cfnParameter(...)`.
   *
   * `SecretValue.ssmSecure(...)` is refused at synth: CloudFormation resolves
   * SecureString references only in a few resource types, not this one.
   *
   * `SecretValue.unsafePlainText(...)` is refused at synth: it would put the
   * value in the template. Use `RemoteMcpHeader.fromUnsafePlainText` if you mean it.
   */
  public static fromSecretValue(secret: SecretValue): RemoteMcpHeader {
    return new SecretHeader(secret);
  }

  /**
   * A header value written into the template as plain text.
   *
   * Anyone who can read the template or the stack (`cloudformation:GetTemplate`,
   * the CDK output directory, the asset bucket) sees it. Use only for values that
   * are not secret.
   */
  public static fromUnsafePlainText(value: string): RemoteMcpHeader {
    return new PlainHeader(value);
  }

  /** @internal */
  public abstract _render(scope: Construct, path: string): string;
}

class PlainHeader extends RemoteMcpHeader {
  constructor(private readonly value: string) { super(); }

  public _render(_scope: Construct, path: string): string {
    validateString(path, this.value, { minLength: 1, maxLength: 16383 });
    return this.value;
  }
}

class SecretHeader extends RemoteMcpHeader {
  constructor(private readonly secret: SecretValue) { super(); }

  public _render(scope: Construct, path: string): string {
    // A SecretValue built with unsafePlainText resolves to its literal string;
    // every real secret source resolves either to a `{{resolve:...}}` dynamic
    // reference or to an intrinsic (Ref of a NoEcho parameter, Fn::GetAtt, Fn::Join).
    // Resolve the unwrapped value, not the SecretValue itself: resolving a SecretValue
    // throws when the app sets @aws-cdk/core:checkSecretUsage (as `cdk init` does).
    // unsafeUnwrap only turns the SecretValue into its token; the template still
    // carries the reference, not the secret.
    const token = this.secret.unsafeUnwrap();
    const resolved = Stack.of(scope).resolve(token);
    if (typeof resolved === 'string' && !resolved.startsWith('{{resolve:')) {
      throw new HarnessValidationError(path,
        'the SecretValue is plain text (SecretValue.unsafePlainText) and would be written into the template; '
        + 'read it from Secrets Manager (SecretValue.secretsManager) or a NoEcho parameter (SecretValue.cfnParameter), '
        + 'or use RemoteMcpHeader.fromUnsafePlainText for a value that is not secret');
    }
    // CloudFormation resolves ssm-secure references only in a fixed list of
    // resource properties, and the harness is not among them (validator E1027).
    if (typeof resolved === 'string' && resolved.startsWith('{{resolve:ssm-secure:')) {
      throw new HarnessValidationError(path,
        'SSM SecureString references ({{resolve:ssm-secure:...}}) are not supported by CloudFormation for this resource; '
        + 'store the value in Secrets Manager and use SecretValue.secretsManager');
    }
    if (!Token.isUnresolved(token)) {
      validateString(path, token, { minLength: 1, maxLength: 16383 });
    }
    return token;
  }
}
