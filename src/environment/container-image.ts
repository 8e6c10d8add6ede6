import { Annotations, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecr_assets from 'aws-cdk-lib/aws-ecr-assets';
import { ECR_REPOSITORY_ARN } from '../common/private/arn-patterns';
import { HarnessValidationError } from '../common/private/errors';
import { show, validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';
import { ecrPublicPullStatement } from '../harness/private/execution-role';

const CONTAINER_URI = /^(([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?|public\.ecr\.aws)\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([^:@]{1,300}))?(?:@(.+))?$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

const PUBLIC_IMAGE = /^public\.ecr\.aws\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([^:@]{1,300}))?(?:@(.+))?$/;
/** A private ECR repository ARN; an `ecr-public` ARN cannot form a private image URI. */

/**
 * The container image the harness's sessions run in, instead of the AgentCore
 * default runtime image. Use the static factories.
 *
 * For a private ECR image the execution role can pull from that repository only
 * (`ecr:BatchCheckLayerAvailability`, `ecr:GetDownloadUrlForLayer`,
 * `ecr:BatchGetImage`), plus `ecr:GetAuthorizationToken`, which has no
 * resource-level permissions and is granted on `*`. A public image gets the
 * ECR Public token actions instead (also on `*`).
 */
export abstract class HarnessContainerImage {
  /**
   * An image in an ECR repository, by tag (e.g. `v1.2.0`) or digest (`sha256:...`).
   * A digest pins the exact image; a tag is resolved when a session starts.
   */
  public static fromEcrRepository(repository: ecr.IRepository, tagOrDigest: string = 'latest'): HarnessContainerImage {
    return new EcrImage(repository, tagOrDigest);
  }

  /**
   * A public image from the ECR Public registry, by URI:
   * `public.ecr.aws/<registry-alias>/<repository>[:tag][@sha256:digest]`. The role gets
   * the ECR Public token actions (`ecr-public:GetAuthorizationToken`,
   * `sts:GetServiceBearerToken`, which have no resource-level permissions); no
   * private-registry permissions.
   */
  public static fromPublicRegistry(imageUri: string): HarnessContainerImage {
    return new PublicImage(imageUri);
  }

  /**
   * An image built from a local directory with a Dockerfile, as a CDK Docker
   * image asset (built and pushed by `cdk deploy`, needs Docker locally).
   *
   * AgentCore runs arm64 (Graviton) microVMs, so the platform defaults to
   * `linux/arm64`; another platform gets a warning.
   *
   * @param options build options (build args, secrets, target, file, ...)
   */
  public static fromAsset(directory: string, options: ecr_assets.DockerImageAssetOptions = {}): HarnessContainerImage {
    return new AssetImage(directory, options);
  }

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessEnvironmentArtifactProperty;
}

function render(uri: string): CfnHarness.HarnessEnvironmentArtifactProperty {
  validateString('containerImage', uri, {
    minLength: 1,
    maxLength: 1024,
    pattern: CONTAINER_URI,
    patternDescription: 'an ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag][@digest] or public.ecr.aws/...)',
  });
  return { containerConfiguration: { containerUri: uri } };
}

class PublicImage extends HarnessContainerImage {
  constructor(private readonly uri: string) {
    super();
    validateString('containerImage', uri, {
      minLength: 1,
      maxLength: 1024,
      pattern: PUBLIC_IMAGE,
      patternDescription: 'a public image URI, public.ecr.aws/<registry-alias>/<repository>[:tag][@digest]',
    });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessEnvironmentArtifactProperty {
    ctx.addToRolePolicy(ecrPublicPullStatement('PullPublicImage'));
    return render(this.uri);
  }
}

class EcrImage extends HarnessContainerImage {
  constructor(private readonly repository: ecr.IRepository, private readonly tagOrDigest: string) {
    super();
    // An imported repository's URI is built from its ARN: an ARN of another kind
    // (e.g. an ecr-public repository) would render a malformed image URI.
    validateString('containerImage.repository', repository.repositoryArn, {
      pattern: ECR_REPOSITORY_ARN,
      patternDescription: 'a private ECR repository ARN, arn:<partition>:ecr:<region>:<account>:repository/<name> '
        + '(for a public image use HarnessContainerImage.fromPublicRegistry)',
    });
    if (!Token.isUnresolved(tagOrDigest)) {
      if (tagOrDigest.startsWith('sha256:')) {
        validateString('containerImage.digest', tagOrDigest, { pattern: IMAGE_DIGEST, patternDescription: 'sha256: and 64 lowercase hex characters' });
      } else {
        validateString('containerImage.tag', tagOrDigest, {
          pattern: IMAGE_TAG, patternDescription: 'an image tag (up to 128 letters, digits, _ . -, not starting with . or -)',
        });
      }
    }
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessEnvironmentArtifactProperty {
    this.repository.grantPull(ctx.grantee);
    const uri = !Token.isUnresolved(this.tagOrDigest) && this.tagOrDigest.startsWith('sha256:')
      ? this.repository.repositoryUriForDigest(this.tagOrDigest)
      : this.repository.repositoryUriForTag(this.tagOrDigest);
    return render(uri);
  }
}

class AssetImage extends HarnessContainerImage {
  constructor(private readonly directory: string, private readonly options: ecr_assets.DockerImageAssetOptions) {
    super();
    if (!Token.isUnresolved(directory) && directory.length === 0) {
      throw new HarnessValidationError('containerImage.directory', `${show(directory)} is empty; give the directory holding the Dockerfile`);
    }
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessEnvironmentArtifactProperty {
    const platform = this.options.platform ?? ecr_assets.Platform.LINUX_ARM64;
    if (platform.platform !== ecr_assets.Platform.LINUX_ARM64.platform) {
      Annotations.of(ctx.scope).addWarningV2('cdk-agentcore-harness:container-platform',
        `containerImage is built for ${platform.platform}; AgentCore runs linux/arm64 images, so sessions may fail to start.`);
    }
    const asset = new ecr_assets.DockerImageAsset(ctx.scope, 'ContainerImage', {
      ...this.options,
      directory: this.directory,
      platform,
    });
    asset.repository.grantPull(ctx.grantee);
    return render(asset.imageUri);
  }
}
