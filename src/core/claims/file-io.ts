// Reading the files and turning I/O failures into ClaimsErrors a person can act on.
import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import { assertInsideWorkspace } from './confine';
import { FileWriteError } from '../util/atomic-write';
import { describeIoError, errorCode } from '../util/io-error';
import { ClaimsError } from './errors';

/**
 * The most a claims or dismissed file may hold. Thousands of claims take a few hundred KB; the cap
 * keeps a hostile or broken file (a link to /dev/zero, a 20 GB blob) from exhausting memory.
 */
export const MAX_CLAIMS_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadOptions {
  /** The workspace folder: a path that resolves (through links) outside it is refused. */
  workspace?: string;
}

/**
 * The file's bytes, or undefined when it does not exist. Reads only a regular file of at most
 * MAX_CLAIMS_FILE_BYTES: a FIFO, a device (/dev/zero, /dev/stdin, which would be the language
 * server's own input) or a socket is refused without reading from it; it is opened non-blocking
 * so that a FIFO without a writer cannot hang the open itself.
 */
export async function readBytesIfExists(file: string, options: ReadOptions = {}): Promise<Buffer | undefined> {
  if (options.workspace !== undefined) await assertInsideWorkspace(file, options.workspace);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOCTTY ?? 0));
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw ioError(file, 'cannot read', err);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw ioError(file, 'cannot read', Object.assign(new Error('EISDIR: is a directory'), { code: 'EISDIR' }));
    if (!stat.isFile())
      throw ClaimsError.at(file, `cannot read: ${describeKind(stat)}, not a regular file; only regular files are read`);
    if (stat.size > MAX_CLAIMS_FILE_BYTES) throw tooLarge(file);
    // Read at most one byte past the cap, whatever the size said (the file may grow meanwhile).
    const buffer = Buffer.alloc(Math.min(stat.size + 1, MAX_CLAIMS_FILE_BYTES + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_CLAIMS_FILE_BYTES) throw tooLarge(file);
        return Buffer.concat([buffer, await readRest(handle, length, file)]);
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
  } catch (err) {
    if (err instanceof ClaimsError) throw err;
    throw ioError(file, 'cannot read', err);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A file that grew after its size was read: the rest, still within the cap. */
async function readRest(handle: fs.FileHandle, from: number, file: string): Promise<Buffer> {
  const rest = Buffer.alloc(MAX_CLAIMS_FILE_BYTES + 1 - from);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(rest, length, rest.length - length, from + length);
    if (bytesRead === 0) return rest.subarray(0, length);
    length += bytesRead;
    if (from + length > MAX_CLAIMS_FILE_BYTES) throw tooLarge(file);
  }
}

function tooLarge(file: string): ClaimsError {
  return ClaimsError.at(file, `cannot read: the file is larger than ${MAX_CLAIMS_FILE_BYTES / (1024 * 1024)} MB`);
}

function describeKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/** Content hash that also distinguishes "missing" from "empty". */
export function contentHash(bytes: Buffer | undefined): string {
  return bytes === undefined ? 'missing' : createHash('sha256').update(bytes).digest('hex');
}

export function ioError(file: string, action: string, cause: unknown): ClaimsError {
  return ClaimsError.at(file, `${action}: ${describeIoError(cause)}`, undefined, undefined, cause);
}

/** Rethrows a failed atomic write (util/atomic-write.ts) as the ClaimsError the claims files' callers handle. */
export function rethrowAsClaimsError(err: unknown): never {
  if (err instanceof FileWriteError) throw ClaimsError.at(err.file, err.detail, undefined, undefined, err.cause);
  throw err;
}
