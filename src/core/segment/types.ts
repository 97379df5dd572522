// Shared types of the segmentation module. Offsets are UTF-16 code units, like JavaScript
// strings and VS Code/LSP positions, so they index the document text directly.

export type LanguageId = 'markdown' | 'plaintext' | 'latex' | 'restructuredtext' | 'asciidoc';

export interface Sentence {
  /** Offset of the first character of the sentence in the original document text. */
  start: number;
  /** Offset just past the sentence's last character (closing punctuation and quotes included). */
  end: number;
  /** Exactly documentText.slice(start, end); never begins or ends with whitespace. */
  text: string;
  /** The prose as a reader sees it: markup removed, whitespace collapsed to single spaces. */
  clean: string;
}
