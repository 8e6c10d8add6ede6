import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnHarness } from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { harnessProperties, newHarness, roleStatements } from './helpers';
import {
  HarnessAuthorizer, HarnessContainerImage, HarnessFilesystem, HarnessHook, HarnessMemory, HarnessNetworkConfiguration,
  HarnessSkill, HarnessTool,
} from '../../src';
import * as renderEnvironmentModule from '../../src/environment/private/render-environment';
import { HarnessBindContext } from '../../src/harness/private/bind-context';
import * as validateHooksModule from '../../src/hooks/private/validate-hooks';
import * as validateToolsModule from '../../src/tools/private/validate-tools';
import { createTestStack } from '../support/app';

// The option classes have their own tests; these fakes exercise only the harness's side of
// the _bind contract: lazy rendering, binding once, and where grants land.

const bindCounts = new Map<string, number>();
function counted(name: string) {
  bindCounts.set(name, (bindCounts.get(name) ?? 0) + 1);
}

// Duck-typed fakes: the harness only ever calls `_bind` (and reads `_managed` on
// memory), so these stay valid however the option classes evolve internally.
function fakeTool(name: string): HarnessTool {
  return {
    _bind: (ctx: HarnessBindContext): CfnHarness.HarnessToolProperty => {
      counted(name);
      ctx.addToRolePolicy(new iam.PolicyStatement({ actions: [`fake:${name}`], resources: [`arn:aws:fake:::${name}`] }));
      return { type: 'remote_mcp', name, config: { remoteMcp: { url: `https://${name}.example.com/mcp` } } };
    },
  } as unknown as HarnessTool;
}

function fakeSkill(p: string): HarnessSkill {
  return {
    _bind: (): CfnHarness.HarnessSkillProperty => {
      counted(p);
      return { path: p };
    },
  } as unknown as HarnessSkill;
}

function fakeHook(name: string): HarnessHook {
  return {
    _bind: (ctx: HarnessBindContext): CfnHarness.HarnessHookProperty => {
      counted(name);
      ctx.addPostCreateStatement(new iam.PolicyStatement({ actions: ['fake:Hook'], resources: [ctx.resource.attrArn] }));
      return { beforeInvocation: { name, target: { sns: { arn: 'arn:aws:sns:us-east-1:123456789012:topic' } } } };
    },
  } as unknown as HarnessHook;
}

const fakeImage = (): HarnessContainerImage => ({
  _bind: (): CfnHarness.HarnessEnvironmentArtifactProperty =>
    ({ containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1' } }),
}) as unknown as HarnessContainerImage;

const fakeAuthorizer = (): HarnessAuthorizer => ({
  _bind: (): CfnHarness.AuthorizerConfigurationProperty =>
    ({ customJwtAuthorizer: { discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', allowedAudience: ['agents'] } }),
}) as unknown as HarnessAuthorizer;

// Passed through to renderEnvironment (mocked below), never bound by the harness itself.
const fakeNetwork = (): HarnessNetworkConfiguration => ({ kind: 'network' }) as unknown as HarnessNetworkConfiguration;
const fakeFilesystem = (): HarnessFilesystem => ({ kind: 'filesystem' }) as unknown as HarnessFilesystem;

beforeEach(() => bindCounts.clear());
afterEach(() => jest.restoreAllMocks());

describe('lists added after construction', () => {
  test('tools, skills and hooks from props and addXxx() are all rendered, in order, and bound once', () => {
    const { stack, harness } = newHarness({
      tools: [fakeTool('one')],
      skills: [fakeSkill('/skills/a')],
      hooks: [fakeHook('audit')],
    });
    harness.addTool(fakeTool('two')).addSkill(fakeSkill('/skills/b')).addHook(fakeHook('guard'));
    const props = harnessProperties(stack);
    expect(props.Tools.map((t: any) => t.Name)).toEqual(['one', 'two']);
    expect(props.Skills).toEqual([{ Path: '/skills/a' }, { Path: '/skills/b' }]);
    expect(props.Hooks.map((h: any) => h.BeforeInvocation.Name)).toEqual(['audit', 'guard']);
    Template.fromStack(stack); // a second synth must not bind again
    expect(Object.fromEntries(bindCounts)).toEqual({ 'one': 1, 'two': 1, '/skills/a': 1, '/skills/b': 1, 'audit': 1, 'guard': 1 });
  });

  test('grants of late-added tools land in the role policy the harness depends on', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    harness.addTool(fakeTool('late'));
    expect(roleStatements(stack)).toContainEqual({ Effect: 'Allow', Action: 'fake:late', Resource: 'arn:aws:fake:::late' });
  });

  test('post-create statements of late-added hooks go to the post-create policy', () => {
    const { stack, harness } = newHarness({ memory: HarnessMemory.disabled() });
    harness.addHook(fakeHook('late'));
    const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
    const id = Object.keys(policies).find(k => k.startsWith('HarnessPostCreatePolicy'))!;
    expect(policies[id].Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'fake:Hook',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Harness/), 'Arn'] },
      Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [expect.stringMatching(/^HarnessExecutionRole/), 'Arn'] } } },
    }]);
    // Created after the harness because it references it; no DependsOn repeats that.
    expect(policies[id].DependsOn).toBeUndefined();
  });

  test('empty lists are omitted', () => {
    const { stack } = newHarness({ tools: [], skills: [], hooks: [] });
    const props = harnessProperties(stack);
    expect(props.Tools).toBeUndefined();
    expect(props.Skills).toBeUndefined();
    expect(props.Hooks).toBeUndefined();
  });

  test('the tool set and hook set are validated at synth with everything added', () => {
    const toolSpy = jest.spyOn(validateToolsModule, 'validateToolSet');
    const hookSpy = jest.spyOn(validateHooksModule, 'validateHookSet');
    const { stack, harness } = newHarness({ allowedTools: ['one', '@server/x'] });
    harness.addTool(fakeTool('one'));
    harness.addHook(fakeHook('h'));
    expect(toolSpy).not.toHaveBeenCalled();
    Template.fromStack(stack);
    expect(toolSpy).toHaveBeenCalledWith(harness, [expect.objectContaining({ name: 'one' })], ['one', '@server/x']);
    expect(hookSpy).toHaveBeenCalledWith([expect.objectContaining({ beforeInvocation: expect.objectContaining({ name: 'h' }) })]);
  });

  test('a tool-set error fails synth', () => {
    jest.spyOn(validateToolsModule, 'validateToolSet').mockImplementation(() => { throw new Error('tools[1].name: "x" is used twice'); });
    const { stack } = newHarness({ tools: [fakeTool('x'), fakeTool('x')] });
    expect(() => Template.fromStack(stack)).toThrow(/tools\[1\]\.name: "x" is used twice/);
  });
});

