import { App, Aws, CfnResource, Lazy, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { HarnessMemory, HarnessModel } from '../../src';
import { Harness } from '../../src/harness/harness';
import { RecordingGrantee } from '../../src/harness/private/recording-grantee';
import { RenderedPolicyDocument } from '../../src/harness/private/rendered-policy-document';
import { createTestApp, createTestStack } from '../support/app';

/**
 * RenderedPolicyDocument claims to render exactly as aws-cdk-lib's
 * PolicyDocument. Each corpus below is rendered through both, as the inline
 * policy of a role (how the execution role holds it) and as the document of a
 * CfnPolicy (how the post-create policy holds it), in a real app, under every
 * combination of the feature flags that change how a policy renders:
 * - `@aws-cdk/aws-iam:minimizePolicies` (merges statements);
 * - `@aws-cdk/core:enablePartitionLiterals` (the stack's partition as a literal);
 * and in a stack with and without an explicit environment (the stack's pseudo
 * parameters as literals or as references). aws-iam's two other flags do not
 * touch rendering: `importedRoleStackSafeDefaultPolicyName` names the default
 * policy of an imported role, `oidcRejectUnauthorizedConnections` configures
 * an OIDC provider's handler.
 */

interface Scenario {
  readonly stack: Stack;
  /** A bucket of another stack: referencing it makes an export and an import. */
  readonly remote: s3.IBucket;
  /** A bucket of the stack itself: a reference without an import. */
  readonly local: s3.IBucket;
}

/** Each corpus makes new statements on every call (a statement is frozen by the first document that renders it). */
const CORPORA: Record<string, (s: Scenario) => iam.PolicyStatement[]> = {
  'literals': () => [
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::literal/*'] }),
    new iam.PolicyStatement({ sid: 'WithSid', actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }),
    new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
  ],
  'pseudo parameters': () => [
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/x:*`],
    }),
    new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`arn:${Aws.PARTITION}:s3:::bucket-${Aws.ACCOUNT_ID}/*`],
      conditions: { StringEquals: { 'aws:SourceVpce': `vpce.${Aws.URL_SUFFIX}` } },
    }),
  ],
  'the stack\'s own partition, region and account': ({ stack }) => [
    new iam.PolicyStatement({
      actions: ['bedrock-agentcore:GetWorkloadAccessToken'],
      resources: [`arn:${stack.partition}:bedrock-agentcore:${stack.region}:${stack.account}:workload-identity-directory/default`],
    }),
  ],
  'cross-stack references': ({ remote }) => [
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [remote.arnForObjects('*')] }),
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [remote.bucketArn] }),
  ],
  'references in the same stack': ({ local }) => [
    new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [local.arnForObjects('out/*')] }),
  ],
  'Lazy values': () => [
    new iam.PolicyStatement({
      actions: ['sns:Publish'],
      resources: [Lazy.string({ produce: () => 'arn:aws:sns:us-east-1:123456789012:topic' })],
    }),
    new iam.PolicyStatement({
      actions: ['sqs:ReceiveMessage'],
      resources: Lazy.list({ produce: () => ['arn:aws:sqs:us-east-1:123456789012:a', 'arn:aws:sqs:us-east-1:123456789012:b'] }),
    }),
  ],
  'conditions': ({ stack, remote }) => [
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com`, 'aws:ResourceAccount': [stack.account, '210987654321'] },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': remote.arnForObjects('*') },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    }),
  ],
  'duplicates': ({ stack, local }) => {
    const same = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::dup/*'] });
    return [
      same,
      same,
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::dup/*'] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }),
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: ['arn:aws:s3:::b', 'arn:aws:s3:::a'] }),
      new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [local.bucketArn] }),
      new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [local.bucketArn] }),
      // Equal only once resolved: a Lazy value and the literal it produces; a pseudo parameter and the stack's own.
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:123456789012:t'] }),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [Lazy.string({ produce: () => 'arn:aws:sns:us-east-1:123456789012:t' })] }),
      new iam.PolicyStatement({ actions: ['sns:Subscribe'], resources: [`arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:t`] }),
      new iam.PolicyStatement({ actions: ['sns:Subscribe'], resources: [`arn:${stack.partition}:sns:${stack.region}:${stack.account}:t`] }),
    ];
  },
  // Only literals and pseudo parameters: the document keeps these resolved, so none is left for a post-processor.
  'duplicates of literals and pseudo parameters': () => {
    const same = new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`] });
    return [
      same,
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::dup/*'] }),
      same,
      new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::dup/*'] }),
    ];
  },
  'NotAction, NotResource and Deny': () => [
    new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:*'], resources: ['*'] }),
    new iam.PolicyStatement({ actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::secret/*'] }),
    new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteBucket'], resources: ['*'] }),
  ],
  'statements minimizePolicies merges': ({ local }) => [
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::m1/*'] }),
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::m2/*'] }),
    new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::m1/*'] }),
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [local.arnForObjects('*')] }),
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }),
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:r'] }),
  ],
};

const FLAG_SETS = [false, true].flatMap(minimize => [false, true].flatMap(partitionLiterals => [true, false].map(environment => ({
  minimize, partitionLiterals, environment,
}))));

function flagName(f: typeof FLAG_SETS[number]): string {
  return `minimizePolicies=${f.minimize}, enablePartitionLiterals=${f.partitionLiterals}, ${f.environment ? 'explicit environment' : 'environment-agnostic'}`;
}

function createApp(f: typeof FLAG_SETS[number]): { app: App; props: StackProps } {
  const app = createTestApp({
    context: {
      [cxapi.IAM_MINIMIZE_POLICIES]: f.minimize,
      [cxapi.ENABLE_PARTITION_LITERALS]: f.partitionLiterals,
    },
  });
  return { app, props: f.environment ? { env: { account: '123456789012', region: 'us-east-1' } } : {} };
}

function scenario(app: App, props: StackProps, stackId = 'Consumer'): Scenario {
  const producer = (app.node.tryFindChild('Producer') as Stack | undefined) ?? new Stack(app, 'Producer', props);
  const remote = (producer.node.tryFindChild('Remote') as s3.Bucket | undefined) ?? new s3.Bucket(producer, 'Remote');
  const stack = new Stack(app, stackId, props);
  return { stack, remote, local: new s3.Bucket(stack, 'Local') };
}

const TRUST = new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com');

/** Both renderings of `statements()`: as a role's inline policy and as a CfnPolicy's document. */
function holdBoth(scope: Construct, id: string, statements: () => iam.PolicyStatement[]): Record<string, iam.PolicyDocument> {
  const documents: Record<string, iam.PolicyDocument> = {};
  for (const kind of ['Rendered', 'Plain']) {
    const document = kind === 'Rendered' ? new RenderedPolicyDocument() : new iam.PolicyDocument();
    document.addStatements(...statements());
    const role = new iam.Role(scope, `${id}${kind}Role`, { assumedBy: TRUST, inlinePolicies: { P: document } });
    const policyDocument = kind === 'Rendered' ? new RenderedPolicyDocument() : new iam.PolicyDocument();
    policyDocument.addStatements(...statements());
    new iam.CfnPolicy(scope, `${id}${kind}Policy`, { policyDocument, policyName: 'P', roles: [role.roleName] });
    documents[kind] = document;
    documents[`${kind}Policy`] = policyDocument;
  }
  return documents;
}

/** The documents the pair `id` rendered, by kind: `{ role: [rendered, plain], policy: [rendered, plain] }`. */
function rendered(stack: Stack, id: string) {
  const resources = Template.fromStack(stack).toJSON().Resources;
  const find = (name: string) => {
    const child = stack.node.findChild(name);
    return resources[stack.getLogicalId((child instanceof CfnResource ? child : child.node.defaultChild) as CfnResource)];
  };
  return {
    role: [find(`${id}RenderedRole`).Properties.Policies, find(`${id}PlainRole`).Properties.Policies],
    policy: [find(`${id}RenderedPolicy`).Properties.PolicyDocument, find(`${id}PlainPolicy`).Properties.PolicyDocument],
  };
}

describe.each(FLAG_SETS.map(f => [flagName(f), f] as const))('RenderedPolicyDocument renders as PolicyDocument (%s)', (_name, flags) => {
  test('for every corpus, and all of them in one document', () => {
    const { app, props } = createApp(flags);
    const s = scenario(app, props);
    const ids = Object.keys(CORPORA).map((name, i) => {
      holdBoth(s.stack, `Corpus${i}`, () => CORPORA[name](s));
      return [name, `Corpus${i}`] as const;
    });
    holdBoth(s.stack, 'All', () => Object.values(CORPORA).flatMap(corpus => corpus(s)));

    for (const [name, id] of [...ids, ['all corpora in one document', 'All'] as const]) {
      const { role, policy } = rendered(s.stack, id);
      expect({ name, rendered: role[0] }).toEqual({ name, rendered: role[1] });
      expect({ name, rendered: policy[0] }).toEqual({ name, rendered: policy[1] });
    }
    // The corpora exercise what they are meant to: an import, de-duplication, and a merge with the flag only.
    expect(JSON.stringify(rendered(s.stack, 'All').role[1])).toContain('Fn::ImportValue');
    const count = (name: string) => rendered(s.stack, ids.find(([n]) => n === name)![1]).role[1][0].PolicyDocument.Statement.length;
    expect(count('duplicates')).toBeLessThan(CORPORA.duplicates(s).length);
    const mergeable = CORPORA['statements minimizePolicies merges'](s).length;
    if (flags.minimize) {
      expect(count('statements minimizePolicies merges')).toBeLessThan(mergeable);
    } else {
      expect(count('statements minimizePolicies merges')).toBe(mergeable);
    }
  });

  test('statements added after a synthesis render with the rest in the next one', () => {
    const { app, props } = createApp(flags);
    const s = scenario(app, props);
    const documents = holdBoth(s.stack, 'Later', () => CORPORA.literals(s));
    app.synth();
    for (const document of Object.values(documents)) {
      document.addStatements(...CORPORA['cross-stack references'](s), ...CORPORA.duplicates(s));
    }
    app.synth({ force: true });
    const { role, policy } = rendered(s.stack, 'Later');
    expect(role[0]).toEqual(role[1]);
    expect(policy[0]).toEqual(policy[1]);
    expect(JSON.stringify(role[0])).toContain('Fn::ImportValue');
  });

  test('the same statements held by documents of two stacks render in each as PolicyDocument does', () => {
    const { app, props } = createApp(flags);
    const one = scenario(app, props, 'One');
    const two = scenario(app, props, 'Two');
    // One set of statement objects, including references to a bucket of stack One.
    const shared = [...CORPORA['pseudo parameters'](one), ...CORPORA['references in the same stack'](one), ...CORPORA.literals(one)];
    for (const s of [one, two]) {
      holdBoth(s.stack, 'Shared', () => shared);
    }
    for (const s of [one, two]) {
      const { role, policy } = rendered(s.stack, 'Shared');
      expect(role[0]).toEqual(role[1]);
      expect(policy[0]).toEqual(policy[1]);
    }
    expect(JSON.stringify(rendered(two.stack, 'Shared').role[0])).toContain('Fn::ImportValue');
  });

  test('an empty document renders nothing, as PolicyDocument', () => {
    const { app, props } = createApp(flags);
    const { stack } = scenario(app, props);
    expect(stack.resolve(new RenderedPolicyDocument())).toEqual(stack.resolve(new iam.PolicyDocument()));
  });
});

describe('the harness\'s other shortcuts render as aws-cdk-lib does', () => {
  const MODEL = HarnessModel.bedrock({ modelId: 'anthropic.claude-sonnet-4-6' });

  test('the role ARN and name it renders from the role\'s L1 are what role.roleArn and role.roleName render', () => {
    const stack = createTestStack();
    const harness = new Harness(stack, 'Harness', { model: MODEL, memory: HarnessMemory.managed() });
    const role = harness.role as iam.Role;
    const template = Template.fromStack(stack).toJSON().Resources;
    const resource = template[stack.getLogicalId(harness.node.defaultChild as CfnResource)];
    expect(resource.Properties.ExecutionRoleArn).toEqual(stack.resolve(role.roleArn));
    const postCreate = template[stack.getLogicalId(harness.node.findChild('PostCreatePolicy').node.defaultChild as CfnResource)];
    expect(postCreate.Properties.Roles).toEqual([stack.resolve(role.roleName)]);
  });

  test('the hand-built post-create policy renders as an iam.Policy at the same path', () => {
    const built = createTestStack();
    const harness = new Harness(built, 'Harness', { model: MODEL, memory: HarnessMemory.managed() });
    const builtResources = Template.fromStack(built).toJSON().Resources;
    const builtId = built.getLogicalId(harness.node.findChild('PostCreatePolicy').node.defaultChild as CfnResource);

    // The same constructs by path, with an iam.Policy where the harness builds a CfnPolicy.
    const plain = createTestStack();
    const scope = new Construct(plain, 'Harness');
    const role = new iam.Role(scope, 'ExecutionRole', { assumedBy: TRUST });
    const resource = new bedrockagentcore.CfnHarness(scope, 'Resource', {
      harnessName: 'plain', executionRoleArn: role.roleArn, model: { bedrockModelConfig: { modelId: 'anthropic.claude-sonnet-4-6' } },
    });
    const memoryStatement = builtResources[builtId].Properties.PolicyDocument.Statement[0];
    const policy = new iam.Policy(scope, 'PostCreatePolicy', {
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: memoryStatement.Action,
        resources: [resource.attrMemoryManagedMemoryConfigurationArn],
      })],
    });
    const plainResources = Template.fromStack(plain).toJSON().Resources;
    const plainId = plain.getLogicalId(policy.node.defaultChild as CfnResource);

    expect(builtId).toBe(plainId);
    expect(builtResources[builtId].Type).toBe(plainResources[plainId].Type);
    expect(builtResources[builtId].Properties).toEqual(plainResources[plainId].Properties);
  });

  test('the owned-role fast path of the grantee attaches what the role itself attaches', () => {
    const templates = [true, false].map(owned => {
      const stack = createTestStack();
      const role = new iam.Role(stack, 'Role', { assumedBy: TRUST });
      const grantee = new RecordingGrantee(role, owned);
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.grantRead(grantee);
      const result = grantee.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:123456789012:t'] }));
      expect(result.statementAdded).toBe(true);
      expect(grantee.hasMissing).toBe(false);
      return Template.fromStack(stack).toJSON();
    });
    expect(templates[0]).toEqual(templates[1]);
    // And what a grant straight to the role renders.
    const stack = createTestStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: TRUST });
    new s3.Bucket(stack, 'Bucket').grantRead(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:123456789012:t'] }));
    expect(templates[0]).toEqual(Template.fromStack(stack).toJSON());
  });

  test('the two forms of a generated harness name render the same in the harness\'s stack', () => {
    const stack = createTestStack();
    const harness = new Harness(stack, 'Harness', { model: MODEL, memory: HarnessMemory.disabled() });
    const resource = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(harness.node.defaultChild as CfnResource)];
    expect(stack.resolve(harness.harnessName)).toEqual(resource.Properties.HarnessName);
  });
});

test('the feature flags this test sets are the ones aws-cdk-lib reads', () => {
  expect(cxapi.IAM_MINIMIZE_POLICIES).toBe('@aws-cdk/aws-iam:minimizePolicies');
  expect(cxapi.ENABLE_PARTITION_LITERALS).toBe('@aws-cdk/core:enablePartitionLiterals');
});
