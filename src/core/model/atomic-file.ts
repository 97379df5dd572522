// Files appear complete or not at all: a crash or cancel mid-write must not leave a truncated
// model that a later run would happily load.
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';

/**
 * Writes `data` to `path` through a temporary file and a rename. A list of chunks is written in
 * order without first joining them, so a model of hundreds of megabytes is never copied whole.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  const temporary = `${path}.tmp-${process.pid}-${Date.now().toString(36)}`;
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(temporary, data);
    else writeChunks(temporary, data);
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

/** Small chunks are gathered into one buffer of this size: one system call each would be slow. */
const GATHER_BYTES = 1 << 20;

function writeChunks(path: string, chunks: readonly Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    const gather = new Uint8Array(GATHER_BYTES);
    let gathered = 0;
    const flush = (): void => {
      writeAll(fd, gather.subarray(0, gathered));
      gathered = 0;
    };
    for (const chunk of chunks) {
      if (chunk.length > GATHER_BYTES - gathered) {
        flush();
        if (chunk.length >= GATHER_BYTES / 2) {
          writeAll(fd, chunk);
          continue;
        }
      }
      gather.set(chunk, gathered);
      gathered += chunk.length;
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write less than asked (a full disk reports that way before failing). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
