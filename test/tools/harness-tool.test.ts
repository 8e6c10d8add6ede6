import { CfnParameter, Lazy, SecretValue, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import { GatewayOAuthGrantType, GatewayOutboundAuth, HarnessTool, RemoteMcpHeader } from '../../src';
import { createTestApp, createTestStack } from '../support/app';
import { createFakeHarness, roleStatements } from '../support/bind-context';

const GATEWAY_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/my-gateway-abcdef1234';
const PROVIDER_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/github';
const PROVIDER_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/oauth2/github-AbCdEf';

function importGateway(stack: Stack) {
  return agentcore.Gateway.fromGatewayAttributes(stack, 'Gw', {
    gatewayArn: GATEWAY_ARN,
    gatewayId: 'my-gateway-abcdef1234',
    gatewayName: 'my-gateway',
    role: { roleArn: 'arn:aws:iam::123456789012:role/gw' } as any,
  });
}

function importProvider(stack: Stack) {
  return agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(stack, 'Provider', {
    credentialProviderArn: PROVIDER_ARN,
    credentialProviderVendor: 'GithubOauth2',
    clientSecretArn: PROVIDER_SECRET,
  });
}

function bindTools(fake: ReturnType<typeof createFakeHarness>, ...tools: HarnessTool[]) {
  const rendered = tools.map(t => t._bind(fake.ctx));
  fake.resource.tools = rendered;
  return rendered;
}

describe('HarnessTool.fromGateway', () => {
  test('renders the gateway with IAM outbound auth and grants InvokeGateway on that gateway only', () => {
    const fake = createFakeHarness();
    const [rendered] = bindTools(fake, HarnessTool.fromGateway(importGateway(fake.stack), { name: 'tools' }));

    expect(rendered).toEqual({
      type: 'agentcore_gateway',
      name: 'tools',
      config: { agentCoreGateway: { gatewayArn: GATEWAY_ARN, outboundAuth: { awsIam: {} } } },
    });
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{ Type: 'agentcore_gateway', Name: 'tools', Config: { AgentCoreGateway: { GatewayArn: GATEWAY_ARN, OutboundAuth: { AwsIam: {} } } } }],
    });
    expect(roleStatements(fake)).toEqual([
      { Action: 'bedrock-agentcore:InvokeGateway', Effect: 'Allow', Resource: GATEWAY_ARN },
    ]);
  });

  test('a gateway defined in the stack is granted through its ARN attribute, never gateway/*', () => {
    const fake = createFakeHarness();
    const gateway = new agentcore.Gateway(fake.stack, 'Gateway', { gatewayName: 'gw', authorizerConfiguration: agentcore.GatewayAuthorizer.usingAwsIam() });
    bindTools(fake, HarnessTool.fromGateway(gateway));
    const gatewayId = fake.stack.getLogicalId(gateway.node.defaultChild as agentcore.CfnGateway);
    expect(roleStatements(fake)).toEqual([
      { Action: 'bedrock-agentcore:InvokeGateway', Effect: 'Allow', Resource: { 'Fn::GetAtt': [gatewayId, 'GatewayArn'] } },
    ]);
  });

  test('fromGatewayArn grants InvokeGateway on the literal ARN', () => {
    const fake = createFakeHarness();
    bindTools(fake, HarnessTool.fromGatewayArn(GATEWAY_ARN));
    expect(roleStatements(fake)).toEqual([
      { Action: 'bedrock-agentcore:InvokeGateway', Effect: 'Allow', Resource: GATEWAY_ARN },
    ]);
  });

  test('no authentication renders none and grants nothing', () => {
    const fake = createFakeHarness();
    const [rendered] = bindTools(fake, HarnessTool.fromGatewayArn(GATEWAY_ARN, { outboundAuth: GatewayOutboundAuth.none() }));
    expect((rendered.config as any).agentCoreGateway.outboundAuth).toEqual({ none: {} });
    expect(roleStatements(fake)).toEqual([]);
  });

  test('OAuth renders the provider and grants token-vault use of that provider only', () => {
    const fake = createFakeHarness();
    const [rendered] = bindTools(fake, HarnessTool.fromGatewayArn(GATEWAY_ARN, {
      outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(importProvider(fake.stack), {
        scopes: ['repo', 'read:user'],
        grantType: GatewayOAuthGrantType.AUTHORIZATION_CODE,
        customParameters: { audience: 'api' },
        defaultReturnUrl: 'https://example.com/callback',
      }),
    }));
    expect((rendered.config as any).agentCoreGateway.outboundAuth).toEqual({
      oauth: {
        providerArn: PROVIDER_ARN,
        scopes: ['repo', 'read:user'],
        grantType: 'AUTHORIZATION_CODE',
        customParameters: { audience: 'api' },
        defaultReturnUrl: 'https://example.com/callback',
      },
    });
    const tv = (r: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock-agentcore:us-east-1:123456789012:${r}`]] });
    expect(roleStatements(fake)).toEqual([
      {
        Action: ['bedrock-agentcore:GetResourceOauth2Token', 'bedrock-agentcore:CompleteResourceTokenAuth'],
        Effect: 'Allow',
        Resource: [
          PROVIDER_ARN,
          tv('token-vault/default'),
          tv('token-vault/default/oauth2credentialprovider'),
          tv('workload-identity-directory/default'),
          tv('workload-identity-directory/default/workload-identity/*'),
        ],
      },
      { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: PROVIDER_SECRET },
    ]);
    // OAuth calls are not SigV4: no InvokeGateway.
    expect(JSON.stringify(roleStatements(fake))).not.toContain('InvokeGateway');
    fake.template();
  });

  test.each([
    ['not an ARN', 'gateway-1', /gatewayArn: "gateway-1" does not match a gateway ARN/],
    ['a wildcard', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/*', /gatewayArn: .* does not match/],
    ['another service', 'arn:aws:lambda:us-east-1:123456789012:function:f', /gatewayArn/],
  ])('fails for a gateway ARN that is %s', (_what, arn, error) => {
    expect(() => HarnessTool.fromGatewayArn(arn)).toThrow(error);
  });

  test('accepts a token gateway ARN', () => {
    const fake = createFakeHarness();
    const arn = new CfnParameter(fake.stack, 'Arn').valueAsString;
    expect(() => bindTools(fake, HarnessTool.fromGatewayArn(arn))).not.toThrow();
  });

  describe('OAuth validation', () => {
    const fail = (options: any, error: RegExp) => {
      const fake = createFakeHarness();
      expect(() => bindTools(fake, HarnessTool.fromGatewayArn(GATEWAY_ARN, {
        outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(importProvider(fake.stack), { scopes: ['a'], ...options }),
      }))).toThrow(error);
    };
    test('fails for more than 100 scopes', () => fail({ scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }, /outboundAuth.scopes: has 101 items; it must have between 0 and 100/));
    test('fails for an empty scope', () => fail({ scopes: [''] }, /outboundAuth.scopes\[0\]: "" is 0 characters long/));
    test('fails for a scope over 64 characters', () => fail({ scopes: ['x'.repeat(65)] }, /outboundAuth.scopes\[0\]: .* at most 64/));
    test('fails for no custom parameters', () => fail({ customParameters: {} }, /customParameters: has 0 entries; it must have between 1 and 10/));
    test('fails for 11 custom parameters', () => fail({ customParameters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) }, /customParameters: has 11 entries/));
    test('fails for an empty custom parameter value', () => fail({ customParameters: { a: '' } }, /customParameters.a: "" is 0 characters long/));
    test('fails for a custom parameter value over 2048', () => fail({ customParameters: { a: 'x'.repeat(2049) } }, /customParameters.a: .* at most 2048/));
    test('fails for a return URL without scheme', () => fail({ defaultReturnUrl: 'example.com/cb' }, /defaultReturnUrl: "example.com\/cb" does not match a URL with a scheme/));
    test('fails for a return URL with spaces', () => fail({ defaultReturnUrl: 'https://a b' }, /defaultReturnUrl/));
    test('fails for an unknown grant type', () => fail({ grantType: 'TOKEN_EXCHANGE' }, /grantType: "TOKEN_EXCHANGE" is not a GatewayOAuthGrantType/));
    test('fails for a provider ARN without account', () => {
      const fake = createFakeHarness();
      const provider = agentcore.OAuth2CredentialProvider.fromOAuth2CredentialProviderAttributes(fake.stack, 'P2', {
        credentialProviderArn: 'not-an-arn', credentialProviderVendor: 'x',
      });
      expect(() => bindTools(fake, HarnessTool.fromGatewayArn(GATEWAY_ARN, {
        outboundAuth: GatewayOutboundAuth.fromOAuthCredentialProvider(provider, { scopes: [] }),
      }))).toThrow(/outboundAuth.provider: "not-an-arn" does not match/);
    });
  });
});

describe('HarnessTool.fromRemoteMcpUrl', () => {
  test('renders the URL and needs no IAM', () => {
    const fake = createFakeHarness();
    const [rendered] = bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', { name: 'docs' }));
    expect(rendered).toEqual({ type: 'remote_mcp', name: 'docs', config: { remoteMcp: { url: 'https://mcp.example.com/mcp', headers: undefined } } });
    expect(roleStatements(fake)).toEqual([]);
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{ Type: 'remote_mcp', Name: 'docs', Config: { RemoteMcp: { Url: 'https://mcp.example.com/mcp' } } }],
    });
  });

  test('header values from Secrets Manager render as dynamic references, never the secret', () => {
    const fake = createFakeHarness();
    bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      headers: {
        'Authorization': RemoteMcpHeader.fromSecretValue(SecretValue.secretsManager('mcp/token', { jsonField: 'bearer' })),
        'X-Tenant': RemoteMcpHeader.fromUnsafePlainText('tenant-1'),
      },
    }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{
        Config: {
          RemoteMcp: {
            Headers: {
              'Authorization': '{{resolve:secretsmanager:mcp/token:SecretString:bearer::}}',
              'X-Tenant': 'tenant-1',
            },
          },
        },
      }],
    });
  });

  test('NoEcho parameters are accepted', () => {
    const fake = createFakeHarness();
    const param = new CfnParameter(fake.stack, 'Token', { noEcho: true });
    bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      headers: { B: RemoteMcpHeader.fromSecretValue(SecretValue.cfnParameter(param)) },
    }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{ Config: { RemoteMcp: { Headers: { B: { Ref: 'Token' } } } } }],
    });
  });

  test('fails for an SSM SecureString, which CloudFormation cannot resolve here', () => {
    const fake = createFakeHarness();
    expect(() => bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      headers: { A: RemoteMcpHeader.fromSecretValue(SecretValue.ssmSecure('/mcp/token')) },
    }))).toThrow(/headers.A: SSM SecureString references .* not supported by CloudFormation for this resource/);
  });

  test('fails for a SecretValue that is plain text', () => {
    const fake = createFakeHarness();
    expect(() => bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      headers: { Authorization: RemoteMcpHeader.fromSecretValue(SecretValue.unsafePlainText('Bearer abc')) },
    }))).toThrow(/headers.Authorization: the SecretValue is plain text .*RemoteMcpHeader.fromUnsafePlainText/);
  });

  test('the plain-text error does not recommend SSM SecureString, which is refused', () => {
    const fake = createFakeHarness();
    let message = '';
    try {
      bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
        headers: { Authorization: RemoteMcpHeader.fromSecretValue(SecretValue.unsafePlainText('Bearer abc')) },
      }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/SecretValue.secretsManager/);
    expect(message).not.toMatch(/ssmSecure|SSM/);
  });

  test('works in apps with @aws-cdk/core:checkSecretUsage (cdk init sets it), and still refuses plain text', () => {
    const context = { '@aws-cdk/core:checkSecretUsage': true };
    const fake = createFakeHarness(createTestStack(createTestApp({ context })));
    bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      headers: { Authorization: RemoteMcpHeader.fromSecretValue(SecretValue.secretsManager('mcp/token')) },
    }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{ Config: { RemoteMcp: { Headers: { Authorization: '{{resolve:secretsmanager:mcp/token:SecretString:::}}' } } } }],
    });
    const plain = createFakeHarness(createTestStack(createTestApp({ context })));
    expect(() => bindTools(plain, HarnessTool.fromRemoteMcpUrl('https://mcp.example.com/mcp', {
      headers: { Authorization: RemoteMcpHeader.fromSecretValue(SecretValue.unsafePlainText('Bearer abc')) },
    }))).toThrow(/headers.Authorization: the SecretValue is plain text/);
  });

  test.each([
    ['http', 'http://mcp.example.com', /url: "http:\/\/mcp.example.com" does not match an https:\/\/ URL/],
    ['empty', '', /url: "" is 0 characters long/],
    ['too long', `https://${'a'.repeat(16380)}`, /url: .* at most 16383/],
  ])('fails for a %s URL', (_what, url, error) => {
    expect(() => HarnessTool.fromRemoteMcpUrl(url)).toThrow(error);
  });

  test('fails for an empty plain-text header value', () => {
    const fake = createFakeHarness();
    expect(() => bindTools(fake, HarnessTool.fromRemoteMcpUrl('https://x.example.com', { headers: { A: RemoteMcpHeader.fromUnsafePlainText('') } })))
      .toThrow(/headers.A: "" is 0 characters long/);
  });

  test('fails for an empty header name', () => {
    expect(() => HarnessTool.fromRemoteMcpUrl('https://x.example.com', { headers: { '': RemoteMcpHeader.fromUnsafePlainText('v') } }))
      .toThrow(/headers: "" is 0 characters long/);
  });

  test('accepts a token URL', () => {
    expect(() => HarnessTool.fromRemoteMcpUrl(Lazy.string({ produce: () => 'http://x' }))).not.toThrow();
  });
});

