import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';

/**
 * Checks the rendered hook set as a whole: at most 20 hooks, unique names.
 *
 * (Stub: filled in with issue 3.)
 * @internal
 */
export function validateHookSet(_hooks: CfnHarness.HarnessHookProperty[]): void {
  // intentionally empty until issue 3
}
