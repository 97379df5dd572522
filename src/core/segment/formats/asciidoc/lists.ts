// Which lines belong to a list item, by Asciidoctor's rules: the item runs to its next sibling;
// adjacent lines, nested lists, literal paragraphs after a blank line and blocks attached with a
// "+" continuation belong to it; a blank line followed by anything else ends the list. A
// description list item without text on its term line takes the next block as its text, which is
// why an indented paragraph under "term::" is prose and not a literal block.

import { blankAt, type Line } from './source';
import type { LineReader } from './reader';
import {
  BLOCK_ATTRIBUTE_LINE,
  BLOCK_TITLE,
  ATTRIBUTE_ENTRY,
  LITERAL_LINE,
  delimiterOf,
  listPattern,
  orderedMarkerClass,
  type ListKind,
} from './syntax';

/** What siblings of an item share: a marker ("*", "1.", "<1>") or, for terms, a pattern. */
export type SiblingTrait = string | RegExp;

const NESTABLE: ListKind[] = ['ulist', 'olist', 'dlist'];

export function siblingTrait(kind: ListKind, marker: string): string {
  if (kind === 'olist') return orderedMarkerClass(marker);
  return kind === 'colist' ? '<1>' : marker;
}

export function isSiblingItem(text: string, kind: ListKind, trait: SiblingTrait): boolean {
  if (trait instanceof RegExp) return trait.test(text);
  const m = listPattern(kind).exec(text);
  return m !== null && siblingTrait(kind, m[1]) === trait;
}

/** The kind of list a line starts, among those that nest, with whether a term has no text. */
function nestedListAt(text: string, kinds: ListKind[]): { kind: ListKind; termWithoutText: boolean } | null {
  for (const kind of kinds) {
    const m = listPattern(kind).exec(text);
    if (m) return { kind, termWithoutText: kind === 'dlist' && !m[3] };
  }
  return null;
}

type Continuation = 'inactive' | 'active' | 'frozen';

/** Reads the lines of the item whose marker line was just consumed. */
export function readListItemLines(
  reader: LineReader,
  kind: ListKind,
  trait: SiblingTrait,
  hasTextAtStart: boolean,
): Line[] {
  const buffer: Line[] = [];
  const dlist = kind === 'dlist';
  const isSibling = (l: Line) => isSiblingItem(l.text, kind, trait);
  let hasText = hasTextAtStart;
  let continuation: Continuation = 'inactive';
  let withinNestedList = false;
  let detachedContinuation = -1;
  let line: Line | undefined;

  const noteNestedList = (text: string, kinds: ListKind[]) => {
    const nested = nestedListAt(text, kinds);
    if (!nested) return false;
    withinNestedList = true;
    if (nested.termWithoutText) hasText = false; // get greedy again
    return true;
  };
  const readLiteralParagraph = () =>
    reader.readUntil(
      { preserveLast: true, breakOnBlank: true, breakOnContinuation: true },
      dlist ? isSibling : undefined,
    );

  while ((line = reader.read())) {
    if (isSibling(line)) break;
    const prev = buffer.length > 0 ? buffer[buffer.length - 1] : undefined;
    if (prev?.text === '+') {
      if (continuation === 'inactive') {
        continuation = 'active';
        hasText = true;
        if (!withinNestedList) buffer[buffer.length - 1] = blankAt(prev.start);
      }
      if (line.text === '+') {
        if (continuation !== 'frozen') {
          continuation = 'frozen';
          buffer.push(line);
        }
        line = undefined;
        continue;
      }
    }
    const delimiter = delimiterOf(line.text);
    if (delimiter) {
      // A delimited block ends the list unless a continuation attaches it.
      if (continuation !== 'active') break;
      buffer.push(line, ...reader.readUntil({ terminator: delimiter.terminator, readLast: true }));
      continuation = 'inactive';
    } else if (dlist && continuation !== 'active' && BLOCK_ATTRIBUTE_LINE.test(line.text)) {
      break;
    } else if (continuation === 'active' && line.text !== '') {
      if (LITERAL_LINE.test(line.text)) {
        reader.unshift(line);
        buffer.push(...readLiteralParagraph());
        continuation = 'inactive';
      } else if (
        BLOCK_TITLE.test(line.text) ||
        BLOCK_ATTRIBUTE_LINE.test(line.text) ||
        ATTRIBUTE_ENTRY.test(line.text)
      ) {
        buffer.push(line);
      } else {
        noteNestedList(line.text, withinNestedList ? ['dlist'] : NESTABLE);
        buffer.push(line);
        continuation = 'inactive';
      }
    } else if (prev !== undefined && prev.text === '') {
      if (line.text === '') {
        if (reader.skipBlank() < 0) {
          line = undefined;
          break;
        }
        line = reader.read()!;
        if (isSibling(line)) break;
      }
      if (line.text === '+') {
        detachedContinuation = buffer.length;
        buffer.push(line);
      } else if (hasText) {
        if (isSibling(line)) break;
        if (noteNestedList(line.text, NESTABLE)) buffer.push(line);
        else if (LITERAL_LINE.test(line.text)) {
          reader.unshift(line);
          buffer.push(...readLiteralParagraph());
        } else break;
      } else {
        // A term still without text takes the next block, blank lines or not.
        if (!withinNestedList) buffer.pop();
        buffer.push(line);
        hasText = true;
      }
    } else {
      if (line.text !== '') hasText = true;
      noteNestedList(line.text, withinNestedList ? ['dlist'] : NESTABLE);
      buffer.push(line);
    }
    line = undefined;
  }
  if (line) reader.unshift(line);
  if (detachedContinuation >= 0) buffer[detachedContinuation] = blankAt(buffer[detachedContinuation].start);
  while (buffer.length > 0) {
    const last = buffer[buffer.length - 1];
    if (last.text !== '') {
      if (last.text === '+') buffer.pop();
      break;
    }
    buffer.pop();
  }
  return buffer;
}