describe('HarnessTool.browser', () => {
  test('the managed browser renders no ARN and grants the session actions on aws.browser.v1 only', () => {
    const fake = createFakeHarness();
    const [rendered] = bindTools(fake, HarnessTool.browser());
    expect(rendered).toEqual({ type: 'agentcore_browser', name: undefined, config: { agentCoreBrowser: {} } });
    expect(roleStatements(fake)).toEqual([{
      Action: [
        'bedrock-agentcore:StartBrowserSession',
        'bedrock-agentcore:StopBrowserSession',
        'bedrock-agentcore:GetBrowserSession',
        'bedrock-agentcore:ListBrowserSessions',
        'bedrock-agentcore:UpdateBrowserStream',
        'bedrock-agentcore:ConnectBrowserAutomationStream',
        'bedrock-agentcore:ConnectBrowserLiveViewStream',
      ],
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock-agentcore:us-east-1:aws:browser/aws.browser.v1']] },
    }]);
  });

  test('a custom browser renders its ARN and grants use plus the read actions on it only', () => {
    const fake = createFakeHarness();
    const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:browser-custom/my_browser-abcdef1234';
    const browser = agentcore.BrowserCustom.fromBrowserCustomAttributes(fake.stack, 'B', { browserArn: arn, roleArn: 'arn:aws:iam::123456789012:role/b' });
    const [rendered] = bindTools(fake, HarnessTool.browser({ browser, name: 'web' }));
    expect(rendered.config).toEqual({ agentCoreBrowser: { browserArn: arn } });
    expect(roleStatements(fake)).toEqual([
      {
        Action: [
          'bedrock-agentcore:StartBrowserSession',
          'bedrock-agentcore:UpdateBrowserStream',
          'bedrock-agentcore:ConnectBrowserAutomationStream',
          'bedrock-agentcore:StopBrowserSession',
        ],
        Effect: 'Allow',
        Resource: arn,
      },
      {
        Action: [
          'bedrock-agentcore:GetBrowserSession',
          'bedrock-agentcore:ListBrowserSessions',
          'bedrock-agentcore:ConnectBrowserLiveViewStream',
        ],
        Effect: 'Allow',
        Resource: arn,
      },
    ]);
  });

  test('fails for a browser whose ARN is not a browser ARN', () => {
    const fake = createFakeHarness();
    const browser = agentcore.BrowserCustom.fromBrowserCustomAttributes(fake.stack, 'B', {
      browserArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/x', roleArn: 'arn:aws:iam::123456789012:role/b',
    });
    expect(() => HarnessTool.browser({ browser })).toThrow(/browser: .* does not match a browser ARN/);
  });
});

