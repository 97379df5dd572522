// Character tests shared by the Markdown block and inline scanners (UTF-16 code units).

export function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Whitespace inside a line: space, tab, CR, vertical tab, form feed. */
export function isBlankCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c;
}

/** ASCII punctuation: what a backslash can escape. */
export function isAsciiPunctuation(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

export function isAsciiAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiAlpha(c) || (c >= 0x30 && c <= 0x39);
}
