import { Stack, Token } from 'aws-cdk-lib';
import { CfnHarness, IBrowserCustom, ICodeInterpreterCustom, IGateway } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GatewayOutboundAuth } from './gateway-outbound-auth';
import { agreeOutboundAuth } from './private/gateway-auth-agreement';
import { validateInputSchema } from './private/input-schema';
import {
  BROWSER_EXTRA_ACTIONS, BROWSER_SESSION_ACTIONS, CODE_INTERPRETER_EXTRA_ACTIONS,
  CODE_INTERPRETER_SESSION_ACTIONS, GATEWAY_INVOKE_ACTIONS,
} from './private/perms';
import { TOOL_TYPE } from './private/tool-types';
import { RemoteMcpHeader } from './remote-mcp-header';
import { BROWSER_ARN, CODE_INTERPRETER_ARN, GATEWAY_ARN } from '../common/private/arn-patterns';
import { HarnessValidationError } from '../common/private/errors';
import { OPTION_NAME_RULES, validateString } from '../common/private/validation';
import { HarnessBindContext } from '../harness/private/bind-context';
import { awsOwnedSandboxArn } from '../permissions/private/required-permissions';

/** Options every tool takes. */
export interface HarnessToolOptions {
  /**
   * The tool's name as the agent and `allowedTools` see it: 1–64 characters,
   * letters, digits, `_` and `-`, unique within the harness.
   *
   * @default - the service infers or generates a name (which `allowedTools` checks cannot see)
   */
  readonly name?: string;
}

/** Options for a gateway tool. */
export interface GatewayToolOptions extends HarnessToolOptions {
  /**
   * How the harness authenticates to the gateway. It must match the gateway's
   * inbound authorizer: `iam()` for AWS_IAM, `fromOAuthCredentialProvider()` for a JWT authorizer,
   * `none()` for none. For a gateway defined in the app this is checked at synth.
   *
   * @default - what the gateway's inbound authorizer accepts when it is known
   * (`iam()` for AWS_IAM, `none()` for none; a JWT authorizer has no default and
   * needs `fromOAuthCredentialProvider()`); `GatewayOutboundAuth.iam()` for a gateway known only by ARN or imported
   */
  readonly outboundAuth?: GatewayOutboundAuth;
}

/** Options for a remote MCP server tool. */
export interface RemoteMcpToolOptions extends HarnessToolOptions {
  /**
   * HTTP headers sent to the server (header names 1–16383 characters). Values come
   * from secrets unless you opt in to plain text with `RemoteMcpHeader.fromUnsafePlainText`.
   *
   * @default - no headers
   */
  readonly headers?: { [name: string]: RemoteMcpHeader };
}

/** Options for a browser tool. */
export interface BrowserToolOptions extends HarnessToolOptions {
  /**
   * A custom browser.
   *
   * @default - the AWS-managed browser `aws.browser.v1`
   */
  readonly browser?: IBrowserCustom;
}

/** Options for a code interpreter tool. */
export interface CodeInterpreterToolOptions extends HarnessToolOptions {
  /**
   * A custom code interpreter.
   *
   * @default - the AWS-managed code interpreter `aws.codeinterpreter.v1`
   */
  readonly codeInterpreter?: ICodeInterpreterCustom;
}

/** An inline (client-side) function. */
export interface InlineFunctionToolOptions {
  /** The function's name (1–64 characters, letters, digits, `_` and `-`), unique within the harness. */
  readonly name: string;

  /** What the function does, for the model (1–4096 characters). */
  readonly description: string;

  /**
   * A JSON Schema for the function's input: `type: 'object'` at the top,
   * `properties` an object of schemas, `required` a list of declared properties.
   */
  readonly inputSchema: { [key: string]: any };
}


/**
 * A tool the harness's agent can call. Use the static factories.
 *
 * Each tool renders its configuration and grants the execution role exactly what
 * calling it needs: `InvokeGateway` on that gateway, session actions on that
 * browser or code interpreter, token-vault access to that OAuth provider.
 * Remote MCP servers and inline functions need no IAM.
 */
export abstract class HarnessTool {
  /**
   * An AgentCore Gateway: every tool configured on the gateway becomes available.
   * The outbound auth follows the gateway's inbound authorizer (see `outboundAuth`);
   * with IAM the role gets `InvokeGateway` on this gateway only.
   *
   * @example
   * declare const gateway: agentcore.IGateway;
   * declare const harness: Harness;
   * harness.addTool(HarnessTool.fromGateway(gateway, { name: 'crm' }));
   */
  public static fromGateway(gateway: IGateway, options: GatewayToolOptions = {}): HarnessTool {
    return new GatewayTool(gateway.gatewayArn, gateway, options);
  }

