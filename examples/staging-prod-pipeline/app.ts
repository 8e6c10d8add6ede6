// A release pipeline for an agent: every commit deploys the harness, STAGING follows the newest
// version and is smoke-tested during the deploy (a failing test rolls the stage back), and only
// then does a CodeBuild step promote STAGING's version to PROD. PROD is never moved by a deploy:
// its template does not change when the agent does, so redeploys neither promote nor revert it.
import { App, CfnResource, Duration, Stack, StackProps, Stage, StageProps, Validations } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import {
  EndpointVersionPolicy, EvaluatorThreshold, Harness, HarnessModel, HarnessMonitoring, HarnessNagAcknowledgements,
  HarnessOnlineEvaluation, HarnessPromotionStep, TransactionSearch,
  HarnessSystemPrompt,
} from '../../src';
import { OmitImpliedDependsOn } from '../shared/implied-depends-on';
import { nagServiceArn } from '../shared/nag-acknowledgements';

const ENV = { account: '123456789012', region: 'us-east-1' };

/** The agent and its two endpoints. */
class AgentStack extends Stack {
  public readonly harness: Harness;
  public readonly stagingEvaluation: HarnessOnlineEvaluation;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    this.harness = new Harness(this, 'SupportAgent', {
      model: HarnessModel.bedrock({ modelId: 'us.anthropic.claude-sonnet-4-6' }),
      systemPrompt: HarnessSystemPrompt.fromText(
        'You are the support assistant of Example Corp. Answer questions about orders and returns briefly.'),
    });
    // Only for cdk-nag users: accept the wildcards the service needs on the execution role (see the helper).
    HarnessNagAcknowledgements.acknowledgeExecutionRoleWildcards(this.harness);

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
    const prod = this.harness.addEndpoint('PROD', {
      version: EndpointVersionPolicy.promotedFrom(staging),
      description: 'Promoted from STAGING by the pipeline',
    });

    // Traces (and so online evaluation) need CloudWatch Transaction Search; this turns it on for the
    // account and region if it is off, and changes nothing where it is already on.
    const transactionSearch = new TransactionSearch(this, 'TransactionSearch');

    // Both endpoints are scored continuously, each on its own: every STAGING session (little traffic),
    // a tenth of PROD's.
    const evaluators = [
      agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.HELPFULNESS),
      agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.CORRECTNESS),
      agentcore.EvaluatorSelector.builtin(agentcore.BuiltinEvaluator.INSTRUCTION_FOLLOWING),
    ];
    this.stagingEvaluation = new HarnessOnlineEvaluation(this, 'StagingEvaluation', {
      endpoint: staging, evaluators, samplingPercentage: 100, transactionSearch,
    });
    const prodEvaluation = new HarnessOnlineEvaluation(this, 'ProdEvaluation', {
      endpoint: prod, evaluators, samplingPercentage: 10, transactionSearch,
    });
    for (const evaluation of [this.stagingEvaluation, prodEvaluation]) {
      // Only for cdk-nag users: accept the wildcards of the evaluation role (see the helper).
      HarnessNagAcknowledgements.acknowledgeOnlineEvaluationRoleWildcards(evaluation);
    }

    // A dashboard row and errors/throttles/latency alarms per endpoint.
    new HarnessMonitoring(this, 'Monitoring', { harness: this.harness, endpoints: [staging, prod] });
  }
}

class AgentStage extends Stage {
  public readonly harness: Harness;
  public readonly stagingEvaluation: HarnessOnlineEvaluation;

  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    const agent = new AgentStack(this, 'Agent', { env: props.env });
    this.harness = agent.harness;
    this.stagingEvaluation = agent.stagingEvaluation;
  }
}

