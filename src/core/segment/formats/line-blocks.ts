// Shared plumbing for the line-oriented readers (reStructuredText, AsciiDoc): the document as a
// list of lines, and a paragraph accumulator that turns line ranges into prose views.

import { proseSentences } from '../prose/prose-sentences';
import { ProseBuilder } from '../prose/prose-text';
import type { Sentence } from '../types';
import type { InlineScanner } from './inline-scanner';

export interface SourceLine {
  /** Offset of the line's first character. */
  start: number;
  /** Offset after the last non-blank character. */
  end: number;
  /** Number of leading spaces (a tab counts as one). */
  indent: number;
  /** The line without its trailing newline and trailing blanks. */
  text: string;
  blank: boolean;
}

export function sourceLines(doc: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  while (start <= doc.length) {
    let nl = doc.indexOf('\n', start);
    if (nl < 0) nl = doc.length;
    let end = nl;
    while (end > start && /\s/.test(doc[end - 1])) end--;
    let indent = 0;
    while (start + indent < end && (doc[start + indent] === ' ' || doc[start + indent] === '\t')) indent++;
    lines.push({ start, end, indent, text: doc.slice(start, end), blank: indent === end - start });
    if (nl >= doc.length) break;
    start = nl + 1;
  }
  return lines;
}

/** Collects the content ranges of one block and emits its sentences. */
export class BlockCollector {
  readonly sentences: Sentence[] = [];
  private ranges: Array<[number, number]> = [];

  constructor(
    private readonly doc: string,
    private readonly inline: InlineScanner,
  ) {}

  get open(): boolean {
    return this.ranges.length > 0;
  }

  /** The last range added, so a reader can trim markup such as a trailing "::". */
  get last(): [number, number] | undefined {
    return this.ranges[this.ranges.length - 1];
  }

  add(start: number, end: number): void {
    if (end > start) this.ranges.push([start, end]);
  }

  /** Ends the current block. */
  flush(): void {
    if (this.ranges.length === 0) return;
    const builder = new ProseBuilder();
    this.ranges.forEach(([s, e], k) => {
      if (k > 0) builder.space(this.ranges[k - 1][1], s);
      this.inline.scan(s, e, builder);
    });
    this.ranges = [];
    for (const sentence of proseSentences(this.doc, builder.build())) this.sentences.push(sentence);
  }

  /** A single range as a block of its own. */
  single(start: number, end: number): void {
    this.flush();
    this.add(start, end);
    this.flush();
  }
}
