// A release pipeline for an agent: every commit deploys the harness, STAGING follows the newest
// version and is smoke-tested during the deploy (a failing test rolls the stage back), and only
// then does a CodeBuild step promote STAGING's version to PROD. PROD is never moved by a deploy:
// its template does not change when the agent does, so redeploys neither promote nor revert it.
import { App, Stack, StackProps, Stage, StageProps } from 'aws-cdk-lib';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { EndpointVersionPolicy, Harness, HarnessModel, HarnessPromotionStep, HarnessSystemPrompt } from '../../src';

const ENV = { account: '123456789012', region: 'us-east-1' };

/** The agent and its two endpoints. */
class AgentStack extends Stack {
  public readonly harness: Harness;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    this.harness = new Harness(this, 'SupportAgent', {
      model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }),
      systemPrompt: HarnessSystemPrompt.fromText(
        'You are the support assistant of Example Corp. Answer questions about orders and returns briefly.'),
    });

    // STAGING serves every new version as soon as it is deployed...
    const staging = this.harness.addEndpoint('STAGING', {
      version: EndpointVersionPolicy.followLatest(),
      description: 'Newest version, smoke-tested on every deploy',
    });
    // ...and must answer before the deploy succeeds (and before anything is promoted).
    staging.addSmokeTest('SmokeTest', {
      prompt: 'Reply with the single word READY.',
      expectedPattern: 'READY',
    });

    // PROD starts on STAGING's version at creation; afterwards only the pipeline's promotion step moves it.
    this.harness.addEndpoint('PROD', {
      version: EndpointVersionPolicy.promotedFrom(staging),
      description: 'Promoted from STAGING by the pipeline',
    });
  }
}

class AgentStage extends Stage {
  public readonly harness: Harness;

  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    this.harness = new AgentStack(this, 'Agent', { env: props.env }).harness;
  }
}

export function build(app: App): void {
  const pipelineStack = new Stack(app, 'AgentPipeline', { env: ENV });

  const source = pipelines.CodePipelineSource.connection('example-corp/support-agent', 'main', {
    connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/0b4e3f0a-8d3c-4c1e-9d55-3f4f3c2f1a10',
  });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', {
      input: source,
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });

  const stage = new AgentStage(pipelineStack, 'Release', { env: ENV });
  pipeline.addStage(stage, {
    post: [
      new HarnessPromotionStep('PromoteToProd', {
        harness: stage.harness,
        sourceEndpointName: 'STAGING',
        targetEndpointName: 'PROD',
        // The CLI at the version the app pins in package-lock.json.
        input: source,
        installCommands: ['npm ci'],
      }),
    ],
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
