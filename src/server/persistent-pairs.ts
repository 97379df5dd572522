// The language server's side of the persistent pair cache: the same record log and keys as
// `consistency-check check --cache` (src/core/cache), so scores computed in the editor, in CI or in
// an earlier session are never computed again; reopening a workspace re-checks it from the log.
// A log that cannot be opened or written is logged once; checking goes on with the memory cache.
import * as path from 'node:path';
import {
  CACHE_FILE_NAME,
  DEFAULT_CACHE_MAX_BYTES,
  PersistentScoreCache,
  RecordLog,
  type ModelFingerprint,
} from '../core/cache';
import { ScoreCache } from '../core/score-cache';

/** How often pending records are written while the server runs. */
const FLUSH_INTERVAL_MS = 2000;

export class PersistentPairs {
  private log?: RecordLog;
  private opened = false;
  private timer?: NodeJS.Timeout;
  private reportedWriteError = false;

  constructor(
    /** The cache folder: VS Code's global storage /cache, else the CLI's default. */
    private readonly dir: () => string,
    private readonly report: (message: string) => void,
  ) {}

  /** The pair cache for a model: persistent when its fingerprint is known and the log opens. */
  cacheFor(fingerprint: ModelFingerprint | undefined): ScoreCache {
    const log = fingerprint && this.openLog();
    if (!fingerprint || !log) return new ScoreCache();
    this.timer ??= setInterval(() => this.flush(), FLUSH_INTERVAL_MS).unref();
    return new PersistentScoreCache(log, fingerprint.id);
  }

  /** Whether the log holds scores of this model (then checks start before the model is loaded). */
  holdsScoresOf(fingerprint: ModelFingerprint): boolean {
    const log = this.openLog();
    return !!log && PersistentScoreCache.holdsScoresOf(log, fingerprint.id);
  }

  flush(): void {
    this.log?.flush();
    this.reportWriteError();
  }

  /** Writes what is pending and compacts when over the bound (at shutdown). */
  close(): void {
    clearInterval(this.timer);
    this.log?.close();
    this.reportWriteError();
  }

  private openLog(): RecordLog | undefined {
    if (this.opened) return this.log;
    this.opened = true;
    const file = path.join(this.dir(), CACHE_FILE_NAME);
    try {
      this.log = RecordLog.open(file, { maxBytes: DEFAULT_CACHE_MAX_BYTES });
      if (this.log.damaged > 0) this.report(`Pair cache: ignored ${this.log.damaged} damaged records in ${file}`);
    } catch (error) {
      this.report(`Pair cache at ${file} is unusable (${(error as Error).message}); scores are kept in memory only`);
    }
    return this.log;
  }

  private reportWriteError(): void {
    if (this.log?.writeError && !this.reportedWriteError) {
      this.reportedWriteError = true;
      this.report(
        `Pair cache: could not write ${this.log.file} (${this.log.writeError.message}); new scores are kept in memory only`,
      );
    }
  }
}
