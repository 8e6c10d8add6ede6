import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

// cdk-nag reads acknowledgements from aws-cdk-lib's own construct metadata
// (`Validations.of(scope).acknowledge`, metadata `aws:cdk:acknowledged-rules`,
// looked up on the flagged resource and every scope above it), so the library
// writes them without depending on cdk-nag. A rule id must be a plain string:
// an unresolved token in it (an environment-agnostic stack's region or account)
// fails synth with KeyMustResolveToString, hence `nagNotation`.

/** One acknowledged cdk-nag finding and the reason it is accepted. */
export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
}

/**
 * A value the way cdk-nag prints it in a finding id: references become
 * `<LogicalId>` / `<LogicalId.Attr>` / `<AWS::Region>`, `Fn::Join` and `Fn::Sub`
 * are flattened, literal parts stay as they are. Works with and without an
 * explicit stack environment.
 */
export function nagNotation(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node !== 'object') return String(node);
  const o = node as Record<string, any>;
  if (o['Fn::Join']) {
    const [delimiter, items] = o['Fn::Join'];
    return (items as unknown[]).map(flatten).join(delimiter);
  }
  if (o['Fn::Sub']) return flatten(o['Fn::Sub']);
  if (o['Fn::GetAtt']) {
    const [resource, attribute] = o['Fn::GetAtt'];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (o['Fn::ImportValue']) return flatten(o['Fn::ImportValue']);
  if (o.Ref) return `<${flatten(o.Ref)}>`;
  return JSON.stringify(node);
}

/** The logical id of a construct's CloudFormation resource as cdk-nag prints it. */
export function nagLogicalId(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnResource;
  return Stack.of(construct).resolve(resource.logicalId);
}

/** Acknowledges findings on `scope` and everything below it; every id is a resolved string. */
export function acknowledge(scope: IConstruct, acknowledgements: NagAcknowledgement[]): void {
  if (acknowledgements.length === 0) return;
  Validations.of(scope).acknowledge(...acknowledgements);
}

export const IAM5 = 'AwsSolutions-IAM5';
