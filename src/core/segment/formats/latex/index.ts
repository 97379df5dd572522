// LaTeX: a hand-written single-pass reader (reader.ts) that keeps prose and drops markup. It reads
// the document body (after \begin{document} when there is one), skips comments, math, code and
// data environments, citations and references, keeps the text inside styling commands, and reads
// section titles, captions, footnotes and description labels as blocks of their own. Blank lines,
// \par, \item and environment boundaries separate sentences. Unterminated groups and environments
// run to the end (or to the paragraph's end) instead of throwing.
//
// Why not a LaTeX parser. We measured @unified-latex/unified-latex-util-parse 1.8.4 (the parser
// LaTeX Workshop uses; positions on every node) against this reader:
//   - TeX Live latex-base manuals (128 .tex files, 1.7 MB): parse alone 11.1 s, 9x the time of
//     Intl.Segmenter over the same text (1.2 s); slowest file hyperref-doc.tex 2.3 s. This whole
//     segmenter (reader and sentence splitter) takes about a tenth of that.
//   - latex-recommended + science manuals (410 files, 8.9 MB): see FIGURES below.
//   - bundle: +248 KB minified (58 KB gzipped) for the parser and its dependencies.
//   - it does not help where prose is lost: it treats "%" in \url{a%b} as a comment, knows no
//     environment a document declares verbatim (\lstnewenvironment, \newminted, ...) and no
//     \MakeShortVerb characters, so the reader would still need its own rules for all of them.
// Decision: keep the hand-written reader; the parser is not a dependency.

import type { Sentence } from '../../types';
import { LatexReader } from './reader';

const BEGIN_DOCUMENT = /\\begin\s*\{document\}/;

export function latexSentences(doc: string): Sentence[] {
  // With a \begin{document} the text before it is a preamble: declarations, not prose. If that
  // \begin{document} only ever appears in a comment or a verbatim block, the file is a fragment.
  if (BEGIN_DOCUMENT.test(doc)) {
    const reader = new LatexReader(doc, true);
    reader.run();
    if (reader.sawDocument) return reader.sentences;
  }
  const reader = new LatexReader(doc, false);
  reader.run();
  return reader.sentences;
}
