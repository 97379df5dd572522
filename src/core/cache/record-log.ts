// The cache's storage: one append-only file of checksummed records, one record a line.
//
//   <8 hex of sha1(json)> <json>\n        json = {"h": key, "t": last-used (unix s), "v": value}
//
// Why this shape (rather than an embedded database): it needs nothing native or downloaded, a
// reader can always tell a whole record from a torn one, and the cases CI throws at it are cheap:
// - kill -9 mid-write leaves at most one torn line; its checksum fails and it is skipped, never
//   read as a wrong score (the next writer first ends the torn line, so it cannot glue onto a record);
// - several shards or processes appending at once: every flush is one write() on an O_APPEND file
//   descriptor, which the kernel places at the end as a unit, so records never interleave;
// - size: when the file is over its bound, compaction rewrites it (temp file + rename, under a lock
//   file so only one process does it) keeping the most recently used records: LRU by run, because a
//   run refreshes the "t" of the records it used when it compacts.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import * as path from 'node:path';

export interface RecordLogOptions {
  /** Compact when the file grows past this many bytes; compaction keeps about 3/4 of it. */
  maxBytes: number;
  /** The clock, in seconds (tests move it). */
  now?: () => number;
}

interface Entry {
  /**
   * The value as JSON text, parsed on first use, so a large cache costs little to open. Absent for
   * records this process wrote: they are on disk (or pending) already, and keeping every score of a
   * cold run of 5,000 files in memory a second time is what the memory budget cannot afford.
   */
  json?: string;
  t: number;
  /** Read, written or refreshed by this process: kept first when compacting. */
  used: boolean;
}

/** Records a flush writes at most; each flush is one write() call. */
const FLUSH_EVERY = 256;
/** A lock older than this belongs to a process that died while compacting. */
const STALE_LOCK_MS = 60_000;

export class RecordLog {
  private readonly entries = new Map<string, Entry>();
  private pending: string[] = [];
  /** Records that failed their checksum or did not parse when the file was read. */
  readonly damaged: number;
  /** The file did not end with a newline (a writer was killed mid-record). */
  private tornTail: boolean;
  private readonly now: () => number;
  /** The first write that failed (disk full, folder gone); later records stay in memory only. */
  writeError?: Error;

  private constructor(
    readonly file: string,
    private readonly options: RecordLogOptions,
    text: string,
  ) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.damaged = this.load(text);
    this.tornTail = text.length > 0 && !text.endsWith('\n');
  }

  /** Opens (creating the folder and file if needed) the log at `file`; throws when it cannot be used. */
  static open(file: string, options: RecordLogOptions): RecordLog {
    mkdirSync(path.dirname(file), { recursive: true });
    // Opening for append proves now, not at the first flush, that the file is writable.
    closeSync(openSync(file, 'a'));
    return new RecordLog(file, options, readFileSync(file, 'utf8'));
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry?.json) return undefined;
    entry.used = true;
    try {
      return JSON.parse(entry.json);
    } catch {
      return undefined; // cannot happen past the checksum, but a cache never fails a check
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    const t = this.now();
    this.entries.set(key, { t, used: true });
    this.pending.push(encodeRecord(key, t, json));
    if (this.pending.length >= FLUSH_EVERY) this.flush();
  }

  /** Appends the pending records in one write(); the file is opened per flush so that a concurrent
   * compaction's rename is followed. */
  flush(): void {
    if (this.pending.length === 0) return;
    const text = (this.tornTail ? '\n' : '') + this.pending.join('');
    this.pending = [];
    if (this.writeError) return;
    // A cache that cannot be written must never fail a check: remember why, stop writing.
    try {
      const fd = openSync(this.file, 'a');
      try {
        writeSync(fd, Buffer.from(text, 'utf8'));
        this.tornTail = false;
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      this.writeError = error as Error;
    }
  }

  /** Flushes, then compacts when the file is over its bound or holds damaged records. */
  close(): void {
    this.flush();
    let size = 0;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (this.writeError) return;
    try {
      if (size > this.options.maxBytes || this.damaged > 0) this.compact();
    } catch (error) {
      this.writeError = error as Error;
    }
  }

  /**
   * Rewrites the file with the records of this process first, then the others most recently used
   * first, up to 3/4 of the bound (so compaction does not run again after every run). Records other
   * processes appended since this one read the file are read again under the lock, not lost.
   * Returns false when another process holds the lock (it is compacting; nothing to do).
   */
  compact(): boolean {
    const lock = this.file + '.lock';
    if (!acquireLock(lock)) return false;
    try {
      this.flush();
      const current = new RecordLog(this.file, this.options, readFileSync(this.file, 'utf8'));
      const now = this.now();
      for (const [key, entry] of this.entries) {
        const onDisk = entry.used ? current.entries.get(key) : undefined;
        if (onDisk) Object.assign(onDisk, { t: now, used: true });
      }
      const ranked = [...current.entries].sort((a, b) => Number(b[1].used) - Number(a[1].used) || b[1].t - a[1].t);
      const budget = Math.floor(this.options.maxBytes * 0.75);
      const kept: string[] = [];
      let bytes = 0;
      for (const [key, entry] of ranked) {
        const record = encodeRecord(key, entry.t, entry.json!);
        const length = Buffer.byteLength(record);
        if (bytes + length > budget) break;
        kept.push(record);
        bytes += length;
      }
      const temp = `${this.file}.${process.pid}.tmp`;
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, Buffer.from(kept.join(''), 'utf8'));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
      const keptKeys = new Set(ranked.slice(0, kept.length).map(([key]) => key));
      for (const key of [...this.entries.keys()]) if (!keptKeys.has(key)) this.entries.delete(key);
      return true;
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private load(text: string): number {
    let damaged = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      const complete = end >= 0;
      if (!complete) end = text.length;
      const line = text.slice(start, end);
      start = end + 1;
      if (line.length === 0) continue;
      const record = complete ? decodeRecord(line) : undefined;
      if (!record) {
        damaged++;
        continue;
      }
      this.entries.set(record.h, { json: record.json, t: record.t, used: false });
    }
    return damaged;
  }
}

/** Keys are hex digests; the checksum covers the UTF-8 bytes of the line after it. */
function encodeRecord(key: string, t: number, json: string): string {
  const body = `{"h":"${key}","t":${t},"v":${json}}`;
  return `${checksum(body)} ${body}\n`;
}

const RECORD = /^\{"h":"([0-9a-f]+)","t":(\d+),"v":(.*)\}$/s;

/** The record on one line, or undefined for a torn or damaged one. The value stays JSON text. */
function decodeRecord(line: string): { h: string; t: number; json: string } | undefined {
  if (line.length < 10 || line[8] !== ' ') return undefined;
  const body = line.slice(9);
  if (checksum(body) !== line.slice(0, 8)) return undefined;
  const match = RECORD.exec(body);
  return match ? { h: match[1], t: Number(match[2]), json: match[3] } : undefined;
}

function checksum(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** An exclusive lock file; a stale one (its owner died mid-compaction) is taken over. */
function acquireLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      try {
        if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
        rmSync(lock, { force: true });
      } catch {
        if (existsSync(lock)) return false;
      }
    }
  }
  return false;
}
