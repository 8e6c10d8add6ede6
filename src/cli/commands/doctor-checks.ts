// The pieces of `doctor` that need no AWS call: check results, the trust-policy reading and IAM pattern matching.

/** ok: verified; missing: verified broken; unknown: could not be verified (see `callerNeeds` / `detail`). */
export type CheckStatus = 'ok' | 'missing' | 'unknown';

export interface CheckResult {
  /** What was checked, e.g. `permission`, `trust-policy`, `gateway`, `memory`, `endpoint`. */
  readonly check: string;
  readonly status: CheckStatus;
  /** The resource or item the check is about. */
  readonly subject: string;
  readonly detail: string;
  /** For a missing permission: the action and resource the role must allow. */
  readonly action?: string;
  readonly resource?: string;
  /** For an `unknown` caused by the caller's own permissions: what the caller needs to run the check. */
  readonly callerNeeds?: readonly string[];
}

/** IAM's `*` and `?` wildcards, case-sensitive as for resources (callers lower-case actions themselves). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 's');
  return re.test(value);
}

const SERVICE = 'bedrock-agentcore.amazonaws.com';

function asList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** The values of a condition key under any of the operators, with the operator names case-insensitive. */
function conditionValues(condition: Record<string, any>, operators: readonly string[], key: string): string[] | undefined {
  let found: string[] | undefined;
  for (const [op, block] of Object.entries(condition ?? {})) {
    if (!operators.includes(op.toLowerCase().replace(/ifexists$/, ''))) continue;
    for (const [k, v] of Object.entries(block ?? {})) {
      if (k.toLowerCase() === key.toLowerCase()) found = [...(found ?? []), ...asList(v)];
    }
  }
  return found;
}

/**
 * Reads a role's trust policy: does it let the AgentCore service assume the role for this harness, and does it carry
 * confused-deputy conditions (aws:SourceAccount, aws:SourceArn) that this harness satisfies?
 *
 * The SourceArn the service presents when it assumes a harness's role is not documented (the harness ARN, or the ARN
 * of the runtime it manages); a pattern is accepted when it covers the harness ARN, which is what the constructs write.
 */
export function checkTrustPolicy(document: any, harnessArn: string, account: string): CheckResult {
  const subject = 'trust policy';
  const raw = document?.Statement;
  const statements: any[] = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const candidates = statements.filter((s: any) =>
    s?.Effect === 'Allow'
    && asList(s.Action).some((a) => wildcardMatch(a.toLowerCase(), 'sts:assumerole'))
    && (s.Principal === '*' || asList(s.Principal?.Service).includes(SERVICE)));
  if (candidates.length === 0) {
    return { check: 'trust-policy', status: 'missing', subject, detail: `does not let ${SERVICE} assume the role (sts:AssumeRole)` };
  }
  const problems: string[] = [];
  for (const s of candidates) {
    const condition = s.Condition ?? {};
    const accounts = conditionValues(condition, ['stringequals', 'stringlike'], 'aws:SourceAccount');
    const arns = conditionValues(condition, ['arnlike', 'arnequals', 'stringlike', 'stringequals'], 'aws:SourceArn');
    const accountOk = accounts?.some((a) => wildcardMatch(a, account));
    const arnOk = arns?.some((a) => wildcardMatch(a, harnessArn));
    if (accounts !== undefined && !accountOk) { problems.push(`aws:SourceAccount ${accounts.join(', ')} is not ${account}`); continue; }
    if (arns !== undefined && !arnOk) { problems.push(`aws:SourceArn ${arns.join(', ')} does not cover ${harnessArn}`); continue; }
    if (accounts === undefined && arns === undefined) {
      problems.push('no confused-deputy condition (aws:SourceAccount / aws:SourceArn): any AgentCore resource of any account could use the role');
      continue;
    }
    const covered = [accounts ? `aws:SourceAccount ${account}` : '', arns ? 'aws:SourceArn covers the harness' : ''].filter(Boolean).join(', ');
    return { check: 'trust-policy', status: 'ok', subject, detail: `${SERVICE} may assume the role (${covered})` };
  }
  return { check: 'trust-policy', status: 'missing', subject, detail: problems.join('; ') };
}
