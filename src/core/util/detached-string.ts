// A copy of a string that shares no memory with the string it was cut from. V8 represents a slice
// of a long string as a view into it (a "sliced string"), so keeping one sentence keeps its whole
// document alive: the findings of a `check` over the kernel's Documentation held 23 MB of document
// text for 2.7 MB of sentences (docs/benchmarks.md, "Memory").

/** The same characters in a string of its own. */
export function detachedString(text: string): string {
  // latin1 keeps a one-byte string one byte a character; utf16le round-trips any code unit,
  // lone surrogates included.
  const encoding = /[^\u0000-\u00ff]/.test(text) ? 'utf16le' : 'latin1';
  return Buffer.from(text, encoding).toString(encoding);
}
