// CommonMark/GFM inline syntax of one prose block, as mdast nodes with source offsets: code
// spans, $math$, escapes, entities, autolinks and GFM literal URLs/emails, raw HTML, links and
// images (inline, reference, footnote calls), emphasis/strong/strikethrough by CommonMark's
// delimiter algorithm, hard and soft line breaks. mdast-prose.ts turns the nodes into prose.
//
// The block's lines are joined with "\n" (container prefixes and indentation removed, as the
// parser sees them); offsets map back to the document line by line.

import { isAsciiAlpha, isAsciiAlphanumeric, isAsciiPunctuation, isSpaceOrTab } from './chars';
import { destination } from './definitions';
import { ENTITY_SOURCE, decodeEntity } from './entities';
import { normalizeLabel } from './lite-inline';
import type { MdNode } from './mdast-prose';

const enum T {
  Text,
  Node,
  Delimiter,
}

interface Token {
  t: T;
  /** Range in the joined text. */
  s: number;
  e: number;
  value: string;
  node?: MdNode;
  ch: number;
  len: number;
  orig: number;
  canOpen: boolean;
  canClose: boolean;
  live: boolean;
}

interface Bracket {
  token: number;
  pos: number;
  image: boolean;
  active: boolean;
}

const SPECIAL = new Uint8Array(128);
for (const c of '\n\\`$<&[]!*_~@hHwW') SPECIAL[c.charCodeAt(0)] = 1;

const ENTITY = new RegExp(ENTITY_SOURCE, 'y');
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const EMAIL_AUTOLINK =
  /<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/y;
const HTML_INLINE =
  /<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!-->|<!--->|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>/y;
const TAG_CHAR = /[A-Za-z/?!]/;
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;
const UNICODE_WHITESPACE = /\s/;
const MAX_LABEL = 999;

/**
 * The inline nodes of a block whose content lines are the start/end pairs `lines` of doc.
 * `labels` holds the document's normalized link labels ("^x" for footnotes).
 */
export function parseInline(doc: string, lines: number[], labels: ReadonlySet<string>, tableCell = false): MdNode[] {
  return new InlineParser(doc, lines, labels, tableCell).parse();
}

class InlineParser {
  private readonly src: string;
  private readonly n: number;
  /** Start of each line in src, and in the document. */
  private readonly srcStarts: number[] = [];
  private readonly docStarts: number[] = [];
  private readonly tokens: Token[] = [];
  private readonly brackets: Bracket[] = [];
  private textStart = 0;
  /** Backtick / dollar run length -> a position from which no closing run of that length exists. */
  private noCloser: Map<number, number> | undefined;
  private commentSearchFailedAt = -1;

  constructor(
    private readonly doc: string,
    lines: number[],
    private readonly labels: ReadonlySet<string>,
    /** In a table cell, "\\|" is the cell's escaped pipe even inside code spans (GFM). */
    private readonly tableCell: boolean,
  ) {
    let src = '';
    for (let k = 0; k < lines.length; k += 2) {
      if (k > 0) src += '\n';
      this.srcStarts.push(src.length);
      this.docStarts.push(lines[k]);
      src += doc.slice(lines[k], lines[k + 1]);
    }
    let n = src.length;
    while (n > 0 && isSpaceOrTab(src.charCodeAt(n - 1))) n--;
    this.src = src;
    this.n = n;
  }

