// The progress line of a long `check` on a terminal: files and pairs done, elapsed time and an ETA,
// redrawn in place at most a few times a second. Nothing at all when stderr is not a TTY (CI logs)
// or with --quiet.
export class ProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly enabled: boolean = process.stderr.isTTY === true,
    private readonly write: (text: string) => void = (text) => process.stderr.write(text),
  ) {}

  /** `filesDone` of `total` files finished, `pairs` scored or reused so far. */
  update(filesDone: number, pairs: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 200 && filesDone < this.total) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const eta = filesDone > 0 ? (elapsed / filesDone) * (this.total - filesDone) : undefined;
    this.write(
      `\r\x1b[K${filesDone}/${this.total} files, ${pairs} pairs, ${clock(elapsed)} elapsed${eta === undefined ? '' : `, ETA ${clock(eta)}`}`,
    );
    this.drawn = true;
  }

  /** Clears the line so that the report and summary start on a clean one. */
  done(): void {
    if (this.drawn) this.write('\r\x1b[K');
    this.drawn = false;
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
