import * as fs from 'fs';
import * as path from 'path';
import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3_assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { HarnessValidationError } from '../common/private/errors';
import { show, validateString } from '../common/private/validation';
import { HarnessApiKey } from '../credentials/harness-api-key';
import { HarnessBindContext } from '../harness/private/bind-context';
import { toPolicyStatement } from '../harness/private/execution-role';
import { IAM5, acknowledge, nagNotation } from '../nag/private/nag-notation';
import { s3PrefixReadStatements } from '../permissions/private/required-permissions';

/** Options for a skill cloned from a Git repository. */
export interface GitSkillOptions {
  /**
   * The skill's directory inside the repository.
   *
   * @default - the repository root
   */
  readonly path?: string;

  /**
   * The AgentCore Identity API-key credential provider holding the token for a
   * private repository. The execution role may use that provider and read its own secret only.
   *
   * @default - no authentication (a public repository)
   */
  readonly credential?: HarnessApiKey;

  /**
   * The user name sent with the token. Requires `credential`.
   *
   * @default - the service default, `oauth2`
   */
  readonly username?: string;
}

/** Options for a skill uploaded from a local directory. */
export interface SkillAssetOptions {
  /**
   * The bucket the skill's files are copied to.
   *
   * @default - a bucket the harness creates for its skills (private, TLS only,
   * S3-managed encryption, emptied and deleted with the stack)
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key prefix under which each version of the skill is stored, as
   * `<prefix><content hash>/`.
   *
   * @default 'skills/'
   */
  readonly prefix?: string;
}

