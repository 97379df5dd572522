// File-system failures in words a person can act on ("no space left on device (ENOSPC)").

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

export function describeIoError(err: unknown): string {
  const code = errorCode(err);
  if (code && IO_REASONS[code]) return `${IO_REASONS[code]} (${code})`;
  return err instanceof Error ? err.message : String(err);
}
