// A PairScorer whose engine is loaded on the first pair a cache cannot answer: a check with
// nothing new to score never pays the model's start-up time or memory. The CLI's --cache and
// the language server's persistent pair cache both score through it.
import type { PairScorer } from './check';
import type { NliPair, NliScore } from './nli';

export interface DisposableScorer extends PairScorer {
  dispose(): Promise<void>;
}

export class LazyScorer<E extends DisposableScorer = DisposableScorer> implements DisposableScorer {
  private engine?: Promise<E>;

  constructor(
    /** Known before loading (ModelFingerprint.modelName), so cache keys and hovers need no engine. */
    readonly modelName: string,
    /** Loads the engine; a rejection fails that call and every later one. */
    private readonly load: () => Promise<E>,
  ) {}

  /** Whether loading has started (a pair was missing from the cache). */
  get loaded(): boolean {
    return this.engine !== undefined;
  }

  async score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    this.engine ??= this.load();
    return (await this.engine).score(pairs, signal);
  }

  async dispose(): Promise<void> {
    const engine = await this.engine?.catch(() => undefined);
    await engine?.dispose();
  }
}
