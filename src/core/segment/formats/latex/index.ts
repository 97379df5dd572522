// LaTeX: a hand-written single-pass reader (reader.ts) that keeps prose and drops markup. It reads
// the document body (after \begin{document} when there is one), skips comments, math, code and
// data environments, citations and references, keeps the text inside styling commands, and reads
// section titles, captions, footnotes and description labels as blocks of their own. Blank lines,
// \par, \item and environment boundaries separate sentences. Unterminated groups and environments
// run to the end (or to the paragraph's end) instead of throwing. Not read, on purpose: the
// preamble (\title there included), \iffalse..\fi (never typeset, often outdated text), expl3 code.
// Verbatim-like environments are known by name (commands.ts: built in, then the document's own
// declarations, then a documented guess from names with "code", "listing", "verbatim", "example").
//
// Why not a LaTeX parser. We measured @unified-latex/unified-latex-util-parse 1.8.4 (the parser
// LaTeX Workshop uses; positions on every node) against this reader, one pass per file, Node 20:
//   - TeX Live latex-base manuals (128 .tex, 1.7 MB): parse alone 11.1 s, 9x Intl.Segmenter over
//     the same text (1.2 s); slowest file hyperref-doc.tex 2.3 s. This whole segmenter (reader and
//     sentence splitter): 0.2 s warm, slowest file 46 ms (Intl.Segmenter 2.2 s warm).
//   - latex-recommended + science manuals (410 .tex, 10.3 MB): parse 107 s, slowest memman.tex
//     27.4 s. This segmenter: 3.7 s, slowest memman.tex 0.5 s.
//   - bundle: +248 KB minified (58 KB gzipped) for the parser and its dependencies.
//   - its positions are exact, but it would not save the reader's rules: it reads "%" in \url{a%b}
//     as a comment, and knows no verbatim environment a document declares (\lstnewenvironment,
//     \newminted, \DefineVerbatimEnvironment, ...) and no \MakeShortVerb character.
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
