// reStructuredText, read as docutils and Sphinx read it: paragraphs, section titles, definition
// terms, list items, field and option descriptions, block quotes, footnotes, table cells and the
// bodies of prose directives are prose; literal blocks, doctest blocks, comments, targets,
// substitution definitions, directive options and code directives are not. Tabs are expanded to
// stops every 8 columns before any indentation is compared, as docutils does.
//
//   lines.ts       source rows with tab-expanded columns; blocks cut out of them
//   patterns.ts    the line patterns of docutils' body parser
//   body.ts        the body parser (block structure)
//   tables.ts      grid and simple tables
//   directives.ts  which directives hold prose and which hold code
//   inline.ts      inline markup rules; emit.ts turns line ranges into sentences

import type { Sentence } from '../../types';
import { BodyReader } from './body';

export function rstSentences(doc: string): Sentence[] {
  return new BodyReader(doc).read();
}
