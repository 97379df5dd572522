// Low-level LaTeX scanning: positions of comments, groups, arguments and inline verbatim. Every
// function here only moves forward from the position it is given, and look-ups of closing tokens
// go through ForwardFinder, so a whole read stays linear in the length of the document.

import { ForwardFinder } from '../../text/forward-finder';

/** A mandatory argument: a {group} (content without the braces) or a single token. */
export interface Argument {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  braced: boolean;
}

/** Commands whose argument is read verbatim, like \verb: \lstinline|x|, \mintinline{c}{x}, \url{a%b}. */
const INLINE_VERBATIM = new Set(['verb', 'Verb', 'lstinline', 'mintinline', 'spverb', 'qverb', 'pverb']);

/** No inline verbatim (\verb|..|, |..|) is longer than this; a longer one counts as unclosed. */
const MAX_INLINE_VERBATIM = 2000;

export class LatexScanner {
  private readonly finders = new Map<string, ForwardFinder>();
  /** Characters made "short verbatim" by \MakeShortVerb{\|} and friends: |\foo| is code. */
  readonly shortVerb = new Set<string>();
  /** Inline verbatim commands defined by the document (\newmintinline). */
  readonly inlineVerbatim = new Set(INLINE_VERBATIM);

  constructor(readonly doc: string) {}

  find(token: string, from: number): number {
    let finder = this.finders.get(token);
    if (!finder) this.finders.set(token, (finder = new ForwardFinder(this.doc, token)));
    return finder.next(from);
  }

  /** First occurrence of token in [from, to), or -1. */
  findBefore(token: string, from: number, to: number): number {
    const at = this.find(token, from);
    return at < 0 || at + token.length > to ? -1 : at;
  }

  /** Index of the newline ending the line at i (or `to`). */
  lineEnd(i: number, to: number): number {
    const nl = this.find('\n', i);
    return nl < 0 || nl > to ? to : nl;
  }

  /** If the newline at i starts a blank line, the index after the blank lines; otherwise -1. */
  blankLineEnd(i: number, to: number): number {
    const { doc } = this;
    let p = i + 1;
    while (p < to && (doc[p] === ' ' || doc[p] === '\t' || doc[p] === '\r')) p++;
    if (p < to && doc[p] !== '\n') return -1;
    if (p >= to) return to;
    while (p < to && /\s/.test(doc[p])) p++;
    return p;
  }

  /** Skips spaces and tabs, and one line break unless it starts a blank line (TeX's argument spacing). */
  skipSpaces(k: number, to: number): number {
    const { doc } = this;
    let p = k;
    while (p < to && (doc[p] === ' ' || doc[p] === '\t' || doc[p] === '\r')) p++;
    if (doc[p] === '\n' && this.blankLineEnd(p, to) < 0) {
      p++;
      while (p < to && (doc[p] === ' ' || doc[p] === '\t' || doc[p] === '\r')) p++;
    }
    return p;
  }

  /** The end of the command name that starts at i (a backslash): "\foo*" gives the index after "foo". */
  nameEnd(i: number, to: number): number {
    let k = i + 1;
    while (k < to && isLetter(this.doc.charCodeAt(k))) k++;
    return k === i + 1 ? Math.min(i + 2, to) : k;
  }

  /** Index just past the group opened at k ("{" or "["), or `to` if it never closes. */
  skipGroup(k: number, to: number): number {
    const { doc } = this;
    const open = doc[k];
    const close = open === '[' ? ']' : '}';
    let depth = 0;
    for (let p = k; p < to; p++) {
      const c = doc[p];
      if (c === '\\') p = this.skipEscape(p, to) - 1;
      else if (c === '%') p = this.lineEnd(p, to) - 1;
      else if (this.shortVerb.has(c)) p = this.shortVerbEnd(p, to) - 1;
      else if (c === open || (open === '[' && c === '{')) depth++;
      else if (c === close || (open === '[' && c === '}')) {
        depth--;
        if (depth === 0) return p + 1;
      }
    }
    return to;
  }

  /** Skips "\x" at p, and a whole \verb|..| when it is one (braces inside it do not count). */
  private skipEscape(p: number, to: number): number {
    const k = this.nameEnd(p, to);
    const name = this.doc.slice(p + 1, k);
    if (name === 'verb' || name === 'Verb' || name === 'lstinline') return this.inlineVerbatimSpan(k, to, name).end;
    return k;
  }

