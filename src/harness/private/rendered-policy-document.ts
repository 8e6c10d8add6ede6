import { Aws, FeatureFlags, IPostProcessor, IResolvable, IResolveContext, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { policyDocumentLength } from './inline-policy-size';

/** A frozen statement's JSON (it can no longer change), shared by every document that holds it. */
interface RenderedStatement {
  readonly json: unknown;
  /** For de-duplication. */
  readonly key: string;
  /** Whether `json` is resolved already (only literals and pseudo parameters). */
  readonly resolved: boolean;
  /** The least size IAM can count for it, once measured (resolved statements only). */
  minLength?: number;
}

/** `{"Statement":[],"Version":"2012-10-17"}`, without the statements and the commas between them. */
const DOCUMENT_FRAME_LENGTH = JSON.stringify({ Statement: [], Version: '2012-10-17' }).length;

const RENDERED = new WeakMap<iam.PolicyStatement, RenderedStatement>();

/**
 * The pseudo parameters, unscoped: they render `{ Ref: 'AWS::…' }` in any stack and
 * any synthesis pass. A stack without an explicit environment uses these very tokens
 * for its partition, region and account.
 */
const PSEUDO_PARAMETERS: ReadonlySet<IResolvable> = new Set(
  [Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID, Aws.URL_SUFFIX].map(token => Tokenization.reverseString(token).firstToken!),
);

/**
 * A policy document for the statements the harness writes itself, rendered
 * once instead of in every synthesis pass.
 *
 * Synthesis resolves each template several times (reference discovery, the
 * template, the construct tree). A plain `PolicyDocument` re-renders every
 * statement and re-registers its post-processor in each pass, which made the
 * harness's own dozen statements the largest synth cost of an agent stack.
 * These statements are frozen once rendered, so the rendering is kept until the
 * next `addStatements`. A statement made only of literals and pseudo parameters
 * (most of them: log groups, the workload identity, models, AgentCore tools) is
 * even kept resolved, and shared by every document that holds it: such a
 * statement renders the same in every pass and every stack.
 *
 * The output is the same as `PolicyDocument`'s: statements in the order added,
 * an exact duplicate dropped (the post-processor's de-duplication), once
 * rendered and again once resolved when a statement has deploy-time values. With
 * `@aws-cdk/aws-iam:minimizePolicies` set, the document renders as a plain
 * `PolicyDocument`, so the app's choice to merge statements is honoured.
 */
export class RenderedPolicyDocument extends iam.PolicyDocument {
  // No initializers: PolicyDocument's constructor calls addStatements before they would run.
  private added?: iam.PolicyStatement[];
  private rendered?: unknown;
  private renderedStatements?: RenderedStatement[];

  public addStatements(...statements: iam.PolicyStatement[]): void {
    super.addStatements(...statements);
    (this.added ??= []).push(...statements);
    this.rendered = undefined;
    this.renderedStatements = undefined;
  }

  public resolve(context: IResolveContext): any {
    if (FeatureFlags.of(context.scope).isEnabled(cxapi.IAM_MINIMIZE_POLICIES)) {
      return super.resolve(context);
    }
    this.rendered ??= this.renderOnce(Stack.of(context.scope));
    if (this.renderedStatements?.some(statement => !statement.resolved)) {
      context.registerPostProcessor(REMOVE_RESOLVED_DUPLICATES);
    }
    return this.rendered;
  }

  /**
   * The least size IAM can count for this document (see `policyDocumentLength`),
   * or undefined before it is rendered or when it renders as a plain PolicyDocument.
   * A statement resolved already is measured once, for every document that holds it.
   */
  public minimumLength(stack: Stack): number | undefined {
    if (!this.renderedStatements) return undefined;
    let total = DOCUMENT_FRAME_LENGTH;
    let count = 0;
    // Counted as deployed: without the duplicates that appear once resolved (see REMOVE_RESOLVED_DUPLICATES).
    const seen = new Set<string>();
    for (const statement of this.renderedStatements) {
      if (statement.resolved) {
        if (seen.has(statement.key)) continue;
        seen.add(statement.key);
        statement.minLength ??= policyDocumentLength(statement.json).min;
        total += statement.minLength;
      } else {
        const resolved = stack.resolve(statement.json);
        const key = JSON.stringify(resolved);
        if (seen.has(key)) continue;
        seen.add(key);
        total += policyDocumentLength(resolved).min;
      }
      count++;
    }
    return total + Math.max(count - 1, 0);
  }

  private renderOnce(stack: Stack): unknown {
    if (!this.added?.length) return undefined;
    const seen = new Set<string>();
    this.renderedStatements = [];
    for (const statement of this.added) {
      const rendered = renderStatement(statement, stack);
      if (seen.has(rendered.key)) continue;
      seen.add(rendered.key);
      this.renderedStatements.push(rendered);
    }
    return { Statement: this.renderedStatements.map(statement => statement.json), Version: '2012-10-17' };
  }
}

/**
 * Statements with deploy-time values can be equal only once resolved (a Lazy
 * value and the literal it produces); PolicyDocument drops those after
 * resolution too, keeping the first.
 */
const REMOVE_RESOLVED_DUPLICATES: IPostProcessor = {
  postProcess(input: any): any {
    if (!Array.isArray(input?.Statement)) return input;
    const seen = new Set<string>();
    const unique = input.Statement.filter((statement: unknown) => {
      const key = JSON.stringify(statement);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return unique.length === input.Statement.length ? input : { ...input, Statement: unique };
  },
};

function renderStatement(statement: iam.PolicyStatement, stack: Stack): RenderedStatement {
  let rendered = RENDERED.get(statement);
  if (!rendered) {
    statement.freeze();
    const unresolved = statement.toStatementJson();
    const resolved = onlyPseudoParameters(unresolved);
    const json = resolved ? stack.resolve(unresolved) : unresolved;
    rendered = { json, key: JSON.stringify(json), resolved };
    RENDERED.set(statement, rendered);
  }
  return rendered;
}

/** Whether every token in `value` is an unscoped pseudo parameter, so it resolves alike in every pass and stack. */
function onlyPseudoParameters(value: unknown): boolean {
  if (typeof value === 'string') {
    return !Token.isUnresolved(value) || Tokenization.reverseString(value).tokens.every(token => PSEUDO_PARAMETERS.has(token));
  }
  if (Array.isArray(value)) return value.every(onlyPseudoParameters);
  if (value !== null && typeof value === 'object') {
    return !Tokenization.isResolvable(value) && Object.values(value).every(onlyPseudoParameters);
  }
  return !Token.isUnresolved(value);
}
