import { CfnResource, CustomResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { TransactionSearchFunction } from './transaction-search-function';
import { HarnessValidationError } from '../common/errors';
import { omitImpliedDependsOn } from '../common/implied-depends-on';
import { show } from '../common/validation';

/**
 * The construct id of the provider under its stack; it feeds the logical id of the `ServiceToken`, which
 * CloudFormation refuses to change, so it must never change.
 */
const PROVIDER_ID = 'cdk-agentcore-harness.TransactionSearchProvider';

const RESOURCE_TYPE = 'Custom::TransactionSearch';

/**
 * What the handler calls. None of these actions supports resource-level permissions: the X-Ray trace
 * destination and indexing rules, and CloudWatch Logs resource policies, are settings of the account and
 * region rather than resources with ARNs, so IAM only accepts `*` for them.
 */
const XRAY_ACTIONS = [
  'xray:GetTraceSegmentDestination',
  'xray:UpdateTraceSegmentDestination',
  'xray:GetIndexingRules',
  'xray:UpdateIndexingRule',
];
const LOGS_ACTIONS = ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies'];

/**
 * Properties of `TransactionSearch`.
 */
export interface TransactionSearchProps {
  /**
   * The percentage of spans X-Ray indexes as trace summaries for search and analytics (all spans are still
   * stored in CloudWatch Logs). Applied only when this resource is the one that enables Transaction Search;
   * in an account where it is already on, the account's existing rate is left alone.
   *
   * Must be greater than 0 and at most 100.
   *
   * @default 1 (the share AWS indexes free of charge)
   */
  readonly indexingPercentage?: number;
}

/**
 * Enables CloudWatch Transaction Search for the stack's account and region, so the traces every harness
 * invocation produces are visible from the first deploy.
 *
 * Unlike the plain `AWS::XRay::TransactionSearchConfig` and `AWS::Logs::ResourcePolicy` resources, it is
 * idempotent: in an account where Transaction Search is already on it changes nothing and succeeds, and any
 * number of stacks may declare it.
 *
 * Deleting it never turns Transaction Search off and keeps the Logs resource policy X-Ray writes through:
 * both are account-wide, and other stacks or tools may rely on them. Disabling is an operator's decision.
 *
 * @resource Custom::TransactionSearch
 */
export class TransactionSearch extends Construct {
  /**
   * `'true'` when this resource switched Transaction Search on, `'false'` when it was already on.
   * Known at deploy time only.
   */
  public readonly enabledByThisResource: string;

  /**
   * The percentage of spans indexed when this resource enables Transaction Search.
   */
  public readonly indexingPercentage: number;

  constructor(scope: Construct, id: string, props: TransactionSearchProps = {}) {
    super(scope, id);
    this.indexingPercentage = props.indexingPercentage ?? 1;
    validatePercentage(this.indexingPercentage);

    const resource = new CustomResource(this, 'Resource', {
      serviceToken: TransactionSearchProvider.getOrCreate(this).serviceToken,
      resourceType: RESOURCE_TYPE,
      properties: { IndexingPercentage: String(this.indexingPercentage) },
    });
    this.enabledByThisResource = resource.getAttString('EnabledByThisResource');
  }
}

function validatePercentage(value: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isFinite(value) || value <= 0 || value > 100) {
    throw new HarnessValidationError('indexingPercentage',
      `${show(value)} percent is out of range; it must be greater than 0 and at most 100 percent`);
  }
}

/** One provider per stack, shared by every `TransactionSearch` in it. */
class TransactionSearchProvider extends Construct {
  public static getOrCreate(scope: Construct): TransactionSearchProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    return existing ? existing as TransactionSearchProvider : new TransactionSearchProvider(stack, PROVIDER_ID);
  }

  public readonly serviceToken: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const handler = new TransactionSearchFunction(this, 'OnEventHandler', {
      description: 'cdk-agentcore-harness: enables CloudWatch Transaction Search for the account and region (onEvent)',
      timeout: Duration.minutes(2),
      memorySize: 256,
    });
    handler.addToRolePolicy(new iam.PolicyStatement({ actions: XRAY_ACTIONS, resources: ['*'] }));
    handler.addToRolePolicy(new iam.PolicyStatement({ actions: LOGS_ACTIONS, resources: ['*'] }));

    const provider = new cr.Provider(this, 'Provider', { onEventHandler: handler });
    this.serviceToken = provider.serviceToken;

    this.acknowledgeFindings();
    for (const resource of this.node.findAll().filter(CfnResource.isCfnResource)) {
      omitImpliedDependsOn(resource);
    }
  }

  private acknowledgeFindings(): void {
    const stack = Stack.of(this);
    const functions = this.node.findAll().filter((c): c is lambda.Function => c instanceof lambda.Function);
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The handler and the provider framework only write their own CloudWatch logs through the basic execution role.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'The X-Ray trace destination and indexing rules and the CloudWatch Logs resource policies are account settings without resource-level permissions.',
      },
      ...functions.map(fn => ({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason: 'The provider framework invokes any published version of its own handler, which only exists inside this provider.',
      })),
    );
  }
}
