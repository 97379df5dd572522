// How a JSON file is laid out, so a rewrite keeps the team's style: the indentation unit,
// line endings, a final newline and a byte-order mark. Anything else (key order, line breaks
// inside arrays) is normalized; the files are small and written by this tool most of the time.
import { randomBytes } from 'node:crypto';
import { JsonNumberText } from './json-with-positions';

export interface JsonFormat {
  /** One indentation level: a tab or 1-8 spaces. */
  indent: string;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  bom: boolean;
}

/** For new files and files that give no hint (a one-line file has no indented line). */
export const DEFAULT_JSON_FORMAT: JsonFormat = { indent: '  ', eol: '\n', finalNewline: true, bom: false };

export function detectJsonFormat(text: string | undefined): JsonFormat {
  if (text === undefined || text.trim() === '') return { ...DEFAULT_JSON_FORMAT };
  const bom = text.startsWith('\uFEFF');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = /\n$/.test(text);
  // A line break inside JSON only ever sits between tokens, so the first indented line shows
  // one level of the file's indentation (the root's first property).
  const firstIndent = /[\r\n]([ \t]+)\S/.exec(text)?.[1];
  let indent = DEFAULT_JSON_FORMAT.indent;
  if (firstIndent?.startsWith('\t')) indent = '\t';
  else if (firstIndent) indent = ' '.repeat(Math.min(firstIndent.length, 8));
  return { indent, eol, finalNewline, bom };
}

/**
 * JSON.stringify with the given layout. JsonNumberText values (unknown fields' numbers) are
 * written as their source text: each goes out as a unique placeholder string first, which is then
 * replaced, since JSON.stringify can only emit a number it can hold as a double.
 */
export function formatJson(value: unknown, format: JsonFormat): string {
  const kept: string[] = [];
  const nonce = randomBytes(6).toString('hex');
  const replacer = (_key: string, v: unknown) => {
    if (!(v instanceof JsonNumberText)) return v;
    kept.push(v.text);
    return `@cc-number-${nonce}-${kept.length - 1}@`;
  };
  let text = JSON.stringify(value, replacer, format.indent);
  if (kept.length > 0)
    text = text.replace(new RegExp(`"@cc-number-${nonce}-(\\d+)@"`, 'g'), (_m, i: string) => kept[Number(i)]!);
  if (format.eol !== '\n') text = text.replace(/\n/g, format.eol);
  if (format.finalNewline) text += format.eol;
  return format.bom ? '\uFEFF' + text : text;
}
