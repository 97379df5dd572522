// indexOf with memory, for scanners that look ahead for a closing token ("\end{equation}",
// "$", ">") from positions that only move forward. A plain indexOf from every candidate is
// quadratic on input with many unclosed openers; remembering the last answer makes it linear.

export class ForwardFinder {
  private from = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** First occurrence at or after pos, or -1. */
  next(pos: number): number {
    if (this.from >= 0 && pos >= this.from && (this.found < 0 || this.found >= pos)) return this.found;
    this.from = pos;
    this.found = this.text.indexOf(this.needle, pos);
    return this.found;
  }
}
