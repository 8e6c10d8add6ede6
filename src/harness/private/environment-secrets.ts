import { SecretValue, Stack, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { HarnessValidationError } from '../../common/private/errors';

// Dynamic references that CloudFormation replaces with a secret's plain text.
// Environment variables are stored and shown in clear text (template, console,
// GetHarness), so a secret resolved into one is leaked wherever the harness is read.
const SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

const ALTERNATIVES = 'keep secrets out of environment variables: store an API key or OAuth client in an AgentCore Identity '
  + 'credential provider and use it through the model or tool options (for example outboundAuth or apiKeySecretArn), '
  + 'send a remote MCP server\'s secret as a header (RemoteMcpHeader.fromSecretValue), or give a git skill its credential (an API-key credential provider)';

/**
 * Fails when an environment variable holds a secret: a `SecretValue` token or a
 * `{{resolve:secretsmanager:…}}` / `{{resolve:ssm-secure:…}}` reference, also
 * when the reference is built inside `Fn::Join`/`Fn::Sub` or a Lazy value.
 * Tokens are resolved first, so only the literal pieces of values unknown until
 * deploy are searched.
 */
export function checkNoSecretsInEnvironment(scope: IConstruct, variables: Record<string, string> | undefined): void {
  if (!variables) return;
  const stack = Stack.of(scope);
  for (const [key, value] of Object.entries(variables)) {
    const resolved = stack.resolve(value);
    if (holdsSecretToken(value) || SECRET_REFERENCE.test(JSON.stringify(resolved)) || readsSecretAttribute(resolved)) {
      throw new HarnessValidationError(`environmentVariables.${key}`,
        'holds a secret (a SecretValue, a {{resolve:secretsmanager|ssm-secure:...}} reference or a resource\'s secret '
        + 'attribute such as an access key\'s SecretAccessKey), which would be stored '
        + `in plain text in the harness configuration; ${ALTERNATIVES}`);
    }
  }
}

function holdsSecretToken(value: string): boolean {
  const tokens = Tokenization.reverseString(value).tokens;
  return tokens.some(t => SecretValue.isSecretValue(t));
}

// Resource attributes whose value is itself a credential (AWS::IAM::AccessKey
// SecretAccessKey, AWS::AppSync::ApiKey ApiKey, generated passwords); ARNs and
// ids of secrets are not secret and pass.
const SECRET_ATTRIBUTE = /^(SecretAccessKey|ApiKey|SecretString|[A-Za-z.]*Password)$/;

function readsSecretAttribute(resolved: unknown): boolean {
  if (Array.isArray(resolved)) return resolved.some(readsSecretAttribute);
  if (resolved === null || typeof resolved !== 'object') return false;
  const getAtt = (resolved as Record<string, unknown>)['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[1] === 'string' && SECRET_ATTRIBUTE.test(getAtt[1])) return true;
  return Object.values(resolved).some(readsSecretAttribute);
}
