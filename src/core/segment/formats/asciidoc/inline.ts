// Inline markup of AsciiDoc as a reader sees it: emphasis and monospace keep their text, links
// and cross references read as their text, footnotes, anchors and index terms are dropped,
// keyboard and passthrough macros are code.

import { delimited, escape, linkText, render, url } from '../inline-rules';
import { InlineScanner, type InlineRule } from '../inline-scanner';
import { attributeReference, compatQuotes, type DocumentAttributes } from './attributes';

const LINK_MACRO: InlineRule = {
  starts: 'lmx',
  wordStart: true,
  match(ctx, i, end) {
    if (!macroNameAt(ctx.doc, i)) return null;
    const m = /^(?:link|mailto|xref):([^\s[]*)\[/.exec(ctx.doc.slice(i, i + 300));
    if (!m) return null;
    const s = i + m[0].length;
    const close = ctx.next(']', s, end);
    if (close < 0) return null;
    const target = i + m[0].length - 1 - m[1].length;
    return {
      end: close + 1,
      // Without link text, the reader sees the target itself.
      emit: () =>
        close > s ? linkText(ctx, s, close, i, close + 1) : render(ctx, 'text', target, s - 1, [i, close + 1]),
    };
  },
};

const CODE_MACROS = new Set(['kbd', 'btn', 'pass']);
const MATH_MACROS = new Set(['stem', 'latexmath', 'asciimath']);

/** Inline macros: footnote:[..], image:x[..], kbd:[..], stem:[..], pass:[..] and the like. */
const INLINE_MACRO: InlineRule = {
  starts: 'abcdefghijklmnopqrstuvwxyz',
  wordStart: true,
  match(ctx, i, end) {
    if (!macroNameAt(ctx.doc, i)) return null;
    const m =
      /^(footnote|footnoteref|image|icon|kbd|btn|menu|stem|latexmath|asciimath|pass|indexterm|indexterm2|anchor):([^\s[]*)\[/.exec(
        ctx.doc.slice(i, i + 200),
      );
    if (!m) return null;
    const s = i + m[0].length;
    const close = ctx.next(']', s, end);
    if (close < 0) return null;
    const name = m[1];
    return {
      end: close + 1,
      emit: () => {
        if (CODE_MACROS.has(name)) render(ctx, 'code', s, close, [i, close + 1]);
        else if (MATH_MACROS.has(name)) render(ctx, 'math', s, close, [i, close + 1]);
        else if (name === 'indexterm2') render(ctx, 'text', s, close, [i, close + 1]);
        else ctx.builder.gap();
      },
    };
  },
};

/** Cheap pre-check for "name:" at a word start, so that most words skip the macro regexes. */
function macroNameAt(doc: string, i: number): boolean {
  // The scanner has ruled out an ASCII letter or digit before i; other letters need the test.
  if (doc.charCodeAt(i - 1) >= 0x80 && /[\p{L}\p{N}]/u.test(doc[i - 1])) return false;
  let k = i;
  while (k < doc.length && k - i < 12 && doc.charCodeAt(k) >= 0x61 && doc.charCodeAt(k) <= 0x7a) k++;
  return doc[k] === ':' || (doc[k] === '2' && doc[k + 1] === ':');
}

/** Cross references: <<id>> (nothing to read) and <<id,text>> (the text). */
const XREF: InlineRule = {
  starts: '<',
  match(ctx, i, end) {
    if (!ctx.doc.startsWith('<<', i)) return null;
    const close = ctx.next('>>', i + 2, end);
    if (close < 0 || close - i > 300) return null;
    const comma = ctx.doc.indexOf(',', i + 2);
    return {
      end: close + 2,
      emit: () => {
        if (comma > 0 && comma < close) render(ctx, 'text', comma + 1, close, [i, close + 2]);
        else ctx.builder.gap();
      },
    };
  },
};

/** Inline anchors [[id]] and role attributes [.role] before #text#. */
const INLINE_ATTRIBUTES: InlineRule = {
  starts: '[',
  match(ctx, i) {
    const m = /^(?:\[\[\[?[\w:.-]+(?:,[^\]]*)?\]\]\]?|\[[.#%][\w. -]*\](?=#))/.exec(ctx.doc.slice(i, i + 120));
    return m ? { end: i + m[0].length, emit: () => ctx.builder.gap() } : null;
  },
};

const RULES: InlineRule[] = [
  escape,
  INLINE_ATTRIBUTES,
  delimited('``', '``', 'code', false),
  delimited('`+', '+`', 'code', true),
  delimited('`', '`', 'code', true),
  delimited('+++', '+++', 'code', false),
  delimited('++', '++', 'code', false),
  delimited('+', '+', 'code', true),
  delimited('**', '**', 'text', false),
  delimited('*', '*', 'text', true),
  delimited('__', '__', 'text', false),
  delimited('_', '_', 'text', true),
  delimited('##', '##', 'text', false),
  delimited('#', '#', 'text', true),
  delimited('(((', ')))', 'drop', false),
  delimited('((', '))', 'text', false),
  XREF,
  LINK_MACRO,
  INLINE_MACRO,
  url(true),
];

export function asciidocInlineScanner(doc: string, attributes: DocumentAttributes): InlineScanner {
  // Compatibility quotes go first: "``" opens quoted text there, not code.
  return new InlineScanner(doc, [...compatQuotes(attributes), ...RULES, attributeReference(attributes)]);
}
