// Sentence segmentation: splits a document into sentences with exact offsets into the original
// text, reading each format's markup so that only prose is segmented. Pure logic, no editor APIs.
//
// How it fits together:
//   formats/*        read a format and build "prose views" (prose/prose-text.ts): the text a reader
//                    sees for one block (paragraph, heading, table cell, caption), mapped back to
//                    source offsets piece by piece;
//   prose/           runs the splitter on a view and maps sentences back (text, clean);
//   splitter/        the sentence splitter proper (abbreviations, quotes, lists, ellipses).

import { markdownSentences } from './formats/markdown';
import { plaintextSentences } from './formats/plaintext';
import { latexSentences } from './formats/latex';
import { rstSentences } from './formats/rst';
import { asciidocSentences } from './formats/asciidoc';
import { splitSentenceSpans } from './splitter/split-sentences';
import type { LanguageId, Sentence } from './types';

export type { LanguageId, Sentence } from './types';
export { effectiveLanguage, languageForPath, languageOfFile, normalizeLanguageId } from './language';

const SEGMENTERS: Record<LanguageId, (text: string) => Sentence[]> = {
  markdown: markdownSentences,
  plaintext: plaintextSentences,
  latex: latexSentences,
  restructuredtext: rstSentences,
  asciidoc: asciidocSentences,
};

/**
 * The sentences of a document in document order, non-overlapping. Never throws: if a format's
 * reader fails on pathological input, the text is segmented as plain text instead.
 */
export function segmentDocument(text: string, language: LanguageId): Sentence[] {
  const segment = SEGMENTERS[language] ?? plaintextSentences;
  try {
    return segment(text);
  } catch {
    try {
      return plaintextSentences(text);
    } catch {
      return [];
    }
  }
}

/** The raw sentence splitter on plain prose: sentence ranges, trimmed, in order. */
export function splitSentences(text: string): Array<{ start: number; end: number }> {
  try {
    return splitSentenceSpans(text);
  } catch {
    return [];
  }
}
