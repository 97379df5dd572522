// The one error type for "this model folder cannot be used": the server shows it as a
// diagnostic/notification and the CLI prints it, so it carries the offending file and a next step.

export class ModelError extends Error {
  /** The file or folder that is missing, unreadable or wrong. */
  readonly path: string;
  /** What the user can do about it, in one sentence. */
  readonly hint: string;

  constructor(message: string, path: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
    this.path = path;
    this.hint = hint;
  }
}
