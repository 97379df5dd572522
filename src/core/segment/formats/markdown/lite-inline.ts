// A fast, approximate reader for Markdown inline syntax, used by the lite block reader on
// input of a pathological shape (see pathological.ts). Handles code spans, links and images, autolinks and bare
// URLs, HTML tags, emphasis markers, escapes, entities and $math$. All matching is precomputed
// with stacks per line, so a line of a million "[" or "`" still takes linear time.

import type { ProseBuilder } from '../../prose/prose-text';
import { ForwardFinder } from '../../text/forward-finder';
import { ENTITY_SOURCE, decodeEntity } from './entities';
import { htmlTag } from './mdast-prose';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const AUTOLINK = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>/;
const HTML_TAG = /^(?:<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->)/;
const BARE_URL_START = /^(?:https?:\/\/|www\.)/;
const ENTITY = new RegExp(`^${ENTITY_SOURCE}`);

/** Look-ahead for ">" and "$", shared by all lines of a document so that it stays linear. */
export interface LiteFinders {
  gt: ForwardFinder;
  dollar: ForwardFinder;
}

export function liteFinders(doc: string): LiteFinders {
  return { gt: new ForwardFinder(doc, '>'), dollar: new ForwardFinder(doc, '$') };
}

/** Adds the inline content of doc[start, end) (one line) to the builder. */
export function liteInline(
  doc: string,
  start: number,
  end: number,
  builder: ProseBuilder,
  definitions: ReadonlySet<string>,
  finders: LiteFinders,
): void {
  let matches: Matches | undefined;
  // Matching tables are built only for lines that need them: most lines have no "[" or "`".
  scan(doc, start, end, builder, definitions, () => (matches ??= precompute(doc, start, end, finders)), 0);
}

interface Matches {
  /** "[" position -> matching "]" position. */
  bracket: Map<number, number>;
  /** "(" position -> matching ")" position. */
  paren: Map<number, number>;
  /** Backtick run start -> start of the closing run of equal length. */
  code: Map<number, number>;
  /** Finders for the next ">" and "$" (see text/forward-finder.ts). */
  nextGt: ForwardFinder;
  nextDollar: ForwardFinder;
}

function precompute(doc: string, start: number, end: number, finders: LiteFinders): Matches {
  const bracket = new Map<number, number>();
  const paren = new Map<number, number>();
  const code = new Map<number, number>();
  const brackets: number[] = [];
  const parens: number[] = [];
  const runs: Array<[number, number]> = [];
  for (let i = start; i < end; i++) {
    const c = doc[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      let j = i;
      while (j < end && doc[j] === '`') j++;
      runs.push([i, j - i]);
      i = j - 1;
    } else if (c === '[') brackets.push(i);
    else if (c === ']' && brackets.length > 0) bracket.set(brackets.pop()!, i);
    else if (c === '(') parens.push(i);
    else if (c === ')' && parens.length > 0) paren.set(parens.pop()!, i);
  }
  const nextOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const [pos, len] = runs[k];
    const next = nextOfLength.get(len);
    if (next !== undefined) code.set(pos, next);
    nextOfLength.set(len, pos);
  }
  return { bracket, paren, code, nextGt: finders.gt, nextDollar: finders.dollar };
}

