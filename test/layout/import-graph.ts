import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The layers of src/, decided by a file's place in the tree (docs/DESIGN.md, "Layout"):
 * - `service`: src/service/, the AgentCore service layer the CLI and the handlers share;
 * - `handlers`: src/provider/handlers/ and every `*.lambda.ts` entry file (bundled into a Lambda asset);
 * - `cli`: src/cli/, bundled into the package's bin;
 * - `index`: src/index.ts, the public surface;
 * - `constructs`: everything else.
 */
export type Layer = 'service' | 'handlers' | 'cli' | 'index' | 'constructs';

export function layerOf(file: string): Layer {
  if (file === 'src/index.ts') return 'index';
  if (file.startsWith('src/service/')) return 'service';
  if (file.startsWith('src/provider/handlers/') || file.endsWith('.lambda.ts')) return 'handlers';
  if (file.startsWith('src/cli/')) return 'cli';
  return 'constructs';
}

/** One import: the importing file and either a repository path (relative import) or a package name. */
export interface ImportEdge {
  readonly from: string;
  readonly file?: string;
  readonly pkg?: string;
  /** `import type` / `export type`: erased by the compiler, so it loads nothing at run time. */
  readonly typeOnly?: boolean;
}

/** Layers each layer may import from src/ besides itself; `pure` is a constructs file that reaches no CDK code. */
const ALLOWED: Record<Layer, readonly (Layer | 'pure')[]> = {
  service: ['pure'],
  handlers: ['service', 'pure'],
  cli: ['service', 'pure'],
  constructs: [],
  index: ['constructs'],
};

/** Packages a bundled layer may never reach, directly or through the files it imports. */
const CDK_PACKAGES = /^(aws-cdk-lib|constructs|@aws-cdk\/)/;

const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

function resolveRelative(root: string, from: string, spec: string): string {
  const base = path.relative(root, path.resolve(root, path.dirname(from), spec)).split(path.sep).join('/');
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve import '${spec}'`);
}

/** Module specifiers of one file: imports, export-froms, dynamic imports and require calls. */
function specifiersOf(text: string): { spec: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false);
  const found: { spec: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push({ spec: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every import, export-from, dynamic import and require of every src/**\/*.ts file. */
export function readImports(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {walk(file);} else if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        for (const { spec, typeOnly } of specifiersOf(fs.readFileSync(path.join(root, file), 'utf8'))) {
          edges.push(spec.startsWith('.')
            ? { from: file, file: resolveRelative(root, file, spec), typeOnly }
            : { from: file, pkg: packageName(spec), typeOnly });
        }
      }
    }
  };
  walk('src');
  return edges;
}

/** Every rule the edges break, as one sentence each; empty when the layering holds. */
export function layeringViolations(edges: readonly ImportEdge[]): string[] {
  const violations: string[] = [];
  const byFile = new Map<string, ImportEdge[]>();
  for (const e of edges) byFile.set(e.from, [...(byFile.get(e.from) ?? []), e]);

  // Which CDK package a file reaches through its imports, if any (memoized; cycles count as not reaching).
  const reach = new Map<string, string | undefined>();
  const cdkReached = (file: string): string | undefined => {
    if (reach.has(file)) return reach.get(file);
    reach.set(file, undefined);
    let found: string | undefined;
    for (const e of byFile.get(file) ?? []) {
      if (e.typeOnly) continue;
      found = e.pkg !== undefined ? (CDK_PACKAGES.test(e.pkg) ? `${e.pkg} (from ${file})` : undefined) : cdkReached(e.file!);
      if (found) break;
    }
    reach.set(file, found);
    return found;
  };

  for (const e of edges) {
    const from = layerOf(e.from);
    if (e.pkg !== undefined) {
      if (from === 'service' && !e.pkg.startsWith('@aws-sdk/') && !builtinModules.includes(e.pkg)) {
        violations.push(`${e.from} (service) imports ${e.pkg}: the service layer uses only the AWS SDK and Node.js`);
      }
      continue;
    }
    const to = layerOf(e.file!);
    if (from === 'index') {
      if (to !== 'constructs') violations.push(`src/index.ts exports ${e.file} (${to}): only construct code is public`);
      else if (e.file!.split('/').includes('private')) violations.push(`src/index.ts exports ${e.file}: private/ is never exported`);
      continue;
    }
    if (to === from) continue;
    if (to === 'handlers' && e.file!.endsWith('.lambda.ts')) {
      violations.push(`${e.from} imports the Lambda entry file ${e.file}: only its bundle uses it`);
      continue;
    }
    const allowed = ALLOWED[from];
    if (allowed.includes(to)) continue;
    if (to === 'constructs' && allowed.includes('pure')) {
      const cdk = e.typeOnly ? undefined : cdkReached(e.file!);
      if (cdk) violations.push(`${e.from} (${from}) imports ${e.file}, which reaches ${cdk}: bundled code never loads CDK code`);
      continue;
    }
    violations.push(`${e.from} (${from}) imports ${e.file} (${to}): ${from} may import ${allowed.length ? allowed.join(', ') : 'no other layer'}`);
  }

  for (const file of byFile.keys()) {
    const layer = layerOf(file);
    // The service layer's stricter package rule above already covers it.
    if (layer === 'handlers' || layer === 'cli') {
      const cdk = cdkReached(file);
      // Reported once, at the file that imports the package itself.
      if (cdk?.endsWith(`(from ${file})`)) violations.push(`${file} (${layer}) imports ${cdk.split(' ')[0]}: bundled code never loads CDK code`);
    }
  }
  return violations;
}
