// Turns the inline nodes of one prose block (a paragraph, heading or table cell, as inline.ts
// builds them, in mdast's shape) into a prose view: text, code, math and URLs as pieces; link,
// image and emphasis markup as wrappers (an image reads as its alt text); HTML and footnote calls
// as gaps. Walks iteratively, so deeply nested input cannot overflow the stack.

import { ProseBuilder, type ProseText } from '../../prose/prose-text';
import { ENTITY_SOURCE, decodeEntities, decodeEntity } from './entities';
import { imageAltRange } from './html-alt';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITY = new RegExp(`^${ENTITY_SOURCE}`);

/** The parts of an mdast node this module reads. */
export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  /** Source offsets [start, end) in the document. */
  start: number;
  end: number;
}

/** The prose view of one prose block node (paragraph, heading, table cell) with document offsets. */
export function blockProse(block: MdNode, doc: string): ProseText {
  const builder = new ProseBuilder();
  phrasing(block, doc, builder);
  return builder.build();
}

/** Adds a block's inline content to the builder. */
function phrasing(block: MdNode, doc: string, builder: ProseBuilder): void {
  const stack: MdNode[] = [];
  pushChildren(stack, block);
  while (stack.length > 0) {
    const node = stack.pop()!;
    const s = node.start;
    const e = node.end;
    switch (node.type) {
      case 'text':
        alignedText(doc, s, e, node.value ?? '', builder);
        break;
      case 'inlineCode':
        builder.replaced(node.value ?? '', s, e, 'code');
        break;
      case 'inlineMath':
        if (looksLikeDollars(doc, s, e)) builder.text(s, doc.slice(s, e));
        else builder.replaced(node.value ?? '', s, e, 'math');
        break;
      case 'break':
        builder.space(s, e);
        break;
      case 'html':
        htmlTag(doc, s, e, node.value ?? '', builder);
        break;
      case 'link':
        // An autolink's text is a URL; any other link's text is prose and its destination is not.
        if (isAutolink(node)) builder.replaced(literalText(node), s, e, 'url');
        else wrapped(stack, node, s, e, builder);
        break;
      // An image's alt text is what a reader is shown instead of the image (and what a screen reader says):
      // "[![Build status](badge.svg)](ci)" reads "Build status", like a link's text.
      case 'image':
      case 'imageReference':
      case 'linkReference':
      case 'emphasis':
      case 'strong':
      case 'delete':
        wrapped(stack, node, s, e, builder);
        break;
      default:
        // Footnote references and anything unknown are not read as prose.
        builder.gap();
    }
  }
}

/** Inline HTML: a line break reads as a space, an <img> as its alt text, any other tag as a gap. */
export function htmlTag(doc: string, s: number, e: number, tag: string, builder: ProseBuilder): void {
  if (/^<br\s*\/?>$/i.test(tag)) {
    builder.space(s, e);
    return;
  }
  builder.gap();
  const alt = imageAltRange(tag);
  if (alt) {
    alignedText(doc, s + alt[0], s + alt[1], decodeEntities(tag.slice(alt[0], alt[1])), builder);
    builder.gap();
  }
}

function pushChildren(stack: MdNode[], node: MdNode): void {
  const children = node.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
}

/** Markup around prose: read the children, and let a sentence that spans them take the markup. */
function wrapped(stack: MdNode[], node: MdNode, s: number, e: number, builder: ProseBuilder): void {
  const children = node.children ?? [];
  if (children.length > 0) {
    builder.wrap({ start: s, end: e, contentStart: children[0].start, contentEnd: children[children.length - 1].end });
  }
  pushChildren(stack, node);
}

/**
 * CommonMark's math extension reads "$5 and $10" as inline math. Like Pandoc and GitHub, we accept single-dollar
 * math only when the content does not start or end with a space and no digit follows the
 * closing dollar; anything else is prose with prices in it.
 */
function looksLikeDollars(doc: string, s: number, e: number): boolean {
  if (doc[s] !== '$' || doc[s + 1] === '$') return false;
  const content = doc.slice(s + 1, e - 1);
  return /^\s|\s$/.test(content) || /[0-9]/.test(doc[e] ?? '');
}

/** An autolink (<https://x>) or a GFM literal URL: the link text is the URL itself. */
function isAutolink(node: MdNode): boolean {
  const children = node.children ?? [];
  if (children.length !== 1 || children[0].type !== 'text') return false;
  const text = children[0].value ?? '';
  const url = node.url ?? '';
  if (!(url === text || url === `mailto:${text}` || url === `http://${text}`)) return false;
  return children[0].start !== node.start + 1 || node.end - children[0].end <= 1;
}

function literalText(node: MdNode): string {
  return (node.children ?? []).map((c) => c.value ?? '').join('');
}

/**
 * Maps a text node's value onto its source range. Usually they are equal; otherwise the source
 * holds escapes ("\*"), entities ("&amp;"), or line prefixes the value drops (block quote
 * markers, indentation), which we step over. Anything else ends alignment, and the rest of the
 * value stands for the rest of the range as a whole.
 */
export function alignedText(doc: string, s: number, e: number, value: string, builder: ProseBuilder): void {
  if (e - s === value.length && doc.startsWith(value, s)) {
    builder.text(s, value);
    return;
  }
  let i = 0;
  let j = s;
  while (i < value.length) {
    if (j + 1 < e && doc[j] === '\\' && doc[j + 1] === value[i] && ASCII_PUNCTUATION.test(value[i])) {
      builder.replaced(value[i], j, j + 2, 'symbol');
      i++;
      j += 2;
      continue;
    }
    if (doc[j] === '&') {
      const m = ENTITY.exec(doc.slice(j, j + 40));
      if (m && j + m[0].length <= e) {
        const decoded = decodeEntity(m[0]);
        let width = 0;
        if (decoded !== undefined && value.startsWith(decoded, i)) width = decoded.length;
        else if (decoded === undefined && !value.startsWith(m[0], i)) {
          const high = value.charCodeAt(i);
          width = high >= 0xd800 && high <= 0xdbff && i + 1 < value.length ? 2 : 1;
        }
        if (width > 0) {
          builder.replaced(value.slice(i, i + width), j, j + m[0].length, 'symbol');
          i += width;
          j += m[0].length;
          continue;
        }
      }
    }
    if (j < e && value[i] === doc[j]) {
      const i0 = i;
      const j0 = j;
      do {
        i++;
        j++;
      } while (i < value.length && j < e && value[i] === doc[j] && doc[j] !== '\\' && doc[j] !== '&');
      builder.text(j0, value.slice(i0, i));
      continue;
    }
    if (value[i] === '\uFFFD' && doc[j] === '\0') {
      builder.replaced('\uFFFD', j, j + 1, 'symbol');
      i++;
      j++;
      continue;
    }
    if (j < e && (doc[j] === ' ' || doc[j] === '\t' || doc[j] === '>' || doc[j] === '\r')) {
      j++;
      continue;
    }
    builder.replaced(value.slice(i), Math.min(j, e), e, 'symbol');
    return;
  }
}
