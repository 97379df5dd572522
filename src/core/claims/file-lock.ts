// Mutual exclusion between our own processes (language servers of several windows, the CLI) for
// the read-modify-write of a claims or dismissed file. Compare-and-swap alone (atomic-write.ts)
// left a window between its last check and another process's rename, in which an acknowledged
// pin could be overwritten; a lock file created with O_EXCL closes it. The lock records its
// owner's pid and host, so a lock left by a killed process is recognised and taken over at once
// (same host, pid gone) or after STALE_MS (another host, or a pid that was reused).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClaimsError } from './errors';
import { errorCode } from '../util/io-error';
import { processAlive } from '../util/process-alive';
import { ioError } from './file-io';

/** A lock older than this is stale whoever holds it: a save takes milliseconds. */
const STALE_MS = 30_000;
/** How long to wait for another process's save before giving up with a message. */
const WAIT_MS = 20_000;

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

/** `.claims.json.lock` beside the file the save will replace (through a link: beside the target). */
export function lockPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/** Runs `task` while holding the lock of `target`; `file` names it in messages. */
export async function withFileLock<T>(target: string, file: string, task: () => Promise<T>): Promise<T> {
  const lock = lockPathFor(target);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex') };
  await acquire(lock, file, owner);
  try {
    return await task();
  } finally {
    await release(lock, owner);
  }
}

async function acquire(lock: string, file: string, owner: LockOwner): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  const content = JSON.stringify(owner);
  for (let attempt = 0; ; attempt++) {
    try {
      await createLock(lock, content);
      return;
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT') {
        await fs.mkdir(path.dirname(lock), { recursive: true }).catch((mkdirErr: unknown) => {
          throw ioError(file, 'cannot save (the previous file is unchanged)', mkdirErr);
        });
        continue;
      }
      if (code !== 'EEXIST') throw ioError(file, 'cannot save (the previous file is unchanged)', err);
    }
    if (await takeOverIfStale(lock)) continue;
    if (Date.now() > deadline) {
      throw ClaimsError.at(
        file,
        `cannot save: another process has held ${lock} for ${WAIT_MS / 1000} s (remove it if no Consistency Checker is running); nothing was saved`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * Math.min(50, 5 * (attempt + 1))));
  }
}

/** Creates the lock exclusively; a lock that could not be written whole is removed again. */
async function createLock(lock: string, content: string): Promise<void> {
  const handle = await fs.open(lock, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(lock, { force: true }).catch(() => undefined);
    throw err;
  }
  await handle.close();
}

/** Removes the lock when its owner is gone; true when it did (or the lock vanished meanwhile). */
async function takeOverIfStale(lock: string): Promise<boolean> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, { mtimeMs }] = await Promise.all([fs.readFile(lock, 'utf8'), fs.stat(lock)]);
  } catch (err) {
    return errorCode(err) === 'ENOENT';
  }
  const holder = parseOwner(text);
  const age = Date.now() - mtimeMs;
  // An unparsable lock is being written right now (or was cut short by a crash): give it a moment.
  const stale =
    holder === undefined ? age > 2_000 : age > STALE_MS || (holder.host === os.hostname() && !processAlive(holder.pid));
  if (!stale) return false;
  // Move it aside first, then check it is the lock we judged: a fresh lock taken meanwhile by
  // another process that also saw the stale one is put back, not deleted.
  const aside = `${lock}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(lock, aside);
  } catch (err) {
    return errorCode(err) === 'ENOENT';
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => '');
  if (moved !== text) await fs.link(aside, lock).catch(() => undefined);
  await fs.rm(aside, { force: true }).catch(() => undefined);
  return true;
}

async function release(lock: string, owner: LockOwner): Promise<void> {
  // Only our own lock: after a (wrong) stale takeover the file may be someone else's now.
  const text = await fs.readFile(lock, 'utf8').catch(() => undefined);
  if (text !== undefined && parseOwner(text)?.token === owner.token)
    await fs.rm(lock, { force: true }).catch(() => undefined);
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string')
      return value as LockOwner;
  } catch {
    // not a lock we wrote completely
  }
  return undefined;
}
