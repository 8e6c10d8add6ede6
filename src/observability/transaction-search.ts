import { CfnResource, CustomResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { TransactionSearchFunction } from './transaction-search-function';
import { HarnessValidationError, inConstruct } from '../common/private/errors';
import { omitImpliedDependsOn } from '../common/private/implied-depends-on';
import { show } from '../common/private/validation';

/**
 * The construct id of the provider under its stack; it feeds the logical id of the `ServiceToken`, which
 * CloudFormation refuses to change, so it must never change.
 */
const PROVIDER_ID = 'cdk-agentcore-harness.TransactionSearchProvider';

const RESOURCE_TYPE = 'Custom::TransactionSearch';

/**
 * The handler role's statements: AWS's documented prerequisites for enabling Transaction Search. Switching the
 * trace destination acts with the caller's permissions beyond the X-Ray calls themselves: it creates the two span
 * log groups and, the first time in an account, starts Application Signals discovery (its service-linked role
 * and CloudTrail channel). The X-Ray destination and indexing rules, Logs resource policies and Application
 * Signals discovery are account settings without resource-level permissions, hence `*` for those only.
 */
function handlerStatements(stack: Stack): iam.PolicyStatement[] {
  const { partition, region, account } = stack;
  const slr = `arn:${partition}:iam::${account}:role/aws-service-role/application-signals.cloudwatch.amazonaws.com/AWSServiceRoleForCloudWatchApplicationSignals`;
  return [
    new iam.PolicyStatement({
      actions: ['xray:GetTraceSegmentDestination', 'xray:UpdateTraceSegmentDestination', 'xray:GetIndexingRules', 'xray:UpdateIndexingRule'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutRetentionPolicy'],
      resources: [
        `arn:${partition}:logs:${region}:${account}:log-group:aws/spans:*`,
        `arn:${partition}:logs:${region}:${account}:log-group:/aws/application-signals/data:*`,
      ],
    }),
    new iam.PolicyStatement({ actions: ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies'], resources: ['*'] }),
    new iam.PolicyStatement({ actions: ['application-signals:StartDiscovery'], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [slr],
      conditions: { StringLike: { 'iam:AWSServiceName': 'application-signals.cloudwatch.amazonaws.com' } },
    }),
    new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: [slr] }),
    new iam.PolicyStatement({
      actions: ['cloudtrail:CreateServiceLinkedChannel'],
      resources: [`arn:${partition}:cloudtrail:${region}:${account}:channel/aws-service-channel/application-signals/*`],
    }),
  ];
}

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
    try {
      this.indexingPercentage = props.indexingPercentage ?? 1;
      validatePercentage(this.indexingPercentage);

      const resource = new CustomResource(this, 'Resource', {
        serviceToken: TransactionSearchProvider.getOrCreate(this).serviceToken,
        resourceType: RESOURCE_TYPE,
        properties: { IndexingPercentage: String(this.indexingPercentage) },
      });
      this.enabledByThisResource = resource.getAttString('EnabledByThisResource');
    } catch (e) {
      throw inConstruct(this, e);
    }
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
    for (const statement of handlerStatements(Stack.of(this))) handler.addToRolePolicy(statement);

    const provider = new cr.Provider(this, 'Provider', { onEventHandler: handler });
    this.serviceToken = provider.serviceToken;

    this.acknowledgeFindings();
    for (const resource of this.node.findAll().filter(CfnResource.isCfnResource)) {
      omitImpliedDependsOn(resource);
    }
  }

  private acknowledgeFindings(): void {
    const stack = Stack.of(this);
    // cdk-nag names a resource by its rendered ARN: pseudo parameters as <AWS::...>, a fixed env as literals.
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const functions = this.node.findAll().filter((c): c is lambda.Function => c instanceof lambda.Function);
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The handler and the provider framework only write their own CloudWatch logs through the basic execution role.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'The X-Ray trace destination and indexing rules, CloudWatch Logs resource policies and Application Signals discovery are account settings without resource-level permissions.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:logs:${region}:${account}:log-group:aws/spans:*]`,
        reason: 'Enabling Transaction Search creates the reserved span log group and its streams; the wildcard covers only its streams.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:logs:${region}:${account}:log-group:/aws/application-signals/data:*]`,
        reason: 'Enabling Transaction Search creates the reserved Application Signals log group and its streams; the wildcard covers only its streams.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:cloudtrail:${region}:${account}:channel/aws-service-channel/application-signals/*]`,
        reason: 'The first enablement in an account creates the Application Signals service-linked CloudTrail channel, whose id AWS chooses.',
      },
      ...functions.map(fn => ({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason: 'The provider framework invokes any published version of its own handler, which only exists inside this provider.',
      })),
    );
  }
}
