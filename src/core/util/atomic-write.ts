// Replacing a file so that readers (the editor, CI, a teammate's git pull) only ever see the old
// or the new content, never half a file: write a temp file in the same folder (so the rename
// stays on one file system), fsync it, rename it over the target, fsync the folder. Any failure
// removes the temp file and leaves the old file untouched.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeIoError, errorCode } from './io-error';

/** A file that could not be replaced; the previous file is unchanged. `message` is `file: detail`. */
export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';

  constructor(
    readonly file: string,
    readonly detail: string,
    cause?: unknown,
  ) {
    super(`${file}: ${detail}`, cause === undefined ? undefined : { cause });
  }
}

export interface AtomicWriteOptions {
  /**
   * Compare-and-swap: the write happens only if the target's content (undefined: no file) still
   * passes this test at the moment it is replaced; otherwise nothing changes and the call
   * resolves false, so the caller can re-read and merge.
   */
  unchanged?: (current: Buffer | undefined) => boolean;
}

/**
 * What a file is written from: text (as UTF-8), bytes, or a list of chunks written in order without
 * first joining them, so that a model of hundreds of megabytes is never copied whole.
 */
export type FileData = string | Uint8Array | readonly Uint8Array[];

/** Writes `data` to `file` atomically; throws FileWriteError (with the I/O error as cause). */
export async function writeFileAtomic(file: string, data: FileData): Promise<void> {
  await replaceFileAtomic(file, data);
}

/** writeFileAtomic with a last-moment check; resolves false when `beforeRename` called it off. */
export async function replaceFileAtomic(
  file: string,
  data: FileData,
  options: AtomicWriteOptions = {},
): Promise<boolean> {
  // Write through a symlink (a claims file linked from a shared folder stays a link).
  const target = await resolveLink(file);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await existingMode(target);
  // A rename replaces even a read-only file (only the folder's permissions matter), so honor the
  // file's own flag explicitly, from its mode bits, so that it holds for root as well.
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw new FileWriteError(file, 'cannot save: the file is read-only (the previous file is unchanged)');
  }
  let handle: fs.FileHandle | undefined;
  let tempCreated = false;
  try {
    handle = await fs.open(temp, 'wx', mode ?? 0o666);
    tempCreated = true;
    await writeData(handle, data);
    // open() applies the umask; keep the old file's permissions exactly.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.unchanged) {
      const written =
        typeof data === 'string'
          ? Buffer.from(data, 'utf8')
          : data instanceof Uint8Array
            ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
            : Buffer.concat(data);
      const swapped = await compareAndSwap(target, temp, written, options.unchanged);
      await removeQuietly(temp);
      tempCreated = false;
      if (!swapped) return false;
    } else {
      await renameWithRetry(temp, target);
      tempCreated = false;
    }
  } catch (err) {
    await handle?.close().catch(() => undefined);
    if (tempCreated) await removeQuietly(temp);
    if (err instanceof FileWriteError) throw err;
    throw new FileWriteError(file, `cannot save (the previous file is unchanged): ${describeIoError(err)}`, err);
  }
  await syncDirectory(dir);
  return true;
}

/** Small chunks are gathered into one buffer of this size: one system call each would be slow. */
const GATHER_BYTES = 1 << 20;

async function writeData(handle: fs.FileHandle, data: FileData): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) return handle.writeFile(data);
  const gather = new Uint8Array(GATHER_BYTES);
  let gathered = 0;
  const flush = async (): Promise<void> => {
    await writeAll(handle, gather.subarray(0, gathered));
    gathered = 0;
  };
  for (const chunk of data) {
    if (chunk.length > GATHER_BYTES - gathered) {
      await flush();
      if (chunk.length >= GATHER_BYTES / 2) {
        await writeAll(handle, chunk);
        continue;
      }
    }
    gather.set(chunk, gathered);
    gathered += chunk.length;
  }
  await flush();
}

/** A write may take less than asked (a full disk reports that way before failing). */
async function writeAll(handle: fs.FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;)
    offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
}

/**
 * Replaces `target` with `temp` only if the target is unchanged, without the window of a plain
 * check-then-rename, in which another program's save lands between the two and is silently lost.
 * The current file gets a second name (a hard link) first: a program that writes in place writes
 * to that same inode, so after our rename its write is still visible there and is put back for the
 * caller to merge; a program that replaced the file by rename gave it a new inode, which we see
 * before renaming. Readers always see the old or the new file, never none.
 */
async function compareAndSwap(
  target: string,
  temp: string,
  written: Buffer,
  unchanged: (current: Buffer | undefined) => boolean,
): Promise<boolean> {
  const previous = `${temp}.previous`;
  try {
    await fs.link(target, previous);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
    if (!unchanged(undefined)) return false;
    // No file yet: create it exclusively, so that a file created meanwhile is never replaced.
    try {
      await fs.link(temp, target);
      return true;
    } catch (linkErr) {
      if (errorCode(linkErr) === 'EEXIST') return false;
      throw linkErr;
    }
  }
  try {
    if (!unchanged(await fs.readFile(previous))) return false;
    const [kept, current] = await Promise.all([fs.stat(previous), fs.stat(target).catch(() => undefined)]);
    if (!current || current.ino !== kept.ino || current.dev !== kept.dev) return false;
    await renameWithRetry(temp, target);
    if (!unchanged(await fs.readFile(previous))) {
      // Written in place after our check: their version goes back, ours is redone on top of it.
      await renameWithRetry(previous, target);
      return false;
    }
    // Overwritten in place right after our rename (by a program that had read the old file):
    // report it, so the caller re-applies its change to what is there now. Callers' changes are
    // idempotent, so a change that survived is not applied twice.
    return (await fs.readFile(target)).equals(written);
  } finally {
    await removeQuietly(previous);
  }
}

/** The file a save replaces: a link's target, so that a file linked from a shared folder stays a link. */
export async function resolveLink(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file); // not there yet (or unreadable: the write reports the real problem)
  }
}

async function existingMode(file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

async function removeQuietly(file: string): Promise<void> {
  await fs.rm(file, { force: true }).catch(() => undefined);
}

/** On Windows a rename fails briefly while another program (indexer, antivirus) has the target open. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (err) {
      const transient = process.platform === 'win32' && ['EPERM', 'EACCES', 'EBUSY'].includes(errorCode(err) ?? '');
      if (!transient || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** Makes the rename itself durable. Best effort: some platforms cannot open or fsync a folder. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported here (Windows, some network file systems); the rename has still happened
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
