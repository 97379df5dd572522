// Building blocks for InlineScanner rules shared by the reStructuredText and AsciiDoc readers.

import type { InlineContext, InlineMatch, InlineRule } from './inline-scanner';

const WORD = /[\p{L}\p{N}]/u;

function isWordAt(doc: string, i: number): boolean {
  return i >= 0 && i < doc.length && WORD.test(doc[i]);
}
function isSpaceAt(doc: string, i: number): boolean {
  return i < 0 || i >= doc.length || /\s/.test(doc[i]);
}

export type Rendering = 'text' | 'code' | 'math' | 'drop';

/** Emits content [s, e) rendered as prose, code, math, or nothing. */
export function render(ctx: InlineContext, rendering: Rendering, s: number, e: number, whole: [number, number]): void {
  const { builder, doc } = ctx;
  if (rendering === 'text') {
    builder.gap();
    if (e > s) ctx.inner(s, e);
    builder.gap();
    builder.wrap({ start: whole[0], end: whole[1], contentStart: s, contentEnd: e });
  } else if (rendering === 'drop' || e <= s) {
    builder.gap();
  } else {
    builder.replaced(doc.slice(s, e), whole[0], whole[1], rendering);
  }
}

/**
 * Markup enclosed by delimiters, such as **strong** or ``code``. A constrained pair must sit at
 * word boundaries ("*a*" but not "a*b*c"); content may not start or end with a space.
 */
export function delimited(
  open: string,
  close: string,
  rendering: Rendering,
  constrained: boolean,
  maxLength = 1000,
): InlineRule {
  return {
    starts: open[0],
    match(ctx, i, end): InlineMatch | null {
      const { doc } = ctx;
      if (!doc.startsWith(open, i)) return null;
      const s = i + open.length;
      if (s >= end || isSpaceAt(doc, s)) return null;
      if (constrained && isWordAt(doc, i - 1)) return null;
      const c = ctx.next(close, s, end);
      if (c < 0 || c === s || c - s > maxLength || isSpaceAt(doc, c - 1)) return null;
      const after = c + close.length;
      if (constrained && isWordAt(doc, after)) return null;
      return { end: after, emit: () => render(ctx, rendering, s, c, [i, after]) };
    },
  };
}

/** A backslash escaping a punctuation character: the character itself. */
export const escape: InlineRule = {
  starts: '\\',
  match(ctx, i, end) {
    const ch = ctx.doc[i + 1];
    if (i + 1 >= end || !/[!-/:-@[-`{-~]/.test(ch)) return null;
    return { end: i + 2, emit: () => ctx.builder.replaced(ch, i, i + 2, 'symbol') };
  },
};

const URL_START = /^(?:https?|ftp|file|irc|mailto):/;

/** A bare URL: never split, not prose; followed by "[text]" (AsciiDoc) it reads as the text. */
export function url(withLinkText: boolean): InlineRule {
  return {
    starts: 'hfim',
    wordStart: true,
    match(ctx, i, end) {
      const { doc } = ctx;
      if (
        isWordAt(doc, i - 1) ||
        !(
          doc.startsWith('http', i) ||
          doc.startsWith('ftp:', i) ||
          doc.startsWith('file:', i) ||
          doc.startsWith('irc:', i) ||
          doc.startsWith('mailto:', i)
        )
      )
        return null;
      if (!URL_START.test(doc.slice(i, i + 8))) return null;
      let e = i;
      while (e < end && !/[\s<>[\]"]/.test(doc[e])) e++;
      if (withLinkText && doc[e] === '[') {
        const close = ctx.next(']', e, end);
        if (close > 0) return { end: close + 1, emit: () => linkText(ctx, e + 1, close, i, close + 1) };
      }
      while (e > i && /[.,;:!?)'*_]/.test(doc[e - 1])) e--;
      if (e - i < 8) return null;
      return { end: e, emit: () => ctx.builder.replaced(doc.slice(i, e), i, e, 'url') };
    },
  };
}

/** "[text]" after a link target: the text, minus AsciiDoc attributes after a comma ("text,window=_blank"). */
export function linkText(ctx: InlineContext, s: number, e: number, wholeStart: number, wholeEnd: number): void {
  const { doc } = ctx;
  let textEnd = e;
  const comma = doc.slice(s, e).search(/,\s*\w+=/);
  if (comma >= 0) textEnd = s + comma;
  if (doc[s] === '"' && doc[textEnd - 1] === '"') {
    s++;
    textEnd--;
  }
  if (textEnd > s) render(ctx, 'text', s, textEnd, [wholeStart, wholeEnd]);
  else ctx.builder.gap();
}
