import { Stack } from 'aws-cdk-lib';

/** One way of writing the bench definition. */
export interface Variant {
  /** Short label printed in the tables. */
  readonly name: string;
  /** Why this variant may not be comparable, or why it cannot run (printed as n/a). */
  readonly note?: string;
  /** Adds harness number `index` (with its role and two endpoints) to `stack`. */
  addHarness(stack: Stack, index: number): void;
}
