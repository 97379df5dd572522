// UTF-16 offset <-> line and character, the coordinate system of LSP and VS Code (0-based) and of
// compiler-style messages (1-based). Lines end at \n, \r\n or a lone \r, as in
// vscode-languageserver-textdocument.
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** 0-based line and character of a UTF-16 offset (clamped to the text), as LSP counts. */
  positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** 1-based line and column (in UTF-16 code units) of an offset, as error messages and editors' status bars count. */
  lineColumnAt(offset: number): { line: number; column: number } {
    const { line, character } = this.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  }
}
