// Finds inline suppression comments in a document, written in its format's own comment syntax, as
// the linters writers already use do (cspell, markdownlint, Vale, LTeX):
//   Markdown          <!-- consistency-disable -->            (not inside fenced code)
//   reStructuredText  .. consistency-disable                  (a comment line)
//   AsciiDoc          // consistency-disable                  (a line comment; not in delimited blocks)
//   LaTeX             % consistency-disable                   (anywhere after an unescaped %)
// Plain text has no comments, so it has no directives: a "#" or "//" line there is prose.
import type { LanguageId } from '../segment/types';

export type DirectiveKind = 'disable' | 'enable' | 'ignore-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Offset of the comment in the document. */
  offset: number;
  /** Offset just past the line the comment is on (its newline included). */
  lineEnd: number;
  /** The claim ids it is limited to ("claim=c1,c2"); undefined means every claim. */
  claims?: string[];
}

/** The directive words after "consistency-", and an optional "claim=" list. */
const BODY = /consistency-(disable|enable|ignore-next-line)(?:\s+claims?=([\w.:-]+(?:\s*,\s*[\w.:-]+)*))?/;
const MARKDOWN = /<!--\s*(consistency-[^>]*?)\s*-->/g;
const RST = /^[ \t]*\.\.[ \t]+(consistency-.*)$/gm;
const ASCIIDOC = /^\/\/(?!\/)[ \t]*(consistency-.*)$/gm;
const LATEX = /(?<!\\)(?:\\\\)*%[ \t]*(consistency-.*)$/gm;

/** Cheap test that lets documents without any directive skip the scan. */
const MARKER = 'consistency-';

export function findDirectives(text: string, language: LanguageId): Directive[] {
  if (language === 'plaintext' || !text.includes(MARKER)) return [];
  const pattern = { markdown: MARKDOWN, restructuredtext: RST, asciidoc: ASCIIDOC, latex: LATEX }[language];
  const excluded =
    language === 'markdown' ? markdownCodeLines(text) : language === 'asciidoc' ? asciidocBlockLines(text) : undefined;
  const lineOf = lineCounter(text);
  const out: Directive[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const body = BODY.exec(m[1]);
    // The body must be the whole comment (apart from trailing blanks): "consistency-disable-foo" is not ours.
    if (!body || m[1].slice(body.index + body[0].length).trim() !== '' || body.index !== 0) continue;
    if (excluded && excluded.has(lineOf(m.index))) continue;
    const nl = text.indexOf('\n', m.index + m[0].length);
    out.push({
      kind: body[1] as DirectiveKind,
      offset: m.index,
      lineEnd: nl < 0 ? text.length : nl + 1,
      claims: body[2]?.split(',').map((id) => id.trim()),
    });
  }
  return out;
}

/** The 0-based line of each offset, for offsets given in increasing order. */
function lineCounter(text: string): (offset: number) => number {
  let line = 0;
  let next = text.indexOf('\n');
  return (offset) => {
    while (next >= 0 && next < offset) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    return line;
  };
}

/** 0-based numbers of the lines inside Markdown fenced code, where a comment is an example, not a directive. */
function markdownCodeLines(text: string): Set<number> {
  const out = new Set<number>();
  let fence: RegExp | null = null;
  text.split('\n').forEach((raw, n) => {
    const line = raw.replace(/\r$/, '');
    if (fence) {
      out.add(n);
      if (fence.test(line)) fence = null;
      return;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = new RegExp(`^ {0,3}\\${open[1][0]}{${open[1].length},}\\s*$`);
      out.add(n);
    }
  });
  return out;
}

/** 0-based numbers of the lines inside AsciiDoc delimited listing, literal and passthrough blocks. */
function asciidocBlockLines(text: string): Set<number> {
  const out = new Set<number>();
  let closing: string | null = null;
  text.split('\n').forEach((raw, n) => {
    const line = raw.trimEnd();
    if (closing !== null) {
      out.add(n);
      if (line === closing) closing = null;
    } else if (/^(?:-{4,}|\.{4,}|\+{4,}|`{3})$/.test(line)) {
      closing = line;
      out.add(n);
    }
  });
  return out;
}