describe('HarnessTool.codeInterpreter', () => {
  test('the managed code interpreter grants the session actions on aws.codeinterpreter.v1 only', () => {
    const fake = createFakeHarness();
    const [rendered] = bindTools(fake, HarnessTool.codeInterpreter({ name: 'python' }));
    expect(rendered).toEqual({ type: 'agentcore_code_interpreter', name: 'python', config: { agentCoreCodeInterpreter: {} } });
    expect(roleStatements(fake)).toEqual([{
      Action: [
        'bedrock-agentcore:StartCodeInterpreterSession',
        'bedrock-agentcore:StopCodeInterpreterSession',
        'bedrock-agentcore:GetCodeInterpreterSession',
        'bedrock-agentcore:ListCodeInterpreterSessions',
        'bedrock-agentcore:InvokeCodeInterpreter',
      ],
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock-agentcore:us-east-1:aws:code-interpreter/aws.codeinterpreter.v1']] },
    }]);
  });

  test('a custom code interpreter grants use plus the read actions on it only', () => {
    const fake = createFakeHarness();
    const arn = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:code-interpreter-custom/my_ci-abcdef1234';
    const ci = agentcore.CodeInterpreterCustom.fromCodeInterpreterCustomAttributes(fake.stack, 'C', { codeInterpreterArn: arn, roleArn: 'arn:aws:iam::123456789012:role/c' });
    const [rendered] = bindTools(fake, HarnessTool.codeInterpreter({ codeInterpreter: ci }));
    expect(rendered.config).toEqual({ agentCoreCodeInterpreter: { codeInterpreterArn: arn } });
    expect(roleStatements(fake)).toEqual([{
      Action: [
        'bedrock-agentcore:StartCodeInterpreterSession',
        'bedrock-agentcore:InvokeCodeInterpreter',
        'bedrock-agentcore:StopCodeInterpreterSession',
      ],
      Effect: 'Allow',
      Resource: arn,
    }, {
      Action: [
        'bedrock-agentcore:GetCodeInterpreterSession',
        'bedrock-agentcore:ListCodeInterpreterSessions',
      ],
      Effect: 'Allow',
      Resource: arn,
    }]);
  });

  test('fails for an ARN that is not a code interpreter ARN', () => {
    const fake = createFakeHarness();
    const ci = agentcore.CodeInterpreterCustom.fromCodeInterpreterCustomAttributes(fake.stack, 'C', {
      codeInterpreterArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:browser/x', roleArn: 'arn:aws:iam::123456789012:role/c',
    });
    expect(() => HarnessTool.codeInterpreter({ codeInterpreter: ci })).toThrow(/codeInterpreter: .* does not match a code interpreter ARN/);
  });
});

