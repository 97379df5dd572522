// How a JSON file is laid out, so a rewrite keeps the team's style: the indentation unit,
// line endings, a final newline and a byte-order mark. Anything else (key order, line breaks
// inside arrays) is normalized; the files are small and written by this tool most of the time.

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

/** JSON.stringify with the given layout. */
export function formatJson(value: unknown, format: JsonFormat): string {
  let text = JSON.stringify(value, null, format.indent);
  if (format.eol !== '\n') text = text.replace(/\n/g, format.eol);
  if (format.finalNewline) text += format.eol;
  return format.bom ? '\uFEFF' + text : text;
}