  /**
   * An AgentCore Gateway by ARN (for a gateway defined outside CDK). The ARN must
   * match `arn:<partition>:bedrock-agentcore:<region>:<account>:gateway/<id>`.
   * Its authorizer is unknown here: `outboundAuth` (default IAM) must match it.
   */
  public static fromGatewayArn(gatewayArn: string, options: GatewayToolOptions = {}): HarnessTool {
    return new GatewayTool(gatewayArn, undefined, options);
  }

  /** A remote MCP server, reached over HTTPS. No IAM is involved. */
  public static fromRemoteMcpUrl(url: string, options: RemoteMcpToolOptions = {}): HarnessTool {
    return new RemoteMcpTool(url, options);
  }

  /**
   * AgentCore Browser: the AWS-managed browser, or a custom one. The role gets
   * the browser session actions on that browser only.
   */
  public static browser(options: BrowserToolOptions = {}): HarnessTool {
    return new SandboxTool(BROWSER, options.name, options.browser, options.browser?.browserArn);
  }

  /**
   * AgentCore Code Interpreter: the AWS-managed one, or a custom one. The role
   * gets the code interpreter session actions on that code interpreter only.
   */
  public static codeInterpreter(options: CodeInterpreterToolOptions = {}): HarnessTool {
    return new SandboxTool(CODE_INTERPRETER, options.name, options.codeInterpreter, options.codeInterpreter?.codeInterpreterArn);
  }

  /**
   * A function your client implements. It runs client-side, not in the harness:
   * when the agent calls it, the response stream stops with stop reason
   * `tool_use`, and your code sends the result back in the next InvokeHarness call.
   */
  public static inlineFunction(options: InlineFunctionToolOptions): HarnessTool {
    return new InlineFunctionTool(options);
  }

  /** The tool's name, if one was given. */
  public readonly name?: string;

  protected constructor(name: string | undefined) {
    validateToolName(name);
    this.name = name;
  }

  /**
   * Renders the tool and grants the execution role what the tool needs.
   * @internal
   */
  public abstract _bind(ctx: HarnessBindContext): CfnHarness.HarnessToolProperty;

  /** The property path used in error messages. */
  protected get path(): string {
    return `tools[${this.name ?? ''}]`;
  }
}

function validateToolName(name: string | undefined): void {
  validateString(`tools[${name ?? ''}].name`, name, OPTION_NAME_RULES);
}

class GatewayTool extends HarnessTool {
  private readonly outboundAuth: GatewayOutboundAuth;

