// Which paragraph each sentence belongs to. Cross mode never pairs two sentences of one paragraph:
// a paragraph that says "X is on by default. You can turn X off." is qualifying itself, not
// contradicting itself, and NLI models flag such neighbours constantly.
// A paragraph ends at a blank line (every supported format separates blocks that way: Markdown,
// reStructuredText, AsciiDoc and LaTeX paragraphs, plain-text notes).
const BLANK_LINE = /\n[ \t]*\r?\n/;

/** For each sentence (in document order), its paragraph number within the document (0-based). */
export function paragraphIndexes(text: string, sentences: ReadonlyArray<{ start: number; end: number }>): number[] {
  const out: number[] = [];
  let paragraph = 0;
  sentences.forEach((s, i) => {
    if (i > 0 && BLANK_LINE.test(text.slice(sentences[i - 1].end, s.start))) paragraph++;
    out.push(paragraph);
  });
  return out;
}
