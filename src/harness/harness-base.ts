import { IResource, Resource } from 'aws-cdk-lib';
import { HarnessReference, IHarnessRef } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HarnessGrants } from './harness-grants';
import { DEFAULT_ENDPOINT_NAME } from '../common/private/endpoint-rules';
import { MetricRuntime, runtimeEndpointMetric } from '../monitoring/private/runtime-metrics';

/**
 * A harness: an AgentCore managed agent loop, defined in this app or imported.
 */
export interface IHarness extends IResource, iam.IGrantable, ec2.IConnectable, IHarnessRef {
  /**
   * The ARN of the harness.
   * @attribute
   */
  readonly harnessArn: string;

  /**
   * The id of the harness (`<name>-<10 characters>`), as endpoints and the API take it.
   * @attribute
   */
  readonly harnessId: string;

  /**
   * The name of the harness.
   * @attribute
   */
  readonly harnessName: string;

  /**
   * The execution role, when known (always for a harness defined in this app).
   */
  readonly role?: iam.IRole;

  /** Grants on this harness. */
  readonly grants: HarnessGrants;

  /** Grants the actions InvokeHarness requires on this harness and its endpoints. */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants `bedrock-agentcore:InvokeAgentRuntimeCommand` (a shell command in a
   * session) on this harness and its endpoints.
   */
  grantInvokeCommand(grantee: iam.IGrantable): iam.Grant;

  /** Grants the given `bedrock-agentcore:` actions on this harness and its endpoints. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;

  /**
   * A metric of calls to this harness without a qualifier (its `DEFAULT` endpoint).
   *
   * AgentCore publishes a harness's metrics as those of the runtime it runs the
   * harness on (namespace `AWS/Bedrock-AgentCore`, dimensions `Operation` =
   * InvokeAgentRuntime, `Name` = `<runtime name>::DEFAULT`, `Resource` = the
   * runtime ARN); harness-level names and dimensions are not published. Only a
   * harness defined in this app knows its runtime: on an imported harness this
   * throws. For a named endpoint, or a dashboard and alarms, use `HarnessMonitoring`.
   *
   * Unless `props` say otherwise, the statistic is Sum over 5 minutes.
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Invocations of the harness (Sum). */
  metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Invocation latency in milliseconds (Average). */
  metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Invocations that failed with a server-side error (Sum). */
  metricSystemErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Invocations that failed with a client-side error (Sum). */
  metricUserErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Throttled invocations (Sum). */
  metricThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * Grants, metrics and connections shared by defined and imported harnesses;
 * everything here derives from the ARN alone.
 */
export abstract class HarnessBase extends Resource implements IHarness {
  public abstract readonly harnessArn: string;
  public abstract readonly harnessId: string;
  public abstract readonly harnessName: string;
  public abstract readonly role?: iam.IRole;
  public abstract readonly grantPrincipal: iam.IPrincipal;

  /**
   * Set in VPC mode.
   * @internal
   */
  protected _connections?: ec2.Connections;

  public get harnessRef(): HarnessReference {
    return { harnessArn: this.harnessArn };
  }

  public get grants(): HarnessGrants {
    return HarnessGrants.fromHarness(this);
  }

  /**
   * Network access of the harness's sessions. Only a harness in VPC mode (or
   * imported with `securityGroups`) has connections; otherwise this throws,
   * because security-group rules would silently do nothing.
   */
  public get connections(): ec2.Connections {
    if (!this._connections) {
      throw new Error(`${this.node.path}: this harness has no security groups; `
        + 'connections exist only for a harness in VPC mode (network) or one imported with securityGroups');
    }
    return this._connections;
  }

  /** [disable-awslint:no-grants] */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.grants.invoke(grantee);
  }

  /** [disable-awslint:no-grants] */
  public grantInvokeCommand(grantee: iam.IGrantable): iam.Grant {
    return this.grants.invokeCommand(grantee);
  }

  /** [disable-awslint:no-grants] */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const runtime = this._metricRuntime();
    if (!runtime) {
      throw new Error(`${this.node.path}: the metrics of a harness are published under the AgentCore runtime it runs on, `
        + 'which an imported harness does not know; define metrics on that runtime (aws-cdk-lib Runtime.fromAgentRuntimeAttributes) instead');
    }
    return runtimeEndpointMetric(runtime, DEFAULT_ENDPOINT_NAME, metricName, this.env, props);
  }

  /**
   * The runtime the harness's metrics are published under; unknown for an imported harness.
   * @internal
   */
  public _metricRuntime(): MetricRuntime | undefined {
    return undefined;
  }

  public metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Invocations', props);
  }

  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Latency', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  public metricSystemErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('SystemErrors', props);
  }

  public metricUserErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('UserErrors', props);
  }

  public metricThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Throttles', props);
  }
}
