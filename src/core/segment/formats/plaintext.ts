// Plain text: paragraphs are separated by blank lines; inside a paragraph, line breaks are spaces
// unless line-breaks.ts finds a list item, an item list or a title line.

import { proseSentences } from '../prose/prose-sentences';
import type { Sentence } from '../types';
import { paragraphLineBreaks, paragraphsOfLines, splitLines } from './line-breaks';

export function plaintextSentences(text: string): Sentence[] {
  const breaks: number[] = [];
  for (const paragraph of paragraphsOfLines(text, splitLines(text, 0, text.length))) {
    for (const b of paragraphLineBreaks(text, paragraph)) breaks.push(b);
  }
  const pieces =
    text.length === 0
      ? []
      : [
          {
            viewStart: 0,
            viewEnd: text.length,
            srcStart: 0,
            srcEnd: text.length,
            kind: 'text' as const,
            verbatim: true,
          },
        ];
  return proseSentences(text, { text, pieces, breaks, gaps: [], wrappers: [] });
}
