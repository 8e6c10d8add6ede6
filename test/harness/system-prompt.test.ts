import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lazy } from 'aws-cdk-lib';
import { harnessProperties, newHarness } from './helpers';
import { HarnessSystemPrompt, HarnessTruncation } from '../../src';

describe('HarnessSystemPrompt', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prompt-')); });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('fromFile reads an absolute path at synth', () => {
    const file = path.join(dir, 'prompt.md');
    fs.writeFileSync(file, '# Role\nYou answer in French.\n');
    const { stack } = newHarness({ systemPrompt: HarnessSystemPrompt.fromFile(file) });
    expect(harnessProperties(stack).SystemPrompt).toEqual([{ Text: '# Role\nYou answer in French.\n' }]);
  });

  test('fromFile resolves a relative path from the working directory', () => {
    const file = path.join(dir, 'relative.md');
    fs.writeFileSync(file, 'Relative prompt');
    const relative = path.relative(process.cwd(), file);
    expect(path.isAbsolute(relative)).toBe(false);
    const { stack } = newHarness({ systemPrompt: HarnessSystemPrompt.fromFile(relative) });
    expect(harnessProperties(stack).SystemPrompt).toEqual([{ Text: 'Relative prompt' }]);
  });

  test('fromFile fails clearly when the file is missing', () => {
    expect(() => HarnessSystemPrompt.fromFile(path.join(dir, 'missing.md')))
      .toThrow(/systemPrompt: cannot read the file ".*missing\.md" \(resolved to ".*missing\.md"\).*give an existing, readable file/);
  });

  test('fromFile fails on a blank file', () => {
    const file = path.join(dir, 'blank.md');
    fs.writeFileSync(file, ' \n\t\n');
    expect(() => HarnessSystemPrompt.fromFile(file)).toThrow(/systemPrompt \(file .*blank\.md\): .* is blank/);
  });

  test.each(['', '   ', '\n\t'])('fromText rejects blank text %p', (text) => {
    expect(() => HarnessSystemPrompt.fromText(text)).toThrow(/systemPrompt: .* is blank; it must contain at least one non-whitespace character/);
  });

  test('fromText accepts a token', () => {
    const { stack } = newHarness({ systemPrompt: HarnessSystemPrompt.fromText(Lazy.string({ produce: () => 'From a token' })) });
    expect(harnessProperties(stack).SystemPrompt).toEqual([{ Text: 'From a token' }]);
  });
});

describe('HarnessTruncation validation', () => {
  test.each<[string, () => HarnessTruncation, RegExp]>([
    ['messagesCount 0', () => HarnessTruncation.slidingWindow({ messagesCount: 0 }), /truncation\.messagesCount: 0 is out of range; it must be at least 1/],
    ['fractional messagesCount', () => HarnessTruncation.slidingWindow({ messagesCount: 1.5 }), /truncation\.messagesCount: 1\.5 must be a whole number/],
    ['summaryRatio above 1', () => HarnessTruncation.summarization({ summaryRatio: 1.5 }), /truncation\.summaryRatio: 1\.5 .*between 0 and 1/],
    ['summaryRatio below 0', () => HarnessTruncation.summarization({ summaryRatio: -0.1 }), /truncation\.summaryRatio: -0\.1 .*between 0 and 1/],
    ['negative preserveRecentMessages', () => HarnessTruncation.summarization({ preserveRecentMessages: -1 }), /truncation\.preserveRecentMessages: -1 .*at least 0/],
  ])('fails on %s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test('tokens are not validated', () => {
    const n = Lazy.number({ produce: () => -5 });
    expect(() => HarnessTruncation.slidingWindow({ messagesCount: n })).not.toThrow();
    expect(() => HarnessTruncation.summarization({ summaryRatio: n, preserveRecentMessages: n })).not.toThrow();
  });
});
