// Every example app gets its own snapshot test; a new example without one fails here.
import * as fs from 'fs';
import * as path from 'path';
import { listExamples } from '../../scripts/example-apps';

test.each(listExamples())('examples/%s has test/examples/<name>.test.ts', (name) => {
  expect(fs.existsSync(path.join(__dirname, `${name}.test.ts`))).toBe(true);
});
