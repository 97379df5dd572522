// A small engine for reading inline markup of line-oriented formats (reStructuredText,
// AsciiDoc): text is copied verbatim until a character that may start markup, where each rule
// gets a chance to recognize a construct and describe what the reader sees instead. Rules look
// for closing delimiters through ForwardFinder, so scanning stays linear however many unclosed
// delimiters a line has.

import type { ProseBuilder } from '../prose/prose-text';
import { ForwardFinder } from '../text/forward-finder';

export interface InlineContext {
  readonly doc: string;
  readonly builder: ProseBuilder;
  /** Next occurrence of token at or after pos, if it lies before end. */
  next(token: string, pos: number, end: number): number;
  /** Reads [start, end) with the same rules (for the text inside a link or emphasis). */
  inner(start: number, end: number): void;
}

export interface InlineMatch {
  /** Index just after the construct. */
  end: number;
  /** Adds what the reader sees for the construct; called after preceding text is added. */
  emit(): void;
}

export interface InlineRule {
  /** Characters at which the rule may match. */
  starts: string;
  /** Recognizes a construct at i, or returns null. Must not touch the builder itself. */
  match(ctx: InlineContext, i: number, end: number): InlineMatch | null;
}

const MAX_NESTING = 8;

export class InlineScanner {
  private readonly finders = new Map<string, ForwardFinder>();
  private readonly startChars: Set<string>;
  private depth = 0;

  constructor(
    private readonly doc: string,
    private readonly rules: InlineRule[],
  ) {
    this.startChars = new Set(rules.flatMap((r) => [...r.starts]));
  }

  /** Adds the prose of doc[start, end) to the builder. */
  scan(start: number, end: number, builder: ProseBuilder): void {
    const { doc } = this;
    const ctx: InlineContext = {
      doc,
      builder,
      next: (token, pos, stop) => {
        let finder = this.finders.get(token);
        if (!finder) this.finders.set(token, (finder = new ForwardFinder(doc, token)));
        const found = finder.next(pos);
        return found >= 0 && found < stop ? found : -1;
      },
      inner: (s, e) => {
        if (this.depth >= MAX_NESTING) {
          builder.text(s, doc.slice(s, e));
          return;
        }
        this.depth++;
        this.scan(s, e, builder);
        this.depth--;
      },
    };
    let textStart = start;
    let i = start;
    while (i < end) {
      if (!this.startChars.has(doc[i])) {
        i++;
        continue;
      }
      let found: InlineMatch | null = null;
      for (const rule of this.rules) {
        if (rule.starts.includes(doc[i]) && (found = rule.match(ctx, i, end))) break;
      }
      if (!found) {
        i++;
        continue;
      }
      if (textStart < i) builder.text(textStart, doc.slice(textStart, i));
      found.emit();
      i = Math.max(found.end, i + 1);
      textStart = i;
    }
    if (textStart < end) builder.text(textStart, doc.slice(textStart, end));
  }
}
