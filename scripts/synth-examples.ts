// Synthesizes every example app under examples/ and prints each stack with its resource count.
//
// Convention for example apps: examples/<name>/app.ts exports `build(app: App)`. This script owns the
// App so that every example is synthesized the same way: CloudFormation validation as errors, output
// under examples/cdk.out/<name>/ (git-ignored), no stack traces in metadata (they only slow synth).
//
// Usage: npx projen synth:examples            (all examples)
//        npx ts-node ... scripts/synth-examples.ts quick-start coding-agent   (a subset)
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { EXAMPLES_DIR, listExamples, loadExample } from './example-apps';

const OUT_DIR = path.join(EXAMPLES_DIR, 'cdk.out');

interface StackSummary {
  readonly example: string;
  readonly stackName: string;
  readonly resources: number;
  readonly warnings: number;
}

function discoverExamples(only: string[]): string[] {
  const names = listExamples();
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown example(s): ${unknown.join(', ')} (known: ${names.join(', ')})`);
  }
  return only.length > 0 ? names.filter((name) => only.includes(name)) : names;
}

function synthExample(example: string): StackSummary[] {
  const mod = loadExample(example);
  const outdir = path.join(OUT_DIR, example);
  // A stale stack from a renamed example would otherwise linger in the cloud assembly.
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({
    outdir,
    stackTraces: false,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      // aws-cdk-lib records a creation stack trace for every resource unless told not to.
      'aws:cdk:disable-creation-stack-traces': true,
    },
  });
  mod.build(app);
  const assembly = app.synth();
  if (assembly.stacksRecursively.length === 0) {
    throw new Error(`examples/${example}/app.ts defines no stack`);
  }
  return assembly.stacksRecursively.map((stack) => summarize(example, stack));
}

function summarize(example: string, stack: cxapi.CloudFormationStackArtifact): StackSummary {
  const errors = stack.messages.filter((m) => m.level === 'error');
  if (errors.length > 0) {
    const lines = errors.map((m) => `  ${m.id}: ${String(m.entry.data)}`).join('\n');
    throw new Error(`${stack.displayName} has ${errors.length} error annotation(s):\n${lines}`);
  }
  return {
    example,
    stackName: stack.displayName,
    resources: Object.keys(stack.template.Resources ?? {}).length,
    warnings: stack.messages.filter((m) => m.level === 'warning').length,
  };
}

function main(): number {
  const started = Date.now();
  const examples = discoverExamples(process.argv.slice(2));
  const rows: StackSummary[] = [];
  const failures: string[] = [];
  for (const example of examples) {
    try {
      rows.push(...synthExample(example));
    } catch (error) {
      failures.push(example);
      console.error(`FAILED ${example}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  const width = (pick: (row: StackSummary) => string) => Math.max(0, ...rows.map((row) => pick(row).length));
  const exampleWidth = width((row) => row.example);
  const stackWidth = width((row) => row.stackName);
  for (const row of rows) {
    const warnings = row.warnings > 0 ? `  (${row.warnings} warning${row.warnings === 1 ? '' : 's'})` : '';
    console.log(`${row.example.padEnd(exampleWidth)}  ${row.stackName.padEnd(stackWidth)}  ${row.resources} resources${warnings}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${examples.length - failures.length}/${examples.length} examples synthesized into ${path.relative(process.cwd(), OUT_DIR)}/ in ${seconds} s`);
  if (failures.length > 0) {
    console.error(`failed: ${failures.join(', ')}`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
