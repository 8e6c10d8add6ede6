import { Aws, CfnOutput, Duration, Stack, Token } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { renderEvaluationGate } from './private/evaluation-gate-render';
import { PromotionEvaluationGateOptions } from './promotion-evaluation-gate';
import { ENDPOINT_NAME_RULES, isDefaultEndpointName } from '../common/private/endpoint-rules';
import { HarnessValidationError } from '../common/private/errors';
import { show, validateString } from '../common/private/validation';
import { IHarness } from '../harness/harness-base';
import { IAM5, acknowledge, nagNotation } from '../nag/private/nag-notation';
import { endpointArnOf } from '../permissions/private/harness-actions';

/** The environment variable the promotion command reads the harness ARN from. */
const HARNESS_ARN_VARIABLE = 'HARNESS_ARN';

/**
 * Properties of a promotion step.
 */
export interface HarnessPromotionStepProps {
  /**
   * The harness to promote, defined in a stage that the pipeline deploys
   * (in the pipeline's account). Its name must be known at synth: a name you
   * chose or the name the library generates, not an imported token.
   */
  readonly harness: IHarness;

  /**
   * The endpoint whose live version is promoted.
   *
   * @default "STAGING"
   */
  readonly sourceEndpointName?: string;

  /**
   * The endpoint that is moved to the source's version.
   *
   * @default "PROD"
   */
  readonly targetEndpointName?: string;

  /**
   * The command that runs the `cdk-agentcore-harness` CLI.
   *
   * @default "npx --yes cdk-agentcore-harness" - the version in the input's
   * `node_modules` if there is one, else the newest version from npm
   */
  readonly cliCommand?: string;

  /**
   * The files the step runs in, for example the pipeline's source so that
   * `npm ci` installs the CLI at the version the app uses.
   *
   * @default - no input
   */
  readonly input?: pipelines.IFileSetProducer;

  /**
   * Commands to run before the promotion, for example `npm ci`.
   *
   * @default - none
   */
  readonly installCommands?: string[];

  /**
   * The CodeBuild environment.
   *
   * @default - the pipeline's default CodeBuild environment
   */
  readonly buildEnvironment?: codebuild.BuildEnvironment;

  /**
   * How long the promotion may take (it waits for the target endpoint to serve
   * the new version).
   *
   * @default Duration.minutes(30)
   */
  readonly timeout?: Duration;

  /**
   * Promote only if the source endpoint's online evaluation results over a recent window meet a minimum
   * score per evaluator, each over enough evaluated sessions; otherwise the step fails with the figures
   * and the target endpoint does not move. The step's role may then also read the configuration's result
   * log group (`logs:FilterLogEvents` on that group only).
   *
   * @default - no gate: the source's version is promoted whatever its evaluation results
   */
  readonly evaluationGate?: PromotionEvaluationGateOptions;
}

/**
 * A CodePipeline step that promotes a harness endpoint outside CloudFormation:
 * it runs `cdk-agentcore-harness promote --harness <arn> --from STAGING --to PROD`
 * in CodeBuild, after the stage that defines the harness has been deployed
 * (add it to the stage's `post` steps).
 *
 * The step's role can only read the two endpoints and update the target
 * endpoint: exactly what `promote --from --to` calls. The harness ARN reaches the step through a stack output
 * of the harness's stack.
 *
 * CloudFormation does not see the promotion: the template of the target
 * endpoint is unchanged, so later deploys neither move nor revert it (use
 * `EndpointVersionPolicy.promotedFrom()` for the target; see docs/lifecycle.md).
 */
export class HarnessPromotionStep extends pipelines.CodeBuildStep {
  /**
   * The ARN pattern the step's role is scoped to: this harness (its id is
   * `<name>-` plus ten service-chosen characters, hence the `?` wildcards).
   * Endpoint permissions use `<pattern>/harness-endpoint/<name>`. Useful to
   * acknowledge cdk-nag's wildcard finding (`AwsSolutions-IAM5`) precisely.
   */
  public readonly harnessArnPattern: string;
  private readonly endpointNames: string[];

  /**
   * The result log group ARNs the evaluation gate may read (`logs:FilterLogEvents`), with and without the
   * `:*` suffix; empty without a gate. Useful to acknowledge cdk-nag's wildcard finding precisely.
   */
  public readonly evaluationResultsLogGroupArns: string[];

