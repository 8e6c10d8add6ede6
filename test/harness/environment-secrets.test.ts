import { Fn, Lazy, SecretValue } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { harnessProperties, newHarness } from './helpers';
import { createTestStack } from '../support/app';

const POINTER = /AgentCore Identity credential provider.*RemoteMcpHeader\.fromSecretValue.*git skill/;

describe('environment variables never carry secrets', () => {
  test.each([
    ['a Secrets Manager dynamic reference', () => '{{resolve:secretsmanager:prod/token:SecretString:key}}'],
    ['an SSM SecureString dynamic reference', () => '{{resolve:ssm-secure:/prod/token:1}}'],
    ['a SecretValue token', () => SecretValue.secretsManager('prod/token').unsafeUnwrap()],
    ['a reference inside Fn::Join', () => Fn.join('', ['Bearer ', '{{resolve:secretsmanager:', 'prod/token}}'])],
    ['a reference inside Fn::Sub', () => Fn.sub('{{resolve:ssm-secure:/${P}:1}}', { P: 'prod' })],
    ['a Lazy value producing a reference', () => Lazy.string({ produce: () => '{{resolve:secretsmanager:prod/token}}' })],
  ])('%s fails at synth with the mechanisms to use instead', (_what, value) => {
    expect(() => newHarness({ environmentVariables: { TOKEN: value() } }))
      .toThrow(/environmentVariables\.TOKEN: holds a secret/);
    expect(() => newHarness({ environmentVariables: { TOKEN: value() } })).toThrow(POINTER);
  });

  test('a value read from a secret construct fails', () => {
    const stack = createTestStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    expect(() => newHarness({ environmentVariables: { PASSWORD: secret.secretValueFromJson('password').unsafeUnwrap() } }, stack))
      .toThrow(/environmentVariables\.PASSWORD: holds a secret/);
  });

  test('a secret resource attribute (SecretValue.resourceAttribute of an access key) fails', () => {
    const stack = createTestStack();
    const key = new iam.CfnAccessKey(stack, 'Key', { userName: 'bot' });
    expect(() => newHarness({
      environmentVariables: { AWS_SECRET: SecretValue.resourceAttribute(key.attrSecretAccessKey).unsafeUnwrap() },
    }, stack)).toThrow(/environmentVariables\.AWS_SECRET: holds a secret/);
  });

  test('plain values and non-secret references pass', () => {
    const stack = createTestStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    newHarness({
      environmentVariables: { MODE: 'prod', SECRET_ARN: secret.secretArn, REGION: stack.region, PARAM: '{{resolve:ssm:/plain}}', KEY_ID: new iam.CfnAccessKey(stack, 'Key', { userName: 'bot' }).ref },
    }, stack);
    expect(harnessProperties(stack).EnvironmentVariables.MODE).toBe('prod');
  });
});
