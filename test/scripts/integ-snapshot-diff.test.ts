import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareAssemblies, jsonDifferences, maskAssetHashes } from '../../scripts/integ-snapshot-diff';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function assembly(templates: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-diff-'));
  const artifacts: Record<string, unknown> = { Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } };
  for (const [id, template] of Object.entries(templates)) {
    fs.writeFileSync(path.join(dir, `${id}.template.json`), JSON.stringify(template));
    artifacts[id] = { type: 'aws:cloudformation:stack', properties: { templateFile: `${id}.template.json` } };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  return dir;
}

function bucket(key: string, extra: Record<string, unknown> = {}) {
  return { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: key }, ...extra } } } };
}

describe('compareAssemblies', () => {
  test('reports nothing when only asset hashes differ (integ-runner ignores them by default)', () => {
    expect(compareAssemblies(assembly({ S: bucket(`${HASH_A}.zip`) }), assembly({ S: bucket(`${HASH_B}.zip`) }))).toEqual([]);
  });

  test('reports a changed property with its path and both values', () => {
    const problems = compareAssemblies(assembly({ S: bucket('x', { Timeout: 60 }) }), assembly({ S: bucket('x', { Timeout: 120 }) }));
    expect(problems).toEqual(['S.Resources.Fn.Properties.Timeout: expected 60, got 120']);
  });

  test('reports a stack missing on either side', () => {
    const problems = compareAssemblies(assembly({ S: bucket('x'), Old: bucket('x') }), assembly({ S: bucket('x'), New: bucket('x') }));
    expect(problems).toEqual(['Old exists in the snapshot but not in the app', 'New exists in the app but not in the snapshot']);
  });

  test('reports a missing snapshot', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-diff-'));
    expect(compareAssemblies(empty, assembly({ S: bucket('x') }))).toEqual([expect.stringMatching(/^no snapshot at /)]);
  });
});

describe('helpers', () => {
  test('maskAssetHashes masks hashes in keys and values, and nothing else', () => {
    expect(maskAssetHashes({ [`k${HASH_A}`]: [`${HASH_B}.zip`, 'short', 42] })).toEqual({ 'k<asset-hash>': ['<asset-hash>.zip', 'short', 42] });
  });

  test('jsonDifferences sees added, removed and type-changed values', () => {
    expect(jsonDifferences({ a: 1, b: [1] }, { b: { 0: 1 }, c: 2 })).toEqual([
      '$.a: expected 1, got undefined',
      '$.b: expected [1], got {"0":1}',
      '$.c: expected undefined, got 2',
    ]);
  });
});
