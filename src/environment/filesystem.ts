import { Fn } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { FilesystemKind, validateMountPath } from './private/mount-path';
import { EFS_ACCESS_POINT_ARN, S3_FILES_ACCESS_POINT_ARN } from '../common/private/arn-patterns';
import { validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';
import { toPolicyStatement } from '../harness/private/execution-role';
import { efsStatements, s3FilesStatements } from '../permissions/private/required-permissions';


/**
 * A filesystem mounted into every session, at one directory under `/mnt`. Use
 * the static factories. At most 5 per harness: one session storage, two EFS and
 * two S3 Files mounts, on distinct paths. EFS and S3 Files need VPC networking.
 */
export abstract class HarnessFilesystem {
  /**
   * Per-session storage managed by the service. No VPC or IAM needed. It expires
   * after 14 idle days and is reset on every harness version update.
   */
  public static sessionStorage(mountPath: string): HarnessFilesystem {
    return new SessionStorage(mountPath);
  }

  /**
   * An EFS access point. The role gets `ClientMount` and `ClientWrite` on the
   * access point's file system, only through that access point
   * (`elasticfilesystem:AccessPointArn` condition), and the describe calls the
   * mount helper makes (`DescribeAccessPoints` on the access point,
   * `DescribeMountTargets` on the file system). In VPC mode the harness's
   * security groups are allowed to reach the file system on the NFS port.
   */
  public static fromEfsAccessPoint(accessPoint: efs.IAccessPoint, mountPath: string): HarnessFilesystem {
    return new EfsMount(accessPoint, mountPath);
  }

  /**
   * An S3 Files access point, by ARN. The role gets `s3files:ClientMount` and
   * `s3files:ClientWrite` on the access point's file system through that access
   * point only (`s3files:AccessPointArn` condition), and the read calls the mount
   * makes (`GetAccessPoint`, `GetFileSystem`, `ListMountTargets`,
   * `GetMountTarget`) on `*`, since their resource-level support is undocumented.
   */
  public static fromS3FilesAccessPointArn(accessPointArn: string, mountPath: string): HarnessFilesystem {
    return new S3FilesMount(accessPointArn, mountPath);
  }

  /** The mount path. */
  public readonly mountPath: string;

  /** @internal */
  public abstract readonly _kind: FilesystemKind;

  protected constructor(mountPath: string) {
    validateMountPath('filesystems.mountPath', mountPath);
    this.mountPath = mountPath;
  }

  /** @internal */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.FilesystemConfigurationProperty;

  /**
   * Lets the harness's network interfaces reach the filesystem (VPC mode).
   * @internal
   */
  public _connect(_connections: ec2.Connections): void {
    // Nothing to open by default.
  }
}

class SessionStorage extends HarnessFilesystem {
  public readonly _kind = FilesystemKind.SESSION_STORAGE;

  public _bind(): CfnHarness.FilesystemConfigurationProperty {
    return { sessionStorage: { mountPath: this.mountPath } };
  }
}

class EfsMount extends HarnessFilesystem {
  public readonly _kind = FilesystemKind.EFS;

  constructor(private readonly accessPoint: efs.IAccessPoint, mountPath: string) {
    super(mountPath);
    validateString('filesystems.efsAccessPoint', accessPoint.accessPointArn, {
      maxLength: 128, pattern: EFS_ACCESS_POINT_ARN, patternDescription: 'an EFS access point ARN',
    });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.FilesystemConfigurationProperty {
    for (const statement of efsStatements(this.accessPoint.fileSystem.fileSystemArn, this.accessPoint.accessPointArn, 'filesystem')) {
      ctx.addToRolePolicy(toPolicyStatement(statement));
    }
    return { efsAccessPoint: { accessPointArn: this.accessPoint.accessPointArn, mountPath: this.mountPath } };
  }

  public _connect(connections: ec2.Connections): void {
    this.accessPoint.fileSystem.connections.allowDefaultPortFrom(connections, 'AgentCore harness sessions mount this file system');
  }
}

class S3FilesMount extends HarnessFilesystem {
  public readonly _kind = FilesystemKind.S3_FILES;

  constructor(private readonly accessPointArn: string, mountPath: string) {
    super(mountPath);
    validateString('filesystems.s3FilesAccessPoint', accessPointArn, {
      maxLength: 256,
      pattern: S3_FILES_ACCESS_POINT_ARN,
      patternDescription: 'an S3 Files access point ARN (arn:<partition>:s3files:<region>:<account>:file-system/fs-.../access-point/fsap-...)',
    });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.FilesystemConfigurationProperty {
    // The file system's ARN is the access point's ARN up to `/access-point/`.
    const fileSystemArn = Fn.select(0, Fn.split('/access-point/', this.accessPointArn));
    for (const statement of s3FilesStatements(this.accessPointArn, 'filesystem', fileSystemArn)) ctx.addToRolePolicy(toPolicyStatement(statement));
    return { s3FilesAccessPoint: { accessPointArn: this.accessPointArn, mountPath: this.mountPath } };
  }
}
