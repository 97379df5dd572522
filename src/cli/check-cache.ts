// `check --cache`: opening the persistent cache for one CLI run, and the model behind it, loaded
// only when a pair is missing from it. A cache that cannot be used is a one-line warning, never a
// failed check: the run goes on uncached.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PairScorer } from '../core/check';
import {
  modelFingerprint,
  settingsHash,
  CACHE_FILE_NAME,
  DEFAULT_CACHE_MAX_BYTES,
  defaultCacheDir,
  FileResultCache,
  PersistentScoreCache,
  RecordLog,
  type ModelFingerprint,
} from '../core/cache';
import { ScoreCache } from '../core/score-cache';
import { ModelError, type NliEngineOptions } from '../core/nli';
import { LazyScorer } from '../core/lazy-scorer';
import type { ParsedArgs } from './args';
import { BATCH_MEMORY_PAIRS } from './batch-memory';
import { sizeFlag } from './option-values';
import { loadModelForCli, loadResolvedModel, resolveModelForCli } from './load-model';

/** Pair scores kept in memory (see batch-memory.ts); the persistent cache remembers the rest. */
const MEMORY_PAIRS = BATCH_MEMORY_PAIRS;

export const CACHE_FLAGS = { values: ['cache-location', 'cache-max-size'], booleans: ['cache'] };

export const CACHE_USAGE = `  --cache                keep pair scores and per-file results between runs, keyed by content
                         (the model is not loaded when every pair is cached)
  --cache-location DIR   where (default $XDG_CACHE_HOME/consistency-checker/cache; for CI,
                         e.g. .consistency/cache, restored by actions/cache); implies --cache
  --cache-max-size SIZE  compact to the most recently used records above SIZE (default 64M)`;

export interface CliCache {
  log: RecordLog;
  pairs: PersistentScoreCache;
  files: FileResultCache;
}

export function cacheRequested(args: ParsedArgs): boolean {
  return args.has('cache') || args.has('cache-location');
}

/** The cache of this run, or undefined (with a one-line warning) when it cannot be used. */
export function openCliCache(args: ParsedArgs, cwd: string, model: ModelFingerprint): CliCache | undefined {
  const maxBytes = cacheMaxSize(args);
  const dir = path.resolve(cwd, args.get('cache-location') ?? defaultCacheDir());
  let log: RecordLog;
  try {
    log = RecordLog.open(path.join(dir, CACHE_FILE_NAME), { maxBytes });
  } catch (error) {
    warn(`cache at ${dir} is unusable (${reason(error)}); checking without it`);
    return undefined;
  }
  if (log.damaged > 0)
    warn(
      `cache: ignored ${log.damaged} damaged record${log.damaged === 1 ? '' : 's'} in ${log.file} (rewritten at the end of this run)`,
    );
  return { log, pairs: new PersistentScoreCache(log, model.id, MEMORY_PAIRS), files: new FileResultCache(log) };
}

/** Writes what is pending and compacts when over the bound; a failure is a warning. */
export function closeCliCache(cache: CliCache): void {
  cache.log.close();
  if (cache.log.writeError)
    warn(
      `cache: could not write ${cache.log.file} (${reason(cache.log.writeError)}); results of this run were not cached`,
    );
}

export function cacheSummary(cache: CliCache, files: number, modelLoaded: boolean): string {
  const reused = `${cache.pairs.hits} pair score${cache.pairs.hits === 1 ? '' : 's'} reused`;
  return `cache: ${cache.files.hits} of ${files} file${files === 1 ? '' : 's'} unchanged, ${reused}, ${cache.pairs.writes} scored${modelLoaded ? '' : ' (model not loaded)'}`;
}

/** What a check run scores with: the engine (or, with a cache, the engine behind a lazy loader). */
export interface Scoring {
  scorer: PairScorer & { dispose(): Promise<void>; readonly loaded?: boolean };
  /** The Checker's pair cache: persistent with --cache, else memory only. */
  pairs: ScoreCache;
  cache?: CliCache & { settings: string };
}

/**
 * Without --cache: the engine, loaded now, as before. With it: the model's fingerprint (hashes, no
 * loading), the cache, and the engine behind a LazyScorer. `settings` are the run-wide inputs of
 * per-file results besides the model (verdict rule, pairing, evidence threshold); dismissals are
 * read here. Undefined after a model error was printed (exit 2).
 */
export async function openScoring(
  args: ParsedArgs,
  options: NliEngineOptions,
  context: { cwd: string; dismissedFile?: string; settings: Record<string, unknown> },
): Promise<Scoring | undefined> {
  if (!cacheRequested(args)) {
    const engine = await loadModelForCli(args, options);
    return engine && { scorer: engine, pairs: new ScoreCache(MEMORY_PAIRS) };
  }
  cacheMaxSize(args); // a bad size is a usage error before any work
  const model = resolveModelForCli(args);
  if (!model) return undefined;
  let fingerprint: ModelFingerprint;
  try {
    fingerprint = await modelFingerprint(model.dir, model.labels?.labels);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    process.stderr.write(`consistency-check: ${error.message}\n${error.hint}\n`);
    return undefined;
  }
  const scorer = new LazyScorer(fingerprint.modelName, () =>
    loadResolvedModel(model, options).then((engine) => engine ?? Promise.reject(new ModelLoadFailed())),
  );
  const cache = openCliCache(args, context.cwd, fingerprint);
  if (!cache) return { scorer, pairs: new ScoreCache(MEMORY_PAIRS) };
  const dismissed = context.dismissedFile === undefined ? 'none' : readOrEmpty(context.dismissedFile);
  const settings = settingsHash({ ...context.settings, model: fingerprint.id, dismissed }, toolVersion());
  return { scorer, pairs: cache.pairs, cache: { ...cache, settings } };
}

/** The release, from the bundle (scripts/build.mjs defines VERSION); 'dev' when run from source. */
function toolVersion(): string {
  return typeof VERSION === 'string' ? VERSION : 'dev';
}
declare const VERSION: string | undefined;

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The model could not be loaded mid-run; the loader has already said why (exit 2). */
export class ModelLoadFailed extends Error {
  constructor() {
    super('the model could not be loaded');
  }
}

/** `--cache-max-size 64M`; the cache needs room for at least a few records. */
function cacheMaxSize(args: ParsedArgs): number {
  return sizeFlag(args, 'cache-max-size', { min: 4096, example: '64M' }, DEFAULT_CACHE_MAX_BYTES);
}

function warn(message: string): void {
  process.stderr.write(`consistency-check: warning: ${message}\n`);
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? e);
}