export function build(app: App): void {
  const pipelineStack = new Stack(app, 'AgentPipeline', { env: ENV });
  // CodePipeline's resource depends on the role it references; drop that redundant DependsOn.
  OmitImpliedDependsOn.applyTo(pipelineStack);

  const source = pipelines.CodePipelineSource.connection('example-corp/support-agent', 'main', {
    connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/0b4e3f0a-8d3c-4c1e-9d55-3f4f3c2f1a10',
  });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
    pipelineType: codepipeline.PipelineType.V2,
    // A KMS key (rotated) for the artifact bucket, which CodeBuild projects then also use.
    crossAccountKeys: true,
    enableKeyRotation: true,
    synth: new pipelines.ShellStep('Synth', {
      input: source,
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });

  const stage = new AgentStage(pipelineStack, 'Release', { env: ENV });
  const promote = new HarnessPromotionStep('PromoteToProd', {
    harness: stage.harness,
    sourceEndpointName: 'STAGING',
    targetEndpointName: 'PROD',
    // Only what STAGING's online evaluation scored well over the last day moves to PROD.
    evaluationGate: {
      onlineEvaluationConfig: stage.stagingEvaluation.onlineEvaluationConfig,
      minScores: [
        EvaluatorThreshold.builtin(agentcore.BuiltinEvaluator.HELPFULNESS, 0.8),
        EvaluatorThreshold.builtin(agentcore.BuiltinEvaluator.CORRECTNESS, 0.75),
      ],
      window: Duration.hours(24),
      minSessions: 10,
    },
    // The CLI at the version the app pins in package-lock.json.
    input: source,
    installCommands: ['npm ci'],
  });
  pipeline.addStage(stage, { post: [promote] });

  // Only for cdk-nag users: build the pipeline now so its roles exist, and accept what CDK Pipelines
  // itself needs (see acknowledgePipelineFindings).
  pipeline.buildPipeline();
  acknowledgePipelineFindings(pipeline);
}

/**
 * The wildcards CDK Pipelines grants its own roles (artifact bucket and key, CodeBuild logs and
 * reports, asset publishing, self-mutation), each with its reason (the promotion step acknowledges
 * its own harness-id wildcard). Every id names the exact resource or action, so anything new is reported again.
 */
function acknowledgePipelineFindings(pipeline: pipelines.CodePipeline): void {
  const stack = Stack.of(pipeline);
  const logicalId = (construct: Construct) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
  const artifactBucket = pipeline.pipeline.artifactBucket;
  const projects = pipeline.node.findAll().filter((c): c is codebuild.Project => c instanceof codebuild.Project);
  const IAM5 = 'AwsSolutions-IAM5';
  const grantReason = 'Generated by aws-cdk-lib grant helpers on the pipeline\'s own artifact bucket and its KMS key only.';

  Validations.of(pipeline).acknowledge(
    { id: 'AwsSolutions-S1', reason: 'The artifact bucket only holds transient pipeline artifacts, encrypted with the pipeline\'s KMS key; CloudTrail records access.' },
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']
      .map((action) => ({ id: `${IAM5}[Action::${action}]`, reason: grantReason })),
    { id: `${IAM5}[Resource::<${logicalId(artifactBucket)}.Arn>/*]`, reason: grantReason },
    ...projects.flatMap((project) => [
      {
        id: `${IAM5}[Resource::${nagServiceArn(stack, 'logs', `log-group:/aws/codebuild/<${logicalId(project)}>:*`)}]`,
        reason: 'CodeBuild writes one log stream per build into the project\'s own log group.',
      },
      {
        id: `${IAM5}[Resource::${nagServiceArn(stack, 'codebuild', `report-group/<${logicalId(project)}>-*`)}]`,
        reason: 'CodeBuild test reports of this project only (report groups prefixed with the project name).',
      },
    ]),
  );
  // Wildcards on the roles CDK Pipelines uses to deploy: only there, not pipeline-wide.
  Validations.of(pipeline.node.findChild('UpdatePipeline')).acknowledge(
    { id: `${IAM5}[Resource::*]`, reason: 'Self-mutation runs cdk deploy, which describes stacks and assumes the bootstrap roles.' },
    { id: `${IAM5}[Resource::arn:*:iam::${stack.account}:role/*]`, reason: 'Self-mutation assumes the CDK bootstrap roles of the target account.' },
  );
  Validations.of(pipeline.node.findChild('Assets')).acknowledge(
    { id: `${IAM5}[Resource::*]`, reason: 'Asset publishing runs cdk-assets, which assumes the bootstrap file-publishing role.' },
    { id: `${IAM5}[Resource::${nagServiceArn(stack, 'logs', 'log-group:/aws/codebuild/*')}]`, reason: 'The shared asset-publishing role writes the logs of the asset projects CDK Pipelines creates.' },
    { id: `${IAM5}[Resource::${nagServiceArn(stack, 'codebuild', 'report-group/*')}]`, reason: 'The shared asset-publishing role reports for the asset projects CDK Pipelines creates.' },
  );
}

if (require.main === module) {
  // As in a new project's cdk.json: aws-cdk-lib's bundled CloudFormation validation fails the synth.
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  build(app);
  app.synth();
}
