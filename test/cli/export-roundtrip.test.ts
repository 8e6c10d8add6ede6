import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import { listExamples } from '../../scripts/example-apps';
import { Emulator, startEmulator } from '../emulator';
import { buildTourStacks } from './export-tour';
import { synthExportedApp } from './exported-app';
import { runCli } from './run-cli';
import { buildExample } from '../examples/example-stacks';
import { createTestApp } from '../support/app';
import { harnessPropsToApi, ResolveContext, resolveIntrinsics } from '../support/cfn-to-api';

// For every example: synthesize it, load each harness into the emulator as GetHarness would return it once
// deployed, export it with the bundled CLI, synthesize the exported app here and compare the two harnesses.
//
// The only differences allowed, and why:
// - HarnessName: the example lets CDK generate a name; the export writes the live harness's name.
// - ExecutionRoleArn: the example references the role it creates; the export references the live role by ARN.
const DOCUMENTED_DIFFERENCES = ['HarnessName', 'ExecutionRoleArn'];

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

let emulator: Emulator;
let workDir: string;
beforeAll(async () => {
  emulator = await startEmulator({ account: ACCOUNT, region: REGION });
  workDir = mkdtempSync(path.join(tmpdir(), 'export-roundtrip-'));
});
afterAll(async () => {
  await emulator.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Literal values for the attributes of resources the example creates next to the harness. */
function resolveContext(): ResolveContext {
  return {
    account: ACCOUNT,
    region: REGION,
    getAtt: (logicalId, attribute) => {
      const slug = logicalId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 30);
      if (attribute === 'GatewayArn') return `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:gateway/${slug}-abcdefghij`;
      if (attribute === 'Arn' && /role/i.test(logicalId)) return `arn:aws:iam::${ACCOUNT}:role/${logicalId}`;
      return `arn:aws:example:${REGION}:${ACCOUNT}:${slug}/${attribute}`;
    },
  };
}

interface Case {
  readonly label: string;
  readonly harnessName: string;
  readonly props: Record<string, any>;
  readonly endpointNames: string[];
}

function casesOf(source: string, stacks: Stack[]): Case[] {
  const all: Case[] = [];
  stacks.forEach((stack: Stack, s) => {
    const template = Template.fromStack(stack).toJSON();
    const resources = Object.entries<any>(template.Resources ?? {});
    resources.filter(([, r]) => r.Type === 'AWS::BedrockAgentCore::Harness').forEach(([logicalId, r], i) => {
      const endpointNames = resources
        .filter(([, e]) => e.Type === 'AWS::BedrockAgentCore::HarnessEndpoint' && JSON.stringify(e.Properties.HarnessId).includes(logicalId))
        .map(([, e]) => e.Properties.EndpointName as string);
      all.push({
        label: `${source} ${stack.node.path} ${logicalId}`,
        harnessName: `${source.replace(/[^a-zA-Z0-9]/g, '_').slice(0, 30)}_${s}${i}`,
        props: resolveIntrinsics(r.Properties, resolveContext()),
        endpointNames,
      });
    });
  });
  return all;
}

function cases(): Case[] {
  return [
    ...listExamples().flatMap((example) => casesOf(example, buildExample(example).stacks)),
    // Options no example uses.
    ...casesOf('tour', buildTourStacks(createTestApp())),
  ];
}

const CASES = cases();

test('every example has a harness to round-trip', () => {
  for (const example of listExamples()) {
    expect(CASES.some((c) => c.label.startsWith(`${example} `))).toBe(true);
  }
});

describe.each(CASES.map((c) => [c.label, c] as const))('export round-trip: %s', (_label, c) => {
  test('the exported app defines the same harness, apart from the documented differences', async () => {
    const live = harnessPropsToApi(c.props);
    const h = emulator.seedHarness({
      name: c.harnessName,
      versions: 2,
      endpoints: c.endpointNames.map((name, i) => ({ name, liveVersion: String(1 + (i % 2)) })),
    });
    h.config = live.config;
    h.tags = live.tags;
    const out = path.join(workDir, c.harnessName);

    const run = await runCli(emulator, ['export', '--harness', h.arn, '--output', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const exported = Template.fromStack(synthExportedApp(out)).toJSON();
    const harnesses = Object.values<any>(exported.Resources).filter((r) => r.Type === 'AWS::BedrockAgentCore::Harness');
    expect(harnesses).toHaveLength(1);
    const props = resolveIntrinsics(harnesses[0].Properties, resolveContext());
    expect(props.HarnessName).toBe(c.harnessName);
    expect(props.ExecutionRoleArn).toBe(c.props.ExecutionRoleArn);
    // Import needs a deletion policy, and the live harness must survive a mistaken destroy.
    expect(harnesses[0].DeletionPolicy).toBe('Retain');
    const strip = (p: Record<string, any>) => Object.fromEntries(Object.entries(p).filter(([k]) => !DOCUMENTED_DIFFERENCES.includes(k)));
    expect(strip(props)).toEqual(strip(c.props));

    // `cdk import` brings in only resources that exist; the app must not add others (roles, policies, ...).
    const types = new Set(Object.values<any>(exported.Resources).map((r) => r.Type));
    expect([...types].sort()).toEqual(['AWS::BedrockAgentCore::Harness', ...(c.endpointNames.length > 0 ? ['AWS::BedrockAgentCore::HarnessEndpoint'] : [])]);

    const endpoints = Object.values<any>(exported.Resources)
      .filter((r) => r.Type === 'AWS::BedrockAgentCore::HarnessEndpoint')
      .map((r) => [r.Properties.EndpointName, r.Properties.TargetVersion]);
    expect(endpoints.sort()).toEqual(c.endpointNames.map((name, i) => [name, String(1 + (i % 2))]).sort());
  });
});

// A user runs the app with ts-node, which type-checks: an app that only transpiles is not runnable.
test('every exported app type-checks against the library', () => {
  const root = path.join(__dirname, '..', '..');
  const files = readdirSync(workDir).map((dir) => path.join(workDir, dir, 'app.ts'));
  expect(files.length).toBe(CASES.length);
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    types: [],
    baseUrl: root,
    // The exported apps live outside the repository: resolve their dependencies to this checkout.
    paths: {
      'cdk-agentcore-harness': ['src/index.ts'],
      'aws-cdk-lib': ['node_modules/aws-cdk-lib'],
      'aws-cdk-lib/*': ['node_modules/aws-cdk-lib/*'],
      'constructs': ['node_modules/constructs'],
    },
  });
  const problems = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(problems).toEqual([]);
}, 120_000);
