import { Annotations, Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { HarnessBindContext } from '../harness/bind-context';

const BEDROCK_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/**
 * Geographic prefixes of system-defined cross-region inference profiles
 * (`us.anthropic.…`, `global.…`). A foundation-model id never starts with one.
 */
const PROFILE_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca|global)\.(.+)$/;

/** Per harness: the foundation models granted in every region because an inference profile routes to them. */
const REGION_WILDCARD_MODELS = new WeakMap<IConstruct, string[]>();

/** The foundation-model ids the harness may invoke in any region (behind its inference profiles). */
export function regionWildcardModels(harness: IConstruct): string[] {
  return REGION_WILDCARD_MODELS.get(harness) ?? [];
}

/**
 * The ARNs `bedrock:InvokeModel*` must be allowed on for a Bedrock model id.
 *
 * An inference profile routes to the foundation model in any region of its
 * geography (or any commercial region for `global.`), so the foundation-model
 * ARN keeps region `*`; region `*` also matches the empty region global
 * profiles present.
 */
function bedrockModelResources(scope: HarnessBindContext['scope'], modelId: string): string[] {
  const stack = Stack.of(scope);
  const routed = (id: string) => {
    REGION_WILDCARD_MODELS.set(scope, [...new Set([...(REGION_WILDCARD_MODELS.get(scope) ?? []), id])]);
    return foundationModel('*', id);
  };
  const foundationModel = (region: string, id: string) =>
    `arn:${stack.partition}:bedrock:${region}::foundation-model/${id}`;

  if (Token.isUnresolved(modelId)) {
    Annotations.of(scope).addWarningV2('cdk-agentcore-harness:model-id-token',
      'The Bedrock model id is a token, so the execution role can only be allowed to invoke every foundation model '
      + '(foundation-model/*). Inference profiles are not covered: use a literal model id, or add the profile ARN with addToRolePolicy().');
    return [foundationModel('*', '*')];
  }

  if (modelId.startsWith('arn:')) {
    const parts = Arn.split(modelId, ArnFormat.SLASH_RESOURCE_NAME);
    if (parts.resource === 'inference-profile' && parts.resourceName) {
      const profile = PROFILE_PREFIX.exec(parts.resourceName);
      return profile ? [modelId, routed(profile[2])] : [modelId];
    }
    if (parts.resource === 'application-inference-profile') {
      Annotations.of(scope).addWarningV2('cdk-agentcore-harness:application-inference-profile',
        `The model ${modelId} is an application inference profile; the models it routes to cannot be read at synth. `
        + 'Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on their foundation-model ARNs with addToRolePolicy().');
    }
    return [modelId];
  }

  const profile = PROFILE_PREFIX.exec(modelId);
  if (profile) {
    return [
      stack.formatArn({ service: 'bedrock', resource: 'inference-profile', resourceName: modelId }),
      routed(profile[2]),
    ];
  }
  return [foundationModel(stack.region, modelId)];
}

/** Grants the Bedrock invoke actions, and Bedrock Mantle when the model uses an OpenAI-compatible API format. */
export function grantBedrockModel(ctx: HarnessBindContext, modelId: string, usesMantle: boolean): void {
  ctx.addToRolePolicy(new iam.PolicyStatement({
    actions: BEDROCK_INVOKE_ACTIONS,
    resources: bedrockModelResources(ctx.scope, modelId),
  }));
  if (usesMantle) {
    const stack = Stack.of(ctx.scope);
    ctx.addToRolePolicy(new iam.PolicyStatement({
      actions: ['bedrock-mantle:CreateInference'],
      resources: [`arn:${stack.partition}:bedrock-mantle:${stack.region}:${stack.account}:*`],
    }));
    // CallWithBearerToken has no resource-level permissions.
    ctx.addToRolePolicy(new iam.PolicyStatement({
      actions: ['bedrock-mantle:CallWithBearerToken'],
      resources: ['*'],
    }));
  }
}
