// Markup lines and the sentences next to them. A \label or \index on a line of its own leaves
// nothing in the prose view, yet a reader of the source sees it as part of the paragraph or
// heading beside it; the sentence's range takes it in so that it covers the lines it stands for.

import type { Sentence } from '../../types';

/** [start, end) of a command that left nothing in the view; true when it opened the block (\item). */
export type Markup = [number, number, boolean];

/**
 * A \label, \index or \url on a line of its own belongs to the sentence next to it: the first
 * sentence of its block takes in the markup before it, or the sentence just before the markup (a
 * heading, say) takes in what follows it, across nothing but markup ("\footnote{\url{..}}" or a
 * quote holding only a URL). Only across line ends, and never onto a line another sentence has.
 */
export function attachMarkup(doc: string, sentences: Sentence[], firstNew: number, markup: Markup[]): void {
  const prevEnd = firstNew > 0 ? sentences[firstNew - 1].end : 0;
  const [leadStart] = markup[0];
  const first = sentences[firstNew];
  if (
    first &&
    leadStart < first.start &&
    startsOwnLine(doc, prevEnd, leadStart) &&
    doc.slice(leadStart, first.start).includes('\n')
  ) {
    sentences[firstNew] = { ...first, start: leadStart, text: doc.slice(leadStart, first.end) };
  }
  const last = sentences[sentences.length - 1];
  if (!last) return;
  let at = markup.findIndex(([start, , opens]) => start >= last.end && !opens);
  if (at < 0) return;
  const between = doc.slice(last.end, markup[at][0]);
  if (between.length > 120 || !between.includes('\n') || /\n[ \t]*\n/.test(between) || !isMarkupOnly(between)) return;
  let end = markup[at][1];
  while (at + 1 < markup.length && !markup[at + 1][2] && /^[ \t]*\n?[ \t]*$/.test(doc.slice(end, markup[at + 1][0])))
    end = markup[++at][1];
  sentences[sentences.length - 1] = { ...last, end, text: doc.slice(last.start, end) };
}

/** Whitespace, braces, comments and commands without prose arguments: "}\n\\begin{quote}\n". */
function isMarkupOnly(text: string): boolean {
  return text.replace(/\\(?:begin|end)\s*\{[^{}]*\}|\\[A-Za-z@]+\*?|\\\\|%[^\n]*|[\s{}[\]]/g, '') === '';
}

/** Whether no sentence ending at prevEnd shares the line of `at` (looking back a bounded stretch). */
function startsOwnLine(doc: string, prevEnd: number, at: number): boolean {
  const from = Math.max(prevEnd, at - 200);
  return from === 0 || doc.slice(from, at).includes('\n');
}
