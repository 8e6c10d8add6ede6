import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * The principal every option grants to. It forwards to the execution role and
 * remembers each statement the role did not take. An imported role marked
 * immutable reports `statementAdded: true` but attaches nothing, so the check is
 * whether the policies under the role actually gained a statement.
 */
export class RecordingGrantee implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  private readonly missing: iam.PolicyStatement[] = [];
  private reported = false;

  /**
   * @param inline for a role the harness created itself: where its statements go (the
   * role's inline execution policy). Such a role takes every statement, so counting the
   * statements under it (a walk of its construct tree per statement) is skipped: it is
   * only needed to detect imported roles that silently drop statements.
   */
  constructor(private readonly role: iam.IRole, private readonly inline?: (statement: iam.PolicyStatement) => void) {}

  public get assumeRoleAction(): string {
    return this.role.assumeRoleAction;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  public get principalAccount(): string | undefined {
    return this.role.principalAccount;
  }

  /**
   * Grant caches key on the principal's string form (lambda's `grantInvoke`
   * does), so two harnesses' grantees must not look alike.
   */
  public toString(): string {
    return this.role.toString();
  }

  public dedupeString(): string | undefined {
    return iam.ComparablePrincipal.dedupeStringFor(this.role);
  }

  /** Whether some statement could not be attached to the role. */
  public get hasMissing(): boolean {
    return this.missing.length > 0;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    if (this.inline) {
      this.inline(statement);
      // The role renders its inline policies: depending on it is depending on the statement.
      return { statementAdded: true, policyDependable: this.role };
    }
    const before = statementsUnder(this.role);
    const result = this.role.addToPrincipalPolicy(statement);
    if (!result.statementAdded || statementsUnder(this.role) <= before) {
      this.missing.push(statement);
    }
    return result;
  }

  /** Records a statement that is known not to be attachable. */
  public recordMissing(statement: iam.PolicyStatement): void {
    this.missing.push(statement);
  }

  /** Emits one warning listing every statement the role lacks (once). */
  public report(scope: IConstruct): void {
    if (this.reported || this.missing.length === 0) return;
    this.reported = true;
    const stack = Stack.of(scope);
    const lines = this.missing.map(s => {
      const json = stack.resolve(s.toStatementJson());
      const conditions = json.Condition ? ` when ${JSON.stringify(json.Condition)}` : '';
      return `${JSON.stringify(json.Action)} on ${JSON.stringify(json.Resource)}${conditions}`;
    });
    Annotations.of(scope).addWarningV2('cdk-agentcore-harness:role-immutable',
      `The execution role ${this.role.node.path} cannot be changed, so the harness cannot grant itself what its configuration needs. `
      + `Add these permissions to the role yourself, or the harness fails at run time with AccessDenied: ${lines.join('; ')}`);
  }
}

function statementsUnder(role: iam.IRole): number {
  return role.node.findAll()
    .filter((c): c is iam.Policy => c instanceof iam.Policy)
    .reduce((n, policy) => n + policy.document.statementCount, 0);
}
