// The block parser: Asciidoctor's grammar, reduced to what decides which lines are prose. It
// reads the document header, section titles (one-line "== X" and two-line titles over an
// underline), block metadata (attribute lists, anchors, block titles, comments, attribute
// entries), delimited blocks, paragraphs, lists and tables, and hands prose to the sink. Verbatim
// content (listing, literal, passthrough, comment, stem) is skipped; compound blocks (example,
// sidebar, quote, open, admonition) are parsed for their own blocks; verse is prose line by line.

import type { DocumentAttributes } from './attributes';
import { LineReader, isCommentLine } from './reader';
import type { ProseSink } from './sink';
import { readListItemLines, siblingTrait, type SiblingTrait } from './lists';
import { tableCells } from './tables';
import { lineOf, type Line } from './source';
import {
  ADMONITION_PARAGRAPH,
  ADMONITION_STYLES,
  ATTRIBUTE_ENTRY,
  BLOCK_ANCHOR,
  BLOCK_ATTRIBUTE_LINE,
  BLOCK_ATTRIBUTE_LIST,
  BLOCK_TITLE,
  CALLOUT_ITEM,
  DESCRIPTION_ITEM,
  DESCRIPTION_SIBLING,
  ORDERED_ITEM,
  UNORDERED_ITEM,
  delimiterOf,
  isAnyListItem,
  isBlockMacro,
  isLayoutBreak,
  isUniform,
  listPattern,
  sectionTitle,
  styleOf,
  type Delimiter,
  type ListKind,
} from './syntax';

/** Metadata collected above a block. */
interface BlockAttributes {
  style?: string;
  /** The attribute list's text, for the table options (cols, format, separator). */
  list?: string;
}

interface BlockOptions {
  /** Reading a list item's text: only paragraphs, indented lines included. */
  textOnly?: boolean;
  /** The kind of list whose item this block belongs to: a list marker then ends a paragraph. */
  listType?: ListKind;
  /** A paragraph here continues the list item text held in the sink. */
  fold?: boolean;
  parseMetadata?: boolean;
}

