import { Aws, CfnOutput, Duration, Stack, Token } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessValidationError } from '../../common/private/errors';
import { show, validateString } from '../../common/private/validation';
import {
  DEFAULT_MIN_SESSIONS, DEFAULT_WINDOW_MINUTES, EVALUATOR_ID_DESCRIPTION, evaluatorIdOf, LOG_GROUP_NAME, MAX_MIN_SESSIONS,
  MAX_SCORE, MAX_WINDOW_MINUTES, MIN_SCORE, MIN_WINDOW_MINUTES, ONLINE_EVALUATION_CONFIG_ID, RESULTS_LOG_GROUP_PREFIX, windowFlag,
} from '../../evaluation/private/gate-rules';
import { EvaluatorThreshold, PromotionEvaluationGateOptions } from '../promotion-evaluation-gate';

/** An online evaluation configuration runs at most 10 evaluators, so no gate needs more thresholds. */
const MAX_THRESHOLDS = 10;

/** The environment variable the promotion command reads the configuration id from, when it is a deploy-time value. */
const CONFIG_ID_VARIABLE = 'EVALUATION_CONFIG_ID';

/** What the gate adds to the promotion step: CLI flags, environment from stack outputs, and read permissions. */
export interface RenderedEvaluationGate {
  readonly flags: string;
  readonly envFromCfnOutputs: Record<string, CfnOutput>;
  readonly statements: iam.PolicyStatement[];
  /** The log group ARNs (both forms) the statements allow reading. */
  readonly logGroupArns: string[];
}

export function renderEvaluationGate(property: string, gate: PromotionEvaluationGateOptions): RenderedEvaluationGate {
  const config = gate.onlineEvaluationConfig;
  const configStack = Stack.of(config);
  const thresholds = validateThresholds(`${property}.minScores`, gate.minScores);
  const windowMinutes = validateWindow(`${property}.window`, gate.window);
  const minSessions = gate.minSessions ?? DEFAULT_MIN_SESSIONS;
  if (!Token.isUnresolved(minSessions) && (!Number.isInteger(minSessions) || minSessions < 1 || minSessions > MAX_MIN_SESSIONS)) {
    throw new HarnessValidationError(`${property}.minSessions`, `${show(minSessions)} must be a whole number of sessions from 1 to ${MAX_MIN_SESSIONS}`);
  }
  validateString(`${property}.resultsLogGroupName`, gate.resultsLogGroupName, {
    pattern: LOG_GROUP_NAME, patternDescription: '1-512 letters, digits and . - _ / #',
  });

  // A literal id (an imported configuration) goes into the command as is; a deploy-time id reaches the
  // build through a stack output, like the harness ARN, because the pipeline's stack cannot reference it.
  const id = configStack.resolve(config.onlineEvaluationConfigId);
  const envFromCfnOutputs: Record<string, CfnOutput> = {};
  let configFlag: string;
  let idPattern: string;
  if (typeof id === 'string') {
    if (!ONLINE_EVALUATION_CONFIG_ID.test(id)) {
      throw new HarnessValidationError(`${property}.onlineEvaluationConfig`,
        `its id ${show(id)} is not an online evaluation configuration id (<name>-<10 letters or digits>)`);
    }
    configFlag = id;
    idPattern = id;
  } else {
    const name = configStack.resolve(config.onlineEvaluationConfigName);
    if (typeof name !== 'string') {
      throw new HarnessValidationError(`${property}.onlineEvaluationConfig`,
        `the name of ${config.node.path} is only known at deploy time (${show(name)}); the step scopes its log read permission ` +
        'by name, so give the configuration a literal onlineEvaluationConfigName');
    }
    envFromCfnOutputs[CONFIG_ID_VARIABLE] = configIdOutput(config);
    configFlag = `"$${CONFIG_ID_VARIABLE}"`;
    // The id is the name, `-` and ten service-chosen characters.
    idPattern = `${name}-??????????`;
  }

  const logGroup = gate.resultsLogGroupName ?? `${RESULTS_LOG_GROUP_PREFIX}${idPattern}`;
  const account = Token.isUnresolved(configStack.account) ? Aws.ACCOUNT_ID : configStack.account;
  const region = Token.isUnresolved(configStack.region) ? Aws.REGION : configStack.region;
  const logGroupArn = `arn:${Aws.PARTITION}:logs:${region}:${account}:log-group:${logGroup}`;

  const flags = [
    `--evaluation-config ${configFlag}`,
    ...thresholds.map((t) => `--min-score ${t.evaluatorId}=${t.minScore}`),
    `--window ${windowFlag(windowMinutes)}`,
    `--min-sessions ${minSessions}`,
    // Quoted: a log group name may start with `#`, which the shell would read as a comment.
    ...(gate.resultsLogGroupName ? [`--evaluation-log-group '${gate.resultsLogGroupName}'`] : []),
  ].join(' ');

  const logGroupArns = [logGroupArn, `${logGroupArn}:*`];
  return {
    flags,
    envFromCfnOutputs,
    logGroupArns,
    // The gate reads the results with FilterLogEvents and nothing else. IAM matches the log group ARN both with
    // and without the `:*` suffix depending on the API, so both forms are granted (on this one group only).
    statements: [new iam.PolicyStatement({
      actions: ['logs:FilterLogEvents'],
      resources: logGroupArns,
    })],
  };
}

