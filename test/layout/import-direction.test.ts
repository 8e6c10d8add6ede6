import * as path from 'path';
import { ImportEdge, layerOf, layeringViolations, readImports } from './import-graph';

const ROOT = path.join(__dirname, '..', '..');

describe('the layers of src/', () => {
  test('every import goes in an allowed direction', () => {
    expect(layeringViolations(readImports(ROOT))).toEqual([]);
  });

  test('the import reader sees the layers it checks', () => {
    const edges = readImports(ROOT);
    const layers = new Set(edges.map((e) => layerOf(e.from)));
    expect([...layers].sort()).toEqual(['cli', 'constructs', 'handlers', 'index', 'service']);
    // Both bundled layers use the service layer, which is what it is for.
    expect(edges.some((e) => layerOf(e.from) === 'cli' && e.file && layerOf(e.file) === 'service')).toBe(true);
    expect(edges.some((e) => layerOf(e.from) === 'handlers' && e.file && layerOf(e.file) === 'service')).toBe(true);
  });

  test('HarnessProvider is not public', () => {
    const exported = readImports(ROOT).filter((e) => e.from === 'src/index.ts').map((e) => e.file);
    expect(exported).not.toContain('src/provider/private/harness-provider.ts');
    expect(exported.some((f) => f?.includes('harness-provider'))).toBe(false);
  });
});

describe('the layering rules', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, file: to });
  const pkg = (from: string, name: string): ImportEdge => ({ from, pkg: name });

  test.each([
    ['constructs import handler code', [edge('src/endpoint/a.ts', 'src/provider/handlers/b.ts')]],
    ['constructs import the service layer', [edge('src/endpoint/a.ts', 'src/service/b.ts')]],
    ['constructs import the CLI', [edge('src/endpoint/a.ts', 'src/cli/b.ts')]],
    ['constructs import a Lambda entry file', [edge('src/observability/a.ts', 'src/observability/b.lambda.ts')]],
    ['the CLI imports handler code', [edge('src/cli/a.ts', 'src/provider/handlers/b.ts')]],
    ['handlers import the CLI', [edge('src/provider/handlers/a.ts', 'src/cli/b.ts')]],
    ['the service layer imports handler code', [edge('src/service/a.ts', 'src/provider/handlers/b.ts')]],
    ['the service layer imports the CLI', [edge('src/service/a.ts', 'src/cli/b.ts')]],
    ['the service layer imports construct code that reaches CDK code',
      [edge('src/service/a.ts', 'src/common/b.ts'), pkg('src/common/b.ts', 'aws-cdk-lib')]],
    ['the service layer imports aws-cdk-lib', [pkg('src/service/a.ts', 'aws-cdk-lib')]],
    ['the service layer imports another package than the SDK', [pkg('src/service/a.ts', 'left-pad')]],
    ['a handler imports aws-cdk-lib', [pkg('src/provider/handlers/a.ts', 'aws-cdk-lib')]],
    ['the CLI reaches constructs through a construct file',
      [edge('src/cli/a.ts', 'src/common/b.ts'), edge('src/common/b.ts', 'src/common/c.ts'), pkg('src/common/c.ts', 'constructs')]],
    ['src/index.ts exports a private/ file', [edge('src/index.ts', 'src/harness/private/b.ts')]],
    ['src/index.ts exports handler code', [edge('src/index.ts', 'src/provider/handlers/b.ts')]],
    ['src/index.ts exports the service layer', [edge('src/index.ts', 'src/service/b.ts')]],
  ])('fails when %s', (_, edges) => {
    expect(layeringViolations(edges)).toHaveLength(1);
  });

  test.each([
    ['the CLI and handlers import the service layer', [edge('src/cli/a.ts', 'src/service/b.ts'), edge('src/provider/handlers/a.ts', 'src/service/b.ts')]],
    ['a Lambda entry file imports handler code', [edge('src/observability/a.lambda.ts', 'src/provider/handlers/b.ts')]],
    ['the CLI imports a construct-side file that reaches no CDK code', [edge('src/cli/a.ts', 'src/common/b.ts'), pkg('src/common/b.ts', 'path')]],
    ['constructs import another concept\'s private/', [edge('src/endpoint/a.ts', 'src/harness/private/b.ts'), pkg('src/endpoint/a.ts', 'aws-cdk-lib')]],
    ['the CLI imports only types from a file that reaches CDK code',
      [{ from: 'src/cli/a.ts', file: 'src/common/b.ts', typeOnly: true }, pkg('src/common/b.ts', 'aws-cdk-lib')]],
    ['the service layer imports the SDK and Node.js', [pkg('src/service/a.ts', '@aws-sdk/client-sts'), pkg('src/service/a.ts', 'crypto')]],
    ['the service layer imports a pure shared rule', [edge('src/service/a.ts', 'src/common/private/endpoint-rules.ts')]],
  ])('allows %s', (_, edges) => {
    expect(layeringViolations(edges)).toEqual([]);
  });
});