const GIT_URL = /^https:\/\/[^#@]+$/;
const AWS_SKILL_PATH = /^([^*?[\]]|\*)+$/;

/**
 * A source of agent skills (AgentSkills.io: a directory with a `SKILL.md` and
 * optional scripts, references and assets). Use the static factories.
 *
 * Skills are fetched once per session, on its first invocation.
 */
export abstract class HarnessSkill {
  /**
   * Pre-built AWS skills from the AWS Agent Toolkit, selected by glob patterns
   * (`*` is the only wildcard), e.g. `['core-skills/*']`.
   *
   * @param paths the patterns (each 1–4096 characters)
   * @default - all AWS skills
   */
  public static aws(paths?: string[]): HarnessSkill {
    return new AwsSkills(paths);
  }

  /**
   * A skill cloned over HTTPS from a Git repository. The URL must not carry
   * credentials (`user:token@`) or a fragment: give a private repository's
   * token through `credential`.
   */
  public static fromGitRepository(url: string, options: GitSkillOptions = {}): HarnessSkill {
    return new GitSkill(url, options);
  }

  /**
   * A skill directory in S3 (`s3://<bucket>/<prefix>`). The execution role can
   * read that prefix only: `s3:GetObject` on `<prefix>*` and `s3:ListBucket`
   * limited to keys starting with `<prefix>` (plus `kms:Decrypt` if the bucket has
   * a customer-managed key).
   *
   * @param prefix the skill directory's key prefix, e.g. `skills/my-skill/`
   */
  public static fromBucket(bucket: s3.IBucket, prefix: string): HarnessSkill {
    return new S3Skill(bucket, prefix);
  }

  /** A skill already on the session's filesystem (in the container image or a mount). */
  public static fromContainerPath(containerPath: string): HarnessSkill {
    return new PathSkill(containerPath);
  }

  /**
   * A skill from a local directory (one skill: a `SKILL.md` at its top). The
   * files are uploaded at deploy time and copied, unzipped, to
   * `s3://<bucket>/<prefix><content hash>/`, which the harness uses as an S3
   * skill with read access to that prefix only.
   *
   * Why a copy: an S3 skill is a directory of objects; a CDK file asset of a
   * directory is a single zip object, which the harness cannot read as a skill.
   * A `BucketDeployment` (one Lambda-backed custom resource per stack) unpacks
   * the asset. The content hash in the prefix makes every change a new URI, so
   * the harness gets a new version, and older versions keep reading their own copy.
   *
   * @example
   * declare const harness: Harness;
   * harness.addSkill(HarnessSkill.fromAsset(path.join(__dirname, 'skills', 'house-style')));
   */
  public static fromAsset(directory: string, options: SkillAssetOptions = {}): HarnessSkill {
    return new AssetSkill(directory, options);
  }

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessSkillProperty;
}

class AwsSkills extends HarnessSkill {
  constructor(private readonly paths: string[] | undefined) {
    super();
    if (paths && !Token.isUnresolved(paths)) {
      paths.forEach((p, i) => validateString(`skills.aws.paths[${i}]`, p, {
        minLength: 1, maxLength: 4096, pattern: AWS_SKILL_PATH, patternDescription: 'a path where * is the only wildcard (no ?, [ or ])',
      }));
    }
  }

  public _bind(): CfnHarness.HarnessSkillProperty {
    return { awsSkills: { paths: this.paths } };
  }
}

class GitSkill extends HarnessSkill {
  constructor(private readonly url: string, private readonly options: GitSkillOptions) {
    super();
    validateString('skills.git.url', url, {
      minLength: 8,
      maxLength: 16383,
      pattern: GIT_URL,
      patternDescription: 'an https:// URL without credentials (@) or fragment (#)',
    });
    validateString('skills.git.path', options.path, { minLength: 1 });
    options.credential?._validate('skills.git.credential');
    if (options.username !== undefined && !options.credential) {
      throw new HarnessValidationError('skills.git.username', `${show(options.username)} is set without a credential; a user name is only sent with a credential`);
    }
    validateString('skills.git.username', options.username, { minLength: 1 });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessSkillProperty {
    const credential = this.options.credential;
    const credentialArn = credential?._bind(ctx);
    return {
      git: {
        url: this.url,
        path: this.options.path,
        auth: credentialArn ? { credentialArn, username: this.options.username } : undefined,
      },
    };
  }
}

class S3Skill extends HarnessSkill {
  constructor(private readonly bucket: s3.IBucket, private readonly prefix: string) {
    super();
    validatePrefix('skills.s3.prefix', prefix);
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessSkillProperty {
    grantPrefixRead(ctx, this.bucket, this.prefix);
    return { s3: { uri: `s3://${this.bucket.bucketName}/${this.prefix}` } };
  }
}

class PathSkill extends HarnessSkill {
  constructor(private readonly containerPath: string) {
    super();
    validateString('skills.path', containerPath, { minLength: 1, maxLength: 4096 });
  }

  public _bind(): CfnHarness.HarnessSkillProperty {
    return { path: this.containerPath };
  }
}

class AssetSkill extends HarnessSkill {
  private readonly directory: string;
  private readonly prefix: string;

  constructor(directory: string, private readonly options: SkillAssetOptions) {
    super();
    this.directory = path.resolve(directory);
    this.prefix = options.prefix ?? 'skills/';
    validatePrefix('skills.fromAsset.prefix', this.prefix);
    if (!fs.existsSync(this.directory) || !fs.statSync(this.directory).isDirectory()) {
      throw new HarnessValidationError('skills.fromAsset.directory', `${show(directory)} is not a directory`);
    }
    if (!fs.existsSync(path.join(this.directory, 'SKILL.md'))) {
      throw new HarnessValidationError('skills.fromAsset.directory',
        `${show(directory)} has no SKILL.md at its top; a skill directory starts with SKILL.md (AgentSkills.io)`);
    }
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessSkillProperty {
    const scope = new Construct(ctx.scope, nextId(ctx.scope, 'SkillAsset'));
    const asset = new s3_assets.Asset(scope, 'Asset', { path: this.directory });
    const bucket = this.options.bucket ?? skillsBucket(ctx.scope);
    const keyPrefix = `${this.prefix}${asset.assetHash}/`;
    const deployment = new s3deploy.BucketDeployment(scope, 'Deployment', {
      sources: [s3deploy.Source.bucket(asset.bucket, asset.s3ObjectKey)],
      destinationBucket: bucket,
      destinationKeyPrefix: keyPrefix,
      // Older harness versions still point at their own copy.
      retainOnDelete: true,
      prune: false,
    });
    // The skill's files exist before the harness version that names them.
    ctx.resource.node.addDependency(deployment);
    grantPrefixRead(ctx, bucket, keyPrefix);
    acknowledgeAssetSkillFindings(ctx.scope, asset, bucket, keyPrefix);
    return { s3: { uri: `s3://${bucket.bucketName}/${keyPrefix}` } };
  }
}

function validatePrefix(property: string, prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (prefix.startsWith('/')) {
    throw new HarnessValidationError(property, `${show(prefix)} starts with "/"; S3 keys have no leading slash`);
  }
  if (prefix.includes('*') || prefix.includes('?')) {
    throw new HarnessValidationError(property, `${show(prefix)} contains a wildcard; give the literal key prefix`);
  }
}

/** Read access to one key prefix: objects under it, and listing limited to it. */
function grantPrefixRead(ctx: HarnessBindContext, bucket: s3.IBucket, prefix: string): void {
  // bucket.grantRead(role, 'prefix*') would scope GetObject but grant ListBucket
  // (and GetBucket*) on the whole bucket, so the statements are written out.
  for (const statement of s3PrefixReadStatements(bucket.bucketArn, prefix, 'skill')) ctx.addToRolePolicy(toPolicyStatement(statement));
  bucket.encryptionKey?.grantDecrypt(ctx.grantee);
}

function skillsBucket(scope: Construct): s3.IBucket {
  const id = 'SkillsBucket';
  const existing = scope.node.tryFindChild(id) as s3.IBucket | undefined;
  if (existing) return existing;
  // Holds copies of local skill directories only: they can be rebuilt from
  // source, so the bucket goes with the stack.
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
  acknowledge(bucket, [{
    id: 'AwsSolutions-S1',
    reason: 'The bucket only holds copies of local skill directories, deployed from the CDK asset and rebuilt from '
      + 'source; it is private, SSL-only and encrypted, and CloudTrail records access.',
  }]);
  return bucket;
}

/**
 * The findings of what a local skill directory brings along, none of them a
 * choice of the user: the execution role reads exactly the skill's own key
 * prefix, and aws-cdk-lib's BucketDeployment handler (one per stack) copies the
 * asset with aws-cdk-lib's own grants and runtime.
 */
function acknowledgeAssetSkillFindings(harness: Construct, asset: s3_assets.Asset, bucket: s3.IBucket, keyPrefix: string): void {
  acknowledge(harness, [{
    id: `${IAM5}[Resource::${nagNotation(harness, bucket.arnForObjects(`${keyPrefix}*`))}]`,
    reason: 'The execution role reads the objects under this skill\'s own content-addressed key prefix and nothing else '
      + 'in the bucket; the file names inside the skill are not known to the role.',
  }]);
  const stack = Stack.of(harness);
  const handlers = stack.node.children.filter(c => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  const copyReason = 'aws-cdk-lib\'s BucketDeployment handler copies the skill asset into the skills bucket with the grants '
    + 'aws-cdk-lib writes for it (read from the CDK asset bucket, write to the destination bucket).';
  for (const handler of handlers) {
    acknowledge(handler, [
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'aws-cdk-lib\'s BucketDeployment handler only writes its own CloudWatch logs through the basic execution role.',
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']
        .map(action => ({ id: `${IAM5}[Action::${action}]`, reason: copyReason })),
      { id: `${IAM5}[Resource::${nagNotation(harness, asset.bucket.arnForObjects('*'))}]`, reason: copyReason },
      { id: `${IAM5}[Resource::${nagNotation(harness, bucket.arnForObjects('*'))}]`, reason: copyReason },
      {
        id: 'AwsSolutions-L1',
        reason: 'aws-cdk-lib pins the runtime of its BucketDeployment handler; it is updated with aws-cdk-lib.',
      },
    ]);
  }
}

function nextId(scope: Construct, base: string): string {
  let i = 0;
  while (scope.node.tryFindChild(`${base}${i}`)) i++;
  return `${base}${i}`;
}