  parse(): MdNode[] {
    const { src, n } = this;
    let i = 0;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c >= 128 || SPECIAL[c] === 0) {
        i++;
        continue;
      }
      i = this.special(c, i);
    }
    this.flush(n);
    this.processEmphasis(-1);
    return this.nodes(this.tokens);
  }

  /** Handles the character at i, which may start syntax; returns where scanning continues. */
  private special(c: number, i: number): number {
    const { src, n } = this;
    switch (c) {
      case 0x0a /* \n */: {
        let k = i;
        while (k > this.textStart && isSpaceOrTab(src.charCodeAt(k - 1))) k--;
        let spaces = 0;
        for (let p = k; p < i; p++) if (src.charCodeAt(p) === 0x20) spaces++;
        this.flush(k);
        if (spaces >= 2) this.pushNode(this.node('break', k, i + 1), k, i + 1);
        else this.pushText(i, i + 1, '\n');
        return (this.textStart = i + 1);
      }
      case 0x5c /* \ */: {
        const d = src.charCodeAt(i + 1);
        if (i + 1 < n && d === 0x0a) {
          this.flush(i);
          this.pushNode(this.node('break', i, i + 2), i, i + 2);
          return (this.textStart = i + 2);
        }
        if (i + 1 < n && isAsciiPunctuation(d)) {
          this.flush(i);
          this.pushText(i, i + 2, src[i + 1]);
          return (this.textStart = i + 2);
        }
        return i + 1;
      }
      case 0x60 /* ` */:
      case 0x24 /* $ */:
        return this.codeOrMath(c, i);
      case 0x3c /* < */:
        return this.angle(i);
      case 0x26 /* & */: {
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(src);
        const decoded = m ? decodeEntity(m[0]) : undefined;
        if (!m || decoded === undefined) return i + 1;
        this.flush(i);
        this.pushText(i, i + m[0].length, decoded);
        return (this.textStart = i + m[0].length);
      }
      case 0x21 /* ! */:
        if (src.charCodeAt(i + 1) !== 0x5b) return i + 1;
        this.flush(i);
        this.brackets.push({ token: this.tokens.length, pos: i, image: true, active: true });
        this.pushText(i, i + 2, '![');
        return (this.textStart = i + 2);
      case 0x5b /* [ */:
        this.flush(i);
        this.brackets.push({ token: this.tokens.length, pos: i, image: false, active: true });
        this.pushText(i, i + 1, '[');
        return (this.textStart = i + 1);
      case 0x5d /* ] */:
        return this.closeBracket(i);
      case 0x2a /* * */:
      case 0x5f /* _ */:
      case 0x7e /* ~ */:
        return this.delimiterRun(c, i);
      case 0x40 /* @ */:
        return this.email(i);
      default:
        // h/H/w/W: a GFM literal URL ("https://...", "www....").
        return this.literalUrl(c, i);
    }
  }

  private codeOrMath(c: number, i: number): number {
    const { src, n } = this;
    let j = i;
    while (j < n && src.charCodeAt(j) === c) j++;
    const len = j - i;
    const key = c * 65536 + Math.min(len, 65535);
    const noCloser = (this.noCloser ??= new Map());
    const close = (noCloser.get(key) ?? Infinity) <= j ? -1 : this.closingRun(c, j, len);
    if (close < 0) {
      const known = noCloser.get(key);
      if (known === undefined || j < known) noCloser.set(key, j);
      return j;
    }
    this.flush(i);
    let content = src.slice(j, close).replace(/\n/g, ' ');
    if (this.tableCell) content = content.replace(/\\\|/g, '|');
    if (content.length > 2 && content[0] === ' ' && content[content.length - 1] === ' ' && content.trim() !== '') {
      content = content.slice(1, -1);
    }
    const node = this.node(c === 0x60 ? 'inlineCode' : 'inlineMath', i, close + len);
    node.value = content;
    this.pushNode(node, i, close + len);
    return (this.textStart = close + len);
  }

  /** Start of the next run of exactly len characters c at or after from, or -1. */
  private closingRun(c: number, from: number, len: number): number {
    const { src, n } = this;
    const ch = String.fromCharCode(c);
    let q = from;
    for (;;) {
      q = src.indexOf(ch, q);
      if (q < 0 || q >= n) return -1;
      let r = q;
      while (r < n && src.charCodeAt(r) === c) r++;
      if (r - q === len) return q;
      q = r;
    }
  }

  private angle(i: number): number {
    const { src } = this;
    const next = src[i + 1];
    if (next === undefined || !TAG_CHAR.test(next)) return i + 1;
    AUTOLINK.lastIndex = i;
    let m = AUTOLINK.exec(src);
    let email = false;
    if (!m) {
      EMAIL_AUTOLINK.lastIndex = i;
      m = EMAIL_AUTOLINK.exec(src);
      email = m !== null;
    }
    if (m) {
      this.flush(i);
      const end = i + m[0].length;
      const link = this.node('link', i, end);
      link.url = email ? `mailto:${m[1]}` : m[1];
      const text = this.node('text', i + 1, end - 1);
      text.value = m[1];
      link.children = [text];
      this.pushNode(link, i, end);
      return (this.textStart = end);
    }
    let end = -1;
    if (src.startsWith('<!--', i) && !src.startsWith('<!-->', i) && !src.startsWith('<!--->', i)) {
      // Comments are searched with indexOf, remembering a failure so that many "<!--" stay linear.
      if (this.commentSearchFailedAt >= 0 && i >= this.commentSearchFailedAt) return i + 1;
      const close = src.indexOf('-->', i + 4);
      if (close < 0 || close >= this.n) {
        this.commentSearchFailedAt = i;
        return i + 1;
      }
      end = close + 3;
    } else {
      HTML_INLINE.lastIndex = i;
      const h = HTML_INLINE.exec(src);
      if (h && i + h[0].length <= this.n) end = i + h[0].length;
    }
    if (end < 0) return i + 1;
    this.flush(i);
    const html = this.node('html', i, end);
    html.value = src.slice(i, end);
    this.pushNode(html, i, end);
    return (this.textStart = end);
  }

  private delimiterRun(c: number, i: number): number {
    const { src, n } = this;
    let j = i;
    while (j < n && src.charCodeAt(j) === c) j++;
    // GFM strikethrough takes one or two tildes; longer runs are text.
    if (c === 0x7e && j - i > 2) return j;
    const before = i > 0 ? classify(src, i - 1, true) : WHITESPACE;
    const after = j < n ? classify(src, j, false) : WHITESPACE;
    const left = after !== WHITESPACE && (after !== PUNCTUATION || before !== OTHER);
    const right = before !== WHITESPACE && (before !== PUNCTUATION || after !== OTHER);
    let canOpen = left;
    let canClose = right;
    if (c === 0x5f) {
      canOpen = left && (!right || before === PUNCTUATION);
      canClose = right && (!left || after === PUNCTUATION);
    }
    this.flush(i);
    this.tokens.push({
      t: T.Delimiter,
      s: i,
      e: j,
      value: '',
      ch: c,
      len: j - i,
      orig: j - i,
      canOpen,
      canClose,
      live: canOpen || canClose,
    });
    return (this.textStart = j);
  }

  private closeBracket(i: number): number {
    const { src } = this;
    const opener = this.brackets[this.brackets.length - 1];
    if (!opener) return i + 1;
    if (!opener.active) {
      this.brackets.pop();
      return i + 1;
    }
    const labelStart = opener.pos + (opener.image ? 2 : 1);
    let end = -1;
    let url: string | undefined;
    let type = opener.image ? 'image' : 'link';
    if (src.charCodeAt(i + 1) === 0x28 /* ( */) {
      const link = this.inlineLink(i + 2);
      if (link) ({ end, url } = link);
    }
    if (end < 0) {
      let label: string | null = null;
      let after = i + 1;
      let shortcut = false;
      if (src.charCodeAt(i + 1) === 0x5b) {
        const close = labelEnd(src, i + 2, this.n);
        if (close > i + 2) {
          label = src.slice(i + 2, close);
          after = close + 1;
        } else if (close === i + 2) {
          after = close + 1;
        }
      }
      if (label === null && validLabel(src, labelStart, i)) {
        label = src.slice(labelStart, i);
        shortcut = after === i + 1;
      }
      if (label !== null && this.labels.size > 0 && this.labels.has(normalizeLabel(label))) {
        end = after;
        type = opener.image
          ? 'imageReference'
          : label.startsWith('^') && shortcut
            ? 'footnoteReference'
            : 'linkReference';
      }
    }
    if (end < 0) {
      this.brackets.pop();
      return i + 1;
    }
    this.flush(i);
    this.processEmphasis(opener.token);
    const node = this.node(type, opener.pos, end);
    if (url !== undefined) node.url = url;
    node.children = this.nodes(this.tokens.slice(opener.token + 1));
    this.tokens.length = opener.token;
    this.pushNode(node, opener.pos, end);
    this.brackets.pop();
    // Links cannot contain links: earlier "[" openers are no longer links.
    if (!opener.image) for (const b of this.brackets) if (!b.image) b.active = false;
    return (this.textStart = end);
  }

  /** An inline link's "(destination 'title')" starting after the "(": its end and destination. */
  private inlineLink(from: number): { end: number; url: string } | null {
    const { src, n } = this;
    let p = skipWhitespace(src, from, n);
    if (src.charCodeAt(p) === 0x29) return { end: p + 1, url: '' };
    const destEnd = destination(src, p, n);
    if (destEnd < 0) return null;
    const url = src.charCodeAt(p) === 0x3c ? src.slice(p + 1, destEnd - 1) : src.slice(p, destEnd);
    p = skipWhitespace(src, destEnd, n);
    const open = src.charCodeAt(p);
    if (p > destEnd && (open === 0x22 || open === 0x27 || open === 0x28)) {
      const close = open === 0x28 ? 0x29 : open;
      let q = p + 1;
      for (; q < n; q++) {
        const c = src.charCodeAt(q);
        if (c === 0x5c) q++;
        else if (c === close) break;
        else if (open === 0x28 && c === 0x28) return null;
      }
      if (q >= n) return null;
      p = skipWhitespace(src, q + 1, n);
    }
    return src.charCodeAt(p) === 0x29 ? { end: p + 1, url } : null;
  }

  /** GFM email literal ending in a domain, found at its "@": "contact@example.org". */
  private email(i: number): number {
    const { src, n } = this;
    if (this.brackets.length > 0) return i + 1;
    let b = i;
    while (b > 0 && isAtext(src.charCodeAt(b - 1))) b--;
    if (b === i || (b > 0 && src.charCodeAt(b - 1) === 0x2f)) return i + 1;
    let q = i + 1;
    let data = false;
    let dot = false;
    while (q < n) {
      const c = src.charCodeAt(q);
      if (c === 0x2e && q + 1 < n && isAsciiAlphanumeric(src.charCodeAt(q + 1))) {
        dot = true;
        q++;
      } else if (c === 0x2d || c === 0x5f || isAsciiAlphanumeric(c)) {
        data = true;
        q++;
      } else break;
    }
    if (!data || !dot || !isAsciiAlpha(src.charCodeAt(q - 1))) return i + 1;
    // The local part may have been read as text or "_" delimiters already: take them back.
    if (!this.reclaim(b)) return i + 1;
    this.flush(b);
    const value = src.slice(b, q);
    this.pushNode(this.literal(b, q, `mailto:${value}`), b, q);
    return (this.textStart = q);
  }

  /** Makes src[from, textStart) pending text again, if only text and delimiter tokens cover it. */
  private reclaim(from: number): boolean {
    if (from >= this.textStart) return true;
    const { tokens } = this;
    let k = tokens.length;
    while (k > 0 && tokens[k - 1].s >= from) {
      const t = tokens[k - 1];
      if (t.t === T.Node || (t.t === T.Text && t.value !== this.src.slice(t.s, t.e))) return false;
      k--;
    }
    if (k > 0 && tokens[k - 1].e > from) return false;
    tokens.length = k;
    this.textStart = from;
    return true;
  }

  private literalUrl(c: number, i: number): number {
    const { src, n } = this;
    const d = src.charCodeAt(i + 1);
    let end = -1;
    let url = '';
    if (c === 0x68 || c === 0x48) {
      if (d !== 0x74 && d !== 0x54) return i + 1;
      if (i > 0 && isAsciiAlpha(src.charCodeAt(i - 1))) return i + 1;
      const head = src.slice(i, i + 8).toLowerCase();
      const prefix = head.startsWith('https://') ? 8 : head.startsWith('http://') ? 7 : 0;
      if (prefix === 0 || this.brackets.length > 0) return i + 1;
      const p = i + prefix;
      if (p >= n) return i + 1;
      const first = src[p];
      if (src.charCodeAt(p) < 0x21 || UNICODE_WHITESPACE.test(first) || UNICODE_PUNCTUATION.test(first)) return i + 1;
      end = literalEnd(src, p, n);
      if (end < 0) return i + 1;
      url = src.slice(i, end);
    } else {
      if (d !== 0x77 && d !== 0x57) return i + 1;
      if (i > 0 && !previousWww(src.charCodeAt(i - 1))) return i + 1;
      if (src.slice(i, i + 4).toLowerCase() !== 'www.' || this.brackets.length > 0) return i + 1;
      if (i + 4 >= n) return i + 1;
      end = literalEnd(src, i + 4, n);
      if (end < 0) return i + 1;
      url = `http://${src.slice(i, end)}`;
    }
    this.flush(i);
    this.pushNode(this.literal(i, end, url), i, end);
    return (this.textStart = end);
  }

  private literal(s: number, e: number, url: string): MdNode {
    const link = this.node('link', s, e);
    link.url = url;
    const text = this.node('text', s, e);
    text.value = this.src.slice(s, e);
    link.children = [text];
    return link;
  }

  /** CommonMark's "process emphasis" over the delimiters after token index `bottom`. */
  private processEmphasis(bottom: number): void {
    const { tokens } = this;
    let ci = bottom + 1;
    while (ci < tokens.length) {
      const closer = tokens[ci];
      if (closer.t !== T.Delimiter || !closer.live || !closer.canClose) {
        ci++;
        continue;
      }
      let oi = ci - 1;
      for (; oi > bottom; oi--) {
        const o = tokens[oi];
        if (o.t !== T.Delimiter || !o.live || o.ch !== closer.ch || !o.canOpen) continue;
        if (closer.ch === 0x7e) {
          if (o.len === closer.len) break;
          continue;
        }
        // The "rule of 3": a run that can both open and close matches only if the lengths allow it.
        const odd =
          (closer.canOpen || o.canClose) &&
          (o.orig + closer.orig) % 3 === 0 &&
          !(o.orig % 3 === 0 && closer.orig % 3 === 0);
        if (!odd) break;
      }
      if (oi <= bottom) {
        if (!closer.canOpen) closer.live = false;
        ci++;
        continue;
      }
      const o = tokens[oi];
      const use = closer.ch === 0x7e ? closer.len : closer.len >= 2 && o.len >= 2 ? 2 : 1;
      const type = closer.ch === 0x7e ? 'delete' : use === 2 ? 'strong' : 'emphasis';
      o.len -= use;
      o.e -= use;
      const node = this.node(type, o.e, closer.s + use);
      node.children = this.nodes(tokens.slice(oi + 1, ci));
      closer.len -= use;
      closer.s += use;
      tokens.splice(oi + 1, ci - oi - 1, this.nodeToken(node, o.e, closer.s));
      ci = oi + 2;
      if (o.len === 0) {
        tokens.splice(oi, 1);
        ci--;
      }
      if (closer.len === 0) tokens.splice(ci, 1);
    }
    for (let k = bottom + 1; k < tokens.length; k++) if (tokens[k].t === T.Delimiter) tokens[k].live = false;
  }

  private nodes(tokens: Token[]): MdNode[] {
    const out: MdNode[] = [];
    for (const t of tokens) {
      if (t.t === T.Node) out.push(t.node!);
      else if (t.e > t.s) {
        const text = this.node('text', t.s, t.e);
        text.value = t.t === T.Delimiter ? this.src.slice(t.s, t.e) : t.value;
        out.push(text);
      }
    }
    return out;
  }

  private flush(upTo: number): void {
    if (upTo > this.textStart) this.pushText(this.textStart, upTo, this.src.slice(this.textStart, upTo));
  }

  private pushText(s: number, e: number, value: string): void {
    this.tokens.push({ t: T.Text, s, e, value, ch: 0, len: 0, orig: 0, canOpen: false, canClose: false, live: false });
  }

  private pushNode(node: MdNode, s: number, e: number): void {
    this.tokens.push(this.nodeToken(node, s, e));
  }

  private nodeToken(node: MdNode, s: number, e: number): Token {
    return { t: T.Node, s, e, value: '', node, ch: 0, len: 0, orig: 0, canOpen: false, canClose: false, live: false };
  }

  /** A node over src[s, e), positioned in the document. */
  private node(type: string, s: number, e: number): MdNode {
    return { type, start: this.toDoc(s), end: this.toDoc(e) };
  }

  private toDoc(p: number): number {
    const starts = this.srcStarts;
    if (starts.length === 1) return this.docStarts[0] + p;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return this.docStarts[lo] + (p - starts[lo]);
  }
}

