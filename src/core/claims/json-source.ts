// Turns the bytes or text of a JSON file into a positioned tree, or a ClaimsError that says
// exactly where and what is wrong. Shared by the claims and the dismissed file.
import { ClaimsError } from './errors';
import { LineIndex } from '../util/line-index';
import { JsonNode, JsonSyntaxError, parseJsonWithPositions } from './json-with-positions';

const BOM = '\uFEFF';

export interface JsonSource {
  readonly file: string;
  readonly root: JsonNode;
  /** Positions count from after a leading byte-order mark, as editors show them. */
  readonly lines: LineIndex;
}

/**
 * Parses JSON text. A leading byte-order mark is accepted (Windows editors write one) and not
 * counted in columns; anywhere else it is an error like any stray character.
 */
export function parseJsonSource(text: string, file: string): JsonSource {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines = new LineIndex(body);
  try {
    return { file, root: parseJsonWithPositions(body), lines };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = lines.lineColumnAt(err.offset);
    throw ClaimsError.at(file, err.detail, line, column);
  }
}

/**
 * Decodes file bytes as UTF-8 (keeping a leading BOM as U+FEFF). Refuses UTF-16 and invalid
 * UTF-8 instead of letting replacement characters slip into claim text, where the next save
 * would make the damage permanent.
 */
export function decodeJsonBytes(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw ClaimsError.at(file, 'the file is UTF-16 encoded; save it as UTF-8', 1, 1);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  if (Buffer.byteLength(text, 'utf8') === buffer.length && Buffer.from(text, 'utf8').equals(buffer)) return text;
  const bad = firstInvalidUtf8(text, buffer);
  const hasBom = text.startsWith(BOM);
  const { line, column } = new LineIndex(hasBom ? text.slice(1) : text).lineColumnAt(bad.index - (hasBom ? 1 : 0));
  const byte = `0x${buffer[bad.byteOffset]!.toString(16).toUpperCase().padStart(2, '0')}`;
  throw ClaimsError.at(
    file,
    `not valid UTF-8 (byte ${byte} at byte offset ${bad.byteOffset}); save the file as UTF-8`,
    line,
    column,
  );
}

/** Walks the decoded text alongside the bytes to find the first U+FFFD the decoder invented. */
function firstInvalidUtf8(text: string, bytes: Buffer): { index: number; byteOffset: number } {
  let byteOffset = 0;
  for (let index = 0; index < text.length;) {
    const cp = text.codePointAt(index)!;
    const isGenuineReplacement =
      bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd;
    if (cp === 0xfffd && !isGenuineReplacement) return { index, byteOffset };
    byteOffset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += cp > 0xffff ? 2 : 1;
  }
  return { index: text.length, byteOffset: bytes.length };
}
