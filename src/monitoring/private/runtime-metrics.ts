import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The AgentCore runtime a harness runs on. AgentCore publishes a harness's
 * invocation metrics as the metrics of this runtime: the harness documentation
 * points to the runtime metrics, and data-plane calls are recorded against the
 * runtime. No harness-level metric names or dimensions are documented.
 */
export interface MetricRuntime {
  readonly name: string;
  readonly arn: string;
}

/**
 * A metric of one endpoint of the runtime, in the `AWS/Bedrock-AgentCore`
 * namespace with the dimensions AgentCore documents for runtime metrics (the
 * same aws-cdk-lib's `Runtime.metric()` uses): `Operation` = InvokeAgentRuntime,
 * `Name` = `<runtime name>::<endpoint name>`, `Resource` = the runtime ARN.
 *
 * A harness endpoint is backed by a runtime endpoint (creating one creates the
 * other); that the two share their name is assumed, not documented.
 */
export function runtimeEndpointMetric(runtime: MetricRuntime, endpointName: string, metricName: string,
  env: { account: string; region: string }, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/Bedrock-AgentCore',
    metricName,
    statistic: cloudwatch.Stats.SUM,
    region: env.region,
    account: env.account,
    ...props,
    dimensionsMap: {
      Operation: 'InvokeAgentRuntime',
      Name: `${runtime.name}::${endpointName}`,
      Resource: runtime.arn,
      ...props?.dimensionsMap,
    },
  });
}
