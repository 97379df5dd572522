// The engine's public data shapes. Other modules (server, CLI, checker) code against these.

/** The three NLI classes under the names the rest of the project uses, whatever the model calls them. */
export type NliLabel = 'entailment' | 'neutral' | 'contradiction';

export const NLI_LABELS: readonly NliLabel[] = ['entailment', 'neutral', 'contradiction'];

/** Premise = the pinned claim; hypothesis = the document sentence checked against it. */
export interface NliPair {
  premise: string;
  hypothesis: string;
}

export interface NliScore {
  /** Label names in the model's own output order (config.json id2label); one array shared by the
   * engine's scores. */
  labels: readonly string[];
  /** Raw logits in the same order as `labels`. */
  logits: number[];
  /** Softmax of the logits (computed in float64), keyed by canonical label. */
  probabilities: Record<NliLabel, number>;
}

export interface NliEngineOptions {
  /** ONNX Runtime intraOpNumThreads; default os.availableParallelism(). */
  threads?: number;
  /** Most pairs per model call; default 4 (a token or attention budget can make a batch smaller). */
  batchSize?: number;
  /** Most padded tokens (pairs x longest pair) per model call; default 4096. */
  maxBatchTokens?: number;
  /** Most attention cells (pairs x longest pair^2) per model call, which bounds peak memory on long
   * pairs; default 262144 (16 pairs of 128 tokens, 4 of 256, 1 of 512). */
  maxAttentionCells?: number;
  /** Texts whose token ids are remembered; default 20,000 (an editor re-checks the same sentences
   * on every edit). A batch run over many files, which meets each sentence once, needs only a few
   * thousand (the claims and one document's sentences). */
  tokenCacheEntries?: number;
  /** auto: onnx/model_quantized.onnx if present, else onnx/model.onnx. */
  precision?: 'auto' | 'int8' | 'fp32';
  /** The output order when config.json id2label is generic (LABEL_0..2); checked against it otherwise. */
  labels?: LabelOrder;
}

/** A label order known from outside config.json, and where it came from (for messages). */
export interface LabelOrder {
  /** Canonical name of each output, in output order. */
  labels: NliLabel[];
  /** e.g. "--labels", "consistency.modelLabels", "the catalog entry e5-small-v2-nli". */
  source: string;
}