  /** A {group} that is read raw, as \url reads it: no comments, nested braces balanced. */
  skipRawGroup(k: number, to: number): number {
    const { doc } = this;
    let depth = 0;
    for (let p = k; p < to; p++) {
      const c = doc[p];
      if (c === '\\' && (doc[p + 1] === '{' || doc[p + 1] === '}' || doc[p + 1] === '%')) p++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return p + 1;
      else if (c === '\n' && this.blankLineEnd(p, to) >= 0) return p;
    }
    return to;
  }

  /** Skips optional [..] arguments (and the spaces before them). */
  skipOptional(k: number, to: number): number {
    for (;;) {
      const p = this.skipSpaces(k, to);
      if (this.doc[p] !== '[') return k;
      k = this.skipGroup(p, to);
    }
  }

  /** Skips an optional "*" right after a command name. */
  skipStar(k: number): number {
    return this.doc[k] === '*' ? k + 1 : k;
  }

  /** The mandatory argument at k: a {group} or a single token ("\newcommand\foo", "\cmd\x"); null if none. */
  argument(k: number, to: number): Argument | null {
    const { doc } = this;
    const p = this.skipSpaces(k, to);
    if (p >= to) return null;
    const c = doc[p];
    if (c === '{') {
      const end = this.skipGroup(p, to);
      const closed = doc[end - 1] === '}' && end > p + 1;
      return { start: p, end, contentStart: p + 1, contentEnd: closed ? end - 1 : end, braced: true };
    }
    if (c === '}' || c === '%' || c === '\n') return null;
    const end = c === '\\' ? this.nameEnd(p, to) : p + 1;
    return { start: p, end, contentStart: p, contentEnd: end, braced: false };
  }

  /** Skips optional arguments and up to `required` {..} arguments (only braced ones: "\url x" takes none). */
  skipArguments(k: number, to: number, required: number): number {
    const { doc } = this;
    let taken = 0;
    for (;;) {
      const p = this.skipSpaces(k, to);
      if (doc[p] === '[') k = this.skipGroup(p, to);
      else if (doc[p] === '{' && taken < required) {
        k = this.skipGroup(p, to);
        taken++;
      } else return k;
    }
  }

  /** Skips `count` mandatory arguments, braced or single tokens, with optional ones between. */
  skipTokenArguments(k: number, to: number, count: number): number {
    for (let n = 0; n < count; n++) {
      k = this.skipOptional(k, to);
      const arg = this.argument(k, to);
      if (!arg) return k;
      k = arg.end;
    }
    return k;
  }

  /**
   * The delimited content of an inline verbatim command whose name ends at k: \verb|x|, \verb*+x+,
   * \lstinline[style]{x}, \mintinline{lang}{x}. Content never runs past the end of the line.
   */
  inlineVerbatimSpan(k: number, to: number, name: string): { contentStart: number; contentEnd: number; end: number } {
    const { doc } = this;
    let p = this.skipStar(k);
    if (name !== 'verb') p = this.skipOptional(p, to);
    if (name === 'mintinline' && doc[p] === '{') p = this.skipGroup(p, to);
    while (name !== 'verb' && p < to && doc[p] === ' ') p++;
    const open = doc[p];
    // "}" closes a group around the command ("\newcommand\code{\lstinline[style]}" makes an alias):
    // it is never a delimiter, and taking it for one would unbalance the group.
    if (p >= to || open === undefined || /\s/.test(open) || open === '}')
      return { contentStart: p, contentEnd: p, end: p };
    const lineEnd = this.lineEnd(p, to);
    if (open === '{') {
      const end = Math.min(this.skipRawGroup(p, to), lineEnd);
      return { contentStart: p + 1, contentEnd: doc[end - 1] === '}' ? end - 1 : end, end };
    }
    const close = this.indexInLine(open, p + 1, lineEnd);
    if (close < 0) return { contentStart: p + 1, contentEnd: lineEnd, end: lineEnd };
    return { contentStart: p + 1, contentEnd: close, end: close + 1 };
  }

  /** End of a short verbatim run |..| that opens at p (the same line only). */
  shortVerbEnd(p: number, to: number): number {
    const close = this.indexInLine(this.doc[p], p + 1, this.lineEnd(p, to));
    return close < 0 ? p + 1 : close + 1;
  }

  /**
   * Index of ch in [from, lineEnd), or -1. Looks at most MAX_INLINE_VERBATIM characters ahead, so
   * that unclosed delimiters on one huge line stay linear.
   */
  private indexInLine(ch: string, from: number, lineEnd: number): number {
    const limit = Math.min(lineEnd, from + MAX_INLINE_VERBATIM);
    for (let q = from; q < limit; q++) if (this.doc[q] === ch) return q;
    return -1;
  }
}

export function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x40;
}
