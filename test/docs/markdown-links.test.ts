import * as fs from 'fs';
import * as path from 'path';

// Relative links in the repository's documents must lead somewhere: a moved section or a renamed file
// otherwise leaves a dead link that no build step notices.

const ROOT = path.join(__dirname, '..', '..');
const DOCUMENTS = ['README.md', 'CONTRIBUTING.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The lines outside fenced code blocks, where headings and links count. */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative link targets of inline links, `[text](target)`, outside code. */
function linksOf(text: string): string[] {
  const links: string[] = [];
  for (const line of proseLines(text)) {
    // Code spans go (a link's text may be one, and "[x](y)" inside one is not a link).
    for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^[a-z]+:/i.test(match[1])) links.push(match[1]);
    }
  }
  return links;
}

/** The links of a document that lead to no file, or to no section of the file. */
function brokenLinksOf(document: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, document), 'utf8');
  return linksOf(text).filter((link) => {
    const [file, anchor] = link.split('#');
    const target = file === '' ? path.join(ROOT, document) : path.join(ROOT, path.dirname(document), file);
    if (!fs.existsSync(target)) return true;
    return anchor !== undefined && !anchorsOf(fs.readFileSync(target, 'utf8')).has(anchor);
  });
}

test.each(DOCUMENTS)('every relative link of %s leads to an existing file and section', (document) => {
  expect(brokenLinksOf(document)).toEqual([]);
});

test('the documents have relative links to check', () => {
  expect(linksOf(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(10);
  expect(linksOf(fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8')).length).toBeGreaterThan(5);
});

test('the anchor rule matches GitHub for headings with code and punctuation', () => {
  expect([...anchorsOf('## Checking a live harness: `doctor`\n## Compared with writing `CfnHarness` by hand\n## A\n## A\n')])
    .toEqual(['checking-a-live-harness-doctor', 'compared-with-writing-cfnharness-by-hand', 'a', 'a-1']);
});

test('a broken link is found', () => {
  expect(linksOf('see [x](missing.md#nowhere) and `[y](code.md)` and [z](https://example.com)')).toEqual(['missing.md#nowhere']);
});
