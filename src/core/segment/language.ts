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
