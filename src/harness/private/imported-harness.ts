import { Arn, ArnFormat, Fn, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { HARNESS_ARN, HARNESS_ID, HARNESS_NAME } from '../../common/private/arn-patterns';
import { validateString } from '../../common/private/validation';
import { HarnessBase, IHarness } from '../harness-base';
import { HarnessAttributes } from '../harness-props';

/** A harness defined outside this app; see `Harness.fromHarnessAttributes`. */
class ImportedHarness extends HarnessBase {
  public readonly harnessArn: string;
  public readonly harnessId: string;
  public readonly harnessName: string;
  public readonly role?: iam.IRole;
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, attrs: HarnessAttributes, harnessId: string, harnessName: string) {
    super(scope, id, { environmentFromArn: attrs.harnessArn });
    this.harnessArn = attrs.harnessArn;
    this.harnessId = harnessId;
    this.harnessName = harnessName;
    this.role = attrs.role;
    // Without the role, grants to this harness cannot be attached anywhere;
    // UnknownPrincipal turns them into warnings instead of silently dropping them.
    this.grantPrincipal = attrs.role ?? new iam.UnknownPrincipal({ resource: this });
    if (attrs.securityGroups && attrs.securityGroups.length > 0) {
      this._connections = new ec2.Connections({ securityGroups: attrs.securityGroups });
    }
  }
}

export function importHarness(scope: Construct, id: string, attrs: HarnessAttributes): IHarness {
  validateString('harnessArn', attrs.harnessArn, { pattern: HARNESS_ARN, patternDescription: 'a harness ARN' });
  validateString('harnessId', attrs.harnessId, { pattern: HARNESS_ID, patternDescription: 'a harness id <name>-<10 characters>' });
  validateString('harnessName', attrs.harnessName, { pattern: HARNESS_NAME, patternDescription: 'a harness name' });
  const harnessId = attrs.harnessId
    ?? Arn.split(attrs.harnessArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
  // Names cannot contain hyphens, so the name is everything before the id's only hyphen.
  const harnessName = attrs.harnessName
    ?? (Token.isUnresolved(harnessId) ? Fn.select(0, Fn.split('-', harnessId)) : harnessId.slice(0, harnessId.lastIndexOf('-')));
  return new ImportedHarness(scope, id, attrs, harnessId, harnessName);
}
