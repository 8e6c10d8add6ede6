import { Annotations, Arn, ArnFormat, Token } from 'aws-cdk-lib';
import * as bedrockagentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { Construct } from 'constructs';
import { EndpointVersionPolicy } from './endpoint-version-policy';
import { HarnessEndpointBase, IHarnessEndpoint } from './harness-endpoint-base';
import { _registerEndpoint } from './private/endpoint-registry';
import { runDeferredChecks } from '../common/private/deferred-checks';
import { ENDPOINT_NAME_RULES, isDefaultEndpointName } from '../common/private/endpoint-rules';
import { HarnessValidationError, inConstruct } from '../common/private/errors';
import { cfnPropertiesOf } from '../common/private/synthesis-shortcuts';
import { isUnresolved, show, validateString } from '../common/private/validation';
import { IHarness } from '../harness/harness-base';
import { renderTags, validateTags } from '../harness/private/harness-render';
import { endpointArnOf } from '../permissions/private/harness-actions';
import { HarnessSmokeTest, HarnessSmokeTestOptions } from '../smoke-test/harness-smoke-test';
import { _cfnHarnessOf } from '../version/private/harness-l1';

/**
 * Options to define an endpoint of a harness (`harness.addEndpoint(name, options)`).
 */
export interface HarnessEndpointOptions {
  /**
   * Which version the endpoint serves and how it changes.
   *
   * The default follows the harness like aws-cdk-lib's `Runtime.addEndpoint()`:
   * the served version is then always visible in the template. (Omitting
   * `TargetVersion` in CloudFormation would pin the endpoint to whatever version
   * was newest when it was created, and never move it again.)
   *
   * @default EndpointVersionPolicy.followLatest() - the endpoint serves the
   * harness's newest version and moves with every configuration change
   */
  readonly version?: EndpointVersionPolicy;

  /**
   * A description of the endpoint, 1 to 256 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Tags for the endpoint (at most 50; `Tags.of(scope)` reaches it too).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a harness endpoint.
 */
export interface HarnessEndpointProps extends HarnessEndpointOptions {
  /**
   * The harness the endpoint belongs to.
   */
  readonly harness: IHarness;

  /**
   * The name of the endpoint, which callers pass as `qualifier`: a letter,
   * then up to 47 letters, digits or underscores. `DEFAULT` is reserved for
   * the endpoint every harness has. Renaming an endpoint replaces it.
   */
  readonly endpointName: string;
}

/**
 * Attributes to reference an existing harness endpoint.
 */
export interface HarnessEndpointAttributes {
  /**
   * The harness the endpoint belongs to.
   */
  readonly harness: IHarness;

  /**
   * The name of the endpoint.
   */
  readonly endpointName: string;

  /**
   * The ARN of the endpoint.
   *
   * @default - `<harnessArn>/harness-endpoint/<endpointName>`
   */
  readonly harnessEndpointArn?: string;
}

/**
 * A named endpoint of a harness (`AWS::BedrockAgentCore::HarnessEndpoint`):
 * a stable qualifier that serves one version of the harness, like a Lambda
 * alias. See `EndpointVersionPolicy` for how the served version is chosen.
 *
 * @resource AWS::BedrockAgentCore::HarnessEndpoint
 */
export class HarnessEndpoint extends HarnessEndpointBase {
  /**
   * References an endpoint defined outside this app (or by name, such as `STAGING`).
   */
  public static fromHarnessEndpointAttributes(scope: Construct, id: string, attrs: HarnessEndpointAttributes): IHarnessEndpoint {
    validateString('endpointName', attrs.endpointName, ENDPOINT_NAME_RULES);
    class Import extends HarnessEndpointBase {
      public readonly harness = attrs.harness;
      public readonly endpointName = attrs.endpointName;
      public readonly harnessEndpointArn = attrs.harnessEndpointArn
        ?? endpointArnOf(attrs.harness.harnessArn, attrs.endpointName);
    }
    const arn = attrs.harnessEndpointArn;
    const env = arn && !Token.isUnresolved(arn) ? Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME) : undefined;
    return new Import(scope, id, env ? { account: env.account, region: env.region } : {});
  }

