// One model, many callers: interactive document checks and a background workspace check both
// score pairs. The gate lets one engine call run at a time and hands the engine to interactive
// callers first, so typing in the editor is never queued behind a workspace sweep.
import type { PairScorer } from '../core/check';
import type { NliPair, NliScore } from '../core/nli';

export type Priority = 'interactive' | 'background';

export class EngineGate {
  private busy = false;
  private readonly waiting: Record<Priority, Array<() => void>> = { interactive: [], background: [] };

  constructor(private readonly scorer: PairScorer) {}

  /** A PairScorer view whose calls queue at the given priority. */
  scorerFor(priority: Priority): PairScorer {
    return {
      modelName: this.scorer.modelName,
      score: (pairs, signal) => this.score(priority, pairs, signal),
    };
  }

  private async score(priority: Priority, pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    await this.acquire(priority);
    try {
      return await this.scorer.score(pairs, signal);
    } finally {
      this.release();
    }
  }

  private acquire(priority: Priority): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting[priority].push(resolve));
  }

  private release(): void {
    const next = this.waiting.interactive.shift() ?? this.waiting.background.shift();
    if (next) next();
    else this.busy = false;
  }
}
