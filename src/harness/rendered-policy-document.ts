import { FeatureFlags, IResolveContext } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cxapi from 'aws-cdk-lib/cx-api';

/** The JSON of frozen statements (which can no longer change), shared by every document that holds them. */
const STATEMENT_JSON = new WeakMap<iam.PolicyStatement, { json: unknown; key: string }>();

/**
 * A policy document for the statements the harness writes itself, rendered
 * once instead of in every synthesis pass.
 *
 * Synthesis resolves each template several times (reference discovery, the
 * template, the construct tree). A plain `PolicyDocument` re-renders every
 * statement and re-registers its post-processor in each pass, which made the
 * harness's own dozen statements the largest synth cost of an agent stack.
 * These statements are never changed after they are added, so the rendering is
 * kept until the next `addStatements`.
 *
 * The output is the same as `PolicyDocument`'s: statements in the order added,
 * an exact duplicate dropped (the post-processor's de-duplication, done here on
 * the unresolved JSON), and the statements frozen once rendered. With `@aws-cdk/aws-iam:minimizePolicies` set, the
 * document renders as a plain `PolicyDocument`, so the app's choice to merge
 * statements is honoured.
 */
export class RenderedPolicyDocument extends iam.PolicyDocument {
  // No initializers: PolicyDocument's constructor calls addStatements before they would run.
  private added?: iam.PolicyStatement[];
  private rendered?: unknown;

  public addStatements(...statements: iam.PolicyStatement[]): void {
    super.addStatements(...statements);
    (this.added ??= []).push(...statements);
    this.rendered = undefined;
  }

  public resolve(context: IResolveContext): any {
    if (FeatureFlags.of(context.scope).isEnabled(cxapi.IAM_MINIMIZE_POLICIES)) {
      return super.resolve(context);
    }
    this.rendered ??= this.renderOnce();
    return this.rendered;
  }

  private renderOnce(): unknown {
    if (!this.added?.length) return undefined;
    const seen = new Set<string>();
    const statements = [];
    for (const statement of this.added) {
      const { json, key } = renderStatement(statement);
      if (seen.has(key)) continue;
      seen.add(key);
      statements.push(json);
    }
    return { Statement: statements, Version: '2012-10-17' };
  }
}

function renderStatement(statement: iam.PolicyStatement): { json: unknown; key: string } {
  let rendered = STATEMENT_JSON.get(statement);
  if (!rendered) {
    statement.freeze();
    const json = statement.toStatementJson();
    rendered = { json, key: JSON.stringify(json) };
    STATEMENT_JSON.set(statement, rendered);
  }
  return rendered;
}

/**
 * Records the final JSON of a frozen statement whose every token resolves the
 * same in any synthesis pass and any place of its stack (literals and the
 * stack's pseudo parameters), so the documents holding it emit that JSON as is
 * instead of resolving the statement again in each pass.
 */
export function renderResolved(statement: iam.PolicyStatement, resolved: unknown): void {
  statement.freeze();
  STATEMENT_JSON.set(statement, { json: resolved, key: JSON.stringify(resolved) });
}