  public readonly harness: IHarness;
  public readonly endpointName: string;

  // Attribute getters, as on Harness: a token is made only for what the app reads.

  /**
   * @attribute
   */
  public get harnessEndpointArn(): string {
    return this.resource.attrArn;
  }

  /**
   * The version the endpoint serves after this deployment.
   * @attribute
   */
  public get liveVersion(): string {
    return this.resource.attrLiveVersion;
  }

  /**
   * The status of the endpoint after this deployment (`READY` once deployed).
   * @attribute
   */
  public get status(): string {
    return this.resource.attrStatus;
  }

  /**
   * The version the template asks for (`TargetVersion`): a literal, the
   * harness's `Version` attribute, or the promotion custom resource's
   * `Version` attribute. Changes exactly when the served version changes in a
   * deploy, so smoke tests use it as their trigger.
   */
  public readonly targetVersion: string;

  /**
   * Which version the endpoint serves and how it changes (the `version` prop,
   * `EndpointVersionPolicy.followLatest()` when not given).
   */
  public readonly version: EndpointVersionPolicy;

  private readonly resource: bedrockagentcore.CfnHarnessEndpoint;

  constructor(scope: Construct, id: string, props: HarnessEndpointProps) {
    super(scope, id, { physicalName: props.endpointName });
    try {

      validateString('endpointName', props.endpointName, ENDPOINT_NAME_RULES);
      if (!isUnresolved(props.endpointName) && isDefaultEndpointName(props.endpointName)) {
        throw new HarnessValidationError('endpointName',
          `${show(props.endpointName)} is reserved for the endpoint every harness has; choose another name`);
      }
      validateString('description', props.description, { minLength: 1, maxLength: 256 });
      if (props.tags) validateTags('tags', props.tags);

      this.harness = props.harness;
      this.endpointName = props.endpointName;
      _registerEndpoint(this);

      if (props.version === undefined && !isUnresolved(props.endpointName) && /^prod/i.test(props.endpointName)) {
        Annotations.of(this).addWarningV2('cdk-agentcore-harness:endpoint-follows-latest',
          `Endpoint ${props.endpointName} follows the newest harness version, so every configuration change goes live ` +
          'on it in the same deploy. Set `version` (EndpointVersionPolicy.promotedFrom(...) or pinned(...)) to control releases.');
      }

      this.version = props.version ?? EndpointVersionPolicy.followLatest();
      this.targetVersion = this.version._bind(this);

      this.resource = new bedrockagentcore.CfnHarnessEndpoint(this, 'Resource', {
        // The id, never the name or ARN: it is create-only and the only form the API takes.
        harnessId: _cfnHarnessOf(props.harness)?.attrHarnessId ?? props.harness.harnessId,
        endpointName: props.endpointName,
        targetVersion: this.targetVersion,
        description: props.description,
        tags: renderTags(props.tags),
      });
      // No explicit DependsOn: the HarnessId GetAtt already orders the endpoint after
      // the harness, which is all that creating an endpoint needs. The role's policies
      // matter only to invocations, and everything here that invokes (smoke tests,
      // promotion reads) depends on the whole harness itself. Rendering DependsOn on
      // the role and every policy for each endpoint only added synth cost.

      // Tags.of() adds tags after construction; check what will be rendered.
      this.node.addValidation({
        validate: () => {
          validateTags('tags', this.resource.cdkTagManager.tagValues());
          return runDeferredChecks(this, cfnPropertiesOf(this.resource));
        },
      });
    } catch (e) {
      throw inConstruct(this, e);
    }
  }

  /**
   * Defines a deploy-time smoke test that invokes the harness through this
   * endpoint each time the version it serves changes. A promotion from this
   * endpoint waits for its smoke tests, so a failing test stops the promotion.
   */
  public addSmokeTest(id: string, options: HarnessSmokeTestOptions): HarnessSmokeTest {
    return new HarnessSmokeTest(this, id, { ...options, harness: this.harness, endpoint: this });
  }
}

