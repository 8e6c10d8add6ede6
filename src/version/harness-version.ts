import { _cfnHarnessOf } from './private/harness-l1';
import { VERSION_NUMBER_RULES } from '../common/private/endpoint-rules';
import { HarnessValidationError } from '../common/private/errors';
import { show, validateString } from '../common/private/validation';
import { IHarness } from '../harness/harness-base';

/**
 * A reference to one immutable version of a harness.
 *
 * Every successful update of a harness creates a new numbered version with a
 * complete, self-contained configuration. No CloudFormation resource
 * represents a version, so this class defines nothing in the template: it is a
 * value that endpoints point at (`EndpointVersionPolicy.pinned(version)`).
 *
 * Get one with `harness.currentVersion` (the version this deployment
 * creates) or `HarnessVersion.of(harness, '<n>')` (a given number).
 */
export class HarnessVersion {
  /**
   * The version a harness defined in this app has after this deployment
   * (its `Version` attribute); `Harness.currentVersion` returns it.
   *
   * Not available for imported harnesses: their current version is only known
   * at deploy time by querying the service.
   * @internal
   */
  public static _currentVersionOf(harness: IHarness): HarnessVersion {
    const cfn = _cfnHarnessOf(harness);
    if (!cfn) {
      throw new HarnessValidationError('harness',
        `${harness.node.path} is imported, so its current version is unknown at synth; ` +
        'reference a version number with HarnessVersion.of(harness, "<n>")');
    }
    return new HarnessVersion(harness, cfn.attrVersion, true);
  }

  /**
   * A given version number of a harness, defined in this app or imported:
   * `1` to `99999` (for example `"3"`). May be a token, such as a stack
   * parameter or an SSM parameter value; a literal is validated at synth, a
   * token at deploy time.
   *
   * @example
   * declare const harness: IHarness;
   * harness.addEndpoint('PROD', { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, '3')) });
   */
  public static of(harness: IHarness, version: string): HarnessVersion {
    if (typeof version !== 'string') {
      throw new HarnessValidationError('version', `${show(version)} must be a string such as "3"`);
    }
    validateString('version', version, VERSION_NUMBER_RULES);
    return new HarnessVersion(harness, version, false);
  }

  /**
   * The harness this version belongs to.
   */
  public readonly harness: IHarness;

  /**
   * The version number as a string (a token for the current version).
   */
  public readonly version: string;

  /**
   * True when this is the harness's current version, which moves with every
   * configuration change.
   */
  public readonly isCurrentVersion: boolean;

  private constructor(harness: IHarness, version: string, isCurrentVersion: boolean) {
    this.harness = harness;
    this.version = version;
    this.isCurrentVersion = isCurrentVersion;
  }
}
