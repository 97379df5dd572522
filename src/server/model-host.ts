// Owns the NLI engine inside the server: loads it in the background when the model setting
// changes, reports the outcome once, and never lets a missing or broken model stop the server.
// When the persistent pair cache already holds scores of the model, loading waits for the first
// pair the cache cannot answer: reopening a workspace re-checks it without the model.
import * as os from 'node:os';
import { bundledModelCatalog, catalogLabelOrder, resolveModel, type CatalogEntry } from '../core/model';
import { ModelError, type LabelOrder, type NliLabel } from '../core/nli';
import type { PairScorer } from '../core/check';
import { modelFingerprint, type ModelFingerprint } from '../core/cache';
import type { ConsistencySettings } from '../common/settings';
import { LazyScorer } from '../core/lazy-scorer';
import { WorkerEngine } from './worker-engine';

/** A loaded engine (WorkerEngine in the server; a plain scorer in tests). */
export interface LoadedEngine extends PairScorer {
  readonly onnxFile?: string;
  dispose(): Promise<void>;
}

/** Loading a model only when a pair needs it. */
export interface DeferredLoading {
  /** Whether the pair cache holds scores of this model, so loading can wait for a pair it lacks. */
  cacheHolds(fingerprint: ModelFingerprint): boolean;
  /** A deferred load started (a pair was not in the cache) and, later, finished. */
  onLoad(event: { phase: 'loading'; model: string } | { phase: 'loaded'; engine: LoadedEngine }): void;
}

/** How an engine is loaded and a model folder fingerprinted: the worker thread and a SHA-256 by default. */
export interface EngineLoader {
  load(modelDir: string, threads: number, labels: LabelOrder | undefined): Promise<LoadedEngine>;
  fingerprint(modelDir: string, labels: readonly string[] | undefined): Promise<ModelFingerprint>;
}

export const WORKER_ENGINES: EngineLoader = {
  load: (modelDir, threads, labels) => WorkerEngine.load(modelDir, threads, labels),
  fingerprint: (modelDir, labels) => modelFingerprint(modelDir, labels),
};

export type ModelState =
  | { kind: 'none'; message: string; hint: string; download?: CatalogEntry }
  | { kind: 'loading'; model: string }
  /** `deferred`: the engine is a LazyScorer, loaded on the first pair the pair cache lacks. */
  | { kind: 'ready'; engine: LoadedEngine; fingerprint?: ModelFingerprint; deferred?: boolean }
  | { kind: 'error'; model: string; message: string; hint: string };

export interface ModelRequest {
  /** A model folder (transformers.js layout) or a catalog id; empty: the catalog's default. */
  model: string;
  threads: number;
  /** consistency.modelLabels: the output order of a model whose config.json says LABEL_0..2 ([] = none given). */
  labels?: string[];
}

export interface ModelLocations {
  /** The extension's bundled models/ folder. */
  bundledRoot?: string;
  /** The user's model cache (VS Code global storage, or the XDG cache for other editors). */
  cacheRoot: string;
}

export class ModelHost {
  private state: ModelState = { kind: 'none', message: 'The NLI model is not loaded yet.', hint: NO_MODEL_HINT };
  private current = '';
  private loading?: Promise<void>;

  constructor(
    private readonly onChange: (state: ModelState) => void,
    private readonly locations: () => ModelLocations,
    private readonly engines: EngineLoader = WORKER_ENGINES,
    private readonly deferral?: DeferredLoading,
  ) {}

  get status(): ModelState {
    return this.state;
  }

  get engine(): LoadedEngine | undefined {
    return this.state.kind === 'ready' ? this.state.engine : undefined;
  }

  /** What the loaded model's scores are keyed by in the persistent pair cache; none if unknown. */
  get fingerprint(): ModelFingerprint | undefined {
    return this.state.kind === 'ready' ? this.state.fingerprint : undefined;
  }

  /** Loads the model when the request differs from what is loaded; resolves when settled. */
  async configure(request: ModelRequest): Promise<void> {
    const threads = request.threads > 0 ? request.threads : os.availableParallelism();
    const key = `${request.model}\u0000${threads}\u0000${(request.labels ?? []).join(',')}`;
    if (key === this.current) return this.loading;
    this.current = key;
    const previous = this.engine;
    const resolved = this.resolve(request.model);
    if ('dir' in resolved) {
      this.set({ kind: 'loading', model: resolved.dir });
      // The setting names the outputs of a folder; a catalog model's order comes from the catalog.
      const labels: LabelOrder | undefined = request.labels?.length
        ? { labels: request.labels as NliLabel[], source: 'the "consistency.modelLabels" setting' }
        : resolved.entry && catalogLabelOrder(resolved.entry);
      this.loading = this.load(resolved.dir, threads, labels, key);
      await this.loading;
    } else {
      this.set(resolved);
    }
    await previous?.dispose().catch(() => undefined);
  }

