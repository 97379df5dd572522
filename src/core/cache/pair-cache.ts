// The pair-score layer of the persistent cache: the in-memory ScoreCache the Checker already uses,
// backed by the record log, keyed by (model fingerprint, premise, hypothesis). A claim edit changes
// only that claim's keys, so only its pairs are scored again.
import { createHash } from 'node:crypto';
import type { NliScore } from '../nli';
import { entryKey, ScoreCache } from '../score-cache';
import type { RecordLog } from './record-log';

export class PersistentScoreCache extends ScoreCache {
  /** Pairs answered from the log (not from memory, not by the model). */
  hits = 0;
  writes = 0;
  private marked = false;

  /**
   * Whether the log holds scores of the model `modelId`: a record written beside its first score
   * in each session says so. The language server then checks from the log before loading the model.
   */
  static holdsScoresOf(log: RecordLog, modelId: string): boolean {
    return log.get(modelMarkerKey(modelId)) !== undefined;
  }

  constructor(
    private readonly log: RecordLog,
    /** ModelFingerprint.id of the model the scores come from. */
    private readonly modelId: string,
    capacity?: number,
  ) {
    super(capacity);
  }

  override get(model: string, pairKey: string): NliScore | undefined {
    const key = entryKey(model, pairKey);
    const remembered = this.remembered(key);
    if (remembered) return remembered;
    const stored = this.log.get(this.keyOf(pairKey));
    if (!isScore(stored)) return undefined;
    this.hits++;
    this.remember(key, stored);
    return stored;
  }

  override set(model: string, pairKey: string, score: NliScore): void {
    super.set(model, pairKey, score);
    this.log.set(this.keyOf(pairKey), score);
    this.writes++;
    if (!this.marked) {
      this.marked = true;
      this.log.set(modelMarkerKey(this.modelId), { model: this.modelId });
    }
  }

  /** `pairKey` is premise NUL hypothesis (src/core/check.ts); texts are hashed, never stored. */
  private keyOf(pairKey: string): string {
    return createHash('sha256').update(`pair\u0000${this.modelId}\u0000${pairKey}`).digest('hex').slice(0, 40);
  }
}

function modelMarkerKey(modelId: string): string {
  return createHash('sha256').update(`model\u0000${modelId}`).digest('hex').slice(0, 40);
}

function isScore(value: unknown): value is NliScore {
  const v = value as NliScore | undefined;
  return (
    !!v && Array.isArray(v.labels) && Array.isArray(v.logits) && typeof v.probabilities?.contradiction === 'number'
  );
}
