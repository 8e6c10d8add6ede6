// Reads a synthesized template the way IAM would see the deployed role: every harness, its execution role's
// statements (inline policies, default and other attached AWS::IAM::Policy resources, managed policies of the
// template) expanded to (action, resource) pairs, with CloudFormation intrinsics turned into canonical strings so
// that the template's values and the shared permission module's output compare as text.
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HarnessPermissionInput, PermissionEnv } from '../../src/permissions/private/required-permissions';

/** `{Ref: X}` → `${X}`, `{Fn::GetAtt: [A, B]}` → `${A.B}`, `Fn::Join` → the joined text; anything else as JSON. */
export function canonical(value: any): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    if ('Ref' in value) return `\${${value.Ref}}`;
    if ('Fn::GetAtt' in value) return `\${${[].concat(value['Fn::GetAtt']).join('.')}}`;
    if ('Fn::Join' in value) return (value['Fn::Join'][1] as any[]).map(canonical).join(value['Fn::Join'][0]);
    if ('Fn::Sub' in value && typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'];
    // Fn::Select of Fn::Split on text is evaluated, as CloudFormation would.
    const select = value['Fn::Select'];
    if (select && select[1]?.['Fn::Split']) {
      const [separator, source] = select[1]['Fn::Split'];
      // A token source (e.g. an ARN attribute) cannot be split as text: keep the intrinsic as it is.
      const part = canonical(source).split(separator)[select[0]];
      if (part !== undefined && !canonical(source).includes('${')) return part;
    }
  }
  return JSON.stringify(value);
}

/** The template's PascalCase harness properties in the GetHarness shape, with every intrinsic canonical. */
export function toPermissionInput(properties: any): HarnessPermissionInput {
  const walk = (v: any): any => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      if ('Ref' in v || 'Fn::GetAtt' in v || 'Fn::Join' in v || 'Fn::Sub' in v) return canonical(v);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.charAt(0).toLowerCase() + k.slice(1), walk(x)]));
    }
    return v;
  };
  return walk(properties);
}

export function envOf(stack: Stack): PermissionEnv {
  const r = (v: string) => canonical(stack.resolve(v));
  return { partition: r(stack.partition), region: r(stack.region), account: r(stack.account) };
}

export interface Pair {
  readonly action: string;
  readonly resource: string;
  readonly condition?: string;
}

const list = (v: any): any[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every Allow (action, resource) pair of the role's identity policies. */
export function rolePairs(template: Template, roleLogicalId: string): Pair[] {
  const json = template.toJSON().Resources as Record<string, any>;
  const role = json[roleLogicalId];
  const documents: any[] = (role.Properties.Policies ?? []).map((p: any) => p.PolicyDocument);
  for (const r of Object.values(json)) {
    // An inline policy, or a managed policy attached through its own Roles (the post-create groups).
    if ((r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      && list(r.Properties.Roles).some((x: any) => x?.Ref === roleLogicalId)) documents.push(r.Properties.PolicyDocument);
  }
  for (const arn of list(role.Properties.ManagedPolicyArns)) {
    const ref = arn?.Ref && json[arn.Ref];
    if (ref?.Type === 'AWS::IAM::ManagedPolicy') documents.push(ref.Properties.PolicyDocument);
    else throw new Error(`managed policy ${canonical(arn)} is not in the template; it cannot be compared`);
  }
  const pairs: Pair[] = [];
  const ownArn = JSON.stringify({ 'Fn::GetAtt': [roleLogicalId, 'Arn'] });
  for (const statement of documents.flatMap((d) => list(d.Statement))) {
    if (statement.Effect !== 'Allow') continue;
    // A statement limited by aws:PrincipalArn applies to this role only when it names this role; the condition
    // is then always true for the role, so it is left out of the pair.
    const principal = statement.Condition?.ArnEquals?.['aws:PrincipalArn'];
    if (principal !== undefined && JSON.stringify(principal) !== ownArn) continue;
    const s = principal === undefined ? statement : withoutPrincipalCondition(statement);
    for (const action of list(s.Action)) {
      for (const resource of list(s.Resource)) {
        pairs.push({ action, resource: canonical(resource), ...(s.Condition ? { condition: JSON.stringify(s.Condition) } : {}) });
      }
    }
  }
  return pairs;
}

function withoutPrincipalCondition(statement: any): any {
  const { ['aws:PrincipalArn']: _principal, ...arnEquals } = statement.Condition.ArnEquals;
  const { ArnEquals: _arnEquals, ...conditions } = statement.Condition;
  const condition = Object.keys(arnEquals).length > 0 ? { ...conditions, ArnEquals: arnEquals } : conditions;
  const { Condition: _condition, ...rest } = statement;
  return Object.keys(condition).length > 0 ? { ...rest, Condition: condition } : rest;
}
