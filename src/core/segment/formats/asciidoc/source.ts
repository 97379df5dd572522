// The document as Asciidoctor's reader sees it: lines without trailing blanks, after the
// preprocessor. Conditionals (ifdef/ifndef/ifeval/endif) are dropped and every branch is read,
// because the attributes that decide them are usually set by the build, not the document;
// include directives are never followed (a checker reads one file at a time): an include is
// dropped, except right under block metadata ("[source]", ".Title"), where it stands for the
// block that the metadata applies to and is kept as a line the parser reads as a block macro.

/** One line of source: [start, end) is its text without trailing blanks. */
export interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The line is in a conditional branch (its attribute entries do not override earlier ones). */
  readonly conditional?: boolean;
}

const CONDITIONAL = /^(ifdef|ifndef|ifeval|endif)::(\S*?(?:[,+]\S*?)?)\[(.+)?\]$/;
const INCLUDE = /^include::[^[][^[]*\[(?:.+)?\]$/;
/** An attribute list, anchor or block title line: metadata that applies to the next block. */
const BLOCK_METADATA = /^(?:\[.*\]|\.\.?[^ \t.].*)$/;
const TRAILING_BLANK = /[ \t\r\f\v\0]/;

export function lineOf(doc: string, start: number, end: number): Line {
  while (end > start && TRAILING_BLANK.test(doc[end - 1])) end--;
  return { start, end, text: doc.slice(start, end) };
}

/** An empty line standing for markup that the grammar replaces by a blank (a list continuation). */
export function blankAt(start: number): Line {
  return { start, end: start, text: '' };
}

export function documentLines(doc: string): Line[] {
  const lines: Line[] = [];
  let depth = 0; // open conditional blocks
  let start = doc.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= doc.length) {
    let nl = doc.indexOf('\n', start);
    if (nl < 0) nl = doc.length;
    const line = lineOf(doc, start, nl);
    const directive = isDirectiveCandidate(line.text) ? CONDITIONAL.exec(line.text) : null;
    if (directive) {
      const kept = conditionalText(line, directive);
      if (kept) lines.push(kept);
      else if (directive[1] === 'endif') depth = Math.max(0, depth - 1);
      else if (directive[3] === undefined || directive[1] === 'ifeval') depth++;
    } else if (!(isDirectiveCandidate(line.text) && INCLUDE.test(line.text)) || followsMetadata(lines)) {
      lines.push(depth > 0 ? { ...line, conditional: true } : line);
    }
    start = nl + 1;
  }
  return lines;
}

function isDirectiveCandidate(text: string): boolean {
  return text.length >= 9 && (text.startsWith('if') || text.startsWith('endif::') || text.startsWith('include::'));
}

function followsMetadata(lines: Line[]): boolean {
  const previous = lines[lines.length - 1];
  return previous !== undefined && BLOCK_METADATA.test(previous.text);
}

/** A one-line ifdef/ifndef keeps its text: "ifdef::backend-html5[Shown in HTML.]". */
function conditionalText(line: Line, m: RegExpExecArray): Line | null {
  if ((m[1] !== 'ifdef' && m[1] !== 'ifndef') || m[3] === undefined) return null;
  const contentStart = line.start + line.text.length - 1 - m[3].length;
  return { start: contentStart, end: line.end - 1, text: m[3], conditional: true };
}
