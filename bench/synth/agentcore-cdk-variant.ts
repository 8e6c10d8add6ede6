// The same definition written with @aws/agentcore-cdk 0.1.0-alpha.45: its harness role and harness
// constructs, fed a spec validated by its own zod schema (as its CLI does). It has no endpoint
// construct, so its users write the two CfnHarnessEndpoints by hand, as here.
import * as os from 'os';
import { AgentCoreHarness, AgentCoreHarnessRole, HarnessSpecSchema } from '@aws/agentcore-cdk';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as def from './definition';
import { Variant } from './variant';

const PROJECT = 'bench';

export const agentCoreCdkVariant: Variant = {
  name: '@aws/agentcore-cdk',
  note: 'no endpoint construct: endpoints are hand-written CfnHarnessEndpoints',
  addHarness(stack: Stack, index: number): void {
    const scope = new Construct(stack, `Agent${index}`);
    const spec = HarnessSpecSchema.parse({
      name: `agent_${index}`,
      model: { provider: 'bedrock', modelId: def.MODEL_ID },
      systemPrompt: def.SYSTEM_PROMPT,
      tools: [
        {
          type: 'agentcore_gateway',
          name: 'tools',
          config: { agentCoreGateway: { gatewayArn: def.sharedGateway(stack).gatewayArn, outboundAuth: { awsIam: {} } } },
        },
        { type: 'agentcore_browser', name: 'browser' },
        { type: 'agentcore_code_interpreter', name: 'code_interpreter' },
        {
          type: 'inline_function',
          name: def.INLINE_TOOL.name,
          config: { inlineFunction: { description: def.INLINE_TOOL.description, inputSchema: def.INLINE_TOOL.inputSchema } },
        },
      ],
      skills: [{ gitUrl: def.GIT_SKILL_URL, path: def.GIT_SKILL_PATH }, { awsSkills: { paths: [def.AWS_SKILL] } }],
      memory: { mode: 'managed', strategies: def.MEMORY_STRATEGIES },
    });
    const role = new AgentCoreHarnessRole(scope, 'Role', {
      projectName: PROJECT,
      harness: { name: spec.name, managedMemory: true, tools: spec.tools, skills: spec.skills },
    });
    const harness = new AgentCoreHarness(scope, 'Harness', {
      projectName: PROJECT,
      harness: spec,
      // The system prompt is inline, so the directory is never read.
      harnessDir: os.tmpdir(),
      executionRoleArn: role.roleArn,
      executionRole: role.role,
    });

    def.addCfnEndpoints(scope, harness.harnessId, harness.harnessVersion);
  },
};
