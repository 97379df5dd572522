// Where the block parser puts prose: each call is one block (a paragraph, a title, a cell) given
// as source ranges, one per line. A list item's own text is held back until the parser knows
// whether the paragraph after it continues it (Asciidoctor folds such a paragraph into the item).
// Lines separated by nothing but a line break are read as one stretch of text, because inline
// markup may span the lines of a paragraph ("``quoted\ntext''", "link:x[two\nlines]").

import { proseSentences } from '../../prose/prose-sentences';
import { ProseBuilder } from '../../prose/prose-text';
import type { Sentence } from '../../types';
import type { InlineScanner } from '../inline-scanner';
import type { DocumentAttributes } from './attributes';
import { asciidocInlineScanner } from './inline';
import type { Line } from './source';

export type Range = readonly [number, number];

export class ProseSink {
  private readonly inline: InlineScanner;
  private readonly found: Sentence[] = [];
  private held: Range[] | null = null;

  constructor(
    private readonly doc: string,
    attributes: DocumentAttributes,
  ) {
    this.inline = asciidocInlineScanner(doc, attributes);
  }

  get sentences(): Sentence[] {
    this.release();
    return this.found;
  }

  /** One block of prose. */
  block(ranges: readonly Range[]): void {
    this.release();
    this.emit(ranges);
  }

  /** Lines of a paragraph as one block. */
  lines(lines: readonly Line[]): void {
    this.block(lines.map((l) => this.lineRange(l)));
  }

  /** Holds a list item's text until fold() or release(). */
  hold(ranges: Range[]): void {
    this.release();
    this.held = ranges;
  }

  /** A paragraph that continues the held list item text, if any. */
  fold(lines: readonly Line[]): void {
    const held = this.held ?? [];
    this.held = null;
    this.emit([...held, ...lines.map((l) => this.lineRange(l))]);
  }

  release(): void {
    if (this.held) {
      const held = this.held;
      this.held = null;
      this.emit(held);
    }
  }

  /** A line's text without its indentation and without a trailing " +" (a hard line break). */
  lineRange(line: Line): Range {
    let start = line.start;
    while (start < line.end && (this.doc[start] === ' ' || this.doc[start] === '\t')) start++;
    let end = line.end;
    if (end - start >= 2 && this.doc[end - 1] === '+' && this.doc[end - 2] === ' ') end -= 2;
    return [start, end];
  }

  private emit(ranges: readonly Range[]): void {
    const stretches = this.joinLineBreaks(ranges);
    if (stretches.length === 0) return;
    const builder = new ProseBuilder();
    stretches.forEach(([s, e], k) => {
      if (k > 0) builder.space(stretches[k - 1][1], s);
      this.inline.scan(s, e, builder);
    });
    for (const sentence of proseSentences(this.doc, builder.build())) this.found.push(sentence);
  }

  /** Non-empty ranges, with those that only whitespace separates joined into one. */
  private joinLineBreaks(ranges: readonly Range[]): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const [s, e] of ranges) {
      if (e <= s) continue;
      const last = out[out.length - 1];
      if (last && last[1] <= s && /^\s*$/.test(this.doc.slice(last[1], s))) last[1] = e;
      else out.push([s, e]);
    }
    return out;
  }
}
