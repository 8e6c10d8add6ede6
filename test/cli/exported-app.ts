import { readFileSync } from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ts from 'typescript';
import { createTestApp } from '../support/app';

const SRC = path.join(__dirname, '..', '..', 'src');

/**
 * Compiles an exported app.ts in this process, with 'cdk-agentcore-harness' mapped to this repository's src/,
 * and instantiates its stack in a test app (so aws-cdk-lib's CloudFormation validation applies).
 */
export function synthExportedApp(dir: string): Stack {
  const source = readFileSync(path.join(dir, 'app.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  const exports: Record<string, any> = {};
  const module = { exports };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const localRequire = (id: string) => (id === 'cdk-agentcore-harness' ? require(SRC) : require(id));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'exports', 'module', '__filename', '__dirname', js.replace(/^#!.*\n/, ''))(
    localRequire, exports, module, path.join(dir, 'app.ts'), dir);
  const stackClass = Object.values(module.exports).find((v) => typeof v === 'function' && v.prototype instanceof Stack);
  if (!stackClass) throw new Error(`${dir}/app.ts exports no Stack class`);
  const app: App = createTestApp();
  // The app's own top-level `new App()` never synthesizes outside the CDK CLI; this one is the one we inspect.
  const topLevel = source.match(/env: \{ account: '([^']*)', region: '([^']*)' \}/);
  return new (stackClass as any)(app, 'Exported', { env: { account: topLevel?.[1], region: topLevel?.[2] } });
}
