// Replacing a file so that readers (the editor, CI, a teammate's git pull) only ever see the old
// or the new content, never half a file: write a temp file in the same folder (so the rename
// stays on one file system), fsync it, rename it over the target, fsync the folder. Any failure
// removes the temp file and leaves the old file untouched.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ClaimsError } from './errors';
import { errorCode, ioError } from './file-io';

export interface AtomicWriteOptions {
  /**
   * Compare-and-swap: the write happens only if the target's content (undefined: no file) still
   * passes this test at the moment it is replaced; otherwise nothing changes and the call
   * resolves false, so the caller can re-read and merge.
   */
  unchanged?: (current: Buffer | undefined) => boolean;
}

/** Writes `text` as UTF-8 to `file` atomically; throws ClaimsError (with the I/O error as cause). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await replaceFileAtomic(file, text);
}

/** writeFileAtomic with a last-moment check; resolves false when `beforeRename` called it off. */
export async function replaceFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): Promise<boolean> {
  // Write through a symlink (a claims file linked from a shared folder stays a link).
  const target = await resolveLink(file);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await existingMode(target);
  // A rename replaces even a read-only file (only the folder's permissions matter), so honor the
  // file's own flag explicitly, from its mode bits, so that it holds for root as well.
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw ClaimsError.at(file, 'cannot save: the file is read-only (the previous file is unchanged)');
  }
  let handle: fs.FileHandle | undefined;
  let tempCreated = false;
  try {
    handle = await fs.open(temp, 'wx', mode ?? 0o666);
    tempCreated = true;
    await handle.writeFile(text, 'utf8');
    // open() applies the umask; keep the old file's permissions exactly.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.unchanged) {
      const swapped = await compareAndSwap(target, temp, options.unchanged);
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
    if (err instanceof ClaimsError) throw err;
    throw ioError(file, 'cannot save (the previous file is unchanged)', err);
  }
  await syncDirectory(dir);
  return true;
}

/**
 * Replaces `target` with `temp` only if the target is unchanged, without a window in which another
 * program's save is silently overwritten (a plain check-then-rename loses a save that lands between
 * the two). The current file is first moved aside, which claims it: a program writing in place now
 * writes to the moved-aside file, and one creating a new file makes our exclusive link fail. After
 * linking ours in place, the moved-aside file is checked once more; if someone wrote to it, their
 * version is put back and the caller merges again.
 */
async function compareAndSwap(target: string, temp: string, unchanged: (current: Buffer | undefined) => boolean): Promise<boolean> {
  const aside = `${temp}.previous`;
  let movedAside = true;
  try {
    await fs.rename(target, aside);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
    movedAside = false;
  }
  const readAside = () => (movedAside ? fs.readFile(aside) : Promise.resolve(undefined));
  const restore = async () => {
    if (!movedAside) return;
    // Put the previous file back unless someone created a new one meanwhile (theirs then stands).
    await fs.link(aside, target).catch((err) => {
      if (errorCode(err) !== 'EEXIST') throw err;
    });
    await removeQuietly(aside);
  };
  if (!unchanged(await readAside())) {
    await restore();
    return false;
  }
  try {
    await fs.link(temp, target); // fails with EEXIST if a file appeared since the move
  } catch (err) {
    await restore();
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  }
  if (movedAside && !unchanged(await readAside())) {
    // Someone wrote in place to the file we had moved aside: theirs goes back, ours is redone on it.
    await renameWithRetry(aside, target);
    return false;
  }
  await removeQuietly(aside);
  return true;
}

async function resolveLink(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file; // not there yet (or unreadable: the write reports the real problem)
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
