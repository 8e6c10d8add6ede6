import { Duration } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';

/**
 * The minimum mean score of one evaluator over the gate's window.
 *
 * Scores are normalized to 0–1 by the service (built-in evaluators score in that range; custom
 * evaluators' rating scales are mapped onto it), so `minScore` is a number from 0 to 1.
 */
export class EvaluatorThreshold {
  /** A minimum for a built-in evaluator, e.g. `EvaluatorThreshold.builtin(BuiltinEvaluator.HELPFULNESS, 0.8)`. */
  public static builtin(evaluator: agentcore.BuiltinEvaluator, minScore: number): EvaluatorThreshold {
    return new EvaluatorThreshold(evaluator.value, minScore);
  }

  /**
   * A minimum for an evaluator given by id: `Builtin.<Name>`, a custom evaluator id
   * (`<name>-<10 characters>`) or a custom evaluator ARN.
   */
  public static fromEvaluatorId(evaluatorId: string, minScore: number): EvaluatorThreshold {
    return new EvaluatorThreshold(evaluatorId, minScore);
  }

  /** The evaluator, as given. */
  public readonly evaluatorId: string;

  /** The minimum mean score, 0–1. */
  public readonly minScore: number;

  private constructor(evaluatorId: string, minScore: number) {
    this.evaluatorId = evaluatorId;
    this.minScore = minScore;
  }
}

/**
 * Options of the evaluation gate of a promotion step: the source endpoint's online evaluation results over
 * a recent window must meet every threshold, each over enough evaluated sessions, or the step fails
 * (exit code 7 of the CLI, with the figures in the build log) and the target endpoint does not move.
 */
export interface PromotionEvaluationGateOptions {
  /**
   * The online evaluation configuration that evaluates the SOURCE endpoint (for example one created with
   * aws-cdk-lib's `OnlineEvaluationConfig` over the STAGING endpoint's logs, or imported with
   * `OnlineEvaluationConfig.fromOnlineEvaluationConfigId()`). Its results are read from its result log group.
   *
   * The step cannot check that the configuration evaluates the source endpoint: choose the one that does.
   */
  readonly onlineEvaluationConfig: agentcore.IOnlineEvaluationConfig;

  /**
   * The minimum mean score per evaluator; every one must be met. Each evaluator must be one the
   * configuration runs, or its results are missing and the gate refuses.
   */
  readonly minScores: EvaluatorThreshold[];

  /**
   * How far back results count, up to the promotion. Whole minutes, from 5 minutes to 30 days.
   *
   * @default Duration.hours(24)
   */
  readonly window?: Duration;

  /**
   * How many distinct evaluated sessions each evaluator needs in the window; fewer refuses the promotion.
   *
   * @default 10
   */
  readonly minSessions?: number;

  /**
   * The log group the configuration writes its results to, when it is not the service's default.
   *
   * @default - `/aws/bedrock-agentcore/evaluations/results/<configuration id>`
   */
  readonly resultsLogGroupName?: string;
}
