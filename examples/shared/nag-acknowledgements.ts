// A helper for the examples' own cdk-nag acknowledgements (the data-access and pipeline findings that
// follow from each example's choices). The wildcards the service requires on a harness execution role
// and on a gateway role are acknowledged by the library's HarnessNagAcknowledgements instead.
import { Stack } from 'aws-cdk-lib';

/**
 * cdk-nag's notation for an ARN of `stack`'s partition, region and account:
 * `arn:<AWS::Partition>:<service>:<region>:<account>:<resource>`, where a region or
 * account that is only known at deploy time reads `<AWS::Region>` / `<AWS::AccountId>`.
 * An acknowledgement id must be a plain string, so a token never goes into it.
 */
export function nagServiceArn(stack: Stack, service: string, resource: string): string {
  const region = stack.resolve(stack.region);
  const account = stack.resolve(stack.account);
  const regionPart = typeof region === 'string' ? region : '<AWS::Region>';
  const accountPart = typeof account === 'string' ? account : '<AWS::AccountId>';
  return `arn:<AWS::Partition>:${service}:${regionPart}:${accountPart}:${resource}`;
}
