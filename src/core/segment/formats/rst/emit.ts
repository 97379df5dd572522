// Turns the line ranges of one prose block (a paragraph, a title, a term, a table cell) into
// sentences through the inline reader and the sentence splitter.

import { proseSentences } from '../../prose/prose-sentences';
import { ProseBuilder } from '../../prose/prose-text';
import type { Sentence } from '../../types';
import { InlineScanner } from '../inline-scanner';
import { RST_INLINE_RULES } from './inline';

export type Range = [number, number];

export class Emitter {
  /** Where sentences go; a table swaps in its own list so that it can order its cells' sentences. */
  sink: Sentence[] = [];
  private readonly inline: InlineScanner;

  constructor(private readonly doc: string) {
    this.inline = new InlineScanner(doc, RST_INLINE_RULES);
  }

  /** One prose block made of these source ranges, one per line. */
  block(ranges: Range[]): void {
    const builder = new ProseBuilder();
    let previous: Range | undefined;
    for (const range of ranges) {
      if (range[1] <= range[0]) continue;
      if (previous) builder.space(previous[1], range[0]);
      this.inline.scan(range[0], range[1], builder);
      previous = range;
    }
    if (!previous) return;
    for (const sentence of proseSentences(this.doc, builder.build())) this.sink.push(sentence);
  }
}
