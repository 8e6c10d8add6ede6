import * as fs from 'fs';
import * as path from 'path';
import * as patterns from '../../src/common/private/arn-patterns';
import { DEFAULT_ENDPOINT_NAME, isDefaultEndpointName } from '../../src/common/private/endpoint-rules';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const ARN_PATTERNS = Object.entries(patterns).filter(([name, v]) => v instanceof RegExp && /(^|_)ARN(_|$)/.test(name));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('ARN patterns', () => {
  test('every ARN pattern is built from the one partition fragment', () => {
    expect(ARN_PATTERNS.length).toBeGreaterThan(15);
    for (const [, pattern] of ARN_PATTERNS) {
      expect((pattern as RegExp).source.replace(`arn:(${patterns.PARTITION})`, `arn:${patterns.PARTITION}`)).toContain(`arn:${patterns.PARTITION}:`);
    }
    expect(patterns.LATTICE_RESOURCE_CONFIGURATION.source).toContain(`arn:${patterns.PARTITION}:`);
  });

  test.each(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b'])('every ARN pattern accepts the %s partition', (partition) => {
    const samples: Record<string, string> = {
      ROLE_ARN: 'iam::123456789012:role/r',
      HARNESS_ARN: 'bedrock-agentcore:us-east-1:123456789012:harness/my_agent-a1B2c3D4e5',
      MEMORY_ARN: 'bedrock-agentcore:us-east-1:123456789012:memory/my_memory-abcdef1234',
      API_KEY_PROVIDER_ARN: 'bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/k',
      GATEWAY_ARN: 'bedrock-agentcore:us-east-1:123456789012:gateway/my-gateway-abcdef1234',
      LAMBDA_ARN: 'lambda:us-east-1:123456789012:function:f',
      KMS_KEY_ARN: 'kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012',
    };
    for (const [name, rest] of Object.entries(samples)) {
      expect([name, (patterns as any)[name].test(`arn:${partition}:${rest}`)]).toEqual([name, true]);
    }
  });

  test.each(['', 'aws-', 'AWS', 'azure'])('rejects the partition %j', (partition) => {
    expect(patterns.ROLE_ARN.test(`arn:${partition}:iam::123456789012:role/r`)).toBe(false);
    expect(patterns.ANY_ARN.test(`arn:${partition}:s3:::bucket`)).toBe(false);
  });

  test('the captured groups of the parsing patterns', () => {
    expect(patterns.HARNESS_ARN_PARTS.exec('arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:harness/a-b')?.slice(1))
      .toEqual(['cn-north-1', '123456789012', 'a-b']);
    expect(patterns.ANY_ARN.exec('arn:aws-us-gov:s3:::bucket/key')?.slice(1)).toEqual(['aws-us-gov', 's3', '', '', 'bucket/key']);
    expect(patterns.CUSTOM_EVALUATOR_ARN.exec('arn:aws:bedrock-agentcore:us-east-1:123456789012:evaluator/quality-a1B2c3D4e5')?.[1])
      .toEqual('quality-a1B2c3D4e5');
    expect(patterns.ONLINE_EVALUATION_CONFIG_ARN.exec(
      'arn:aws:bedrock-agentcore:us-east-1:123456789012:online-evaluation-config/staging-a1B2c3D4e5')?.slice(1))
      .toEqual(['us-east-1', '123456789012', 'staging-a1B2c3D4e5']);
  });

  test('no other source file writes an ARN regular expression of its own', () => {
    const offenders = sourceFiles(SRC)
      .filter(f => !f.endsWith(path.join('common', 'private', 'arn-patterns.ts')))
      .flatMap(f => fs.readFileSync(f, 'utf8').split('\n')
        .map((line, i) => ({ line, where: `${path.relative(SRC, f)}:${i + 1}` }))
        .filter(({ line }) => /\/\^?\(?arn:|RegExp\(`\^arn:/.test(line))
        .map(({ where }) => where));
    expect(offenders).toEqual([]);
  });
});

describe('the DEFAULT endpoint name', () => {
  test('is one constant', () => {
    expect(DEFAULT_ENDPOINT_NAME).toBe('DEFAULT');
  });

  test.each(['DEFAULT', 'default', 'Default'])('%s is the DEFAULT endpoint', (name) => {
    expect(isDefaultEndpointName(name)).toBe(true);
  });

  test('no other source file spells the name', () => {
    const offenders = sourceFiles(SRC)
      .filter(f => !f.endsWith(path.join('common', 'private', 'endpoint-rules.ts')))
      .filter(f => /'DEFAULT'|"DEFAULT"/.test(fs.readFileSync(f, 'utf8')))
      .map(f => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
