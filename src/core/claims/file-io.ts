// Reading the files and turning I/O failures into ClaimsErrors a person can act on.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ClaimsError } from './errors';

/** The file's bytes, or undefined when it does not exist. */
export async function readBytesIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw ioError(file, 'cannot read', err);
  }
}

/** Content hash that also distinguishes "missing" from "empty". */
export function contentHash(bytes: Buffer | undefined): string {
  return bytes === undefined ? 'missing' : createHash('sha256').update(bytes).digest('hex');
}

export function ioError(file: string, action: string, cause: unknown): ClaimsError {
  return ClaimsError.at(file, `${action}: ${describeIoError(cause)}`, undefined, undefined, cause);
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const IO_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for this file system or process limit',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, not a file',
  ENOENT: 'the folder does not exist',
  EEXIST: 'a file is in the way',
  EBUSY: 'the file is busy (open in another program?)',
};

function describeIoError(err: unknown): string {
  const code = errorCode(err);
  if (code && IO_REASONS[code]) return `${IO_REASONS[code]} (${code})`;
  return err instanceof Error ? err.message : String(err);
}