const WHITESPACE = 1;
const PUNCTUATION = 2;
const OTHER = 3;

/** CommonMark's character classes for flanking: whitespace, punctuation (Unicode P and S), other. */
function classify(src: string, i: number, before: boolean): number {
  let c = src.charCodeAt(i);
  if (c < 128) {
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d) return WHITESPACE;
    return isAsciiPunctuation(c) ? PUNCTUATION : OTHER;
  }
  let ch = src[i];
  // A surrogate pair counts as one character.
  if (before && c >= 0xdc00 && c <= 0xdfff && i > 0) ch = src.slice(i - 1, i + 1);
  else if (!before && c >= 0xd800 && c <= 0xdbff) ch = src.slice(i, i + 2);
  c = ch.codePointAt(0)!;
  if (UNICODE_WHITESPACE.test(ch)) return WHITESPACE;
  return UNICODE_PUNCTUATION.test(ch) ? PUNCTUATION : OTHER;
}

/** End of a GFM literal's domain and path starting at p, or -1 when the domain is invalid. */
function literalEnd(src: string, p: number, n: number): number {
  let q = p;
  let seen = false;
  let underscoreLast = false;
  let underscoreBeforeLast = false;
  while (q < n) {
    const c = src.charCodeAt(q);
    if (c === 0x2e || c === 0x5f) {
      if (isTrail(src, q, n)) break;
      if (c === 0x5f) underscoreLast = true;
      else {
        underscoreBeforeLast = underscoreLast;
        underscoreLast = false;
      }
      q++;
      continue;
    }
    const ch = src[q];
    if (c <= 0x20 || (c !== 0x2d && (UNICODE_PUNCTUATION.test(ch) || UNICODE_WHITESPACE.test(ch)))) break;
    seen = true;
    q++;
  }
  if (!seen || underscoreLast || underscoreBeforeLast) return -1;
  let open = 0;
  let closed = 0;
  while (q < n) {
    const c = src.charCodeAt(q);
    if (c <= 0x20 || c === 0x3c || (c > 0x7f && UNICODE_WHITESPACE.test(src[q]))) break;
    if (c === 0x28) open++;
    else if (c === 0x29 && closed < open) closed++;
    else if (TRAIL.has(c) || c === 0x26 || c === 0x5d) {
      if (isTrail(src, q, n)) break;
    }
    q++;
  }
  return q;
}

