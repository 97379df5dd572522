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
  /** The rule only matches at the start of a word (not after a letter or digit). */
  wordStart?: boolean;
  /** Recognizes a construct at i, or returns null. Must not touch the builder itself. */
  match(ctx: InlineContext, i: number, end: number): InlineMatch | null;
}

const MAX_NESTING = 8;

export class InlineScanner {
  private readonly finders = new Map<string, ForwardFinder>();
  /** Rules by the character they start at, in priority order. */
  private readonly byChar = new Map<string, InlineRule[]>();
  /** Characters whose rules all need a word start: skipped inside words without trying them. */
  private readonly wordStartOnly = new Set<string>();
  private depth = 0;

  constructor(
    private readonly doc: string,
    rules: InlineRule[],
  ) {
    for (const rule of rules) {
      for (const ch of rule.starts) {
        const list = this.byChar.get(ch);
        if (list) list.push(rule);
        else this.byChar.set(ch, [rule]);
      }
    }
    for (const [ch, list] of this.byChar) if (list.every((r) => r.wordStart)) this.wordStartOnly.add(ch);
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
      const ch = doc[i];
      const rules = this.byChar.get(ch);
      if (!rules || (this.wordStartOnly.has(ch) && i > 0 && isWordCode(doc.charCodeAt(i - 1)))) {
        i++;
        continue;
      }
      let found: InlineMatch | null = null;
      for (const rule of rules) {
        if ((found = rule.match(ctx, i, end))) break;
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

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
