import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The readable part of a generated harness name, built from whole words of
 * the construct path: the harness's own id first, then (space permitting) its
 * parents' ids and the stack name, never cutting a word in two.
 *
 * When the words do not all fit, the least telling ones go first: words of the
 * stack name, then of parent ids, then words the stack's other harnesses share
 * (such as `Agent`), and `Harness`/`Stack`, which every such name would carry. So two harnesses
 * `ResearchWriterAgent` and `ResearchReviewerAgent` keep `Writer` and `Reviewer`.
 * Only a single word longer than the limit is shortened, from its end.
 */
export function readableNamePart(scope: IConstruct, others: readonly IConstruct[], maxLength: number): string {
  const own = pathWords(scope);
  const othersWords = others.filter(o => o !== scope).map(wordSetOf);
  // A word of the stack name or a parent id that the harness's own id repeats, or `Stack`, adds nothing.
  const ownWords = new Set(own.filter(w => w.level === 0).map(w => w.text.toLowerCase()));
  const words = own.filter(w => w.level === 0
    || (!ownWords.has(w.text.toLowerCase()) && !NOISE.has(w.text.toLowerCase())));
  if (words.length === 0) return 'Harness';
  // A name must start with a letter: an `H` goes in front of a leading digit and counts towards the limit.
  const length = () => words.reduce((sum, w) => sum + w.text.length, /^[0-9]/.test(words[0].text) ? 1 : 0);
  while (words.length > 1 && length() > maxLength) {
    let drop = 0;
    let worst = -Infinity;
    words.forEach((w, i) => {
      const shared = othersWords.filter(set => set.has(w.text.toLowerCase())).length;
      const noise = NOISE.has(w.text.toLowerCase()) ? 1 : 0;
      // Lexicographic: context level, then noise, then sharing, then later position (keeps the leading words).
      const score = w.level * 1e6 + noise * 1e4 + shared * 10 + i / 1000;
      if (score > worst) { worst = score; drop = i; }
    });
    words.splice(drop, 1);
  }
  if (words.length === 0) return 'Harness';
  const joined = words.map(w => w.text).join('');
  return (/^[0-9]/.test(joined) ? `H${joined}` : joined).slice(0, maxLength);
}

const WORD_SETS = new WeakMap<IConstruct, Set<string>>();

/** The lower-case words of a construct's path, read once: every harness of a stack compares itself with all others. */
function wordSetOf(scope: IConstruct): Set<string> {
  let words = WORD_SETS.get(scope);
  if (!words) {
    words = new Set(pathWords(scope).map(w => w.text.toLowerCase()));
    WORD_SETS.set(scope, words);
  }
  return words;
}

/** Words every generated harness name could carry, so they tell harnesses apart least. */
const NOISE = new Set(['harness', 'stack', 'construct']);

interface Word {
  readonly text: string;
  /** 0: the harness's own id; 1: a parent id; 2: the stack name. */
  readonly level: number;
}

function pathWords(scope: IConstruct): Word[] {
  const stack = Stack.of(scope);
  const scopes = scope.node.scopes;
  const start = scopes.indexOf(stack);
  const result: Word[] = [];
  scopes.slice(start).forEach((s, i, all) => {
    if (s.node.id === 'Default' || s.node.id === 'Resource') return;
    const level = s === stack ? 2 : i === all.length - 1 ? 0 : 1;
    // Stage and stack names are joined before the construct ids, so the order reads as the path.
    for (const text of splitWords(s === stack ? stack.stackName : s.node.id)) result.push({ text, level });
  });
  return result;
}

/** `ResearchWriter-agent_2` → `Research`, `Writer`, `Agent`, `2`; each word capitalised. */
export function splitWords(id: string): string[] {
  const words = id.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [];
  return words.map(w => w.charAt(0).toUpperCase() + w.slice(1));
}
