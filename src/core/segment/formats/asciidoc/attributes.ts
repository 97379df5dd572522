// Document attributes as a reader meets them: an attribute entry (":name: value") defines a value
// from that point on, and a reference ("{name}") reads as the value. Built-in character
// attributes ({nbsp}, {amp}, ...) are known; a reference to an attribute the document does not
// define (one set by the build) stays as written, as Asciidoctor leaves it by default.

import { delimited, linkText } from '../inline-rules';
import type { InlineRule } from '../inline-scanner';

const BUILT_IN: Record<string, string> = {
  amp: '&',
  apos: "'",
  asterisk: '*',
  backslash: '\\',
  backtick: '`',
  blank: '',
  brvbar: '¦',
  caret: '^',
  cpp: 'C++',
  cxx: 'C++',
  deg: '°',
  empty: '',
  endsb: ']',
  gt: '>',
  ldquo: '“',
  lsquo: '‘',
  lt: '<',
  nbsp: ' ',
  plus: '+',
  pp: '++',
  quot: '"',
  rdquo: '”',
  rsquo: '’',
  sp: ' ',
  startsb: '[',
  tilde: '~',
  'two-colons': '::',
  'two-semicolons': ';;',
  vbar: '|',
  zwsp: '',
};
const REFERENCE = /^\{([\p{L}\p{N}_][\p{L}\p{N}_-]*)\}/u;
/** A value that starts a link target: "{url-repo}/blob/main/x.adoc[text]" is a link. */
const LINK_VALUE = /^(?:(?:https?|ftp|irc|mailto|file):|link:)\S*$/;

export class DocumentAttributes {
  private readonly values = new Map<string, string>(Object.entries(BUILT_IN));
  /** Compatibility mode (a document whose title is underlined): 'text' is emphasis. */
  compat = false;

  /**
   * Applies an attribute entry: name as written (with "!" to unset) and its value. Every branch
   * of a conditional is read, so an entry in one does not override a value already set.
   */
  define(rawName: string, value: string, conditional = false): void {
    const unset = rawName.startsWith('!') || rawName.endsWith('!');
    const name = rawName.replace(/^!|!$/g, '').toLowerCase();
    if (conditional && this.values.has(name)) return;
    if (unset) this.values.delete(name);
    else this.values.set(name, this.substitute(value));
    if (name === 'compat-mode') this.compat = !unset;
  }

  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }

  /** A value with the references to known attributes replaced, as Asciidoctor does on assignment. */
  private substitute(value: string): string {
    return value.replace(/\{([\p{L}\p{N}_][\p{L}\p{N}_-]*)\}/gu, (ref, name: string) => this.get(name) ?? ref);
  }
}

/** "{name}": the attribute's value; a URL value followed by "[text]" is a link that reads as the text. */
export function attributeReference(attributes: DocumentAttributes): InlineRule {
  return {
    starts: '{',
    match(ctx, i, end) {
      const m = REFERENCE.exec(ctx.doc.slice(i, i + 80));
      const value = m ? attributes.get(m[1]) : undefined;
      if (!m || value === undefined) return null;
      const refEnd = i + m[0].length;
      if (LINK_VALUE.test(value)) {
        let targetEnd = refEnd;
        while (targetEnd < end && !/[\s[\]]/.test(ctx.doc[targetEnd])) targetEnd++;
        const close = ctx.doc[targetEnd] === '[' ? ctx.next(']', targetEnd, end) : -1;
        if (close > targetEnd + 1)
          return { end: close + 1, emit: () => linkText(ctx, targetEnd + 1, close, i, close + 1) };
        const url = value + ctx.doc.slice(refEnd, targetEnd);
        return { end: targetEnd, emit: () => ctx.builder.replaced(url, i, targetEnd, 'url') };
      }
      return {
        end: refEnd,
        emit: () => {
          if (value.trim() === '') {
            if (value === '') ctx.builder.gap();
            else ctx.builder.space(i, refEnd);
          } else ctx.builder.replaced(value, i, refEnd, 'symbol');
        },
      };
    },
  };
}

/** Compatibility mode's quotes: 'text' is emphasis and ``text'' is quoted text. */
export function compatQuotes(attributes: DocumentAttributes): InlineRule[] {
  return [delimited('``', "''", 'text', false), delimited("'", "'", 'text', true)].map((rule) => ({
    ...rule,
    match: (ctx, i, end) => (attributes.compat ? rule.match(ctx, i, end) : null),
  }));
}
