import { Stack } from 'aws-cdk-lib';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';

// The one agent definition every variant synthesizes, so the figures compare like with like: the
// README's realistic agent (a gateway, the browser, the code interpreter and an inline tool; a git
// and an AWS skill; managed memory; STAGING and PROD endpoints). N harnesses go into ONE stack,
// which is what CloudFormation's per-template limits are about.
export const BENCH_ENV = { account: '123456789012', region: 'us-east-1' };

/** CloudFormation's limits for one template. */
export const TEMPLATE_BYTE_LIMIT = 1_000_000;
export const TEMPLATE_RESOURCE_LIMIT = 500;

export const INLINE_TOOL = {
  name: 'lookup_booking',
  description: 'Looks up a booking by its reference',
  inputSchema: { type: 'object', properties: { reference: { type: 'string' } }, required: ['reference'] },
};
export const AWS_SKILL = 'aws-cdk/*';

const GATEWAYS = new WeakMap<Stack, bedrockagentcore.Gateway>();

/**
 * The tool gateway every harness of a stack calls, as a platform team shares one: IAM inbound auth,
 * so the harnesses call it with their execution roles. The same L2 in every variant.
 */
export function sharedGateway(stack: Stack): bedrockagentcore.Gateway {
  let gateway = GATEWAYS.get(stack);
  if (!gateway) {
    gateway = new bedrockagentcore.Gateway(stack, 'ToolGateway', {
      gatewayName: 'bench-tools',
      authorizerConfiguration: bedrockagentcore.GatewayAuthorizer.usingAwsIam(),
    });
    GATEWAYS.set(stack, gateway);
  }
  return gateway;
}

export const MODEL_ID = 'anthropic.claude-sonnet-4-6';
export const SYSTEM_PROMPT =
  'You are a travel planner. Ask for the travel dates and the budget, then plan the trip day by day.';
export const GIT_SKILL_URL = 'https://github.com/anthropics/skills';
export const GIT_SKILL_PATH = 'document-skills/xlsx';
export const MEMORY_STRATEGIES = ['SEMANTIC', 'SUMMARIZATION'];

/** STAGING follows the latest version; PROD is pinned, as a promotion flow would leave it. */
export const STAGING = 'STAGING';
export const PROD = 'PROD';
export const PROD_VERSION = '1';

/** Harness names must match ^[a-zA-Z][a-zA-Z0-9_]{0,39}$. */
export function harnessName(index: number): string {
  return `bench_agent_${index}`;
}

/**
 * The two endpoints as a user without an endpoint construct writes them: STAGING on the harness's
 * latest version, PROD pinned to PROD_VERSION (ids `Staging` and `Prod` under `scope`).
 */
export function addCfnEndpoints(scope: Construct, harnessId: string, latestVersion: string): void {
  new bedrockagentcore.CfnHarnessEndpoint(scope, 'Staging', { harnessId, endpointName: STAGING, targetVersion: latestVersion });
  new bedrockagentcore.CfnHarnessEndpoint(scope, 'Prod', { harnessId, endpointName: PROD, targetVersion: PROD_VERSION });
}
