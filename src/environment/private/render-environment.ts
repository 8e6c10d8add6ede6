import { Annotations, Duration, Token } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HarnessFilesystem } from '../filesystem';
import { FilesystemKind, normalizeMountPath } from './mount-path';
import { HarnessValidationError } from '../../common/private/errors';
import { isUnresolved, show, wholeDuration } from '../../common/private/validation';
import { HarnessBindContext } from '../../harness/private/bind-context';
import { HarnessNetworkConfiguration } from '../network';

/** @internal */
export interface HarnessEnvironmentOptions {
  readonly network?: HarnessNetworkConfiguration;
  readonly filesystems?: HarnessFilesystem[];
  readonly idleSessionTimeout?: Duration;
  readonly maxSessionLifetime?: Duration;
}

/** @internal */
export interface HarnessEnvironmentBinding {
  /** Undefined when nothing is configured (the property is then omitted). */
  readonly environment?: CfnHarness.HarnessEnvironmentProviderProperty;
  /** Set in VPC mode. */
  readonly connections?: ec2.Connections;
}

const MAX_FILESYSTEMS = 5;
const MAX_PER_KIND: Record<FilesystemKind, number> = {
  [FilesystemKind.SESSION_STORAGE]: 1,
  [FilesystemKind.EFS]: 2,
  [FilesystemKind.S3_FILES]: 2,
};

// Lifecycle bounds in seconds. The API accepts up to 1209600 (14 days), older
// registry schemas only 28800 (8 hours): above that we warn instead of failing.
const LIFECYCLE_MIN = 60;
const LIFECYCLE_SCHEMA_MAX = 28800;
const LIFECYCLE_API_MAX = 1209600;
const DEFAULT_IDLE = 900;
const DEFAULT_MAX_LIFETIME = 28800;

/**
 * Renders `environment.agentCoreRuntimeEnvironment` (network, filesystems,
 * lifecycle) and checks the cross-field rules (VPC for EFS/S3 Files, idle <= max).
 *
 * @internal
 */
export function renderEnvironment(
  ctx: HarnessBindContext,
  options: HarnessEnvironmentOptions,
): HarnessEnvironmentBinding {
  const network = options.network?._bind(ctx);
  const filesystems = options.filesystems ?? [];
  checkFilesystems(filesystems, options.network?._isVpc ?? false);
  const filesystemConfigurations = filesystems.map(fs => {
    const rendered = fs._bind(ctx);
    if (network?.connections) fs._connect(network.connections);
    return rendered;
  });
  const lifecycle = renderLifecycle(ctx, options.idleSessionTimeout, options.maxSessionLifetime);

  if (!network && filesystemConfigurations.length === 0 && !lifecycle) {
    return {};
  }
  return {
    environment: {
      agentCoreRuntimeEnvironment: {
        networkConfiguration: network?.network,
        filesystemConfigurations: filesystemConfigurations.length > 0 ? filesystemConfigurations : undefined,
        lifecycleConfiguration: lifecycle,
      },
    },
    connections: network?.connections,
  };
}

function checkFilesystems(filesystems: HarnessFilesystem[], vpc: boolean): void {
  if (filesystems.length > MAX_FILESYSTEMS) {
    throw new HarnessValidationError('filesystems', `has ${filesystems.length} mounts; at most ${MAX_FILESYSTEMS} are allowed`);
  }
  for (const kind of Object.values(FilesystemKind)) {
    const count = filesystems.filter(f => f._kind === kind).length;
    if (count > MAX_PER_KIND[kind]) {
      throw new HarnessValidationError('filesystems', `has ${count} ${kind} mounts; at most ${MAX_PER_KIND[kind]} are allowed`);
    }
  }
  const seen = new Map<string, number>();
  filesystems.forEach((fs, i) => {
    if (fs._kind !== FilesystemKind.SESSION_STORAGE && !vpc) {
      throw new HarnessValidationError(`filesystems[${i}]`,
        `a ${fs._kind} mount needs VPC networking; set network to HarnessNetworkConfiguration.vpc(...)`);
    }
    if (isUnresolved(fs.mountPath)) return;
    const key = normalizeMountPath(fs.mountPath);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new HarnessValidationError(`filesystems[${i}].mountPath`,
        `${show(fs.mountPath)} is already used by filesystems[${first}]; mount paths must be unique (a trailing / does not count)`);
    }
    seen.set(key, i);
  });
}

function renderLifecycle(
  ctx: HarnessBindContext,
  idle: Duration | undefined,
  max: Duration | undefined,
): CfnHarness.LifecycleConfigurationProperty | undefined {
  if (!idle && !max) return undefined;
  const idleSeconds = lifecycleSeconds(ctx, 'idleSessionTimeout', idle);
  const maxSeconds = lifecycleSeconds(ctx, 'maxSessionLifetime', max);
  const known = (v: number | undefined) => v !== undefined && !Token.isUnresolved(v);
  if (known(idleSeconds) || known(maxSeconds)) {
    // An unset side takes the service default; a token side cannot be compared.
    const i = known(idleSeconds) ? idleSeconds : (idle ? undefined : DEFAULT_IDLE);
    const m = known(maxSeconds) ? maxSeconds : (max ? undefined : DEFAULT_MAX_LIFETIME);
    if (i !== undefined && m !== undefined && i > m) {
      throw new HarnessValidationError('idleSessionTimeout',
        `${i} seconds${idle ? '' : ' (the service default)'} is longer than maxSessionLifetime `
        + `${m} seconds${max ? '' : ' (the service default)'}; an idle timeout must not exceed the session lifetime`);
    }
  }
  return { idleRuntimeSessionTimeout: idleSeconds, maxLifetime: maxSeconds };
}

function lifecycleSeconds(ctx: HarnessBindContext, property: string, value: Duration | undefined): number | undefined {
  if (!value) return undefined;
  if (value.isUnresolved()) return value.toSeconds();
  const seconds = wholeDuration(property, value, 'seconds')!;
  if (seconds < LIFECYCLE_MIN || seconds > LIFECYCLE_API_MAX) {
    throw new HarnessValidationError(property,
      `${seconds} seconds is out of range; it must be between ${LIFECYCLE_MIN} and ${LIFECYCLE_API_MAX} (14 days)`);
  }
  if (seconds > LIFECYCLE_SCHEMA_MAX) {
    Annotations.of(ctx.scope).addWarningV2('cdk-agentcore-harness:lifecycle-above-8-hours',
      `${property} is ${seconds} seconds. The API accepts up to ${LIFECYCLE_API_MAX}, but older CloudFormation registry `
      + `schemas allow at most ${LIFECYCLE_SCHEMA_MAX} (8 hours); a region still on such a schema rejects the deploy.`);
  }
  return seconds;
}
