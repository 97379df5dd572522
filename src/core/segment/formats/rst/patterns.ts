// The line patterns of docutils' body parser, tried in its order: bullet, enumerator, field
// marker, option marker, doctest, line block, grid table, simple table, explicit markup,
// anonymous target, adornment line, and otherwise text. Tabs count as white space here; the
// column arithmetic is done on tab-expanded lines elsewhere.

const ENUM = String.raw`(?:\d+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+|#)`;
const SIMPLENAME = String.raw`[\p{L}\p{N}]+(?:[-.+:][\p{L}\p{N}]+|_[\p{L}\p{N}]+)*`;
const OPTARG = String.raw`(?:[^\W_]+(?:[-.+:][^\W_]+|_[^\W_]+)*|<[^<>]+>)`;
const SHORT_OPTION = String.raw`[-+][a-zA-Z0-9](?: ?${OPTARG})?`;
const LONG_OPTION = String.raw`(?:--|/)[a-zA-Z0-9][a-zA-Z0-9_-]*(?:[ =]${OPTARG})?`;
const OPTION = `(?:${SHORT_OPTION}|${LONG_OPTION})`;

export const BULLET = /^[-+*\u2022\u2023\u2043](?:[ \t]+|$)/;
export const ENUMERATOR = new RegExp(String.raw`^(?:\(${ENUM}\)|${ENUM}[.)])(?:[ \t]+|$)`);
export const FIELD_MARKER = /^:(?![: ])(?:[^:\\]|\\.|:(?![ `]|$))*(?<! ):(?:[ \t]+|$)/;
export const OPTION_MARKER = new RegExp(String.raw`^${OPTION}(?:, ${OPTION})*(?: {2,}|\t[ \t]*| ?$)`);
export const DOCTEST = /^>>>(?:[ \t]+|$)/;
export const LINE_BLOCK = /^\|(?:[ \t]+|$)/;
export const GRID_TABLE_TOP = /^\+-[-+]+-\+$/;
export const SIMPLE_TABLE_BORDER = /^=+(?:[ \t]+=+)+$/;
export const EXPLICIT = /^\.\.(?:[ \t]+|$)/;
export const ANONYMOUS = /^__(?:[ \t]+|$)/;

export const FOOTNOTE = new RegExp(
  String.raw`^\.\.[ \t]+\[(?:\d+|#|#${SIMPLENAME}|\*|${SIMPLENAME})\](?:[ \t]+|$)`,
  'u',
);
export const TARGET = /^\.\.[ \t]+_/;
export const SUBSTITUTION = /^\.\.[ \t]+\|(?! )/;
export const DIRECTIVE = new RegExp(String.raw`^\.\.[ \t]+(${SIMPLENAME}) ?::(?:[ \t]+|$)`, 'u');

/** Punctuation that may make up section adornments, transitions and quoted literal blocks. */
export function isAdornmentChar(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/** A line made of one punctuation character repeated (trailing blanks are already trimmed). */
export function isAdornmentLine(text: string): boolean {
  const c = text.charCodeAt(0);
  if (!isAdornmentChar(c)) return false;
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) !== c) return false;
  return true;
}

/** "text::" with an unescaped "::" at the end: the paragraph introduces a literal block. */
export function endsWithLiteralMarker(text: string): boolean {
  if (!text.endsWith('::')) return false;
  let slashes = 0;
  for (let i = text.length - 3; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 0;
}

/** Classifier delimiter in a definition list term ("name : type"). */
export const CLASSIFIER = / +: +/;
