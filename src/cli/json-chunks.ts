// A report written in pieces: `JSON.stringify(value, null, 2)` of a run's findings is one string
// of several megabytes (11 MB for the kernel's whole Documentation), built at the end of the run,
// when the model's memory is at its largest, and copied again into the write buffer. The same text,
// produced piece by piece, never holds more than one finding's text at a time.

const INDENT = '  ';

/** The pieces of JSON.stringify(value, null, 2), in order: joined, they are exactly that text. */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    const inner = indent + INDENT;
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      yield* jsonChunks(value[i], inner);
    }
    yield `\n${indent}]`;
    return;
  }
  if (isPlainObject(value)) {
    const inner = indent + INDENT;
    let first = true;
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (!hasJsonForm(member)) continue; // JSON.stringify leaves such members out
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonChunks(member, inner);
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  // Anything else in one piece; its line breaks are structural (strings escape theirs), so
  // indenting them places it at this depth.
  // In an array, what has no JSON form is written null, as JSON.stringify does.
  yield hasJsonForm(value) ? JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`) : 'null';
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Writes the pieces to a stream in blocks of about 64 KB. */
export function writeChunks(out: { write(text: string): unknown }, chunks: Iterable<string>): void {
  let block = '';
  for (const chunk of chunks) {
    block += chunk;
    if (block.length >= 65_536) {
      out.write(block);
      block = '';
    }
  }
  if (block) out.write(block);
}