/** Styles that make the lines up to a blank line one verbatim block, lists and all. */
const SYNOPSIS_TITLE = /^synopsis$/i;
const STRICT_VERBATIM_STYLES = new Set(['listing', 'source', 'literal', 'verse']);
/** Styles whose paragraph or block content is not prose. */
const VERBATIM_STYLES = new Set(['listing', 'source', 'literal', 'pass', 'stem', 'latexmath', 'asciimath', 'comment']);
/** Styles of diagram extensions (asciidoctor-diagram, kroki): their content is a diagram's source. */
const DIAGRAM_STYLES = new Set([
  'plantuml',
  'graphviz',
  'dot',
  'ditaa',
  'mermaid',
  'svgbob',
  'a2s',
  'blockdiag',
  'seqdiag',
  'actdiag',
  'nwdiag',
  'packetdiag',
  'rackdiag',
  'erd',
  'nomnoml',
  'vega',
  'vegalite',
  'wavedrom',
  'bytefield',
  'pikchr',
  'd2',
  'dbml',
  'structurizr',
  'tikz',
  'umlet',
  'symbolator',
  'bpmn',
  'excalidraw',
  'gnuplot',
  'meme',
  'shaape',
  'smcat',
  'syntrax',
]);
/** Styles that make a paragraph a block of their kind whose text is still prose. */
const PROSE_PARAGRAPH_STYLES = new Set([
  'quote',
  'verse',
  'example',
  'sidebar',
  'open',
  'abstract',
  'partintro',
  'normal',
]);
const VERBATIM_CONTEXTS = new Set([
  'listing',
  'source',
  'literal',
  'fenced_code',
  'pass',
  'stem',
  'latexmath',
  'asciimath',
  'comment',
]);
const COMPOUND_CONTEXTS = new Set(['example', 'sidebar', 'open', 'abstract', 'partintro', 'quote', 'admonition']);
const REVISION_LINE = /^(?:[^\d{]*(.*?),)? *(?!:)(.*?)(?: *(?!^),?: *(.*))?$/;
/** Deeper nesting than this is read as plain paragraphs, so that no input can exhaust the stack. */
const MAX_DEPTH = 48;

export class BlockParser {
  private depth = 0;

  constructor(
    private readonly doc: string,
    private readonly sink: ProseSink,
    private readonly attributes: DocumentAttributes,
  ) {}

  /**
   * Inside a manual page's SYNOPSIS section, whose verse block (Git's "[verse]") is command syntax
   * ("'git commit' [-a | --interactive] ..."), not prose to check.
   */
  private inSynopsis = false;

  parseDocument(lines: Line[]): void {
    const reader = new LineReader(lines);
    const attrs: BlockAttributes = {};
    if (reader.skipBlank() >= 0) {
      this.parseMetadataLines(reader, attrs, false);
      const first = reader.peek();
      const title = first && sectionTitle(first.text, reader.peek(1)?.text);
      if (first && title && title.level === 0) {
        // An underlined document title puts the document in compatibility mode.
        if (title.lineCount === 2) this.attributes.compat = true;
        // The title is read after the header, whose attribute entries it may refer to.
        reader.shift();
        if (title.lineCount === 2) reader.shift();
        this.skipHeaderMetadata(reader);
        this.sink.block([[first.start + title.textStart, first.start + title.textEnd]]);
      }
    }
    this.parseSections(reader, attrs);
  }

  /** The body of the document: section titles and blocks, at any section level. */
  private parseSections(reader: LineReader, initial: BlockAttributes): void {
    let attrs = initial;
    while (reader.skipBlank() >= 0) {
      if (!this.parseMetadataLines(reader, attrs, false)) return;
      const line = reader.peek()!;
      const title =
        attrs.style === 'discrete' || attrs.style === 'float' ? null : sectionTitle(line.text, reader.peek(1)?.text);
      if (title) this.emitSectionTitle(reader, line, title.textStart, title.textEnd, title.lineCount);
      else this.nextBlock(reader, { parseMetadata: false }, attrs);
      attrs = {};
    }
  }

  private emitSectionTitle(
    reader: LineReader,
    line: Line,
    textStart: number,
    textEnd: number,
    lineCount: number,
  ): void {
    this.sink.block([[line.start + textStart, line.start + textEnd]]);
    this.inSynopsis = SYNOPSIS_TITLE.test(line.text.slice(textStart, textEnd));
    reader.shift();
    if (lineCount === 2) reader.shift();
  }

  /** Author and revision lines and attribute entries under the document title, up to a blank line. */
  private skipHeaderMetadata(reader: LineReader): void {
    this.skipAttributeEntries(reader);
    if (!reader.hasMore() || reader.peek()!.text === '') return;
    reader.shift(); // the author line
    this.skipAttributeEntries(reader);
    const revision = reader.peek();
    if (revision && revision.text !== '' && REVISION_LINE.test(revision.text)) reader.shift();
    this.skipAttributeEntries(reader);
  }

  private skipAttributeEntries(reader: LineReader): void {
    for (;;) {
      this.skipCommentLines(reader);
      const line = reader.peek();
      if (!line || !ATTRIBUTE_ENTRY.test(line.text)) return;
      this.readAttributeEntry(reader);
    }
  }

  private skipCommentLines(reader: LineReader): void {
    for (let line = reader.peek(); line && line.text.startsWith('//'); line = reader.peek()) {
      if (isCommentLine(line.text)) reader.shift();
      else if (line.text.length > 3 && isUniform(line.text, '/')) this.skipDelimited(reader, line.text);
      else return;
    }
  }

  /** Consumes an attribute entry, with the lines its value continues on (" \\" at a line's end). */
  private readAttributeEntry(reader: LineReader): void {
    const entry = reader.read()!;
    const m = ATTRIBUTE_ENTRY.exec(entry.text)!;
    let value = m[2] ?? '';
    const continuation = value.endsWith(' \\') ? ' \\' : value.endsWith(' +') ? ' +' : null;
    if (continuation) {
      value = value.slice(0, -2);
      for (let line = reader.peek(); line && line.text !== ''; line = reader.peek()) {
        reader.shift();
        const open = line.text.endsWith(continuation);
        value += ' ' + (open ? line.text.slice(0, -2) : line.text).trim();
        if (!open) break;
      }
    }
    this.attributes.define(m[1], value.trim(), entry.conditional);
  }

  /** Consumes a delimiter line and everything up to its closing line. */
  private skipDelimited(reader: LineReader, terminator: string): Line[] {
    reader.shift();
    return reader.readUntil({ terminator });
  }

  /**
   * Reads metadata lines above a block into attrs; block titles are emitted as prose. Returns
   * false when the reader is exhausted.
   */
  private parseMetadataLines(reader: LineReader, attrs: BlockAttributes, textOnly: boolean): boolean {
    for (let line = reader.peek(); line; line = reader.peek()) {
      if (!this.parseMetadataLine(reader, line, attrs, textOnly)) return true;
      if (reader.skipBlank() < 0) return false;
    }
    return false;
  }

  /** Consumes one metadata line (or comment block); false when the line is not metadata. */
  private parseMetadataLine(reader: LineReader, line: Line, attrs: BlockAttributes, textOnly: boolean): boolean {
    const text = line.text;
    const ch = text[0];
    if (ch === '[') {
      if (text.startsWith('[[') ? BLOCK_ANCHOR.test(text) : false) {
        reader.shift();
        return true;
      }
      if (text.endsWith(']') && BLOCK_ATTRIBUTE_LIST.test(text)) {
        const list = text.slice(1, -1);
        const style = styleOf(list);
        if (style !== undefined) attrs.style = style;
        attrs.list = list;
        reader.shift();
        return true;
      }
      return false;
    }
    if (ch === '/' && text.startsWith('//')) {
      if (text.length > 3 && isUniform(text, '/')) {
        this.skipDelimited(reader, text);
        return true;
      }
      if (text.startsWith('///')) return false;
      reader.shift();
      return true;
    }
    if (textOnly) return false;
    if (ch === '.' && BLOCK_TITLE.test(text)) {
      this.sink.block([[line.start + 1, line.end]]);
      reader.shift();
      return true;
    }
    if (ch === ':' && ATTRIBUTE_ENTRY.test(text)) {
      this.readAttributeEntry(reader);
      return true;
    }
    return false;
  }

  /** Parses blocks until the reader is exhausted (the content of a compound block or list item). */
  private parseBlocks(reader: LineReader, options: BlockOptions = {}): void {
    while (reader.hasMore()) this.nextBlock(reader, options, {});
  }

  private nextBlock(reader: LineReader, options: BlockOptions, attrs: BlockAttributes): void {
    const skipped = reader.skipBlank();
    if (skipped < 0) return;
    const textOnly = !!options.textOnly && skipped === 0;
    if (options.parseMetadata !== false && !this.parseMetadataLines(reader, attrs, textOnly)) return;
    const line = reader.read();
    if (!line) return;
    if (this.depth >= MAX_DEPTH) {
      reader.unshift(line);
      this.sink.lines(reader.readUntil({ breakOnBlank: true }));
      return;
    }
    this.depth++;
    try {
      this.readBlock(reader, line, skipped, textOnly, options, attrs);
    } finally {
      this.depth--;
    }
  }

  private readBlock(
    reader: LineReader,
    line: Line,
    skipped: number,
    textOnly: boolean,
    options: BlockOptions,
    attrs: BlockAttributes,
  ): void {
    const style = attrs.style;
    const delimiter = delimiterOf(line.text);
    if (delimiter) return this.readDelimitedBlock(reader, blockContext(delimiter, style), delimiter.terminator, attrs);
    reader.unshift(line);
    if (style && STRICT_VERBATIM_STYLES.has(style)) {
      // A verbatim style takes the lines up to a blank line, whatever they look like.
      const lines = reader.readUntil({ breakOnBlank: true, breakOnContinuation: true });
      if (style === 'verse' && !this.inSynopsis) this.sink.lines(lines);
      return;
    }
    reader.shift();
    if (this.readStructure(reader, line, textOnly, style)) return;
    reader.unshift(line);
    if (style && (VERBATIM_STYLES.has(style) || DIAGRAM_STYLES.has(style))) {
      this.readParagraphLines(reader, false, true);
      return;
    }
    // An unknown style leaves a normal paragraph.
    const known = style !== undefined && (ADMONITION_STYLES.has(style) || PROSE_PARAGRAPH_STYLES.has(style));
    this.readParagraph(reader, line, skipped, textOnly, options, known);
  }

  /**
   * Blocks that a line starts whatever follows: breaks, block macros, lists, a discrete heading.
   * Returns false (having consumed nothing more) when the line starts none of them.
   */
  private readStructure(reader: LineReader, line: Line, textOnly: boolean, style: string | undefined): boolean {
    const text = line.text;
    const indented = text.startsWith(' ') || text.startsWith('\t');
    if (!textOnly && (isLayoutBreak(text) || (!indented && isBlockMacro(text)))) return true;
    const list: ListKind | null =
      !indented && text.startsWith('<') && CALLOUT_ITEM.test(text)
        ? 'colist'
        : UNORDERED_ITEM.test(text)
          ? 'ulist'
          : ORDERED_ITEM.test(text)
            ? 'olist'
            : (text.includes('::') || text.includes(';;')) && DESCRIPTION_ITEM.test(text)
              ? 'dlist'
              : null;
    if (list === 'dlist') this.readDescriptionList(reader, line);
    else if (list) this.readList(reader, line, list);
    if (list) return true;
    if (style !== 'discrete' && style !== 'float') return false;
    const title = sectionTitle(text, reader.peek()?.text);
    if (!title) return false;
    reader.unshift(line);
    this.emitSectionTitle(reader, line, title.textStart, title.textEnd, title.lineCount);
    return true;
  }

  /** A paragraph, an indented (literal) paragraph, an admonition paragraph or a Markdown quote. */
  private readParagraph(
    reader: LineReader,
    line: Line,
    skipped: number,
    textOnly: boolean,
    options: BlockOptions,
    styled: boolean,
  ): void {
    const text = line.text;
    if ((text.startsWith(' ') || text.startsWith('\t')) && !styled) {
      const adjacentList = skipped === 0 ? options.listType : undefined;
      const lines = this.readParagraphLines(reader, adjacentList !== undefined, textOnly);
      // Indented lines are a literal block, except as the text of a list item or description.
      if (textOnly || adjacentList === 'dlist') this.paragraph(lines, options.fold);
      return;
    }
    const lines = this.readParagraphLines(reader, skipped === 0 && options.listType !== undefined, true);
    if (lines.length === 0) return;
    if (textOnly) return this.paragraph(lines, options.fold);
    const admonition = ADMONITION_PARAGRAPH.exec(text);
    if (admonition) {
      const ranges = lines.map((l) => this.sink.lineRange(l));
      ranges[0] = [line.start + admonition[0].length, ranges[0][1]];
      this.sink.block(ranges);
      return;
    }
    if (text.startsWith('> ')) return this.readMarkdownQuote(lines);
    this.paragraph(lines, options.fold && !styled);
  }

  private paragraph(lines: Line[], fold: boolean | undefined): void {
    if (isBlockMacroParagraph(lines)) return;
    if (fold) this.sink.fold(lines);
    else this.sink.lines(lines);
  }

  /** Paragraph lines: up to a blank line, a delimiter, an attribute line, a "+" or (in a list) an item. */
  private readParagraphLines(reader: LineReader, breakAtList: boolean, skipComments: boolean): Line[] {
    return reader.readUntil(
      { breakOnBlank: true, breakOnContinuation: true, preserveLast: true, skipComments },
      (l) =>
        (l.text.startsWith('[') && BLOCK_ATTRIBUTE_LINE.test(l.text)) ||
        delimiterOf(l.text) !== null ||
        (breakAtList && isAnyListItem(l.text)),
    );
  }

  /** "> quoted" lines: a quote block whose lines are read without their markers. */
  private readMarkdownQuote(lines: Line[]): void {
    const inner = lines.map((l) =>
      l.text === '>'
        ? lineOf(this.doc, l.end, l.end)
        : l.text.startsWith('> ')
          ? lineOf(this.doc, l.start + 2, l.end)
          : l,
    );
    this.parseBlocks(new LineReader(inner));
  }

  private readDelimitedBlock(reader: LineReader, context: string, terminator: string, attrs: BlockAttributes): void {
    const lines = reader.readUntil({ terminator, skipComments: context === 'table' });
    if (VERBATIM_CONTEXTS.has(context)) return;
    if (context === 'verse') return this.inSynopsis ? undefined : this.readVerse(lines);
    if (context === 'table') return this.readTable(lines, terminator, attrs);
    if (COMPOUND_CONTEXTS.has(context)) this.parseBlocks(new LineReader(lines));
  }

  /** Verse keeps its line breaks; stanzas are separated by blank lines. */
  private readVerse(lines: Line[]): void {
    let stanza: Line[] = [];
    for (const line of [...lines, lineOf(this.doc, this.doc.length, this.doc.length)]) {
      if (line.text.trim() !== '') stanza.push(line);
      else if (stanza.length > 0) {
        this.sink.lines(stanza);
        stanza = [];
      }
    }
  }

  private readTable(lines: Line[], delimiter: string, attrs: BlockAttributes): void {
    const list = attrs.list ?? '';
    const cells = tableCells(this.doc, lines, {
      delimiter,
      cols: namedAttribute(list, 'cols'),
      format: namedAttribute(list, 'format'),
      separator: namedAttribute(list, 'separator'),
    });
    for (const cell of cells) {
      if (cell.style === 'l') continue;
      if (cell.style === 'a') this.parseBlocks(new LineReader(cell.lines));
      else this.readVerse(cell.lines);
    }
  }

  /** An ordered, unordered or callout list starting at line. */
  private readList(reader: LineReader, line: Line, kind: ListKind): void {
    reader.unshift(line);
    const pattern = listPattern(kind);
    for (let next = reader.peek(); next; next = reader.peek()) {
      const m = pattern.exec(next.text);
      if (!m) break;
      this.readListItem(reader, next, kind, m, siblingTrait(kind, m[1]));
      if (reader.skipBlank() < 0) break;
    }
  }

  private readDescriptionList(reader: LineReader, line: Line): void {
    reader.unshift(line);
    const first = DESCRIPTION_ITEM.exec(line.text)!;
    const sibling = DESCRIPTION_SIBLING[first[2]];
    this.readListItem(reader, line, 'dlist', first, sibling);
    for (let next = reader.peek(); next; next = reader.peek()) {
      const m = sibling.exec(next.text);
      if (!m) break;
      this.readListItem(reader, next, 'dlist', m, sibling);
    }
  }

  /**
   * One item: its text (a term and its description for a description list) and the blocks that
   * belong to it. The item's text and an adjacent paragraph are one block of prose.
   */
  private readListItem(reader: LineReader, line: Line, kind: ListKind, m: RegExpExecArray, trait: SiblingTrait): void {
    const dlist = kind === 'dlist';
    let hasText: boolean;
    if (dlist) {
      const termStart = line.start + line.text.indexOf(m[1]);
      this.sink.block([[termStart, termStart + m[1].length]]);
      hasText = m[3] !== undefined && m[3] !== '';
      if (hasText) this.sink.hold([this.sink.lineRange(lineOf(this.doc, line.end - m[3].length, line.end))]);
    } else {
      hasText = true;
      let textStart = line.end - m[2].length;
      if (kind === 'ulist' && /^\[[ x*]\] /.test(m[2])) textStart += 4;
      this.sink.hold([this.sink.lineRange(lineOf(this.doc, textStart, line.end))]);
    }
    reader.shift();
    const itemReader = new LineReader(readListItemLines(reader, kind, trait, hasText));
    if (itemReader.hasMore()) {
      const first = firstNonComment(itemReader);
      const adjacent = first !== undefined && first.text !== '';
      const textOnly = adjacent && !dlist ? true : !hasText;
      this.nextBlock(itemReader, { textOnly, listType: kind, fold: adjacent }, {});
      this.parseBlocks(itemReader, { listType: kind });
    }
    this.sink.release();
  }
}

/** The kind of a delimited block, after its style: [source] over "--" is a listing, [verse] over "____" is verse. */
function blockContext(delimiter: Delimiter, style: string | undefined): string {
  if (!style || style === delimiter.context) return delimiter.context;
  if (delimiter.masquerades.includes(style)) return style;
  if (delimiter.masquerades.includes('admonition') && ADMONITION_STYLES.has(style)) return 'admonition';
  return DIAGRAM_STYLES.has(style) ? 'comment' : delimiter.context;
}

/** The first line that is not a "//" comment, without consuming anything. */
function firstNonComment(reader: LineReader): Line | undefined {
  for (let k = 0; ; k++) {
    const line = reader.peek(k);
    if (!line || !isCommentLine(line.text)) return line;
  }
}

/** A paragraph that is only a block macro line is not prose. */
function isBlockMacroParagraph(lines: Line[]): boolean {
  return lines.length === 1 && isBlockMacro(lines[0].text.trim());
}

/** A named attribute's value in an attribute list: cols="1,2a" or format=csv. */
function namedAttribute(list: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|,)\\s*${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^,]*))`).exec(list);
  return m ? (m[1] ?? m[2] ?? m[3]).trim() : undefined;
}
