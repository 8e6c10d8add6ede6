// Discovery and loading of the example apps, shared by scripts/synth-examples.ts and the tests
// (test/examples, test/nag), so that a new examples/<name>/app.ts is picked up everywhere at once.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');

/** What every examples/<name>/app.ts exports. */
export interface ExampleModule {
  build(app: App): void;
}

/** Names of the folders under examples/ that hold an app.ts, sorted. */
export function listExamples(): string[] {
  return fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES_DIR, entry.name, 'app.ts')))
    .map((entry) => entry.name)
    .sort();
}

export function loadExample(name: string): ExampleModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(EXAMPLES_DIR, name, 'app'));
  if (typeof mod.build !== 'function') {
    throw new Error(`examples/${name}/app.ts must export build(app: App)`);
  }
  return mod as ExampleModule;
}
