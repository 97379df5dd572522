// Errors and warnings about the claims and dismissed files.
// Every problem carries the file and, when known, a 1-based line and column (column in UTF-16
// code units, as editors count), so the CLI can print "file:line:col: what" and the language
// server can turn the same data into a diagnostic on the file.

/** One thing wrong with (or, for warnings, worth noticing in) a claims or dismissed file. */
export interface ClaimsProblem {
  readonly file: string;
  /** 1-based; absent when the problem is not tied to a place (I/O errors, an invalid in-memory document). */
  readonly line?: number;
  /** 1-based, in UTF-16 code units; present whenever `line` is. */
  readonly column?: number;
  /** What is wrong, without the location prefix, e.g. `claims[1].text must be a non-empty string`. */
  readonly detail: string;
  /** `file:line:column: detail` (or `file: detail` without a position). */
  readonly message: string;
}

/** `file:line:col: detail`, `file: detail` without a line, just `detail` without a file. */
export function formatProblem(
  file: string,
  line: number | undefined,
  column: number | undefined,
  detail: string,
): string {
  if (file === '') return detail;
  return line === undefined ? `${file}: ${detail}` : `${file}:${line}:${column ?? 1}: ${detail}`;
}

export function makeProblem(file: string, detail: string, line?: number, column?: number): ClaimsProblem {
  return {
    file,
    line,
    column: line === undefined ? undefined : (column ?? 1),
    detail,
    message: formatProblem(file, line, column, detail),
  };
}

/** Cap on how many problems one error message lists; the rest are counted, not printed. */
const MAX_LISTED_PROBLEMS = 20;

/**
 * The file could not be read, parsed, validated or written. `message` is ready to show:
 * `file:line:col: what` (or `file: what` without a position); when a file has several schema
 * problems, each one is a line of the message in that format, and all are in `problems`.
 */
export class ClaimsError extends Error {
  override readonly name = 'ClaimsError';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The first problem's text without the location prefix (what a diagnostic on the file shows). */
  readonly detail: string;
  /** Every problem found, first one first; at least one. */
  readonly problems: readonly ClaimsProblem[];

  /** `message` is shown as is; prefer ClaimsError.at, which formats it from the parts. */
  constructor(
    message: string,
    file: string,
    line?: number,
    column?: number,
    options?: { cause?: unknown; problems?: readonly ClaimsProblem[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.file = file;
    this.line = line;
    this.column = line === undefined ? undefined : (column ?? 1);
    const prefix = formatProblem(file, line, column, '');
    this.detail = prefix !== '' && message.startsWith(prefix) ? message.slice(prefix.length) : message;
    this.problems = options?.problems?.length
      ? options.problems
      : [{ file, line, column: this.column, detail: this.detail, message }];
  }

  /** One problem, message formatted from its parts. */
  static at(file: string, detail: string, line?: number, column?: number, cause?: unknown): ClaimsError {
    return new ClaimsError(formatProblem(file, line, column, detail), file, line, column, { cause });
  }

  /** Several problems (at least one); the error's position is the first one's. */
  static fromProblems(problems: readonly ClaimsProblem[]): ClaimsError {
    const first = problems[0];
    if (!first) throw new RangeError('ClaimsError.fromProblems needs at least one problem');
    const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => p.message);
    if (problems.length > MAX_LISTED_PROBLEMS)
      lines.push(`... and ${problems.length - MAX_LISTED_PROBLEMS} more problems`);
    return new ClaimsError(lines.join('\n'), first.file, first.line, first.column, { problems });
  }
}

/** Receives warnings (unknown fields and the like) while a file is parsed. */
export interface ParseOptions {
  onWarning?: (warning: ClaimsProblem) => void;
}
