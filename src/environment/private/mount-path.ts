import { validateString } from '../../common/private/validation';

const MOUNT_PATH = /^\/mnt\/[a-zA-Z0-9._-]+\/?$/;

/** A mount path: one directory level under /mnt, 6–200 characters. */
export function validateMountPath(property: string, mountPath: string): void {
  validateString(property, mountPath, {
    minLength: 6,
    maxLength: 200,
    pattern: MOUNT_PATH,
    patternDescription: 'one directory under /mnt, e.g. /mnt/data (letters, digits, . _ -)',
  });
}

/** Mount paths are compared without a trailing slash. */
export function normalizeMountPath(mountPath: string): string {
  return mountPath.endsWith('/') ? mountPath.slice(0, -1) : mountPath;
}

/** The three kinds of filesystem mount, as the CloudFormation member names. */
export enum FilesystemKind {
  SESSION_STORAGE = 'sessionStorage',
  EFS = 'efsAccessPoint',
  S3_FILES = 's3FilesAccessPoint',
}
