// The invariants every segmentation must keep, shared by the property tests (segment.test.ts,
// hostile.test.ts): in order, non-overlapping, inside the document, text === slice, trimmed,
// never only white space or markup.
import type { Sentence } from '../../src/core/segment';

/** A sentence with no letter, digit or symbol beyond markup punctuation is markup, not prose. */
const ONLY_MARKUP = /^[\s#*_`~=+\-|<>[\]{}()\\$^:;.,!?'"/&%@]*$/u;

/** The first broken invariant, or undefined. */
export function violation(text: string, sentences: Sentence[]): string | undefined {
  if (!Array.isArray(sentences)) return 'not an array';
  let previousEnd = 0;
  for (const [i, s] of sentences.entries()) {
    const where = `sentence ${i} [${s.start}, ${s.end})`;
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) return `${where}: offsets are not integers`;
    if (s.start < 0 || s.end > text.length || s.start >= s.end)
      return `${where}: outside the document (length ${text.length}) or empty`;
    if (s.start < previousEnd) return `${where}: overlaps or precedes the previous sentence (ended at ${previousEnd})`;
    previousEnd = s.end;
    if (s.text !== text.slice(s.start, s.end))
      return `${where}: text ${JSON.stringify(s.text.slice(0, 80))} is not the slice ${JSON.stringify(text.slice(s.start, s.end).slice(0, 80))}`;
    if (/^\s|\s$/u.test(s.text))
      return `${where}: begins or ends with white space: ${JSON.stringify(s.text.slice(0, 80))}`;
    if (typeof s.clean !== 'string' || s.clean.trim() === '')
      return `${where}: empty clean text for ${JSON.stringify(s.text.slice(0, 80))}`;
    if (ONLY_MARKUP.test(s.clean))
      return `${where}: only markup: text ${JSON.stringify(s.text.slice(0, 80))}, clean ${JSON.stringify(s.clean.slice(0, 80))}`;
  }
  return undefined;
}
