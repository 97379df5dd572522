// LaTeX: a single-pass reader that keeps prose and drops markup. It reads only the document body
// (after \begin{document} when there is one), skips comments, math, code and data environments,
// citations and references, keeps the text inside styling commands, and reads section titles,
// captions and footnotes as blocks of their own. Blank lines, \par, \item and environment
// boundaries separate sentences. Unterminated groups and environments run to the end instead of
// throwing.

import { proseSentences } from '../../prose/prose-sentences';
import { ProseBuilder } from '../../prose/prose-text';
import { ForwardFinder } from '../../text/forward-finder';
import type { Sentence } from '../../types';
import {
  ACCENTS,
  DROPPED,
  FLOAT_ENVIRONMENTS,
  PARAGRAPH_BREAKS,
  SECTIONS,
  SEPARATE_PROSE,
  SKIP_FIRST_ARGUMENT,
  SKIPPED_ENVIRONMENTS,
  SYMBOLS,
  TITLED_ENVIRONMENTS,
} from './commands';

/** Math environments sit inside a paragraph ("we have \begin{equation}..\end{equation} where"). */
const INLINE_ENVIRONMENTS = /^(equation|align|alignat|flalign|gather|multline|eqnarray|math|displaymath|dmath|dgroup|split)\*?$/;
const MAX_DEPTH = 64;

export function latexSentences(doc: string): Sentence[] {
  const reader = new LatexReader(doc);
  const { start, end } = documentBody(doc);
  reader.read(start, end, 0);
  reader.flush();
  return reader.sentences;
}

/** The text between \begin{document} and \end{document}, or everything when they are absent. */
function documentBody(doc: string): { start: number; end: number } {
  const begin = uncommented(doc, /\\begin\s*\{document\}/g);
  const start = begin ? begin.index + begin[0].length : 0;
  const endRe = /\\end\s*\{document\}/g;
  endRe.lastIndex = start;
  const end = uncommented(doc, endRe);
  return { start, end: end ? end.index : doc.length };
}

function uncommented(doc: string, re: RegExp): RegExpExecArray | null {
  for (let m = re.exec(doc); m; m = re.exec(doc)) {
    const lineStart = doc.lastIndexOf('\n', m.index) + 1;
    if (!/(^|[^\\])(\\\\)*%/.test(doc.slice(lineStart, m.index))) return m;
  }
  return null;
}

class LatexReader {
  readonly sentences: Sentence[] = [];
  private builder = new ProseBuilder();
  private readonly finders = new Map<string, ForwardFinder>();

  constructor(private readonly doc: string) {}

  flush(): void {
    if (this.builder.viewLength > 0) {
      for (const s of proseSentences(this.doc, this.builder.build())) this.sentences.push(s);
    }
    this.builder = new ProseBuilder();
  }

  /** Reads [from, to) as running text. */
  read(from: number, to: number, depth: number): void {
    const { doc } = this;
    const b = () => this.builder;
    let i = from;
    while (i < to) {
      const c = doc[i];
      if (c === '%') {
        i = this.lineEnd(i, to);
        b().gap();
      } else if (c === '\\') {
        i = this.command(i, to, depth);
      } else if (c === '$') {
        i = this.dollarMath(i, to);
      } else if (c === '{' || c === '}') {
        b().gap();
        i++;
      } else if (c === '~') {
        b().space(i, i + 1);
        i++;
      } else if (c === '`') {
        const double = doc[i + 1] === '`';
        b().replaced(double ? '“' : '‘', i, i + (double ? 2 : 1), 'symbol');
        i += double ? 2 : 1;
      } else if (c === "'" && doc[i + 1] === "'") {
        b().replaced('”', i, i + 2, 'symbol');
        i += 2;
      } else if (c === '-' && doc[i + 1] === '-') {
        const em = doc[i + 2] === '-';
        b().replaced(em ? '—' : '–', i, i + (em ? 3 : 2), 'symbol');
        i += em ? 3 : 2;
      } else if (c === '\n') {
        const after = this.blankLineEnd(i, to);
        if (after > 0) {
          this.flush();
          i = after;
        } else {
          // After removed markup (a comment line, a display equation) two newlines can meet in
          // the view; they must not read as a paragraph break.
          if (b().lastChar === '\n') b().space(i, i + 1);
          else b().text(i, '\n');
          i++;
        }
      } else {
        let j = i + 1;
        while (j < to && !isSpecial(doc.charCodeAt(j))) j++;
        b().text(i, doc.slice(i, j));
        i = j;
      }
    }
  }

