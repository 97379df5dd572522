// Inline markup of reStructuredText as the reader sees it: ``literals`` and code roles are code,
// :math: is math, other roles, `interpreted text`, `links <url>`_ and *emphasis* are their text,
// reference and footnote markers ("word_", "[1]_") vanish.

import { delimited, escape, render, url } from '../inline-rules';
import type { InlineRule } from '../inline-scanner';

/** Roles whose content is code rather than prose. */
const CODE_ROLES = /^(?:code|literal|file|samp|command|program|option|envvar|kbd|regexp|(?:py|c|cpp|js|rst|std)?:?(?:func|meth|class|attr|mod|obj|data|const|exc|member|var|type|macro|struct|enum|function|directive|role))$/;

const ROLE: InlineRule = {
  starts: ':',
  match(ctx, i, end) {
    const m = /^:([\w.:+-]+):`/.exec(ctx.doc.slice(i, Math.min(end, i + 40)));
    if (!m) return null;
    const s = i + m[0].length;
    const close = ctx.next('`', s, end);
    if (close <= s) return null;
    const role = m[1];
    return {
      end: close + 1,
      emit: () => {
        const content = titleOf(ctx.doc, s, close);
        const rendering = role === 'math' ? 'math' : CODE_ROLES.test(role) ? 'code' : 'text';
        render(ctx, rendering, content[0], content[1], [i, close + 1]);
      },
    };
  },
};

/** `interpreted text`, `link <url>`_, `reference`_ and `text`:role:. */
const INTERPRETED: InlineRule = {
  starts: '`',
  match(ctx, i, end) {
    const { doc } = ctx;
    if (doc[i + 1] === '`') return null;
    const s = i + 1;
    const close = ctx.next('`', s, end);
    if (close <= s) return null;
    let after = close + 1;
    const suffix = /^(?:__?|:[\w.:+-]+:)/.exec(doc.slice(after, Math.min(end, after + 40)));
    if (suffix) after += suffix[0].length;
    return {
      end: after,
      emit: () => {
        const [ts, te] = titleOf(doc, s, close);
        render(ctx, 'text', ts, te, [i, after]);
      },
    };
  },
};

/** "word_" and "word__": a reference; the underscores are markup. */
const REFERENCE: InlineRule = {
  starts: '_',
  match(ctx, i, end) {
    const { doc } = ctx;
    if (doc[i + 1] === '`') {
      // _`inline target`: starts like any inline markup, not inside a word.
      if (/[\p{L}\p{N}]/u.test(doc[i - 1] ?? '')) return null;
      const close = ctx.next('`', i + 2, end);
      if (close < 0) return null;
      return { end: close + 1, emit: () => render(ctx, 'text', i + 2, close, [i, close + 1]) };
    }
    if (!/[\p{L}\p{N}]/u.test(doc[i - 1] ?? '')) return null;
    const after = doc[i + 1] === '_' ? i + 2 : i + 1;
    if (/[\p{L}\p{N}_]/u.test(doc[after] ?? '')) return null;
    return { end: after, emit: () => ctx.builder.gap() };
  },
};

/** Footnote and citation references: [1]_, [#note]_, [CIT2002]_. */
const FOOTNOTE_REFERENCE: InlineRule = {
  starts: '[',
  match(ctx, i, end) {
    const m = /^\[(?:#?[\w-]*|\*|\d+)\]_/.exec(ctx.doc.slice(i, Math.min(end, i + 60)));
    return m ? { end: i + m[0].length, emit: () => ctx.builder.gap() } : null;
  },
};

export const RST_INLINE_RULES: InlineRule[] = [
  escape,
  delimited('``', '``', 'code', true),
  ROLE,
  INTERPRETED,
  delimited('**', '**', 'text', true),
  delimited('*', '*', 'text', true),
  delimited('|', '|', 'text', true),
  FOOTNOTE_REFERENCE,
  REFERENCE,
  url(false),
];

/** For "Title <target>" the title; otherwise the whole content. */
function titleOf(doc: string, s: number, e: number): [number, number] {
  const m = /\s*<[^<>]*>$/.exec(doc.slice(s, e));
  return m && m.index > 0 ? [s, s + m.index] : [s, e];
}
