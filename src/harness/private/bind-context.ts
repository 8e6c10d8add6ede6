import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * What a harness option (model, tool, skill, memory, hook, environment piece,
 * authorizer) receives when the harness renders it. Each option renders its
 * CloudFormation fragment AND grants its own permissions from the same typed
 * input, so the role can never drift from the configuration.
 *
 * @internal
 */
export interface HarnessBindContext {
  /** The Harness construct: scope for child constructs, annotations and `Stack.of`. */
  readonly scope: Construct;

  /** The underlying L1, for attributes such as the managed-memory ARN. */
  readonly resource: bedrockagentcore.CfnHarness;

  /**
   * The principal to pass to aws-cdk-lib grant methods (`gateway.grantInvoke(ctx.grantee)`).
   * For an immutable imported role it records every statement that could not be
   * attached, and the harness reports them in one warning.
   */
  readonly grantee: iam.IGrantable;

  /**
   * Adds a statement to the execution role's policy, which the harness depends on:
   * the inline policy of a role the harness created, or a policy on a role passed in.
   * Use for statements that do NOT reference the harness's own attributes.
   */
  addToRolePolicy(statement: iam.PolicyStatement): void;

  /**
   * Adds a statement that references the harness's own attributes (for example
   * the managed-memory ARN). It goes into a separate policy that depends on the
   * harness; putting it in a policy the harness depends on would be a dependency cycle.
   */
  addPostCreateStatement(statement: iam.PolicyStatement): void;
}