function validateThresholds(property: string, thresholds: readonly EvaluatorThreshold[]): { evaluatorId: string; minScore: number }[] {
  if (thresholds.length < 1 || thresholds.length > MAX_THRESHOLDS) {
    throw new HarnessValidationError(property, `has ${thresholds.length} thresholds; give 1 to ${MAX_THRESHOLDS} (a configuration runs at most ${MAX_THRESHOLDS} evaluators)`);
  }
  const seen = new Set<string>();
  return thresholds.map((t, i) => {
    const evaluatorId = evaluatorIdOf(t.evaluatorId);
    if (Token.isUnresolved(t.evaluatorId) || evaluatorId === undefined) {
      throw new HarnessValidationError(`${property}[${i}].evaluatorId`, `${show(t.evaluatorId)} is not an evaluator; give ${EVALUATOR_ID_DESCRIPTION}`);
    }
    if (Token.isUnresolved(t.minScore) || !Number.isFinite(t.minScore) || t.minScore < MIN_SCORE || t.minScore > MAX_SCORE) {
      throw new HarnessValidationError(`${property}[${i}].minScore`, `${show(t.minScore)} must be a score from ${MIN_SCORE} to ${MAX_SCORE} (scores are normalized to that range)`);
    }
    if (seen.has(evaluatorId)) throw new HarnessValidationError(`${property}[${i}].evaluatorId`, `${show(evaluatorId)} has two thresholds; give one`);
    seen.add(evaluatorId);
    return { evaluatorId, minScore: t.minScore };
  });
}

function validateWindow(property: string, window: Duration | undefined): number {
  if (window === undefined) return DEFAULT_WINDOW_MINUTES;
  if (window.isUnresolved()) throw new HarnessValidationError(property, 'must be known at synth (it becomes a command-line flag)');
  const minutes = window.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < MIN_WINDOW_MINUTES || minutes > MAX_WINDOW_MINUTES) {
    throw new HarnessValidationError(property,
      `${window.toHumanString()} must be a whole number of minutes from ${MIN_WINDOW_MINUTES} minutes to ${MAX_WINDOW_MINUTES / (24 * 60)} days`);
  }
  return minutes;
}

function configIdOutput(config: agentcore.IOnlineEvaluationConfig): CfnOutput {
  const id = 'PromotionEvaluationConfigId';
  const existing = config.node.tryFindChild(id);
  if (existing instanceof CfnOutput) return existing;
  return new CfnOutput(config, id, {
    description: `Id of online evaluation configuration ${config.node.path}, read by the promotion step's evaluation gate`,
    value: config.onlineEvaluationConfigId,
  });
}
