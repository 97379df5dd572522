// A cursor over lines with the operations Asciidoctor's block parser is written in terms of:
// peek, read, push back, skip blank lines, read until a terminator or a break condition.

import type { Line } from './source';

export interface ReadUntilOptions {
  /** Stop at this exact line (a delimiter); it is consumed but not returned. */
  terminator?: string;
  breakOnBlank?: boolean;
  /** Stop at a lone "+" (list continuation) that follows some content. */
  breakOnContinuation?: boolean;
  /** Leave the line that stopped the read on the reader. */
  preserveLast?: boolean;
  /** Return the line that stopped the read too. */
  readLast?: boolean;
  /** Drop "//" comment lines from the result. */
  skipComments?: boolean;
}

export class LineReader {
  private pos = 0;

  constructor(private readonly lines: Line[]) {}

  hasMore(): boolean {
    return this.pos < this.lines.length;
  }

  peek(offset = 0): Line | undefined {
    return this.lines[this.pos + offset];
  }

  read(): Line | undefined {
    return this.pos < this.lines.length ? this.lines[this.pos++] : undefined;
  }

  shift(): void {
    if (this.pos < this.lines.length) this.pos++;
  }

  /** Puts a line back; cheap when it is the line just read, which is the usual case. */
  unshift(line: Line): void {
    if (this.pos > 0 && this.lines[this.pos - 1] === line) this.pos--;
    else this.lines.splice(this.pos, 0, line);
  }

  /** Skips blank lines: how many, or -1 when the reader is exhausted. */
  skipBlank(): number {
    let n = 0;
    while (this.pos < this.lines.length && this.lines[this.pos].text === '') {
      this.pos++;
      n++;
    }
    return this.pos < this.lines.length ? n : -1;
  }

  readUntil(opts: ReadUntilOptions, stop?: (line: Line) => boolean): Line[] {
    const result: Line[] = [];
    const terminator = opts.terminator;
    let preserve = opts.preserveLast ?? false;
    let lineRead = false;
    for (let line = this.read(); line; line = this.read()) {
      let done: boolean;
      if (terminator !== undefined) done = line.text === terminator;
      else {
        const continuation = !!opts.breakOnContinuation && lineRead && line.text === '+';
        if (continuation) preserve = true;
        done = (!!opts.breakOnBlank && line.text === '') || continuation || (stop !== undefined && stop(line));
      }
      if (done) {
        if (opts.readLast) result.push(line);
        if (preserve) this.unshift(line);
        break;
      }
      if (!(opts.skipComments && isCommentLine(line.text))) {
        result.push(line);
        lineRead = true;
      }
    }
    return result;
  }
}

/** "// text" is a comment line; "///..." is not (it may open a comment block). */
export function isCommentLine(text: string): boolean {
  return text.startsWith('//') && !text.startsWith('///');
}
