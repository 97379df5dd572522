// Markdown: read chunk by chunk (see chunks.ts) by our CommonMark/GFM scanner (blocks.ts for the
// block structure, inline.ts for inline syntax, mdast-prose.ts for the prose views; plain-block.ts
// reads blocks without inline syntax directly). Chunks with
// no Markdown syntax are read directly as paragraphs, fenced code chunks are skipped, and input
// whose shape could make the scanner slow (deep nesting, masses of delimiters) goes through the
// line-based reader in lite.ts.

import { proseSentences } from '../../prose/prose-sentences';
import { ProseBuilder, type ProseText } from '../../prose/prose-text';
import type { Sentence } from '../../types';
import { scanBlocks } from './blocks';
import { chunkMarkdown, type Chunk } from './chunks';
import { parseInline } from './inline';
import { definitionLabels, liteMarkdownProse } from './lite';
import { liteFinders, type LiteFinders } from './lite-inline';
import { blockProse } from './mdast-prose';
import { looksPathological } from './pathological';
import { plainBlockProse } from './plain-block';

/** Consecutive chunks are checked for pathological shapes together up to this size. */
const GROUP_SIZE = 32 * 1024;

/**
 * The sentences of a Markdown document. `parserBudget` is how many characters the scanner
 * reads before the rest goes to the lite reader (tests use 0 to exercise the lite reader).
 */
export function markdownSentences(text: string, parserBudget = Infinity): Sentence[] {
  const { chunks, definitions } = chunkMarkdown(text);
  const labels = definitionLabels(definitions);
  const out: Sentence[] = [];
  const emit = (prose: ProseText) => {
    for (const s of proseSentences(text, prose)) out.push(s);
  };
  let budget = parserBudget;
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
    // Input on which a parser's cost grows super-linearly goes to the lite reader (chunks.ts
    // marks such chunks 'lite'; pathological.ts checks whole groups).
    // Delimiters counted by the chunker; a chunk it did not count (one opening with a fence) makes us count.
    let delimiters: number | undefined = 0;
    for (const chunk of group)
      delimiters =
        chunk.delimiters === undefined || delimiters === undefined ? undefined : delimiters + chunk.delimiters;
    const pathological =
      first.kind === 'lite' || (end - start <= budget && looksPathological(text, start, end, delimiters));
    if (end - start <= budget && !pathological) {
      budget -= end - start;
      scanBlocks(text, start, end, (block) => {
        emit(
          plainBlockProse(text, block.lines) ??
            blockProse(
              {
                type: block.kind,
                start: block.lines[0],
                end: block.lines[block.lines.length - 1],
                children: parseInline(text, block.lines, labels, block.kind === 'tableCell'),
              },
              text,
            ),
        );
      });
    } else {
      if (!pathological) budget = 0;
      liteMarkdownProse(text, start, end, emit, labels, (finders ??= liteFinders(text)));
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