function scan(
  doc: string,
  start: number,
  end: number,
  builder: ProseBuilder,
  definitions: ReadonlySet<string>,
  matches: () => Matches,
  depth: number,
): void {
  let textStart = start;
  const flush = (upTo: number) => {
    if (upTo > textStart) builder.text(textStart, doc.slice(textStart, upTo));
  };
  let i = start;
  while (i < end) {
    const c = doc[i];
    if (c === '\\' && i + 1 < end && ASCII_PUNCTUATION.test(doc[i + 1])) {
      flush(i);
      builder.replaced(doc[i + 1], i, i + 2, 'symbol');
      i += 2;
      textStart = i;
      continue;
    }
    if (c === '`') {
      let run = i;
      while (run < end && doc[run] === '`') run++;
      const close = matches().code.get(i);
      if (close !== undefined && close < end) {
        flush(i);
        const n = run - i;
        let content = doc.slice(run, close).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/s.test(content) || /^ [^ ] $/.test(content)) content = content.slice(1, -1);
        builder.replaced(content, i, close + n, 'code');
        i = close + n;
        textStart = i;
      } else {
        i = run;
      }
      continue;
    }
    if (c === '!' && doc[i + 1] === '[') {
      const after = linkEnd(doc, i + 1, end, matches(), definitions);
      if (after > 0) {
        flush(i);
        // An image reads as its alt text, like a link's text.
        const labelEnd = matches().bracket.get(i + 1)!;
        if (depth < 8) {
          builder.wrap({ start: i, end: after, contentStart: i + 2, contentEnd: labelEnd });
          scan(doc, i + 2, labelEnd, builder, definitions, matches, depth + 1);
        } else builder.gap();
        i = after;
        textStart = i;
        continue;
      }
    }
    if (c === '[') {
      if (doc[i + 1] === '^' && matches().bracket.has(i)) {
        flush(i);
        builder.gap();
        i = matches().bracket.get(i)! + 1;
        textStart = i;
        continue;
      }
      const after = linkEnd(doc, i, end, matches(), definitions);
      if (after > 0 && depth < 8) {
        flush(i);
        const labelEnd = matches().bracket.get(i)!;
        builder.wrap({ start: i, end: after, contentStart: i + 1, contentEnd: labelEnd });
        scan(doc, i + 1, labelEnd, builder, definitions, matches, depth + 1);
        i = after;
        textStart = i;
        continue;
      }
    }
    const gt = c === '<' && /[A-Za-z/!]/.test(doc[i + 1] ?? '') ? matches().nextGt.next(i) : -1;
    if (gt > 0 && gt < end && gt - i < 2000) {
      const rest = doc.slice(i, gt + 1);
      const auto = AUTOLINK.exec(rest);
      if (auto) {
        flush(i);
        builder.replaced(auto[1], i, i + auto[0].length, 'url');
        i += auto[0].length;
        textStart = i;
        continue;
      }
      const tag = HTML_TAG.exec(rest);
      if (tag) {
        flush(i);
        htmlTag(doc, i, i + tag[0].length, tag[0], builder);
        i += tag[0].length;
        textStart = i;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      let run = i;
      while (run < end && doc[run] === c) run++;
      if (isDelimiterRun(doc, i, run, start, end)) {
        flush(i);
        builder.gap();
        // Let a sentence that starts right after an opening run, or ends right before a closing
        // one, take the run in: "**Note:** The model ..." like the parser's emphasis nodes.
        if (run < end && !/\s/.test(doc[run])) builder.wrap({ start: i, end: run, contentStart: run, contentEnd: run });
        if (i > start && !/\s/.test(doc[i - 1])) builder.wrap({ start: i, end: run, contentStart: i, contentEnd: i });
        i = run;
        textStart = i;
        continue;
      }
      i = run;
      continue;
    }
    if (c === '$') {
      const close = mathEnd(doc, i, end, matches().nextDollar);
      if (close > 0) {
        flush(i);
        const delim = doc[i + 1] === '$' ? 2 : 1;
        builder.replaced(doc.slice(i + delim, close - delim), i, close, 'math');
        i = close;
        textStart = i;
        continue;
      }
    }
    if (c === '&') {
      const entity = ENTITY.exec(doc.slice(i, i + 40));
      const decoded = entity ? decodeEntity(entity[0]) : undefined;
      if (entity && decoded !== undefined) {
        flush(i);
        builder.replaced(decoded, i, i + entity[0].length, 'symbol');
        i += entity[0].length;
        textStart = i;
        continue;
      }
    }
    if (
      (c === 'h' || c === 'w') &&
      (i === start || /[\s(*_~]/.test(doc[i - 1])) &&
      BARE_URL_START.test(doc.slice(i, i + 8))
    ) {
      let urlEnd = i;
      while (urlEnd < end && !/[\s<]/.test(doc[urlEnd])) urlEnd++;
      const value = trimUrl(doc.slice(i, urlEnd));
      if (value.length > 7) {
        flush(i);
        builder.replaced(value, i, i + value.length, 'url');
        i += value.length;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  flush(end);
}

/**
 * For "[" at i: the end of a link "[text](dest)", "[text][ref]", or "[text]" naming a known
 * definition; 0 if it is not a link.
 */
function linkEnd(doc: string, i: number, end: number, m: Matches, definitions: ReadonlySet<string>): number {
  const close = m.bracket.get(i);
  if (close === undefined || close >= end) return 0;
  const next = doc[close + 1];
  if (next === '(') {
    const paren = m.paren.get(close + 1);
    return paren !== undefined && paren < end ? paren + 1 : 0;
  }
  if (next === '[') {
    const refClose = m.bracket.get(close + 1);
    if (refClose !== undefined && refClose < end) return refClose + 1;
  }
  // CommonMark caps a link label at 999 characters; normalizing every longer one made nested
  // brackets ("[" x 200,000 then "]" x 200,000) quadratic.
  if (close - i - 1 > MAX_LABEL_LENGTH) return 0;
  return definitions.has(normalizeLabel(doc.slice(i + 1, close))) ? close + 1 : 0;
}

const MAX_LABEL_LENGTH = 999;

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** CommonMark's flanking rules, simplified: a run touching a word on one side is a delimiter. */
function isDelimiterRun(doc: string, from: number, to: number, start: number, end: number): boolean {
  const before = from > start ? doc[from - 1] : ' ';
  const after = to < end ? doc[to] : ' ';
  const spaceBefore = /\s/.test(before);
  const spaceAfter = /\s/.test(after);
  if (spaceBefore && spaceAfter) return false;
  if (doc[from] === '~') return to - from <= 2;
  if (doc[from] === '_') {
    const wordBefore = /[\p{L}\p{N}]/u.test(before);
    const wordAfter = /[\p{L}\p{N}]/u.test(after);
    if (wordBefore && wordAfter) return false;
  }
  return true;
}

/** End (exclusive) of "$math$" or "$$math$$" starting at i, or 0. */
function mathEnd(doc: string, i: number, end: number, nextDollar: ForwardFinder): number {
  const delim = doc[i + 1] === '$' ? '$$' : '$';
  const contentStart = i + delim.length;
  if (contentStart >= end || /[\s$]/.test(doc[contentStart])) return 0;
  const close = nextDollar.next(contentStart + 1);
  if (close < 0 || close + delim.length > end || close - contentStart > 1000) return 0;
  if (delim === '$$' && doc[close + 1] !== '$') return 0;
  if (/\s/.test(doc[close - 1]) || /[0-9]/.test(doc[close + delim.length] ?? '')) return 0;
  return close + delim.length;
}

/** GFM's autolink literal rule: trailing punctuation and an unbalanced ")" are not part of a URL. */
function trimUrl(url: string): string {
  let value = url.replace(/[?!.,:*_~'"]+$/, '');
  while (value.endsWith(')') && (value.match(/\(/g)?.length ?? 0) < (value.match(/\)/g)?.length ?? 0)) {
    value = value.slice(0, -1).replace(/[?!.,:*_~'"]+$/, '');
  }
  return value;
}
