// Turns the line ranges of one prose block (a paragraph, a title, a term, a table cell) into
// sentences through the inline reader and the sentence splitter.

import { proseSentences } from '../../prose/prose-sentences';
import { type PieceKind, ProseBuilder } from '../../prose/prose-text';
import type { Sentence } from '../../types';
import { InlineScanner } from '../inline-scanner';
import { RST_INLINE_RULES } from './inline';

export type Range = [number, number];

/**
 * A prose builder for a run of consecutive lines scanned at once, so that inline markup may span
 * lines (``a\n   b``, `link\n   <url>`_): each line break with the indentation around it reads as
 * one space, as it did when lines were scanned one by one.
 */
class LineJoiningBuilder extends ProseBuilder {
  override text(srcStart: number, value: string): void {
    let from = 0;
    for (let nl = value.indexOf('\n'); nl >= 0; nl = value.indexOf('\n', nl + 1)) {
      let a = nl;
      while (a > from && isSpace(value.charCodeAt(a - 1))) a--;
      let b = nl + 1;
      while (b < value.length && isSpace(value.charCodeAt(b))) b++;
      if (a > from) super.text(srcStart + from, value.slice(from, a));
      super.space(srcStart + a, srcStart + b);
      from = b;
      nl = b - 1;
    }
    if (from < value.length) super.text(srcStart + from, from === 0 ? value : value.slice(from));
  }

  /** Inline code or a URL spanning lines: the line break is a space in it too. */
  override replaced(value: string, srcStart: number, srcEnd: number, kind: PieceKind): void {
    super.replaced(value.includes('\n') ? value.replace(/[ \t\r]*\n[ \t]*/g, ' ') : value, srcStart, srcEnd, kind);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c;
}

export class Emitter {
  /** Where sentences go; a table swaps in its own list so that it can order its cells' sentences. */
  sink: Sentence[] = [];
  private readonly inline: InlineScanner;

  constructor(private readonly doc: string) {
    this.inline = new InlineScanner(doc, RST_INLINE_RULES);
  }

  /** One prose block made of these source ranges, one per line. */
  block(ranges: Range[]): void {
    const builder = new LineJoiningBuilder();
    let previous: Range | undefined;
    for (const range of this.joinLines(ranges)) {
      if (previous) builder.space(previous[1], range[0]);
      this.inline.scan(range[0], range[1], builder);
      previous = range;
    }
    if (!previous) return;
    for (const sentence of proseSentences(this.doc, builder.build())) this.sink.push(sentence);
  }

  /** Consecutive ranges with only white space between them (a paragraph's lines) as one range. */
  private joinLines(ranges: Range[]): Range[] {
    const out: Range[] = [];
    for (const range of ranges) {
      if (range[1] <= range[0]) continue;
      const last = out[out.length - 1];
      if (last && last[1] <= range[0] && this.onlySpaceBetween(last[1], range[0])) last[1] = range[1];
      else out.push([range[0], range[1]]);
    }
    return out;
  }

  private onlySpaceBetween(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.doc.charCodeAt(i);
      if (c !== 0x0a && !isSpace(c)) return false;
    }
    return true;
  }
}
