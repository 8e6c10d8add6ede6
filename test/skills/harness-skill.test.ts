import * as path from 'path';
import { Lazy } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HarnessApiKey, HarnessSkill } from '../../src';
import { createFakeHarness, harnessLogicalId, roleStatements } from '../support/bind-context';

const API_KEY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/github';
const FIXTURE = path.join(__dirname, 'fixtures', 'weather-skill');

function bindSkills(fake: ReturnType<typeof createFakeHarness>, ...skills: HarnessSkill[]) {
  const rendered = skills.map(s => s._bind(fake.ctx));
  fake.resource.skills = rendered;
  return rendered;
}

describe('HarnessSkill.aws', () => {
  test('renders the globs and grants nothing', () => {
    const fake = createFakeHarness();
    bindSkills(fake, HarnessSkill.aws(['core-skills/*', 'analytics/athena']), HarnessSkill.aws());
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Skills: [{ AwsSkills: { Paths: ['core-skills/*', 'analytics/athena'] } }, { AwsSkills: {} }],
    });
    expect(roleStatements(fake)).toEqual([]);
  });

  test.each([
    ['?', 'core-?', /skills.aws.paths\[0\]: "core-\?" does not match a path where \* is the only wildcard/],
    ['[', 'core-[ab]', /skills.aws.paths\[0\]: .* does not match/],
    ['empty', '', /skills.aws.paths\[0\]: "" is 0 characters long/],
    ['too long', 'a'.repeat(4097), /skills.aws.paths\[0\]: .* at most 4096/],
  ])('fails for a path with %s', (_what, p, error) => {
    expect(() => HarnessSkill.aws([p])).toThrow(error);
  });
});

