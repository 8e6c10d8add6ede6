import * as fs from 'fs';
import * as path from 'path';
import { CfnParameter } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecr_assets from 'aws-cdk-lib/aws-ecr-assets';
import { HarnessContainerImage } from '../../src';
import { createFakeHarness, roleStatements } from '../support/bind-context';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];

describe('HarnessContainerImage.fromEcrRepository', () => {
  test('renders the tagged URI and grants pull on that repository only', () => {
    const fake = createFakeHarness();
    const repo = ecr.Repository.fromRepositoryArn(fake.stack, 'Repo', 'arn:aws:ecr:us-east-1:123456789012:repository/agents/harness');
    fake.resource.environmentArtifact = HarnessContainerImage.fromEcrRepository(repo, 'v1.2.0')._bind(fake.ctx);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      EnvironmentArtifact: {
        ContainerConfiguration: {
          ContainerUri: {
            'Fn::Join': ['', ['123456789012.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/agents/harness:v1.2.0']],
          },
        },
      },
    });
    expect(roleStatements(fake)).toEqual([
      { Action: PULL, Effect: 'Allow', Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/agents/harness' },
      { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
    ]);
  });

  test('a digest renders @sha256', () => {
    const fake = createFakeHarness();
    const repo = new ecr.Repository(fake.stack, 'Repo');
    const rendered = HarnessContainerImage.fromEcrRepository(repo, DIGEST)._bind(fake.ctx);
    expect(JSON.stringify(fake.stack.resolve(rendered))).toContain(`@${DIGEST}`);
    fake.resource.environmentArtifact = rendered;
    fake.template();
  });

  test.each([
    ['a bad tag', 'v1:2', /containerImage.tag: "v1:2" does not match an image tag/],
    ['a tag starting with -', '-x', /containerImage.tag/],
    ['a short digest', 'sha256:abc', /containerImage.digest: "sha256:abc" does not match sha256: and 64 lowercase hex characters/],
  ])('fails for %s', (_what, tagOrDigest, error) => {
    const fake = createFakeHarness();
    expect(() => HarnessContainerImage.fromEcrRepository(new ecr.Repository(fake.stack, 'R'), tagOrDigest)).toThrow(error);
  });

  test('a token tag is not checked', () => {
    const fake = createFakeHarness();
    const tag = new CfnParameter(fake.stack, 'Tag').valueAsString;
    expect(() => HarnessContainerImage.fromEcrRepository(new ecr.Repository(fake.stack, 'R'), tag)._bind(fake.ctx)).not.toThrow();
  });

  test('fails for a literal URI outside ECR', () => {
    const fake = createFakeHarness();
    const repo = { repositoryUriForTag: () => 'docker.io/library/python:3', grantPull: () => undefined } as any;
    expect(() => HarnessContainerImage.fromEcrRepository(repo, 'x')._bind(fake.ctx)).toThrow(/containerImage: "docker.io\/library\/python:3" does not match an ECR image URI/);
  });
});

describe('HarnessContainerImage.fromAsset', () => {
  test('builds for linux/arm64 by default and grants pull on the asset repository only', () => {
    const fake = createFakeHarness();
    fake.resource.environmentArtifact = HarnessContainerImage.fromAsset(path.join(__dirname, 'fixtures', 'image'), {
      buildArgs: { GREETING: 'hello' },
    })._bind(fake.ctx);
    const asset = fake.harness.node.findChild('ContainerImage') as ecr_assets.DockerImageAsset;
    const template = fake.template();
    template.hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      EnvironmentArtifact: { ContainerConfiguration: { ContainerUri: Match.anyValue() } },
    });
    const statements = roleStatements(fake);
    expect(statements).toHaveLength(2);
    expect(statements[0].Action).toEqual(PULL);
    expect(JSON.stringify(statements[0].Resource)).toContain('container-assets');
    expect(statements[1]).toEqual({ Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' });
    // The platform and build args reach the asset manifest.
    const outdir = (fake.stack.node.root as any).synth().directory;
    const manifest = fs.readdirSync(outdir).find((f: string) => f.endsWith('.assets.json'))!;
    const assets = fs.readFileSync(path.join(outdir, manifest), 'utf8');
    expect(assets).toContain('linux/arm64');
    expect(assets).toContain('GREETING');
    expect(asset.imageUri).toBeDefined();
  });

  test('warns for another platform', () => {
    const fake = createFakeHarness();
    fake.resource.environmentArtifact = HarnessContainerImage.fromAsset(path.join(__dirname, 'fixtures', 'image'), {
      platform: ecr_assets.Platform.LINUX_AMD64,
    })._bind(fake.ctx);
    Annotations.fromStack(fake.stack).hasWarning('*', Match.stringLikeRegexp('built for linux/amd64; AgentCore runs linux/arm64'));
  });
});
