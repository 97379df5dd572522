// Read-modify-write of a JSON file without lost updates. Saves from this process are queued per
// file, so two requests in the language server never race each other; saves from our other
// processes (more windows, the CLI) wait for a lock file (file-lock.ts), so an acknowledged save
// is on disk and stays there. Inside the lock the file is read and its hash kept, the caller's
// mutate runs on the parsed document, and the new text replaces the file by compare-and-swap
// (util/atomic-write.ts): programs that take no lock (an editor, a teammate's git pull) are still
// detected, and mutate is re-applied to what they wrote.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtomic, resolveLink } from '../util/atomic-write';
import { ClaimsError } from './errors';
import { assertInsideWorkspace } from './confine';
import { contentHash, ioError, readBytesIfExists, rethrowAsClaimsError, type ReadOptions } from './file-io';
import { withFileLock } from './file-lock';
import { JsonFormat, detectJsonFormat } from './json-format';
import { decodeJsonBytes } from './json-source';

/** What updateJsonFile needs to know about one kind of file. */
export interface JsonFileKind<D> {
  /** Parses file text; throws ClaimsError. */
  parse(text: string, file: string): D;
  /** The document a missing file stands for. */
  empty(): D;
  /** Throws ClaimsError when an in-memory document must not be written. */
  validate(doc: D, file: string): void;
  serialize(doc: D, format: JsonFormat): string;
}

/** How often a save starts over because the file changed under it, before giving up. */
const MAX_ATTEMPTS = 10;

export async function updateJsonFile<D>(
  file: string,
  kind: JsonFileKind<D>,
  mutate: (doc: D) => D | void,
  options: ReadOptions = {},
): Promise<D> {
  return withFileQueue(file, async () => {
    if (options.workspace !== undefined) await assertInsideWorkspace(file, options.workspace);
    // A save that would change nothing (a pin that is already there) needs no lock, and must not
    // leave a lock file or a new folder behind; an invalid file is refused before locking too.
    const plan = await planUpdate(file, kind, mutate, options);
    if (!plan.changed) return plan.result;
    return withFileLock(await resolveLink(file), file, () => readModifyWrite(file, kind, mutate, options));
  });
}

interface UpdatePlan<D> {
  before: Buffer | undefined;
  result: D;
  text: string;
  changed: boolean;
}

/** Reads the file and applies mutate in memory; writes nothing. */
async function planUpdate<D>(
  file: string,
  kind: JsonFileKind<D>,
  mutate: (doc: D) => D | void,
  options: ReadOptions,
): Promise<UpdatePlan<D>> {
  const before = await readBytesIfExists(file, options);
  const beforeText = before === undefined ? undefined : decodeJsonBytes(before, file);
  // An invalid file throws here: never overwrite what a person is in the middle of editing.
  const doc = beforeText === undefined ? kind.empty() : kind.parse(beforeText, file);
  const format = detectJsonFormat(beforeText);
  // Serialized before mutate (which may change doc in place), to tell whether anything changed.
  const unchanged = kind.serialize(doc, format);
  const result = mutate(doc) ?? doc;
  kind.validate(result, file);
  const text = kind.serialize(result, format);
  // Nothing to do: leave the file (its hand-made layout, its mtime) alone, and create no empty file.
  return { before, result, text, changed: text !== unchanged };
}

async function readModifyWrite<D>(
  file: string,
  kind: JsonFileKind<D>,
  mutate: (doc: D) => D | void,
  options: ReadOptions,
): Promise<D> {
  for (let attempt = 1; ; attempt++) {
    const { before, result, text, changed } = await planUpdate(file, kind, mutate, options);
    if (!changed) return result;
    const beforeHash = contentHash(before);
    if (before === undefined) await ensureFolder(file);
    // Still compare-and-swap: programs that take no lock (editors, git) may write meanwhile.
    const written = await replaceFileAtomic(file, text, {
      unchanged: (current) => contentHash(current) === beforeHash,
    }).catch(rethrowAsClaimsError);
    if (written) return result;
    if (attempt >= MAX_ATTEMPTS) {
      throw ClaimsError.at(
        file,
        `the file changed on disk ${MAX_ATTEMPTS} times while saving; nothing was saved, try again`,
      );
    }
    // Another program is saving right now: give it a moment (growing, jittered) before merging.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
  }
}

async function ensureFolder(file: string): Promise<void> {
  const dir = path.dirname(file);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    throw ioError(file, `cannot create the folder ${dir}`, err);
  }
}

const queues = new Map<string, Promise<void>>();

/** Runs `task` after every earlier task for the same file (by absolute path) has settled. */
async function withFileQueue<T>(file: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}
