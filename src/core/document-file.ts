// Reading a document from disk for checking: refuse what is too large or binary before parsing,
// with a one-line reason, so a stray 200 MB log or a PDF never reaches the segmenter.
import { promises as fs } from 'node:fs';
import { formatBytes } from './util/format-bytes';

export type DocumentRead = { ok: true; text: string } | { ok: false; reason: string };

export async function readDocumentFile(path: string, maxBytes: number): Promise<DocumentRead> {
  let size: number;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
    size = stat.size;
  } catch (error) {
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (maxBytes > 0 && size > maxBytes) {
    return { ok: false, reason: `skipped: ${formatBytes(size)} is above the ${formatBytes(maxBytes)} size limit` };
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    // An unreadable file (mode 000, removed meanwhile) is skipped like a binary one, not fatal.
    return { ok: false, reason: `skipped: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return { ok: true, text: decodeText(bytes) };
  if (looksBinary(bytes)) return { ok: false, reason: 'skipped: looks like a binary file' };
  return { ok: true, text: decodeText(bytes) };
}

/** Text check for documents already in memory (editor buffers). */
export function documentTextProblem(text: string, maxBytes: number): string | undefined {
  // UTF-16 length is a cheap lower bound of the UTF-8 size and the right measure of parsing work.
  if (maxBytes > 0 && text.length > maxBytes) {
    return `skipped: ${formatBytes(text.length)} is above the ${formatBytes(maxBytes)} size limit (consistency.maxFileSize)`;
  }
  if (text.slice(0, 8192).includes('\u0000')) return 'skipped: looks like a binary file';
  return undefined;
}

/** NUL bytes, or many bytes that are neither text nor UTF-8, in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let suspicious = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 7 || (byte > 13 && byte < 32 && byte !== 27)) suspicious++;
  }
  return head.length > 0 && suspicious / head.length > 0.1;
}

/** 'utf-16le' or 'utf-16be' when the bytes start with that byte-order mark (as VS Code reads them). */
export function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The text without its byte-order mark, so offsets match what an editor shows: UTF-16 LE or BE
 * when a UTF-16 mark says so, else UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder(utf16ByteOrder(bytes) ?? 'utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