  /** Handles the command at i ("\name" or "\symbol"); returns where reading continues. */
  private command(i: number, to: number, depth: number): number {
    const { doc } = this;
    const b = this.builder;
    const next = doc[i + 1];
    if (i + 1 >= to) {
      b.gap();
      return i + 1;
    }
    if (!/[A-Za-z@]/.test(next)) return this.controlSymbol(i, to);
    let k = i + 1;
    while (k < to && /[A-Za-z@]/.test(doc[k])) k++;
    const name = doc.slice(i + 1, k);
    if (doc[k] === '*') k++;

    if (name === 'begin') return this.begin(k, to, depth);
    if (name === 'end') {
      this.flush();
      return doc[k] === '{' ? this.skipGroup(k, to) : k;
    }
    if (name === 'iffalse') {
      const fi = this.find('\\fi', k);
      return fi < 0 || fi >= to ? to : fi + 3;
    }
    if (name === 'verb' || name === 'lstinline' || name === 'mintinline') return this.inlineCode(i, k, to, name);
    if (SECTIONS.has(name) || SEPARATE_PROSE.has(name)) {
      if (name === 'captionof') k = this.skipArguments(k, to, 1);
      k = this.skipOptional(k, to);
      if (doc[k] !== '{') return k;
      const end = this.skipGroup(k, to);
      this.separate(k + 1, end - 1, depth);
      return end;
    }
    const arity = DROPPED.get(name);
    if (arity !== undefined) {
      b.gap();
      return this.skipArguments(k, to, arity);
    }
    if (PARAGRAPH_BREAKS.has(name)) {
      this.flush();
      return name === 'item' || name === 'bibitem' ? this.skipOptional(k, to) : k;
    }
    if (Object.prototype.hasOwnProperty.call(SYMBOLS, name)) {
      let end = k;
      if (doc[end] === '{' && doc[end + 1] === '}') end += 2;
      b.replaced(SYMBOLS[name], i, end, 'symbol');
      return end;
    }
    if (name.length === 1 && ACCENTS[name] && (doc[k] === '{' || doc[k] === ' ')) return this.accent(i, k, to, ACCENTS[name]);
    if (SKIP_FIRST_ARGUMENT.has(name)) {
      b.gap();
      return this.skipArguments(k, to, name === 'fcolorbox' ? 2 : 1);
    }
    // Unknown or styling command: drop its name, read its arguments as prose.
    b.gap();
    return k;
  }

  /** "\%", "\\", "\(", "\'e" and the like. */
  private controlSymbol(i: number, to: number): number {
    const { doc } = this;
    const b = this.builder;
    const next = doc[i + 1];
    switch (next) {
      case '\\': {
        b.space(i, i + 2);
        let k = i + 2;
        if (doc[k] === '*') k++;
        return doc[k] === '[' ? this.skipGroup(k, to) : k;
      }
      case '%': case '$': case '&': case '#': case '_': case '{': case '}':
        b.replaced(next, i, i + 2, 'symbol');
        return i + 2;
      case ' ': case '\n': case '\t': case ';': case ':': case '>':
        b.space(i, i + 2);
        return i + 2;
      case '(': case '[': {
        const close = this.find(next === '(' ? '\\)' : '\\]', i + 2);
        const end = close < 0 || close >= to ? to : close + 2;
        if (next === '(') b.replaced(doc.slice(i + 2, Math.max(i + 2, end - 2)).trim(), i, end, 'math');
        else b.gap();
        return end;
      }
      default:
        if (ACCENTS[next]) return this.accent(i, i + 2, to, ACCENTS[next]);
        b.gap();
        return i + 2;
    }
  }

