// NliEngine: a loaded NLI cross-encoder that scores (claim, sentence) pairs. Pure logic (no
// editor APIs) so the language server, the CLI and tests share it.
import * as os from 'node:os';
import * as path from 'node:path';
import { yieldToEventLoop } from '../util/abort';
import { planBatches, type BatchLimits } from './batching';
import { readLabels } from './labels';
import { resolveMaxLength } from './max-length';
import { ModelError } from './model-error';
import { readModelFolder, type JsonObject } from './model-folder';
import { highestTokenId, probeModelLimits } from './model-probe';
import { OnnxClassifier } from './onnx-classifier';
import { PairEncoder } from './pair-encoder';
import { readPairTemplate } from './pair-template';
import { softmax } from './softmax';
import { createTokenizer, resolvePadId } from './tokenizer';
import type { NliEngineOptions, NliLabel, NliPair, NliScore } from './types';

/** Pairs per model call. Measured with bench/engine-tuning.ts on realistic pairs (median 42 tokens)
 * with the e5-small-shaped int8 model on the 2-core development machine, four runs: batches of 4
 * scored 1.23x-1.53x as many pairs/s as batches of 16, 8 scored 1.09x-1.43x, 32 and 64 were slower
 * (0.68x-1.07x, 0.61x-0.79x). Smaller batches also keep activations in cache, bound memory, and let
 * a cancelled check stop sooner (docs/benchmarks.md). */
const DEFAULT_BATCH_SIZE = 4;
/** Padded tokens per model call: 16 pairs of 256 tokens, or 8 of 512. */
const MAX_BATCH_TOKENS = 4096;
/** Attention cells (pairs x width^2) per model call: 16 pairs of 128 tokens, 4 of 256, 1 of 512.
 * Attention memory grows with the square of the width: on claims against 150-300-token paragraphs,
 * batches of 16 without this cap peaked at 486 MB of resident memory with the e5-small-shaped int8
 * model, 262 MB with it, at the same throughput (bench/engine-tuning.ts, docs/benchmarks.md). */
const MAX_ATTENTION_CELLS = 16 * 128 * 128;

export class NliEngine {
  /** Serializes model calls so concurrent score() calls interleave batch by batch instead of
   * competing for the same threads (and an abort is honoured within one batch). */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    /** Absolute path of the model folder. */
    readonly modelDir: string,
    readonly modelName: string,
    /** Label names in the model's output order. */
    readonly labels: readonly string[],
    /** Longest model input in tokens, special tokens included; longer pairs are truncated. */
    readonly maxLength: number,
    /** Absolute path of the ONNX file in use. */
    readonly onnxFile: string,
    private readonly canonical: NliLabel[],
    private readonly encoder: PairEncoder,
    private readonly classifier: OnnxClassifier,
    private readonly batchLimits: BatchLimits,
  ) {}

  /** Loads a model folder (transformers.js layout) from disk. Throws ModelError. */
  static async load(modelDir: string, options: NliEngineOptions = {}): Promise<NliEngine> {
    const threads = positiveInteger(options.threads, 'threads') ?? os.availableParallelism();
    const batchLimits: BatchLimits = {
      maxBatchSize: positiveInteger(options.batchSize, 'batchSize') ?? DEFAULT_BATCH_SIZE,
      maxBatchTokens: positiveInteger(options.maxBatchTokens, 'maxBatchTokens') ?? MAX_BATCH_TOKENS,
      maxAttentionCells: positiveInteger(options.maxAttentionCells, 'maxAttentionCells') ?? MAX_ATTENTION_CELLS,
    };
    const tokenCacheEntries = positiveInteger(options.tokenCacheEntries, 'tokenCacheEntries');
    const folder = await readModelFolder(modelDir, options.precision ?? 'auto');
    const { labels, canonical } = readLabels(folder.config, folder.configPath, options.labels);
    const template = readPairTemplate(folder.tokenizerJson, folder.tokenizerPath);
    const maxLength = resolveMaxLength(folder.config, folder.tokenizerConfig);
    if (maxLength <= template.pairSpecialCount) {
      throw new ModelError(
        `${folder.dir}: model maximum length ${maxLength} leaves no room for text`,
        folder.configPath,
        'Check model_max_length in tokenizer_config.json and max_position_embeddings in config.json.',
      );
    }
    const tokenizer = await createTokenizer(folder.tokenizerJson, folder.tokenizerConfig, folder.tokenizerPath);
    const padId = resolvePadId(tokenizer, folder.tokenizerJson, folder.tokenizerConfig, folder.config);
    const classifier = await OnnxClassifier.create(folder.onnxFile, { threads, padId, labelCount: labels.length });
    try {
      await probeModelLimits(
        classifier,
        { maxLength, highestId: highestTokenId(folder.tokenizerJson), padId },
        {
          onnxFile: folder.onnxFile,
          configPath: folder.configPath,
          tokenizerPath: folder.tokenizerPath,
        },
      );
    } catch (error) {
      await classifier.release();
      throw error;
    }
    return new NliEngine(
      folder.dir,
      modelNameOf(folder.config, folder.dir),
      labels,
      maxLength,
      folder.onnxFile,
      canonical,
      new PairEncoder(tokenizer, template, maxLength, tokenCacheEntries),
      classifier,
      batchLimits,
    );
  }

  /** Scores pairs; results are in input order. Rejects with name 'AbortError' if `signal`
   * aborts (checked before each batch). */
  async score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    this.assertUsable();
    signal?.throwIfAborted();
    const inputs = pairs.map((p) => this.encoder.encodePair(p.premise, p.hypothesis));
    const batches = planBatches(
      inputs.map((x) => x.ids.length),
      this.batchLimits,
    );
    const scores: NliScore[] = new Array(pairs.length);
    for (const batch of batches) {
      const logits = await this.exclusive(async () => {
        await yieldToEventLoop();
        signal?.throwIfAborted();
        this.assertUsable();
        return this.classifier.classify(batch.map((i) => inputs[i]));
      });
      batch.forEach((index, row) => (scores[index] = this.toScore(logits[row])));
    }
    return scores;
  }

  /** Length in tokens of the model input for this pair (after truncation, with special tokens). */
  countTokens(pair: NliPair): number {
    return this.encoder.pairLength(pair.premise, pair.hypothesis);
  }

  /** Releases the ONNX session after any running batch; later score() calls throw. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.exclusive(() => this.classifier.release());
  }

  private toScore(logits: number[]): NliScore {
    const probs = softmax(logits);
    const probabilities = { entailment: 0, neutral: 0, contradiction: 0 };
    this.canonical.forEach((label, i) => (probabilities[label] = probs[i]));
    // The engine's own array, not a copy per score: the caches hold tens of thousands of scores.
    return { labels: this.labels, logits, probabilities };
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error(`NliEngine for ${this.modelDir} has been disposed`);
  }
}

function positiveInteger(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`NliEngine option ${name} must be a positive integer, got ${value}`);
  return value;
}

/** The hub id the model was saved from when config.json records one, else the folder name. */
export function modelNameOf(config: JsonObject, dir: string): string {
  const saved = config._name_or_path;
  const looksLikeHubId = typeof saved === 'string' && /^[\w.-]+(\/[\w.-]+)?$/.test(saved) && !saved.startsWith('.');
  return looksLikeHubId ? (saved as string) : path.basename(dir);
}
