// Maps file paths and editor language ids to the formats the segmenter understands.

import type { LanguageId } from './types';

const BY_EXTENSION: Record<string, LanguageId> = {
  md: 'markdown',
  markdown: 'markdown',
  txt: 'plaintext',
  tex: 'latex',
  rst: 'restructuredtext',
  adoc: 'asciidoc',
  asciidoc: 'asciidoc',
};

const ALIASES: Record<string, LanguageId> = {
  markdown: 'markdown',
  md: 'markdown',
  plaintext: 'plaintext',
  text: 'plaintext',
  txt: 'plaintext',
  latex: 'latex',
  tex: 'latex',
  restructuredtext: 'restructuredtext',
  rst: 'restructuredtext',
  asciidoc: 'asciidoc',
  adoc: 'asciidoc',
};

/** The format of a file judged by its extension (case-insensitive), or undefined if unknown. */
export function languageForPath(path: string): LanguageId | undefined {
  const base = path.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  if (dot <= 0 && !(dot === 0 && base.length > 1)) return undefined;
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()];
}

/** Accepts VS Code language ids and common aliases, case-insensitively. */
export function normalizeLanguageId(id: string): LanguageId | undefined {
  const key = id.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : undefined;
}

/**
 * The format to read a document in: the declared one (an editor language id or the extension's),
 * except that a plain-text file that starts like AsciiDoc is read as AsciiDoc. Git's and many other
 * projects' manuals are AsciiDoc named `.txt`.
 */
export function effectiveLanguage(declared: LanguageId, text: string): LanguageId {
  return declared === 'plaintext' && looksLikeAsciidoc(text) ? 'asciidoc' : declared;
}

const HEADER_LINES = 60;
const ATTRIBUTE_ENTRY = /^:!?\w[\w-]*!?:(?:\s|$)/;
const ONE_LINE_TITLE = /^(={1,6}) \S/;
/** A Markdown link ("[text](url)"): a setext-titled Markdown file is not AsciiDoc. */
const MARKDOWN_TELL = /\]\(/;

/**
 * A document title ("= Title", or a line underlined with "=" of the same length) followed, within
 * the first lines, by an attribute entry (":toc:") or a section title ("== Name", or a line
 * underlined with "-", "~" or "^" of the same length, as in "NAME" over "----").
 */
export function looksLikeAsciidoc(text: string): boolean {
  const lines: string[] = [];
  for (const raw of text.slice(0, 16 * 1024).split('\n', HEADER_LINES)) {
    const line = raw.trimEnd();
    if (line.startsWith('//') || (lines.length === 0 && line === '')) continue;
    lines.push(line);
  }
  if (lines.some((line) => MARKDOWN_TELL.test(line))) return false;
  const titled = ONE_LINE_TITLE.exec(lines[0] ?? '')?.[1] === '=' || isUnderlined(lines[0], lines[1], '=');
  if (!titled) return false;
  return lines.some(
    (line, k) =>
      k > 0 &&
      (ATTRIBUTE_ENTRY.test(line) ||
        (ONE_LINE_TITLE.exec(line)?.[1].length ?? 0) >= 2 ||
        (k > 1 && ['-', '~', '^'].some((c) => isUnderlined(lines[k - 1], line, c)))),
  );
}

/** A two-line title: text over a line of `char` whose length is within one of the text's. */
function isUnderlined(title: string | undefined, underline: string | undefined, char: string): boolean {
  if (!title || !underline || !/\w/.test(title) || underline.length < 2) return false;
  if (underline !== char.repeat(underline.length)) return false;
  return Math.abs([...title].length - underline.length) <= 1;
}

/** The format of a file: the forced one if given, else by extension (plain text if unknown), sniffed. */
export function languageOfFile(path: string, text: string, forced?: LanguageId): LanguageId {
  return forced ?? effectiveLanguage(languageForPath(path) ?? 'plaintext', text);
}