describe('HarnessTool.inlineFunction', () => {
  const schema = {
    type: 'object',
    properties: { city: { type: 'string', description: 'The city' }, days: { type: 'integer' } },
    required: ['city'],
  };

  test('renders the schema as a JSON object and grants nothing', () => {
    const fake = createFakeHarness();
    bindTools(fake, HarnessTool.inlineFunction({ name: 'get_weather', description: 'Weather forecast', inputSchema: schema }));
    fake.template().hasResourceProperties('AWS::BedrockAgentCore::Harness', {
      Tools: [{ Type: 'inline_function', Name: 'get_weather', Config: { InlineFunction: { Description: 'Weather forecast', InputSchema: schema } } }],
    });
    expect(roleStatements(fake)).toEqual([]);
  });

  test.each([
    ['not an object', ['a'], /inputSchema: a list is not a JSON Schema object/],
    ['not of type object', { type: 'string' }, /inputSchema.type: "string" is not allowed at the top level/],
    ['missing type', { properties: {} }, /inputSchema.type: undefined is not allowed at the top level/],
    ['properties not an object', { type: 'object', properties: [] }, /inputSchema.properties: a list must be an object/],
    ['a property that is not a schema', { type: 'object', properties: { a: 'string' } }, /inputSchema.properties.a: "string" is not a schema/],
    ['an unknown type', { type: 'object', properties: { a: { type: 'text' } } }, /inputSchema.properties.a.type: "text" is not a JSON Schema type/],
    ['required not a list', { type: 'object', properties: { a: {} }, required: 'a' }, /inputSchema.required: "a" must be a list of property names/],
    ['required naming an undeclared property', { type: 'object', properties: { a: {} }, required: ['b'] }, /inputSchema.required: "b" is not declared in properties; declared: a/],
    ['a duplicate required entry', { type: 'object', properties: { a: {} }, required: ['a', 'a'] }, /inputSchema.required: "a" is listed twice/],
    ['a nested object with bad required', { type: 'object', properties: { o: { type: 'object', properties: {}, required: ['x'] } } }, /properties.o.required: "x" is not declared/],
    ['bad array items', { type: 'object', properties: { l: { type: 'array', items: 3 } } }, /properties.l.items: 3 is not a schema/],
    ['a function value', { type: 'object', properties: { a: { default: () => 1 } } }, /properties.a.default: a function cannot be written as JSON/],
    ['an empty enum', { type: 'object', properties: { a: { type: 'string', enum: [] } } }, /properties.a.enum: \[\] must be a non-empty list/],
    ['an enum that is not a list', { type: 'object', properties: { a: { enum: 'x' } } }, /properties.a.enum: "x" must be a non-empty list/],
    ['bad additionalProperties', { type: 'object', additionalProperties: 'no' }, /inputSchema.additionalProperties: "no" must be true, false or a schema/],
    ['a bad schema in additionalProperties', { type: 'object', additionalProperties: { type: 'word' } }, /additionalProperties.type: "word" is not a JSON Schema type/],
    ['a non-finite number', { type: 'object', properties: { a: { maximum: Infinity } } }, /Infinity cannot be written as JSON/],
  ])('fails for a schema with %s', (_what, inputSchema, error) => {
    expect(() => HarnessTool.inlineFunction({ name: 'f', description: 'd', inputSchema: inputSchema as any })).toThrow(error);
  });

  test('fails for a cyclic schema', () => {
    const s: any = { type: 'object', properties: {} };
    s.properties.self = s;
    expect(() => HarnessTool.inlineFunction({ name: 'f', description: 'd', inputSchema: s })).toThrow(/contains a cycle/);
  });

  test.each([
    ['empty', '', /description: "" is 0 characters long/],
    ['too long', 'x'.repeat(4097), /description: .* at most 4096/],
  ])('fails for an %s description', (_what, description, error) => {
    expect(() => HarnessTool.inlineFunction({ name: 'f', description, inputSchema: { type: 'object' } })).toThrow(error);
  });

  test('fails without a name', () => {
    expect(() => HarnessTool.inlineFunction({ description: 'd', inputSchema: { type: 'object' } } as any)).toThrow(/an inline function needs a name/);
  });
});

describe('tool names', () => {
  test.each([
    ['empty', '', /name: "" is 0 characters long/],
    ['too long', 'a'.repeat(65), /name: .* at most 64/],
    ['with a space', 'my tool', /name: "my tool" does not match letters, digits, _ and -/],
    ['with a dot', 'my.tool', /name: "my.tool" does not match/],
  ])('fails for a name that is %s', (_what, name, error) => {
    expect(() => HarnessTool.browser({ name })).toThrow(error);
    expect(() => HarnessTool.fromRemoteMcpUrl('https://x.example.com', { name })).toThrow(error);
  });

  test('accepts a token name', () => {
    expect(() => HarnessTool.browser({ name: Lazy.string({ produce: () => 'bad name' }) })).not.toThrow();
  });
});
