// What a user writes without a construct library: an execution role with one broad statement, the
// CfnHarness and two CfnHarnessEndpoints. It is the speed baseline, not a recommendation: the single
// statement on "*" is exactly the over-grant the library avoids.
import { Stack } from 'aws-cdk-lib';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import * as def from './definition';
import { Variant } from './variant';

export const rawL1Variant: Variant = {
  name: 'raw L1',
  addHarness(stack: Stack, index: number): void {
    const scope = new Construct(stack, `Agent${index}`);
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com'),
    });
    role.addToPolicy(new iam.PolicyStatement({
      actions: [
        'bedrock:InvokeModel',
        'bedrock:InvokeModelWithResponseStream',
        'bedrock-agentcore:*',
        'logs:*',
        'xray:*',
        'ecr-public:GetAuthorizationToken',
        'sts:GetServiceBearerToken',
        'cloudwatch:PutMetricData',
      ],
      resources: ['*'],
    }));

    const harness = new bedrockagentcore.CfnHarness(scope, 'Harness', {
      harnessName: def.harnessName(index),
      executionRoleArn: role.roleArn,
      model: { bedrockModelConfig: { modelId: def.MODEL_ID } },
      systemPrompt: [{ text: def.SYSTEM_PROMPT }],
      tools: [
        {
          type: 'agentcore_gateway',
          name: 'tools',
          config: { agentCoreGateway: { gatewayArn: def.sharedGateway(stack).gatewayArn, outboundAuth: { awsIam: {} } } },
        },
        { type: 'agentcore_browser', name: 'browser', config: { agentCoreBrowser: {} } },
        { type: 'agentcore_code_interpreter', name: 'code_interpreter', config: { agentCoreCodeInterpreter: {} } },
        {
          type: 'inline_function',
          name: def.INLINE_TOOL.name,
          config: { inlineFunction: { description: def.INLINE_TOOL.description, inputSchema: def.INLINE_TOOL.inputSchema } },
        },
      ],
      skills: [{ git: { url: def.GIT_SKILL_URL, path: def.GIT_SKILL_PATH } }, { awsSkills: { paths: [def.AWS_SKILL] } }],
      memory: { managedMemoryConfiguration: { strategies: def.MEMORY_STRATEGIES } },
    });
    harness.node.addDependency(role);

    def.addCfnEndpoints(scope, harness.attrHarnessId, harness.attrVersion);
  },
};