/** ! " ' ) * , . : ; ? _ ~ */
const TRAIL = new Set([0x21, 0x22, 0x27, 0x29, 0x2a, 0x2c, 0x2e, 0x3a, 0x3b, 0x3f, 0x5f, 0x7e]);

/** Whether the punctuation from q on trails the literal: only trailing marks up to its end. */
function isTrail(src: string, q: number, n: number): boolean {
  let r = q;
  while (r < n) {
    const c = src.charCodeAt(r);
    if (TRAIL.has(c)) {
      r++;
      continue;
    }
    if (c === 0x26) {
      let k = r + 1;
      while (k < n && isAsciiAlpha(src.charCodeAt(k))) k++;
      if (k > r + 1 && src.charCodeAt(k) === 0x3b) {
        r = k + 1;
        continue;
      }
      return false;
    }
    if (c === 0x5d) {
      const d = src.charCodeAt(r + 1);
      if (r + 1 >= n || d === 0x28 || d === 0x5b || d <= 0x20) return true;
      r++;
      continue;
    }
    break;
  }
  if (r >= n) return true;
  const c = src.charCodeAt(r);
  return c <= 0x20 || c === 0x3c || (c > 0x7f && UNICODE_WHITESPACE.test(src[r]));
}

function previousWww(c: number): boolean {
  return c === 0x28 || c === 0x2a || c === 0x5f || c === 0x5b || c === 0x5d || c === 0x7e || c <= 0x20;
}

function isAtext(c: number): boolean {
  return c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f || isAsciiAlphanumeric(c);
}

/** End (index of "]") of a link label starting at p: no unescaped brackets, at most 999 characters; -1 if none. */
function labelEnd(src: string, p: number, n: number): number {
  for (let q = p; q < n && q - p <= MAX_LABEL; q++) {
    const c = src.charCodeAt(q);
    if (c === 0x5c) q++;
    else if (c === 0x5d) return q;
    else if (c === 0x5b) return -1;
  }
  return -1;
}

/** Whether src[s, e) can be a link label: not blank, no unescaped brackets, at most 999 characters. */
function validLabel(src: string, s: number, e: number): boolean {
  if (e - s > MAX_LABEL) return false;
  let blank = true;
  for (let q = s; q < e; q++) {
    const c = src.charCodeAt(q);
    if (c === 0x5c) {
      q++;
      blank = false;
    } else if (c === 0x5b || c === 0x5d) return false;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x0a) blank = false;
  }
  return !blank;
}

function skipWhitespace(src: string, p: number, n: number): number {
  while (p < n) {
    const c = src.charCodeAt(p);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a) break;
    p++;
  }
  return p;
}
