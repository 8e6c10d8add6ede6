import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';

/**
 * Checks the rendered tool set as a whole: unique names, allowedTools patterns,
 * and a warning for allowedTools entries that match no declared tool.
 *
 * (Stub: filled in with issue 3.)
 * @internal
 */
export function validateToolSet(
  _scope: Construct,
  _tools: CfnHarness.HarnessToolProperty[],
  _allowedTools: string[] | undefined,
): void {
  // intentionally empty until issue 3
}
