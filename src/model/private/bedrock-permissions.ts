import { Annotations, Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { HarnessBindContext } from '../../harness/private/bind-context';
import { toPolicyStatement } from '../../harness/private/execution-role';
import { BEDROCK_INVOKE_ACTIONS, bedrockModelResources, mantleStatements } from '../../permissions/private/required-permissions';

/** Per harness: the foundation models granted in every region because an inference profile routes to them. */
const REGION_WILDCARD_MODELS = new WeakMap<IConstruct, string[]>();

/** The foundation-model ids the harness may invoke in any region (behind its inference profiles). */
export function regionWildcardModels(harness: IConstruct): string[] {
  return REGION_WILDCARD_MODELS.get(harness) ?? [];
}

function recordRegionWildcards(scope: IConstruct, resources: string[]): string[] {
  for (const resource of resources) {
    const routed = /:bedrock:\*::foundation-model\/(.+)$/.exec(resource);
    if (routed && routed[1] !== '*') {
      REGION_WILDCARD_MODELS.set(scope, [...new Set([...(REGION_WILDCARD_MODELS.get(scope) ?? []), routed[1]])]);
    }
  }
  return resources;
}

/**
 * The ARNs `bedrock:InvokeModel*` must be allowed on for a Bedrock model id; the
 * literal cases come from the shared permission module, the token case and the
 * application-inference-profile warning live here because they need the construct tree.
 */
function modelResources(scope: HarnessBindContext['scope'], modelId: string): string[] {
  const stack = Stack.of(scope);
  if (Token.isUnresolved(modelId)) {
    Annotations.of(scope).addWarningV2('cdk-agentcore-harness:model-id-token',
      'The Bedrock model id is a token, so the execution role can only be allowed to invoke every foundation model '
      + '(foundation-model/*). Inference profiles are not covered: use a literal model id, or add the profile ARN with addToRolePolicy().');
    return [`arn:${stack.partition}:bedrock:*::foundation-model/*`];
  }
  if (modelId.startsWith('arn:')) {
    const parts = Arn.split(modelId, ArnFormat.SLASH_RESOURCE_NAME);
    if (parts.resource === 'application-inference-profile') {
      Annotations.of(scope).addWarningV2('cdk-agentcore-harness:application-inference-profile',
        `The model ${modelId} is an application inference profile; the models it routes to cannot be read at synth. `
        + 'Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on their foundation-model ARNs with addToRolePolicy().');
    }
  }
  return recordRegionWildcards(scope, bedrockModelResources(stack, modelId));
}

/** Grants the Bedrock invoke actions, and Bedrock Mantle when the model uses an OpenAI-compatible API format. */
export function grantBedrockModel(ctx: HarnessBindContext, modelId: string, usesMantle: boolean): void {
  ctx.addToRolePolicy(new iam.PolicyStatement({
    actions: BEDROCK_INVOKE_ACTIONS,
    resources: modelResources(ctx.scope, modelId),
  }));
  if (usesMantle) {
    for (const statement of mantleStatements(Stack.of(ctx.scope), 'model')) ctx.addToRolePolicy(toPolicyStatement(statement));
  }
}
