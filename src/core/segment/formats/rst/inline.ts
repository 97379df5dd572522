// Inline markup of reStructuredText as the reader sees it: ``literals`` and literal roles
// (:file:, :kbd:, ...) are code, :math: is math, object references (:class:, :c:func:, ...) are
// the object's name, other roles, `interpreted text`, `links <url>`_ and *emphasis* are their
// text, reference and footnote markers ("word_", "[1]_") vanish.

import { delimited, escape, render, url } from '../inline-rules';
import type { InlineContext, InlineRule } from '../inline-scanner';

/** Roles whose content is literal text: code, file names, commands, keys. */
const LITERAL_ROLES =
  /^(?:code|literal|file|samp|command|program|option|envvar|kbd|regexp|makevar|mimetype|(?:rst:)?dir)$/;

/**
 * Cross-references to API objects (:class:`Foo`, :c:func:`kmalloc`): the reader sees the object's
 * name, a word of the sentence that is never split inside ("os.path.join").
 */
const OBJECT_ROLES =
  /^(?:(?:py|c|cpp|js|rst|std|php|rb|go|rust):)?(?:func|meth|class|attr|mod|obj|data|const|exc|member|var|type|macro|struct|union|enum|enumerator|function|directive|role|expr|texpr|concept|property|confval|opt)$/;

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
        const [ts, te] = titleOf(ctx.doc, s, close);
        if (OBJECT_ROLES.test(role)) objectName(ctx, ts, te, [i, close + 1]);
        else render(ctx, role === 'math' ? 'math' : LITERAL_ROLES.test(role) ? 'code' : 'text', ts, te, [i, close + 1]);
      },
    };
  },
};

/** The name Sphinx shows for an object reference: "~a.b.C" shows "C", "!name" shows "name". */
function objectName(ctx: InlineContext, s: number, e: number, whole: [number, number]): void {
  let name = ctx.doc.slice(s, e).replace(/\s+/g, ' ');
  if (name.startsWith('!')) name = name.slice(1);
  if (name.startsWith('~')) name = name.slice(name.lastIndexOf('.') + 1);
  if (name.length === 0) ctx.builder.gap();
  else ctx.builder.replaced(name, whole[0], whole[1], 'symbol');
}

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
