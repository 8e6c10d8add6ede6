import {
  DefaultTokenResolver, IFragmentConcatenator, IPostProcessor, IResolvable, IResolveContext, Reference, Stack, Token,
  TokenizedStringFragments, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { HarnessValidationError } from './errors';

// A token given where a literal is checked is skipped when it is given, as its
// value may not exist yet (a Lazy is produced at synth, a pseudo parameter at
// deploy). The check is kept here instead, and the construct that renders the
// token runs it at synth on what the token resolves to:
// - a literal (a Lazy, a context value): the whole check;
// - a join of literal text and pseudo parameters (an ECR image URI ends in
//   `AWS::URLSuffix`): the check with each pseudo parameter at the value it has
//   in each partition; it fails only when it fails in every one, so a value that
//   is valid in some partition is never refused;
// - anything that references a resource: skipped, it is known only at deploy.

/** A check of one value: throws a HarnessValidationError when the value is not allowed. */
export type DeferredCheck = (value: any) => void;

const STRING_CHECKS = new Map<string, DeferredCheck[]>();
const NUMBER_CHECKS = new WeakMap<IResolvable, DeferredCheck[]>();
let registered = 0;

/** Pseudo parameters as they are in the commercial and the China partition. */
const PSEUDO_VALUES: ReadonlyArray<Record<string, string>> = [
  { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012' },
  { 'AWS::Partition': 'aws-cn', 'AWS::URLSuffix': 'amazonaws.com.cn', 'AWS::Region': 'cn-north-1', 'AWS::AccountId': '123456789012' },
];

/** Keeps `check` for the string token `value`, unless what it holds is known only at deploy. */
export function deferStringCheck(value: string, check: DeferredCheck): void {
  if (typeof value !== 'string') return;
  const tokens = Tokenization.reverseString(value).tokens;
  if (tokens.length === 0 || tokens.every(knownOnlyAtDeploy)) return;
  const checks = STRING_CHECKS.get(value);
  if (checks) checks.push(check);
  else STRING_CHECKS.set(value, [check]);
  registered++;
}

/** Keeps `check` for the number token `value`, unless what it holds is known only at deploy. */
export function deferNumberCheck(value: number, check: DeferredCheck): void {
  const token = Tokenization.reverseNumber(value);
  if (!token || knownOnlyAtDeploy(token)) return;
  const checks = NUMBER_CHECKS.get(token);
  if (checks) checks.push(check);
  else NUMBER_CHECKS.set(token, [check]);
  registered++;
}

/** A reference to a resource's attribute; a pseudo parameter is a reference too, but to the stack. */
function knownOnlyAtDeploy(token: IResolvable): boolean {
  return token instanceof Reference && !Stack.isStack(token.target);
}

/**
 * Runs the kept checks of every token in `value` (a resource's properties),
 * resolved in the stack of `scope`. Returns the failures as messages for
 * `node.addValidation`, which prefixes the construct's path.
 */
export function runDeferredChecks(scope: IConstruct, value: unknown): string[] {
  if (registered === 0) return [];
  const errors: string[] = [];
  Tokenization.resolve(value, { scope, resolver: new CheckingResolver(errors), preparing: false });
  return errors;
}

class CheckingResolver extends DefaultTokenResolver {
  constructor(private readonly errors: string[]) {
    super(new JoinConcat());
  }

  public resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    const resolved = super.resolveToken(token, context, postProcessor);
    const checks = NUMBER_CHECKS.get(token);
    if (checks && typeof resolved === 'number') this.run(checks, resolved, [resolved]);
    return resolved;
  }

  public resolveString(fragments: TokenizedStringFragments, context: IResolveContext): any {
    const resolved = super.resolveString(fragments, context);
    const original = fragments.mapTokens({ mapToken: token => Token.asString(token) }).join(new JoinConcat());
    const checks = typeof original === 'string' ? STRING_CHECKS.get(original) : undefined;
    if (checks) {
      const candidates = literalForms(resolved);
      if (candidates) this.run(checks, resolved, candidates);
    }
    return resolved;
  }

  private run(checks: DeferredCheck[], resolved: unknown, candidates: unknown[]): void {
    for (const check of checks) {
      const failures: HarnessValidationError[] = [];
      for (const candidate of candidates) {
        try {
          check(candidate);
        } catch (e) {
          if (!(e instanceof HarnessValidationError)) throw e;
          failures.push(e);
        }
      }
      if (failures.length === candidates.length) {
        const shown = typeof resolved === 'string' || typeof resolved === 'number' ? '' : ` (${displayForm(resolved)} at synth; pseudo parameters as in ${PSEUDO_VALUES.map(p => p['AWS::Partition']).join(', ')})`;
        this.errors.push(`${failures[0].message}${shown}`);
      }
    }
  }
}

/**
 * Joins resolved fragments as CloudFormation would: literals concatenated, anything
 * else in an `Fn::Join` with an empty delimiter (aws-cdk-lib's own concatenator
 * is not public). The result is only read by the checks, never rendered.
 */
class JoinConcat implements IFragmentConcatenator {
  public join(left: any, right: any): any {
    if (left === undefined) return right;
    if (right === undefined) return left;
    const parts: unknown[] = [];
    for (const part of [...joinElements(left), ...joinElements(right)]) {
      const last = parts[parts.length - 1];
      if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
      else parts.push(part);
    }
    return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { 'Fn::Join': ['', parts] };
  }
}

function joinElements(value: any): unknown[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  const join = value?.['Fn::Join'];
  return Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) ? join[1] : [value];
}

/**
 * The values a resolved string can take: itself when it is a literal; one per
 * partition when it joins literals and pseudo parameters; undefined otherwise.
 */
function literalForms(resolved: unknown): unknown[] | undefined {
  if (typeof resolved === 'string') return [resolved];
  const parts = joinParts(resolved);
  if (!parts) return undefined;
  return PSEUDO_VALUES.map(values => parts.map(part => typeof part === 'string' ? part : values[part.pseudo]).join(''));
}

type Part = string | { pseudo: string };

function joinParts(value: unknown): Part[] | undefined {
  const pseudo = pseudoName(value);
  if (pseudo) return [{ pseudo }];
  const join = (value as any)?.['Fn::Join'];
  if (!Array.isArray(join) || join.length !== 2 || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  const parts: Part[] = [];
  for (const element of join[1]) {
    if (typeof element === 'string') {
      parts.push(element);
      continue;
    }
    const name = pseudoName(element);
    if (!name) return undefined;
    parts.push({ pseudo: name });
  }
  return parts;
}

function pseudoName(value: unknown): string | undefined {
  const ref = (value as any)?.Ref;
  return typeof ref === 'string' && ref in PSEUDO_VALUES[0] && Object.keys(value as object).length === 1 ? ref : undefined;
}

function displayForm(value: unknown): string {
  const parts = joinParts(value);
  return parts ? JSON.stringify(parts.map(p => typeof p === 'string' ? p : `\${${p.pseudo}}`).join('')) : JSON.stringify(value);
}