  /** \'e, \'{e}, \c{c}: the letter with its accent, as one symbol. */
  private accent(i: number, k: number, to: number, mark: string): number {
    const { doc } = this;
    let p = k;
    while (p < to && doc[p] === ' ') p++;
    let letter = '';
    let end = p;
    if (doc[p] === '{') {
      const close = doc.indexOf('}', p);
      if (close > p && close < to && close - p <= 4) {
        letter = doc.slice(p + 1, close).replace(/^\\/, '');
        end = close + 1;
      }
    } else if (p < to && /[A-Za-z]/.test(doc[p])) {
      letter = doc[p];
      end = p + 1;
    }
    if (letter === 'i' && doc[p + 1] === '\\') letter = 'i';
    if (letter.length !== 1) {
      this.builder.gap();
      return k;
    }
    this.builder.replaced((letter + mark).normalize('NFC'), i, end, 'symbol');
    return end;
  }

  private begin(k: number, to: number, depth: number): number {
    const { doc } = this;
    const m = /^\s*\{([^{}\n]{1,60})\}/.exec(doc.slice(k, k + 80));
    if (!m) {
      this.builder.gap();
      return k;
    }
    const name = m[1].trim();
    const after = k + m[0].length;
    if (name === 'document') return after;
    const endToken = `\\end{${name}}`;
    if (SKIPPED_ENVIRONMENTS.has(name)) {
      if (INLINE_ENVIRONMENTS.test(name)) this.builder.gap();
      else this.flush();
      const close = this.find(endToken, after);
      return close < 0 || close >= to ? to : close + endToken.length;
    }
    this.flush();
    if (FLOAT_ENVIRONMENTS.has(name)) {
      const close = this.find(endToken, after);
      const bodyEnd = close < 0 || close >= to ? to : close;
      this.captions(after, bodyEnd, depth);
      return bodyEnd === to ? to : bodyEnd + endToken.length;
    }
    if (TITLED_ENVIRONMENTS.has(name)) {
      let p = after;
      while (p < to && (doc[p] === ' ' || doc[p] === '\t')) p++;
      if (doc[p] === '[') {
        const end = this.skipGroup(p, to);
        this.separate(p + 1, end - 1, depth);
        return end;
      }
    }
    return after;
  }

  /** Inside a figure or table: only the captions are prose. */
  private captions(from: number, to: number, depth: number): void {
    const { doc } = this;
    const re = /\\(caption|captionof|subcaption)\*?(?![A-Za-z])/g;
    re.lastIndex = from;
    for (let m = re.exec(doc); m && m.index < to; m = re.exec(doc)) {
      let k = m.index + m[0].length;
      if (m[1] === 'captionof') k = this.skipArguments(k, to, 1);
      k = this.skipOptional(k, to);
      if (doc[k] !== '{') continue;
      const end = this.skipGroup(k, to);
      this.separate(k + 1, end - 1, depth);
      re.lastIndex = end;
    }
  }

  /** Reads a title, caption or footnote as a block of its own. */
  private separate(from: number, to: number, depth: number): void {
    this.flush();
    if (depth < MAX_DEPTH) this.read(from, to, depth + 1);
    this.flush();
  }