describe('HarnessSkill.fromGitRepository', () => {
  test('a public repository renders url and path and grants nothing', () => {
    const fake = createFakeHarness();
    bindSkills(fake, HarnessSkill.fromGitRepository('https://github.com/anthropics/skills.git', { path: 'document-skills/pdf' }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Skills: [{ Git: { Url: 'https://github.com/anthropics/skills.git', Path: 'document-skills/pdf' } }],
    });
    expect(roleStatements(fake)).toEqual([]);
  });

  test('a credential renders auth and grants use of that provider only', () => {
    const fake = createFakeHarness();
    const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/apikey/github-AbCdEf';
    const credential = agentcore.ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(fake.stack, 'Cred', {
      credentialProviderArn: API_KEY_ARN, apiKeySecretArn: secretArn,
    });
    bindSkills(fake, HarnessSkill.fromGitRepository('https://github.com/acme/private-skills', { credential: HarnessApiKey.fromCredentialProvider(credential), username: 'x-access-token' }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Skills: [{ Git: { Url: 'https://github.com/acme/private-skills', Auth: { CredentialArn: API_KEY_ARN, Username: 'x-access-token' } } }],
    });
    const arn = (r: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:123456789012:${r}`]] });
    expect(roleStatements(fake)).toEqual([
      {
        Action: 'bedrock-agentcore:GetResourceApiKey',
        Effect: 'Allow',
        Resource: [
          API_KEY_ARN,
          arn('token-vault/default'),
          arn('token-vault/default/apikeycredentialprovider'),
          arn('workload-identity-directory/default'),
          arn('workload-identity-directory/default/workload-identity/*'),
        ],
      },
      { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: secretArn },
    ]);
  });

  test.each([
    ['http', 'http://github.com/a/b', /skills.git.url: "http:\/\/github.com\/a\/b" does not match an https:\/\/ URL without credentials/],
    ['credentials', 'https://user:token@github.com/a/b', /skills.git.url: .* does not match/],
    ['a fragment', 'https://github.com/a/b#main', /skills.git.url: .* does not match/],
    ['too short', 'https:/', /skills.git.url: "https:\/" is 7 characters long; it must be at least 8/],
    ['too long', `https://${'a'.repeat(16376)}`, /skills.git.url: .* at most 16383/],
  ])('fails for a URL with %s', (_what, url, error) => {
    expect(() => HarnessSkill.fromGitRepository(url)).toThrow(error);
  });

  test('fails for a username without credential', () => {
    expect(() => HarnessSkill.fromGitRepository('https://github.com/a/b', { username: 'u' })).toThrow(/skills.git.username: "u" is set without a credential/);
  });

  test('a credential given by ARN renders that ARN and grants that provider and the secret named after it', () => {
    const fake = createFakeHarness();
    bindSkills(fake, HarnessSkill.fromGitRepository('https://github.com/acme/private-skills', { credential: HarnessApiKey.fromCredentialProviderArn(API_KEY_ARN) }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Skills: [{ Git: { Url: 'https://github.com/acme/private-skills', Auth: { CredentialArn: API_KEY_ARN } } }],
    });
    const statements = roleStatements(fake);
    expect(statements[0].Resource[0]).toBe(API_KEY_ARN);
    expect(statements[1]).toEqual({
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/apikey/github-??????']] },
    });
  });

  test('fails for a credential ARN that is not an API-key provider', () => {
    expect(() => HarnessSkill.fromGitRepository('https://github.com/a/b', {
      credential: HarnessApiKey.fromCredentialProviderArn('arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github'),
    })).toThrow(/skills.git.credential: .* does not match an API-key credential provider ARN/);
  });

  test('fails for a credential that is not an API-key provider', () => {
    const fake = createFakeHarness();
    const credential = agentcore.ApiKeyCredentialProvider.fromApiKeyCredentialProviderAttributes(fake.stack, 'Cred', {
      credentialProviderArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github',
    });
    expect(() => HarnessSkill.fromGitRepository('https://github.com/a/b', { credential: HarnessApiKey.fromCredentialProvider(credential) })).toThrow(/skills.git.credential: .* does not match an API-key credential provider ARN/);
  });

  test('accepts a token URL', () => {
    expect(() => HarnessSkill.fromGitRepository(Lazy.string({ produce: () => 'x' }))).not.toThrow();
  });
});

describe('HarnessSkill.fromBucket', () => {
  test('renders the URI and grants read on that prefix only', () => {
    const fake = createFakeHarness();
    const bucket = s3.Bucket.fromBucketName(fake.stack, 'B', 'my-skills');
    bindSkills(fake, HarnessSkill.fromBucket(bucket, 'skills/weather/'));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', { Skills: [{ S3: { Uri: 's3://my-skills/skills/weather/' } }] });
    const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::my-skills${suffix}`]] });
    expect(roleStatements(fake)).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: arn('/skills/weather/*') },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: arn(''), Condition: { StringLike: { 's3:prefix': ['skills/weather/*'] } } },
    ]);
  });

  test('adds kms:Decrypt for a bucket with a customer-managed key', () => {
    const fake = createFakeHarness();
    const key = new kms.Key(fake.stack, 'Key');
    const bucket = new s3.Bucket(fake.stack, 'Bucket', { encryptionKey: key });
    bindSkills(fake, HarnessSkill.fromBucket(bucket, 'skills/'));
    expect(roleStatements(fake)).toContainEqual({ Action: 'kms:Decrypt', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } });
  });

  test.each([
    ['a leading slash', '/skills/', /skills.s3.prefix: "\/skills\/" starts with "\/"/],
    ['a wildcard', 'skills/*', /skills.s3.prefix: "skills\/\*" contains a wildcard/],
  ])('fails for a prefix with %s', (_what, prefix, error) => {
    const fake = createFakeHarness();
    expect(() => HarnessSkill.fromBucket(s3.Bucket.fromBucketName(fake.stack, 'B', 'bucket-b'), prefix)).toThrow(error);
  });
});

describe('HarnessSkill.fromContainerPath', () => {
  test('renders the path', () => {
    const fake = createFakeHarness();
    bindSkills(fake, HarnessSkill.fromContainerPath('/opt/skills/weather'));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', { Skills: [{ Path: '/opt/skills/weather' }] });
  });

  test.each([
    ['empty', '', /skills.path: "" is 0 characters long/],
    ['too long', 'a'.repeat(4097), /skills.path: .* at most 4096/],
  ])('fails for a path that is %s', (_what, p, error) => {
    expect(() => HarnessSkill.fromContainerPath(p)).toThrow(error);
  });
});

describe('HarnessSkill.fromAsset', () => {
  test('copies the directory unzipped to a content-addressed prefix and grants read on it only', () => {
    const fake = createFakeHarness();
    const [rendered] = bindSkills(fake, HarnessSkill.fromAsset(FIXTURE));
    const template = fake.template();
    const resources = template.toJSON().Resources;
    const bucketId = template.getResourceId('AWS::S3::Bucket');
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(1);
    const [deploymentId] = Object.keys(deployments);
    const props = deployments[deploymentId].Properties;
    expect(props).toMatchObject({ DestinationBucketName: { Ref: bucketId }, Prune: false, RetainOnDelete: true });
    const prefix: string = props.DestinationBucketKeyPrefix;
    expect(prefix).toMatch(/^skills\/[a-f0-9]{64}\/$/);
    expect(fake.stack.resolve((rendered.s3 as any).uri)).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: bucketId }, `/${prefix}`]] });
    // The skills bucket is private and TLS-only.
    expect(resources[bucketId].Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    expect(roleStatements(fake)).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] } },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
    ]);
    // The harness waits for the files.
    expect(resources[harnessLogicalId(fake)].DependsOn).toContain(deploymentId);
  });

  test('the prefix changes with the content', () => {
    const a = createFakeHarness();
    const b = createFakeHarness();
    const [ra] = bindSkills(a, HarnessSkill.fromAsset(FIXTURE));
    const [rb] = bindSkills(b, HarnessSkill.fromAsset(path.join(__dirname, 'fixtures', 'other-skill')));
    expect(JSON.stringify(a.stack.resolve((ra.s3 as any).uri))).not.toEqual(JSON.stringify(b.stack.resolve((rb.s3 as any).uri)));
  });

  test('two asset skills share one bucket; a given bucket and prefix are used', () => {
    const fake = createFakeHarness();
    const bucket = new s3.Bucket(fake.stack, 'Mine');
    bindSkills(fake, HarnessSkill.fromAsset(FIXTURE), HarnessSkill.fromAsset(FIXTURE, { bucket, prefix: 'agents/' }));
    const template = fake.template();
    template.resourceCountIs('AWS::S3::Bucket', 2);
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).map(r => r.Properties);
    expect(deployments).toHaveLength(2);
    expect(deployments[1].DestinationBucketName).toEqual({ Ref: fake.stack.getLogicalId(bucket.node.defaultChild as any) });
    expect(deployments[1].DestinationBucketKeyPrefix).toMatch(/^agents\/[a-f0-9]{64}\/$/);
  });

  test('fails for a directory without SKILL.md', () => {
    expect(() => HarnessSkill.fromAsset(path.join(__dirname, 'fixtures', 'no-skill-md'))).toThrow(/skills.fromAsset.directory: .* has no SKILL.md at its top/);
  });

  test('fails for a missing directory', () => {
    expect(() => HarnessSkill.fromAsset(path.join(__dirname, 'fixtures', 'missing'))).toThrow(/skills.fromAsset.directory: .* is not a directory/);
  });
});

describe('every skill factory', () => {
  test('renders exactly one member per skill item', () => {
    const fake = createFakeHarness();
    const rendered = bindSkills(fake,
      HarnessSkill.aws(),
      HarnessSkill.fromGitRepository('https://github.com/a/b'),
      HarnessSkill.fromBucket(s3.Bucket.fromBucketName(fake.stack, 'B', 'bucket-b'), 'x/'),
      HarnessSkill.fromContainerPath('/opt/skills'),
      HarnessSkill.fromAsset(FIXTURE));
    expect(rendered.map(r => Object.entries(r).filter(([, v]) => v !== undefined).map(([k]) => k)))
      .toEqual([['awsSkills'], ['git'], ['s3'], ['path'], ['s3']]);
  });
});
