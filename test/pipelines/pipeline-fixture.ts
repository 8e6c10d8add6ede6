import { App, Stack, Stage } from 'aws-cdk-lib';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { HarnessPromotionStep, HarnessPromotionStepProps, IHarness } from '../../src';
import { createTestApp } from '../support/app';

export const ENV = { account: '123456789012', region: 'us-east-1' };
const CONNECTION = 'arn:aws:codeconnections:us-east-1:123456789012:connection/0b4e3f0a-8d3c-4c1e-9d55-3f4f3c2f1a10';

/**
 * A pipeline that deploys one stage holding a harness, then runs the promotion step. `props` may depend on the
 * stage's stack (for resources, such as an evaluation configuration, that live beside the harness).
 */
export function pipelineWith(
  makeHarness: (stack: Stack) => IHarness,
  props: Partial<HarnessPromotionStepProps> | ((agentStack: Stack) => Partial<HarnessPromotionStepProps>) = {},
  app: App = createTestApp(),
) {
  const pipelineStack = new Stack(app, 'Pipeline', { env: ENV });
  const source = pipelines.CodePipelineSource.connection('org/repo', 'main', { connectionArn: CONNECTION });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', { input: source, commands: ['npx cdk synth'] }),
  });
  const stage = new Stage(pipelineStack, 'Release', { env: ENV });
  const agentStack = new Stack(stage, 'Agent');
  const harness = makeHarness(agentStack);
  const stepProps = typeof props === 'function' ? props(agentStack) : props;
  const step = new HarnessPromotionStep('Promote', { harness, ...stepProps });
  pipeline.addStage(stage, { post: [step] });
  return { pipelineStack, agentStack, harness, step };
}
