// Character classes used by the sentence splitter. Checks take UTF-16 code units (charCodeAt)
// because the splitter walks strings unit by unit and must stay linear on multi-megabyte input.

export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Sentence-final marks that need whitespace (or the end of text) after them to end a sentence. */
const SPACED_TERMINALS = new Set(['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '।', '॥', '؟', '۔', '﹒', '﹗', '﹖']);
/** Full-width marks: CJK text has no spaces, so these end a sentence wherever they stand. */
const FULLWIDTH_TERMINALS = new Set(['。', '！', '？', '．', '｡']);

export function isTerminal(ch: string): boolean {
  return SPACED_TERMINALS.has(ch) || FULLWIDTH_TERMINALS.has(ch);
}

export function isFullwidthTerminal(ch: string): boolean {
  return FULLWIDTH_TERMINALS.has(ch);
}

/** Marks whose presence in a cluster makes it an exclamation/question rather than a period. */
export function isStrongTerminal(ch: string): boolean {
  return ch !== '.' && ch !== '…' && ch !== '﹒' && ch !== '．' && ch !== '｡' && ch !== '。';
}

/** Characters that may follow sentence-final punctuation and still belong to the sentence. */
const CLOSERS = new Set([
  '"',
  "'",
  '”',
  '’',
  '»',
  '›',
  ')',
  ']',
  '}',
  '」',
  '』',
  '）',
  '】',
  '〕',
  '》',
  '〉',
  '〗',
  '］',
  '｝',
]);
export function isCloser(ch: string): boolean {
  return CLOSERS.has(ch);
}

/** Characters that may precede the first letter of a sentence. */
const OPENERS = new Set([
  '"',
  "'",
  '“',
  '‘',
  '«',
  '‹',
  '(',
  '[',
  '{',
  '「',
  '『',
  '（',
  '【',
  '〔',
  '《',
  '〈',
  '〖',
  '［',
  '｛',
  '¿',
  '¡',
  '`',
  '„',
]);
export function isOpener(ch: string): boolean {
  return OPENERS.has(ch);
}

/** List bullets that start an item even in the middle of a line (pySBD's "• 9. item • 10. item"). */
const BULLETS = new Set(['•', '⁃', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '►', '▸', '➢', '✓', '✔']);
export function isBullet(ch: string): boolean {
  return BULLETS.has(ch);
}

const UPPER = /^[\p{Lu}\p{Lt}]/u;
const LOWER = /^\p{Ll}/u;
const LETTER = /^\p{L}/u;
const DIGIT = /^\p{Nd}/u;

export function isUpperAt(text: string, i: number): boolean {
  return UPPER.test(charAt(text, i));
}
export function isLowerAt(text: string, i: number): boolean {
  return LOWER.test(charAt(text, i));
}
export function isLetterAt(text: string, i: number): boolean {
  return LETTER.test(charAt(text, i));
}
export function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return true;
  return c > 0x7f && DIGIT.test(charAt(text, i));
}

/** The full code point at i as a string (a lone surrogate stays a one-unit string). */
export function charAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return text.slice(i, i + 2);
  }
  return text.charAt(i);
}

const WORDISH = /^[\p{L}\p{N}]/u;
/** True when the range holds at least one letter or digit, i.e. it is not just punctuation or symbols. */
export function hasWordChar(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
    if (c > 0x7f && WORDISH.test(charAt(text, i))) return true;
  }
  return false;
}
