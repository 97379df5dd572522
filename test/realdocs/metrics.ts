// Judges our segmentation of a real document by its format's reference parser (the reference is
// written by scripts/realdocs/oracle.py or oracle-asciidoc.rb). Three figures, summed over a corpus:
//   coverage: share of the reference's prose lines (with at least two words outside inline code)
//             that some sentence touches: prose we silently skip lowers it;
//   leak:     share of sentences that lie wholly on code lines (reStructuredText: whose text is
//             found only in literal blocks): code fed to the model raises it;
//   broken:   share of sentences that end without sentence punctuation where the same prose block
//             goes on in lower case: a sentence cut at a line break raises it. The reference names
//             each block's lines, so the next table cell or list item ("c) swapping in pages")
//             starting in lower case is not mistaken for the rest of the sentence.
import type { Sentence } from '../../src/core/segment';

/** What the reference parser says about one file; line ranges are 1-based and inclusive. */
export interface Reference {
  file: string;
  /** One range per prose block (paragraph, heading, table cell's paragraph, list item's text). */
  prose?: Array<[number, number]>;
  code?: Array<[number, number]>;
  /** reStructuredText: normalized text of the literal blocks and of the prose nodes. */
  literal?: string[];
  text?: string[];
  /** The reference parser rejected the file: it is not measured. */
  error?: string;
}

export interface Counts {
  files: number;
  sentences: number;
  proseLines: number;
  coveredLines: number;
  leaked: number;
  broken: number;
  /** Examples for a report: the first few leaked or broken sentences and uncovered lines. */
  examples: string[];
}

export interface Figures {
  files: number;
  sentences: number;
  coverage: number;
  leak: number;
  broken: number;
}

const MAX_EXAMPLES = 12;
const ENDS_SENTENCE = new Set(['.', '!', '?', ':', ';', ')', '"', "'", '`', '*']);

export function emptyCounts(): Counts {
  return { files: 0, sentences: 0, proseLines: 0, coveredLines: 0, leaked: 0, broken: 0, examples: [] };
}

export function figures(c: Counts): Figures {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    files: c.files,
    sentences: c.sentences,
    coverage: round(c.coveredLines / Math.max(c.proseLines, 1)),
    leak: round(c.leaked / Math.max(c.sentences, 1)),
    broken: round(c.broken / Math.max(c.sentences, 1)),
  };
}

/** Adds one file's figures to the running counts. `text` is the file's text, BOM removed. */
export function measureFile(text: string, sentences: Sentence[], ref: Reference, into: Counts): void {
  const lines = text.split('\n');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) lineStarts.push(i + 1);
  const lineOf = (offset: number) => upperBound(lineStarts, offset); // 1-based

  const prose = new Set<number>();
  for (const n of lineSet(ref.prose)) if (n >= 1 && n <= lines.length && isWordy(lines[n - 1])) prose.add(n);
  const sameBlock = blockIndex(ref.prose ?? []);
  const code = lineSet(ref.code);
  const literal = ref.literal ? ref.literal.join('\n') : undefined;
  const proseText = ref.text ? ref.text.join('\n') : '';

  const touched = new Set<number>();
  for (const s of sentences) {
    const first = lineOf(s.start);
    const last = lineOf(Math.max(s.start, s.end - 1));
    for (let n = first; n <= last; n++) touched.add(n);
    const normalized = s.text.replace(/\s+/g, ' ').trim();
    const onCode = code.size > 0 && everyLineIn(first, last, code);
    const onLiteral =
      literal !== undefined &&
      normalized.length > 20 &&
      literal.includes(normalized) &&
      !proseText.includes(normalized);
    if (onCode || onLiteral) {
      into.leaked++;
      note(into, `leak ${ref.file}:${first}: ${normalized.slice(0, 100)}`);
    }
    if (isCut(text, s, last, prose, sameBlock)) {
      into.broken++;
      note(into, `broken ${ref.file}:${last}: ${normalized.slice(-80)}`);
    }
  }
  let covered = 0;
  for (const n of prose) {
    if (touched.has(n)) covered++;
    else note(into, `uncovered ${ref.file}:${n}: ${lines[n - 1].trim().slice(0, 100)}`);
  }
  into.files++;
  into.sentences += sentences.length;
  into.proseLines += prose.size;
  into.coveredLines += covered;
}

/** A sentence that ends without punctuation where its prose block goes on in lower case. */
function isCut(
  text: string,
  s: Sentence,
  lastLine: number,
  prose: Set<number>,
  sameBlock: (a: number, b: number) => boolean,
): boolean {
  const lastChar = s.text.trimEnd().slice(-1);
  if (lastChar === '' || ENDS_SENTENCE.has(lastChar)) return false;
  const after = text.slice(s.end, s.end + 40);
  const m = /^[ \t]*(\n?)[ \t]*(\S)/.exec(after);
  if (!m || !/\p{Ll}/u.test(m[2])) return false;
  const nextLine = lastLine + (m[1] ? 1 : 0);
  return prose.has(lastLine) && prose.has(nextLine) && sameBlock(lastLine, nextLine);
}

/** Whether two lines lie in one prose block of the reference. */
function blockIndex(blocks: Array<[number, number]>): (a: number, b: number) => boolean {
  const byLine = new Map<number, Array<[number, number]>>();
  for (const block of blocks) {
    for (let n = block[0]; n <= block[1]; n++) {
      const list = byLine.get(n);
      if (list) list.push(block);
      else byLine.set(n, [block]);
    }
  }
  return (a, b) => (byLine.get(a) ?? []).some(([first, last]) => first <= b && b <= last);
}

/** A line with at least two words outside inline code and markup: a line a reader reads as prose. */
export function isWordy(line: string): boolean {
  const words = line.replace(/``.*?``|`[^`]*`|\\[A-Za-z@]+\*?|\{[^{}]*\}\{[^{}]*\}/g, '').match(/[A-Za-z]{2,}/g);
  return (words?.length ?? 0) >= 2;
}

function lineSet(ranges: Array<[number, number]> | undefined): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of ranges ?? []) for (let n = a; n <= b; n++) out.add(n);
  return out;
}

function everyLineIn(first: number, last: number, set: Set<number>): boolean {
  for (let n = first; n <= last; n++) if (!set.has(n)) return false;
  return true;
}

function note(c: Counts, line: string): void {
  if (c.examples.length < MAX_EXAMPLES) c.examples.push(line);
}

/** Number of elements <= v in a sorted array: the 1-based line of an offset. */
function upperBound(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
