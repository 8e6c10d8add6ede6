import { Duration } from 'aws-cdk-lib';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HarnessBindContext } from '../harness/bind-context';
import { HarnessFilesystem } from './filesystem';
import { HarnessNetworkConfiguration } from './network';

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

/**
 * Renders `environment.agentCoreRuntimeEnvironment` (network, filesystems,
 * lifecycle) and checks the cross-field rules (VPC for EFS/S3 Files, idle <= max).
 *
 * (Stub: filled in with issue 3.)
 * @internal
 */
export function renderEnvironment(
  _ctx: HarnessBindContext,
  _options: HarnessEnvironmentOptions,
): HarnessEnvironmentBinding {
  return {};
}
