import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';

// The one agent definition every variant synthesizes, so the figures compare like with like.
export const BENCH_ENV = { account: '123456789012', region: 'us-east-1' };

/** Stacks hold at most this many harnesses, far below CloudFormation's 500-resource limit for every variant. */
export const HARNESSES_PER_STACK = 25;

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
