// Re-segmenting only what an edit touched. Segmenting a whole 180 KB document takes ~400 ms here,
// longer than the rest of an edit's check together, so after a typical edit (inside a paragraph)
// only the blank-line-delimited block around the change is segmented again and the sentences
// before and after it are reused (the later ones shifted). When the block might depend on its
// context (fences, environments, front matter...) this returns undefined and the caller segments
// the whole document; the server also re-segments fully once the user pauses, as a safety net.
import { segmentDocument, type LanguageId, type Sentence } from '../core/segment';

export interface Segmentation {
  text: string;
  sentences: Sentence[];
}

/** Lines that can open or close a construct spanning blank lines, in any supported language. */
const CONTEXT_SENSITIVE =
  /^[ \t]*(```|~~~|\$\$|---|\+\+\+|===|\.\.\.\.|____|\*\*\*\*|\/\/\/\/|<|\.\. |\[|:[\w-]+:|\|===)|\\(begin|end|documentclass|\[|\]|verb)|<!--|-->|::\s*$/m;

export function resegment(previous: Segmentation, text: string, language: LanguageId): Sentence[] | undefined {
  const old = previous.text;
  if (old === text) return previous.sentences;
  let prefix = 0;
  const shortest = Math.min(old.length, text.length);
  while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  )
    suffix++;
  const delta = text.length - old.length;

  // The block around the change: from the blank line before it to the blank line after it.
  const start = blockStart(text, prefix);
  const end = blockEnd(text, text.length - suffix);
  const oldEnd = end - delta;
  if (start > prefix || oldEnd < old.length - suffix || oldEnd < start) return undefined;
  if (CONTEXT_SENSITIVE.test(old.slice(start, oldEnd)) || CONTEXT_SENSITIVE.test(text.slice(start, end)))
    return undefined;
  // LaTeX groups and math may span paragraphs: an edit that adds or removes one is not local.
  const removed = old.slice(prefix, old.length - suffix);
  const added = text.slice(prefix, text.length - suffix);
  if (language === 'latex' && /[{}$\\%[\]]/.test(removed + added)) return undefined;

  const before = previous.sentences.filter((s) => s.end <= start);
  const inside = previous.sentences.filter((s) => s.start >= start && s.end <= oldEnd);
  const after = previous.sentences.filter((s) => s.start >= oldEnd);
  // A sentence straddling the block's edges means the block is not independent of its context.
  if (before.length + inside.length + after.length !== previous.sentences.length) return undefined;
  // The block alone must reproduce what the whole document gave for it before the edit: if it
  // does not, its context matters (inside a code block, a list, a LaTeX preamble...).
  if (!sameSentences(segmentBlock(old, start, oldEnd, language), inside)) return undefined;

  const shifted = after.map((s) => ({ ...s, start: s.start + delta, end: s.end + delta }));
  return [...before, ...segmentBlock(text, start, end, language), ...shifted];
}

function segmentBlock(text: string, start: number, end: number, language: LanguageId): Sentence[] {
  return segmentDocument(text.slice(start, end), language).map((s) => ({
    ...s,
    start: s.start + start,
    end: s.end + start,
  }));
}

function sameSentences(a: Sentence[], b: Sentence[]): boolean {
  return (
    a.length === b.length && a.every((s, i) => s.start === b[i].start && s.end === b[i].end && s.clean === b[i].clean)
  );
}

/** Offset just after the last blank line that ends at or before `offset` (0 if none). */
function blockStart(text: string, offset: number): number {
  const re = /\n[ \t]*\r?\n/g;
  let found = 0;
  // Search backwards in growing windows: a paragraph is rarely longer than a few KB.
  for (let window = 4096; ; window *= 4) {
    const from = Math.max(0, offset - window);
    re.lastIndex = from;
    let match: RegExpExecArray | null;
    while ((match = re.exec(text)) && match.index + match[0].length <= offset) found = match.index + match[0].length;
    if (found > 0 || from === 0) return found;
  }
}

/** Offset of the first blank line starting at or after `offset` (text length if none). */
function blockEnd(text: string, offset: number): number {
  const re = /\n[ \t]*\r?\n/g;
  re.lastIndex = offset;
  const match = re.exec(text);
  return match ? match.index : text.length;
}
