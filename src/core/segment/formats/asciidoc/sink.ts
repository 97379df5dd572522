// Where the block parser puts prose: each call is one block (a paragraph, a title, a cell) given
// as source ranges, one per line. A list item's own text is held back until the parser knows
// whether the paragraph after it continues it (Asciidoctor folds such a paragraph into the item).

import { BlockCollector } from '../line-blocks';
import { asciidocInlineScanner } from './inline';
import type { Line } from './source';

export type Range = readonly [number, number];

export class ProseSink {
  private readonly collector: BlockCollector;
  private held: Range[] | null = null;

  constructor(private readonly doc: string) {
    this.collector = new BlockCollector(doc, asciidocInlineScanner(doc));
  }

  get sentences() {
    this.release();
    return this.collector.sentences;
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
    for (const [s, e] of ranges) this.collector.add(s, e);
    this.collector.flush();
  }
}