  constructor(id: string, props: HarnessPromotionStepProps) {
    const from = props.sourceEndpointName ?? 'STAGING';
    const to = props.targetEndpointName ?? 'PROD';
    validateString('sourceEndpointName', from, ENDPOINT_NAME_RULES);
    validateString('targetEndpointName', to, ENDPOINT_NAME_RULES);
    if (!Token.isUnresolved(to) && isDefaultEndpointName(to)) {
      throw new HarnessValidationError('targetEndpointName', `${show(to)} always serves the newest version and cannot be promoted`);
    }
    if (!Token.isUnresolved(from) && !Token.isUnresolved(to) && from === to) {
      throw new HarnessValidationError('targetEndpointName', `${show(to)} is also the source; promote between two endpoints`);
    }

    const harnessArnPattern = harnessArnPatternOf(props.harness);
    const endpointArn = (name: string) => endpointArnOf(harnessArnPattern, name);
    const cli = props.cliCommand ?? 'npx --yes cdk-agentcore-harness';
    const gate = props.evaluationGate && renderEvaluationGate('evaluationGate', props.evaluationGate);

    super(id, {
      input: props.input,
      installCommands: props.installCommands,
      commands: [`${cli} promote --harness "$${HARNESS_ARN_VARIABLE}" --from ${from} --to ${to}${gate ? ` ${gate.flags}` : ''}`],
      envFromCfnOutputs: { [HARNESS_ARN_VARIABLE]: harnessArnOutput(props.harness), ...gate?.envFromCfnOutputs },
      buildEnvironment: props.buildEnvironment,
      timeout: props.timeout ?? Duration.minutes(30),
      // Exactly what `promote --from --to` calls: it reads both endpoints and updates the target;
      // it never reads the harness or lists its endpoints or versions.
      rolePolicyStatements: [
        new iam.PolicyStatement({
          actions: ['bedrock-agentcore:GetHarnessEndpoint'],
          resources: [endpointArn(from), endpointArn(to)],
        }),
        new iam.PolicyStatement({
          actions: ['bedrock-agentcore:UpdateHarnessEndpoint'],
          resources: [endpointArn(to)],
        }),
        ...gate?.statements ?? [],
      ],
    });
    this.harnessArnPattern = harnessArnPattern;
    this.evaluationResultsLogGroupArns = gate?.logGroupArns ?? [];
    this.endpointNames = [from, to];
  }

  /**
   * Called by CDK Pipelines with the CodeBuild project it made for this step:
   * the project's role carries the wildcards the library cannot avoid (the
   * service-chosen id suffixes), so they are acknowledged (cdk-nag) right where
   * they are granted.
   *
   * @internal
   */
  public _setProject(project: codebuild.IProject): void {
    super._setProject(project);
    acknowledge(project, this.endpointNames.map(name => ({
      id: `${IAM5}[Resource::${nagNotation(project, endpointArnOf(this.harnessArnPattern, name))}]`,
      reason: 'The harness id ends in ten characters the service picks at creation, so the promotion role is scoped to '
        + 'the endpoints it promotes between, under the harness\'s name followed by exactly ten wildcard characters.',
    })));
    // The evaluation gate's results log group is named after the configuration's id, which also ends in
    // ten service-chosen characters; `:*` is the form IAM matches for the group's log streams.
    acknowledge(project, this.evaluationResultsLogGroupArns.map(arn => ({
      id: `${IAM5}[Resource::${nagNotation(project, arn)}]`,
      reason: 'The online evaluation configuration id ends in ten characters the service picks at creation, so the '
        + 'evaluation gate may read (logs:FilterLogEvents) only that configuration\'s results log group, matched by '
        + 'its name followed by exactly ten wildcard characters.',
    })));
  }
}

/**
 * The pipeline stack cannot reference the harness's attributes (it is in
 * another stack, often deployed later), and the harness id ends in 10
 * service-chosen characters. Names cannot contain `-`, so with a literal name
 * `harness/<name>-` followed by exactly ten `?` matches this harness only. A
 * generated name ends in a deploy-time part (derived from the stack id); its
 * literal prefix, which carries the construct path and a hash, is then used.
 */
function harnessArnPatternOf(harness: IHarness): string {
  const stack = Stack.of(harness);
  const name = stack.resolve(harness.harnessName);
  let resource: string;
  if (typeof name === 'string') {
    resource = `${name}-??????????`;
  } else {
    const prefix = literalPrefixOf(name);
    if (prefix.length < 8) {
      throw new HarnessValidationError('harness',
        `the name of ${harness.node.path} is only known at deploy time (${show(name)}); the promotion step scopes its ` +
        'permissions by name, so pass a harness defined in this app or imported with a literal ARN or name');
    }
    resource = `${prefix}*-??????????`;
  }
  // Environment-agnostic stages deploy into the pipeline's own account and region.
  const account = Token.isUnresolved(stack.account) ? Aws.ACCOUNT_ID : stack.account;
  const region = Token.isUnresolved(stack.region) ? Aws.REGION : stack.region;
  return `arn:${Aws.PARTITION}:bedrock-agentcore:${region}:${account}:harness/${resource}`;
}

/** The literal characters an `Fn::Join` with an empty delimiter starts with. */
function literalPrefixOf(value: unknown): string {
  const join = (value as { 'Fn::Join'?: unknown } | undefined)?.['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return '';
  let prefix = '';
  for (const part of join[1]) {
    if (typeof part !== 'string') break;
    prefix += part;
  }
  return prefix;
}

function harnessArnOutput(harness: IHarness): CfnOutput {
  const id = 'PromotionHarnessArn';
  const existing = harness.node.tryFindChild(id);
  if (existing instanceof CfnOutput) return existing;
  return new CfnOutput(harness, id, {
    description: `ARN of harness ${harness.node.path}, read by the promotion step of the pipeline`,
    value: harness.harnessArn,
  });
}
