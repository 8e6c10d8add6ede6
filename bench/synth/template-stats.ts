// Figures read back from synthesized templates: resources, bytes, and how broad the IAM is.
import * as fs from 'fs';
import * as cxapi from 'aws-cdk-lib/cx-api';

export interface TemplateStats {
  readonly resources: number;
  readonly bytes: number;
  readonly iamStatements: number;
  /** Statements whose Resource is exactly "*" (or lists it). */
  readonly starStatements: number;
  /** Statements with a `*` anywhere in a resource, e.g. `…:gateway/*` (includes starStatements). */
  readonly wildcardStatements: number;
}

type Json = any;

export function statsOf(stacks: cxapi.CloudFormationStackArtifact[]): TemplateStats {
  let resources = 0;
  let bytes = 0;
  let iamStatements = 0;
  let starStatements = 0;
  let wildcardStatements = 0;
  for (const stack of stacks) {
    bytes += fs.statSync(stack.templateFullPath).size;
    const all: Record<string, Json> = stack.template.Resources ?? {};
    resources += Object.keys(all).length;
    for (const statement of Object.values(all).flatMap(statementsOf)) {
      iamStatements += 1;
      const targets = resourceStrings(statement.Resource ?? statement.NotResource);
      if (targets.includes('*')) starStatements += 1;
      if (targets.some((target) => target.includes('*'))) wildcardStatements += 1;
    }
  }
  return { resources, bytes, iamStatements, starStatements, wildcardStatements };
}

function statementsOf(resource: Json): Json[] {
  const props = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return asArray(props.PolicyDocument?.Statement);
    case 'AWS::IAM::Role':
      return asArray(props.Policies).flatMap((policy: Json) => asArray(policy.PolicyDocument?.Statement));
    default:
      return [];
  }
}

/** Literal strings of a Resource element; for Fn::Join the joined literal parts (enough to see a `*`). */
function resourceStrings(value: Json): string[] {
  return asArray(value).map((item: Json) => {
    if (typeof item === 'string') return item;
    const join = item?.['Fn::Join'];
    if (Array.isArray(join)) {
      return asArray(join[1]).map((part: Json) => (typeof part === 'string' ? part : '')).join('');
    }
    return '';
  });
}

function asArray(value: Json): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
