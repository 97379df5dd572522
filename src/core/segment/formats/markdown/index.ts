// Markdown: parsed with micromark (GFM, front matter, math) chunk by chunk; see chunks.ts for why.
// Chunks with no Markdown syntax are read directly as paragraphs, fenced code chunks are skipped,
// and once a parsing budget is spent the remaining chunks go through the line-based reader in
// lite.ts, so multi-megabyte files stay fast.

import { proseSentences } from '../../prose/prose-sentences';
import { ProseBuilder, type ProseText } from '../../prose/prose-text';
import type { Sentence } from '../../types';
import { chunkMarkdown, type Chunk } from './chunks';
import { definitionLabels, liteMarkdownProse } from './lite';
import { liteFinders, type LiteFinders } from './lite-inline';
import { mdastProse, type MdNode } from './mdast-prose';
import { parseMarkdown } from './parser';
import { looksPathological } from './pathological';

/** Characters of Markdown we hand to micromark per document before switching to the lite reader. */
export const PARSER_BUDGET = 128 * 1024;
/** Consecutive chunks are parsed together up to this size, to spread micromark's per-call cost. */
const GROUP_SIZE = 32 * 1024;
/** Definitions are copied into each parsed group only while they stay this small. */
const MAX_DEFINITIONS = 16 * 1024;

export function markdownSentences(text: string, parserBudget = PARSER_BUDGET): Sentence[] {
  const { chunks, definitions } = chunkMarkdown(text);
  let defs = definitions.join('\n');
  if (defs.length > MAX_DEFINITIONS) defs = '';
  const out: Sentence[] = [];
  const emit = (prose: ProseText) => {
    for (const s of proseSentences(text, prose)) out.push(s);
  };
  let budget = parserBudget;
  let labels: Set<string> | undefined;
  let finders: LiteFinders | undefined;
  for (const group of groups(chunks)) {
    const first = group[0];
    if (first.kind === 'code') continue;
    if (first.kind === 'plain') {
      const builder = new ProseBuilder();
      builder.text(first.start, text.slice(first.start, first.end));
      emit(builder.build());
      continue;
    }
    const start = first.start;
    const end = group[group.length - 1].end;
    // Input on which micromark would take minutes goes to the lite reader (chunks.ts marks
    // such chunks 'lite'; pathological.ts checks whole groups).
    const pathological = first.kind === 'lite' || (end - start <= budget && looksPathological(text.slice(start, end)));
    if (end - start <= budget && !pathological) {
      budget -= end - start;
      let source = text.slice(start, end);
      // Reference definitions apply document-wide, so each group gets a copy of them.
      if (defs && source.includes('[')) source += '\n\n' + defs;
      mdastProse(parseMarkdown(source) as MdNode, text, start, emit, end - start);
    } else {
      if (!pathological) budget = 0;
      liteMarkdownProse(text, start, end, emit, (labels ??= definitionLabels(definitions)), (finders ??= liteFinders(text)));
    }
  }
  return out;
}

/** Groups consecutive 'markdown' chunks up to GROUP_SIZE; other chunks stand alone. */
function groups(chunks: Chunk[]): Chunk[][] {
  const out: Chunk[][] = [];
  let current: Chunk[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (const chunk of chunks) {
    if (chunk.kind !== 'markdown') {
      flush();
      out.push([chunk]);
      continue;
    }
    if (current.length > 0 && chunk.end - current[0].start > GROUP_SIZE) flush();
    current.push(chunk);
  }
  flush();
  return out;
}
