// The bench definition written with this library: STAGING follows the latest version, PROD is
// pinned, as after a promotion. Everything else is the library's default (its least-privilege role,
// the managed-memory policy that depends on the harness).
import { Stack } from 'aws-cdk-lib';
import * as def from './definition';
import { Variant } from './variant';
import {
  EndpointVersionPolicy,
  Harness,
  HarnessMemory,
  HarnessModel,
  HarnessSkill,
  HarnessSystemPrompt,
  HarnessTool,
  HarnessVersion,
  HarnessMemoryStrategy,
} from '../../src';

export const libraryVariant: Variant = {
  name: 'cdk-agentcore-harness',
  addHarness(stack: Stack, index: number): void {
    const harness = new Harness(stack, `Agent${index}`, {
      model: HarnessModel.bedrock({ modelId: def.MODEL_ID }),
      systemPrompt: HarnessSystemPrompt.fromText(def.SYSTEM_PROMPT),
      tools: [
        HarnessTool.fromGateway(def.sharedGateway(stack), { name: 'tools' }),
        HarnessTool.browser({ name: 'browser' }),
        HarnessTool.codeInterpreter({ name: 'code_interpreter' }),
        HarnessTool.inlineFunction(def.INLINE_TOOL),
      ],
      skills: [HarnessSkill.fromGitRepository(def.GIT_SKILL_URL, { path: def.GIT_SKILL_PATH }), HarnessSkill.aws([def.AWS_SKILL])],
      memory: HarnessMemory.managed({ strategies: [HarnessMemoryStrategy.SEMANTIC, HarnessMemoryStrategy.SUMMARIZATION] }),
    });
    harness.addEndpoint(def.STAGING, { version: EndpointVersionPolicy.followLatest() });
    harness.addEndpoint(def.PROD, { version: EndpointVersionPolicy.pinned(HarnessVersion.of(harness, def.PROD_VERSION)) });
  },
};