  /** Forgets the loaded model so the next configure() reloads it (e.g. files replaced on disk). */
  async reload(request: ModelRequest): Promise<void> {
    this.current = '';
    await this.configure(request);
  }

  /** Which folder to load, or why there is none (resolution order: see core/model/resolve.ts). */
  private resolve(model: string): { dir: string; entry?: CatalogEntry } | ModelState {
    try {
      const resolution = resolveModel({
        model: model || undefined,
        catalog: bundledModelCatalog(),
        ...this.locations(),
      });
      if (resolution.kind === 'ready') return { dir: resolution.dir, entry: resolution.entry };
      const entry = resolution.entry;
      return {
        kind: 'none',
        message: `The NLI model '${entry.id}' is not installed yet.`,
        hint: `Download it (${entry.downloadSize ?? 'size unknown'}) when asked, or set "consistency.model" to a model folder.`,
        download: entry,
      };
    } catch (error) {
      return {
        kind: 'error',
        model,
        message: error instanceof Error ? error.message : String(error),
        hint: NO_MODEL_HINT,
      };
    }
  }

  private async load(model: string, threads: number, labels: LabelOrder | undefined, key: string): Promise<void> {
    const fingerprintOf = () => this.engines.fingerprint(model, labels?.labels).catch(() => undefined); // none: no disk cache
    try {
      if (this.deferral) {
        // The fingerprint first (a hash of the ONNX file, no loading): it says whether the cache can answer.
        const fingerprint = await fingerprintOf();
        if (this.current !== key) return;
        if (fingerprint && this.deferral.cacheHolds(fingerprint)) {
          const engine = new LazyScorer(fingerprint.modelName, () => this.loadDeferred(model, threads, labels, key));
          this.set({ kind: 'ready', engine, fingerprint, deferred: true });
          return;
        }
        await this.loaded(await this.engines.load(model, threads, labels), fingerprint, key);
      } else {
        // Hashing the ONNX file runs while the worker loads it.
        const [engine, fingerprint] = await Promise.all([this.engines.load(model, threads, labels), fingerprintOf()]);
        await this.loaded(engine, fingerprint, key);
      }
    } catch (error) {
      if (this.current === key) this.set(loadError(model, error));
    }
  }

  private async loaded(engine: LoadedEngine, fingerprint: ModelFingerprint | undefined, key: string): Promise<void> {
    if (this.current !== key) {
      await engine.dispose(); // a newer request superseded this one while loading
      return;
    }
    this.set({ kind: 'ready', engine, fingerprint });
  }

  /** The load a deferred engine starts at the first pair not in the cache; a failure is the model's error state. */
  private async loadDeferred(
    model: string,
    threads: number,
    labels: LabelOrder | undefined,
    key: string,
  ): Promise<LoadedEngine> {
    this.deferral?.onLoad({ phase: 'loading', model });
    try {
      const engine = await this.engines.load(model, threads, labels);
      if (this.current === key) this.deferral?.onLoad({ phase: 'loaded', engine });
      return engine;
    } catch (error) {
      if (this.current === key) this.set(loadError(model, error));
      throw error;
    }
  }

  private set(state: ModelState): void {
    this.state = state;
    this.onChange(state);
  }

  async dispose(): Promise<void> {
    await this.engine?.dispose().catch(() => undefined);
  }
}

function loadError(model: string, error: unknown): ModelState {
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    error instanceof ModelError
      ? error.hint
      : 'Check that the folder holds an NLI model in the transformers.js layout.';
  return { kind: 'error', model, message, hint };
}

const NO_MODEL_HINT =
  'Set "consistency.model" to a catalog id (see `consistency-check model list`) or a model folder (config.json, tokenizer.json and onnx/model.onnx or onnx/model_quantized.onnx).';

/** What the model host loads, from the settings. */
export function modelRequest(settings: Pick<ConsistencySettings, 'model' | 'threads' | 'modelLabels'>): ModelRequest {
  return { model: settings.model, threads: settings.threads, labels: settings.modelLabels };
}
