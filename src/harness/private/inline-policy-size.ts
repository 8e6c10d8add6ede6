import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { unresolvedMaxLength } from '../../common/private/synthesis-shortcuts';

/**
 * IAM's quota on the aggregate size of a role's inline policies, in characters,
 * white space not counted. The harness's `HarnessExecution` policy and the role's
 * default policy (grants made through `grantPrincipal`) are both inline policies.
 */
export const INLINE_POLICY_QUOTA = 10_240;

/** The least and the most characters a rendered value can take once CloudFormation has substituted its intrinsics. */
export interface LengthBounds {
  readonly min: number;
  readonly max: number;
}

/** Lengths of the pseudo parameters' values (partitions `aws` … `aws-iso-f`, regions `us-east-1` … `ap-southeast-5`). */
const PSEUDO_PARAMETER_LENGTHS: Record<string, LengthBounds> = {
  'AWS::Partition': { min: 3, max: 10 },
  'AWS::Region': { min: 9, max: 14 },
  'AWS::AccountId': { min: 12, max: 12 },
  'AWS::URLSuffix': { min: 13, max: 20 },
};

/** A resource attribute or parameter: at least one character, at most an ARN's 2,048. */
const UNKNOWN: LengthBounds = { min: 1, max: 2048 };

/**
 * The size IAM counts for a resolved policy document: its JSON without white
 * space, with every intrinsic replaced by the string it evaluates to. Literal
 * parts are exact; deploy-time values are bounded.
 */
export function policyDocumentLength(document: unknown, known?: KnownLengths): LengthBounds {
  return json(document, known);
}

const NO_KNOWN_LENGTHS: ReadonlyMap<string, number> = new Map();

/**
 * The least characters each of a role's inline policy documents takes once
 * deployed; undefined when, even with every deploy-time value at an ARN's
 * longest, they fit the quota together (most roles: nothing is resolved then).
 */
export function leastInlinePolicyLengths(stack: Stack, documents: iam.PolicyDocument[]): number[] | undefined {
  const upper = documents.map(document => unresolvedMaxLength(document.toJSON(), NO_KNOWN_LENGTHS, UNKNOWN.max));
  if (upper.every(n => n !== undefined) && upper.reduce((a, b) => a! + b!, 0)! <= INLINE_POLICY_QUOTA) return undefined;
  return documents.map(document => policyDocumentLength(stack.resolve(document)).min);
}

/** The bounds of an intrinsic whose value the caller knows more about (e.g. a role ARN: at most 64 name characters). */
export type KnownLengths = (intrinsic: Record<string, unknown>) => LengthBounds | undefined;

function json(value: unknown, known?: KnownLengths): LengthBounds {
  if (typeof value === 'string') return exact(JSON.stringify(value).length);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return exact(JSON.stringify(value).length);
  if (Array.isArray(value)) {
    return sum([exact(2 + Math.max(value.length - 1, 0)), ...value.map(v => json(v, known))]);
  }
  if (typeof value === 'object') {
    const evaluated = known?.(value as Record<string, unknown>) ?? intrinsicString(value as Record<string, unknown>);
    if (evaluated) return sum([exact(2), evaluated]);
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return sum([
      exact(2 + Math.max(entries.length - 1, 0)),
      ...entries.map(([k, v]) => sum([exact(JSON.stringify(k).length + 1), json(v, known)])),
    ]);
  }
  return exact(0);
}

/** The length of the string an intrinsic evaluates to (quotes excluded), or undefined if `value` is not one. */
function intrinsicString(value: Record<string, unknown>): LengthBounds | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  const arg = value[key];
  if (key === 'Ref') return PSEUDO_PARAMETER_LENGTHS[String(arg)] ?? UNKNOWN;
  if (key === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
    const [separator, parts] = arg as [string, unknown[]];
    return sum([exact(String(separator).length * Math.max(parts.length - 1, 0)), ...parts.map(part =>
      typeof part === 'string' ? exact(part.length) : (isObject(part) ? intrinsicString(part) ?? UNKNOWN : UNKNOWN))]);
  }
  if (key.startsWith('Fn::')) return { min: 0, max: UNKNOWN.max };
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function exact(length: number): LengthBounds {
  return { min: length, max: length };
}

function sum(parts: LengthBounds[]): LengthBounds {
  return parts.reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), exact(0));
}