  private inlineCode(i: number, k: number, to: number, name: string): number {
    const { doc } = this;
    let p = this.skipOptional(k, to);
    if (name === 'mintinline' && doc[p] === '{') p = this.skipGroup(p, to);
    const open = doc[p];
    if (p >= to || open === undefined || /\s/.test(open)) {
      this.builder.gap();
      return p;
    }
    const closeChar = open === '{' ? '}' : open;
    let close = doc.indexOf(closeChar, p + 1);
    const lineEnd = this.lineEnd(p, to);
    if (close < 0 || close > lineEnd) close = lineEnd;
    this.builder.replaced(doc.slice(p + 1, close), i, Math.min(close + 1, to), 'code');
    return Math.min(close + 1, to);
  }

  /** "$x$" is inline math (kept, unsplittable); "$$x$$" is display math (dropped). */
  private dollarMath(i: number, to: number): number {
    const { doc } = this;
    if (doc[i + 1] === '$') {
      const close = this.find('$$', i + 2);
      this.builder.gap();
      return close < 0 || close >= to ? to : close + 2;
    }
    for (let j = i + 1; j < to && j - i < 4000; j++) {
      const c = doc[j];
      if (c === '\\') j++;
      else if (c === '$') {
        this.builder.replaced(doc.slice(i + 1, j).trim(), i, j + 1, 'math');
        return j + 1;
      } else if (c === '\n' && this.blankLineEnd(j, to) > 0) break;
    }
    this.builder.text(i, '$');
    return i + 1;
  }

  /** Skips optional [..] arguments (and the spaces before them). */
  private skipOptional(k: number, to: number): number {
    const { doc } = this;
    for (;;) {
      let p = k;
      while (p < to && (doc[p] === ' ' || doc[p] === '\t')) p++;
      if (doc[p] !== '[') return k;
      k = this.skipGroup(p, to);
    }
  }

  /** Skips optional arguments and up to `required` {..} arguments. */
  private skipArguments(k: number, to: number, required: number): number {
    const { doc } = this;
    let taken = 0;
    for (;;) {
      let p = k;
      while (p < to && (doc[p] === ' ' || doc[p] === '\t' || (doc[p] === '\n' && taken === 0 && p === k))) p++;
      if (doc[p] === '[') k = this.skipGroup(p, to);
      else if (doc[p] === '{' && taken < required) {
        k = this.skipGroup(p, to);
        taken++;
      } else return k;
    }
  }

  /** Index just past the group opened at k ("{" or "["), or `to` if it never closes. */
  private skipGroup(k: number, to: number): number {
    const { doc } = this;
    const open = doc[k];
    const close = open === '[' ? ']' : '}';
    let depth = 0;
    for (let p = k; p < to; p++) {
      const c = doc[p];
      if (c === '\\') p++;
      else if (c === '%') p = this.lineEnd(p, to) - 1;
      else if (c === open || (open === '[' && c === '{')) depth++;
      else if (c === close || (open === '[' && c === '}')) {
        depth--;
        if (depth === 0) return p + 1;
      }
    }
    return to;
  }

  /** Index of the newline ending the line at i (or `to`). */
  private lineEnd(i: number, to: number): number {
    const nl = this.find('\n', i);
    return nl < 0 || nl > to ? to : nl;
  }

  /** If the newline at i starts a blank line, the index after the blank lines; otherwise -1. */
  private blankLineEnd(i: number, to: number): number {
    const { doc } = this;
    let p = i + 1;
    while (p < to && (doc[p] === ' ' || doc[p] === '\t' || doc[p] === '\r')) p++;
    if (p < to && doc[p] !== '\n') return -1;
    if (p >= to) return to;
    while (p < to && /\s/.test(doc[p])) p++;
    return p;
  }

  private find(token: string, from: number): number {
    let finder = this.finders.get(token);
    if (!finder) this.finders.set(token, (finder = new ForwardFinder(this.doc, token)));
    return finder.next(from);
  }
}

function isSpecial(c: number): boolean {
  // % \ $ { } ~ ` ' - newline
  return c === 0x25 || c === 0x5c || c === 0x24 || c === 0x7b || c === 0x7d || c === 0x7e || c === 0x60 || c === 0x27 || c === 0x2d || c === 0x0a;
}
