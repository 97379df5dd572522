// Text from a repository (claim ids and texts, file names, sentences) shown to a person: in a
// terminal an ESC sequence (`\u001b[2J`) clears the screen or rewrites what was printed before,
// and bidirectional overrides reorder what is shown ("Trojan Source"). Human-readable output shows
// such characters as visible escapes instead; machine-readable output (JSON, SARIF) is JSON-escaped.

/** C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional embedding/isolate controls. */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unprintable character written as `\u001b` and the like. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** escapeControls, also for line breaks: for one-line fields (a claim id in a message). */
export function escapeControlsOneLine(text: string): string {
  return escapeControls(text).replace(
    /[\n\r\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
