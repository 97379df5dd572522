// Messages between the server's main thread and the engine worker thread.
import type { LabelOrder, NliPair, NliScore } from '../core/nli';

export interface WorkerInit {
  modelDir: string;
  threads: number;
  /** The output order when config.json's id2label is generic (settings or the catalog). */
  labels?: LabelOrder;
}

export type WorkerRequest =
  { type: 'score'; id: number; pairs: NliPair[] } | { type: 'abort'; id: number } | { type: 'dispose' };

export type WorkerReply =
  | { type: 'loaded'; modelName: string; onnxFile: string }
  | { type: 'loadFailed'; name: string; message: string; hint?: string; path?: string }
  | { type: 'scored'; id: number; scores: NliScore[] }
  | { type: 'failed'; id: number; name: string; message: string; hint?: string }
  | { type: 'disposed' };