  constructor(private readonly gatewayArn: string, private readonly gateway: IGateway | undefined, options: GatewayToolOptions) {
    super(options.name);
    this.outboundAuth = agreeOutboundAuth(this.path, gateway, options.outboundAuth);
    validateString(`${this.path}.gatewayArn`, gatewayArn, {
      pattern: GATEWAY_ARN, patternDescription: 'a gateway ARN (arn:<partition>:bedrock-agentcore:<region>:<account>:gateway/<id>)',
    });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessToolProperty {
    const outboundAuth = this.outboundAuth._bind(ctx, this.path);
    // Only SigV4 calls are authorized by IAM; with OAuth or none, the gateway's
    // own inbound authorizer decides, so InvokeGateway would be an unused grant.
    if (this.outboundAuth._usesIam) {
      if (this.gateway) {
        this.gateway.grantInvoke(ctx.grantee);
      } else {
        ctx.addToRolePolicy(new iam.PolicyStatement({ actions: GATEWAY_INVOKE_ACTIONS, resources: [this.gatewayArn] }));
      }
    }
    return {
      type: TOOL_TYPE.GATEWAY,
      name: this.name,
      config: { agentCoreGateway: { gatewayArn: this.gatewayArn, outboundAuth } },
    };
  }
}

class RemoteMcpTool extends HarnessTool {
  constructor(private readonly url: string, private readonly options: RemoteMcpToolOptions) {
    super(options.name);
    // https only, on purpose: the harness sends the configured headers (often a
    // bearer token or API key) with every request, and plain http would carry
    // them in clear text. A server without TLS goes behind a gateway instead.
    validateString(`${this.path}.url`, url, {
      minLength: 1,
      maxLength: 16383,
      pattern: /^https:\/\/\S+$/,
      patternDescription: 'an https:// URL (plain http would send the headers in clear text)',
    });
    for (const key of Object.keys(options.headers ?? {})) {
      validateString(`${this.path}.headers`, key, { minLength: 1, maxLength: 16383 });
    }
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessToolProperty {
    const entries = Object.entries(this.options.headers ?? {});
    const headers = entries.length === 0 ? undefined
      : Object.fromEntries(entries.map(([k, v]) => [k, v._render(ctx.scope, `${this.path}.headers.${k}`)]));
    return {
      type: TOOL_TYPE.REMOTE_MCP,
      name: this.name,
      config: { remoteMcp: { url: this.url, headers } },
    };
  }
}

/** What differs between the AgentCore browser and code interpreter tools; the rest is shared. */
interface SandboxKind {
  readonly type: string;
  /** The option and `config` member holding the custom resource's ARN. */
  readonly option: 'browser' | 'codeInterpreter';
  readonly member: 'agentCoreBrowser' | 'agentCoreCodeInterpreter';
  readonly arnKey: 'browserArn' | 'codeInterpreterArn';
  readonly arnPattern: RegExp;
  readonly arnDescription: string;
  /** The AWS-managed resource, used when no custom one is given. */
  readonly awsResource: 'browser' | 'code-interpreter';
  readonly sessionActions: string[];
  /** What the custom resource's `grantUse` leaves out of `sessionActions`. */
  readonly extraActions: string[];
}

const BROWSER: SandboxKind = {
  type: TOOL_TYPE.BROWSER,
  option: 'browser',
  member: 'agentCoreBrowser',
  arnKey: 'browserArn',
  arnPattern: BROWSER_ARN,
  arnDescription: 'a browser ARN',
  awsResource: 'browser',
  sessionActions: BROWSER_SESSION_ACTIONS,
  extraActions: BROWSER_EXTRA_ACTIONS,
};

const CODE_INTERPRETER: SandboxKind = {
  type: TOOL_TYPE.CODE_INTERPRETER,
  option: 'codeInterpreter',
  member: 'agentCoreCodeInterpreter',
  arnKey: 'codeInterpreterArn',
  arnPattern: CODE_INTERPRETER_ARN,
  arnDescription: 'a code interpreter ARN',
  awsResource: 'code-interpreter',
  sessionActions: CODE_INTERPRETER_SESSION_ACTIONS,
  extraActions: CODE_INTERPRETER_EXTRA_ACTIONS,
};

/** A browser or code interpreter tool: the AWS-managed one, or a custom one. */
class SandboxTool extends HarnessTool {
  constructor(
    private readonly kind: SandboxKind,
    name: string | undefined,
    private readonly custom: IBrowserCustom | ICodeInterpreterCustom | undefined,
    private readonly customArn: string | undefined,
  ) {
    super(name);
    validateString(`${this.path}.${kind.option}`, customArn, {
      pattern: kind.arnPattern, patternDescription: kind.arnDescription,
    });
  }

  public _bind(ctx: HarnessBindContext): CfnHarness.HarnessToolProperty {
    const kind = this.kind;
    if (this.custom) {
      this.custom.grantUse(ctx.grantee);
      this.custom.grant(ctx.grantee, ...kind.extraActions);
    } else {
      ctx.addToRolePolicy(new iam.PolicyStatement({
        actions: kind.sessionActions,
        resources: [awsOwnedSandboxArn(Stack.of(ctx.scope), kind.awsResource)],
      }));
    }
    return {
      type: kind.type,
      name: this.name,
      // Omitting the ARN selects the AWS-managed resource.
      config: { [kind.member]: this.custom ? { [kind.arnKey]: this.customArn } : {} },
    };
  }
}

class InlineFunctionTool extends HarnessTool {
  constructor(private readonly options: InlineFunctionToolOptions) {
    super(options.name);
    if (!Token.isUnresolved(options.name) && (options.name === undefined || options.name === null)) {
      throw new HarnessValidationError('tools[].name', 'an inline function needs a name');
    }
    validateString(`${this.path}.description`, options.description, { minLength: 1, maxLength: 4096 });
    validateInputSchema(`${this.path}.inputSchema`, options.inputSchema);
  }

  public _bind(_ctx: HarnessBindContext): CfnHarness.HarnessToolProperty {
    return {
      type: TOOL_TYPE.INLINE_FUNCTION,
      name: this.name,
      config: { inlineFunction: { description: this.options.description, inputSchema: this.options.inputSchema } },
    };
  }
}