describe('single options', () => {
  test('container image and authorizer are rendered', () => {
    const { stack } = newHarness({ containerImage: fakeImage(), authorizer: fakeAuthorizer() });
    const props = harnessProperties(stack);
    expect(props.EnvironmentArtifact).toEqual({ ContainerConfiguration: { ContainerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1' } });
    expect(props.AuthorizerConfiguration).toEqual({
      CustomJWTAuthorizer: { DiscoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', AllowedAudience: ['agents'] },
    });
  });
});

describe('environment', () => {
  test('passes the environment options to renderEnvironment and renders its result; connections come from it', () => {
    const stack = createTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
    const connections = new ec2.Connections({ securityGroups: [sg] });
    const network = fakeNetwork();
    const filesystems = [fakeFilesystem()];
    const spy = jest.spyOn(renderEnvironmentModule, 'renderEnvironment').mockImplementation(() => ({
      environment: {
        agentCoreRuntimeEnvironment: {
          networkConfiguration: { networkMode: 'VPC', networkModeConfig: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } },
        },
      },
      connections,
    }));
    const { harness } = newHarness({
      network, filesystems, idleSessionTimeout: Duration.minutes(10), maxSessionLifetime: Duration.hours(2),
    }, stack);
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ scope: harness }), {
      network, filesystems, idleSessionTimeout: Duration.minutes(10), maxSessionLifetime: Duration.hours(2),
    });
    expect(harness.connections).toBe(connections);
    expect(harnessProperties(stack).Environment).toEqual({
      AgentCoreRuntimeEnvironment: {
        NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: ['subnet-0123456789abcdef0'], SecurityGroups: ['sg-0123456789abcdef0'] } },
      },
    });
  });

  test('without VPC mode there are no connections, and accessing them says why', () => {
    jest.spyOn(renderEnvironmentModule, 'renderEnvironment').mockImplementation(() => ({}));
    const { stack, harness } = newHarness();
    expect(() => harness.connections).toThrow(/connections exist only for a harness in VPC mode/);
    expect(harnessProperties(stack).Environment).toBeUndefined();
  });

  test('the network configuration is part of the generated name (create-only input)', () => {
    const nameWith = (subnet: string) => {
      jest.spyOn(renderEnvironmentModule, 'renderEnvironment').mockImplementation(() => ({
        environment: { agentCoreRuntimeEnvironment: { networkConfiguration: { networkMode: 'VPC', networkModeConfig: { subnets: [subnet], securityGroups: ['sg-0123456789abcdef0'] } } } },
      }));
      const { stack } = newHarness();
      const name = harnessProperties(stack).HarnessName;
      jest.restoreAllMocks();
      return name;
    };
    expect(nameWith('subnet-0123456789abcdef0')).not.toEqual(nameWith('subnet-0123456789abcdef1'));
  });

  test.each(['agentRuntimeArn', 'agentRuntimeName', 'agentRuntimeId'])('rejects the read-only field %s', (field) => {
    jest.spyOn(renderEnvironmentModule, 'renderEnvironment').mockImplementation(() => ({
      environment: { agentCoreRuntimeEnvironment: { [field]: 'x' } },
    }));
    expect(() => newHarness()).toThrow(new RegExp(`environment\\.agentCoreRuntimeEnvironment\\.${field}: is read-only`));
  });

  test('rejects the read-only managed-memory ARN', () => {
    const badMemory = {
      _managed: true,
      _bind: (): CfnHarness.HarnessMemoryConfigurationProperty =>
        ({ managedMemoryConfiguration: { arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/m-0123456789' } }),
    } as unknown as HarnessMemory;
    expect(() => newHarness({ memory: badMemory })).toThrow(/memory\.managedMemoryConfiguration\.arn: is read-only/);
  });
});

describe('warnings', () => {
  test('a harness with defaults has no warnings', () => {
    const { stack } = newHarness();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});
