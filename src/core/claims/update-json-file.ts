// Read-modify-write of a JSON file without lost updates. The file is read and its hash kept;
// the caller's mutate runs on the parsed document; the new text goes to a temp file and replaces
// the file by compare-and-swap (see atomic-write.ts): if anyone changed it meanwhile (a teammate's
// git pull, another editor window, the CLI) the write is abandoned and mutate re-applied to the
// new content. Saves from this process are also queued per file, so two requests in the language
// server never race each other.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { replaceFileAtomic } from './atomic-write';
import { ClaimsError } from './errors';
import { contentHash, ioError, readBytesIfExists } from './file-io';
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

export async function updateJsonFile<D>(file: string, kind: JsonFileKind<D>, mutate: (doc: D) => D | void): Promise<D> {
  return withFileQueue(file, async () => {
    for (let attempt = 1; ; attempt++) {
      const before = await readBytesIfExists(file);
      const beforeHash = contentHash(before);
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
      if (text === unchanged) return result;

      if (before === undefined) await ensureFolder(file);
      const written = await replaceFileAtomic(file, text, {
        unchanged: (current) => contentHash(current) === beforeHash,
      });
      if (written) return result;
      if (attempt >= MAX_ATTEMPTS) {
        throw ClaimsError.at(file, `the file changed on disk ${MAX_ATTEMPTS} times while saving; nothing was saved, try again`);
      }
      // Another program is saving right now: give it a moment (growing, jittered) before merging.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  });
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
