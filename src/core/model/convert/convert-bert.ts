// Converts a Hugging Face BERT-family classifier folder (config.json, model.safetensors, tokenizer
// files) into the layout transformers.js and our NLI engine load:
//   config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, onnx/model_quantized.onnx
// Everything happens in this process: no Python, no network.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBertConfig, UnsupportedModelError, type BertConfig } from './bert-config';
import { loadBertWeights } from './bert-weights';
import { buildBertGraph, type OperatorSet } from './bert-graph';
import { openSafetensorsWeights } from './tensor-source';
import {
  bertTokenizerConfigJson,
  bertTokenizerSettings,
  buildBertTokenizerJson,
  parseVocab,
} from './wordpiece-tokenizer';
import { writeFileAtomic } from '../../util/atomic-write';
import { writeCanonicalLabels } from '../label-config';
import { isGeneric, resolveLabelOrder } from '../../nli/labels';
import type { LabelOrder } from '../../nli/types';

/** Bumped when the graph a given checkpoint converts to changes. */
export const CONVERTER_VERSION = '1';

export const FP32_MODEL_FILE = 'onnx/model.onnx';
export const INT8_MODEL_FILE = 'onnx/model_quantized.onnx';

export interface ConvertOptions {
  /** Write onnx/model.onnx. Default: true when int8 is not requested. */
  fp32?: boolean;
  /** Write onnx/model_quantized.onnx. */
  int8?: boolean;
  /**
   * 'standard' (default): ONNX opset 17 only, which onnxruntime fuses itself at load time and
   * which measured fastest; 'fused': onnxruntime's com.microsoft kernels written directly.
   */
  operators?: OperatorSet;
  /** int8 weight bits; 7 by default, see docs/models.md ("Quantization"). */
  weightBits?: 7 | 8;
  /**
   * The output order when config.json's id2label is generic (LABEL_i), else checked against it.
   * Generic labels without it are an error: the converted model would be unusable.
   */
  labels?: LabelOrder;
  /** Extra ONNX metadata (e.g. the source repository and revision). */
  metadata?: Record<string, string>;
  onProgress?: (step: string) => void;
}

export interface ConvertResult {
  outDir: string;
  config: BertConfig;
  /** Files written, relative to outDir. */
  written: string[];
  tokenizer: 'copied' | 'built-from-vocab' | 'missing';
  warnings: string[];
}

export async function convertBertModel(
  sourceDir: string,
  outDir: string,
  options: ConvertOptions = {},
): Promise<ConvertResult> {
  const progress = options.onProgress ?? (() => {});
  const writeInt8 = options.int8 ?? false;
  const writeFp32 = options.fp32 ?? !writeInt8;
  const configPath = join(sourceDir, 'config.json');
  if (!existsSync(configPath)) throw new UnsupportedModelError(`${sourceDir} has no config.json`);
  const rawConfig = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  let config = parseBertConfig(rawConfig);
  // Before the heavy work: labels the engine would refuse (two labels, names that are not the
  // three NLI ones), a generic config without an order, or an order that contradicts it, fail now.
  const order = resolveLabelOrder(config.labels, configPath, options.labels);
  const relabel = options.labels !== undefined || isGeneric(config.labels);
  if (relabel) config = { ...config, labels: order };

  progress('reading weights');
  const weights = loadBertWeights(openSafetensorsWeights(sourceDir), config);

  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const result: ConvertResult = { outDir, config, written: [], tokenizer: 'missing', warnings: [] };
  const sameFolder = resolve(sourceDir) === resolve(outDir);
  const copy = (file: string): boolean => {
    const from = join(sourceDir, file);
    if (!existsSync(from)) return false;
    if (!sameFolder) {
      copyFileSync(from, join(outDir, file));
      result.written.push(file);
    }
    return true;
  };

  copy('config.json');
  if (relabel) await writeCanonicalLabels(outDir, options.labels);
  copy('special_tokens_map.json');
  await writeTokenizer(sourceDir, outDir, rawConfig, copy, result);

  const metadata = { converter_version: CONVERTER_VERSION, ...options.metadata };
  const variants: Array<[boolean, 'fp32' | 'int8', string]> = [
    [writeFp32, 'fp32', FP32_MODEL_FILE],
    [writeInt8, 'int8', INT8_MODEL_FILE],
  ];
  for (const [wanted, precision, file] of variants) {
    if (!wanted) continue;
    progress(`writing ${file}`);
    // Yield between the heavy steps so a caller's progress output and cancel handling can run.
    await new Promise((r) => setImmediate(r));
    const chunks = buildBertGraph(config, weights, {
      precision,
      operators: options.operators ?? 'standard',
      weightBits: options.weightBits ?? 7,
      producerVersion: CONVERTER_VERSION,
      metadata: precision === 'int8' ? { ...metadata, weight_bits: String(options.weightBits ?? 7) } : metadata,
    });
    await writeFileAtomic(join(outDir, file), chunks);
    result.written.push(file);
  }
  return result;
}

/** tokenizer.json as is, or built from vocab.txt; tokenizer_config.json copied or synthesized. */
async function writeTokenizer(
  sourceDir: string,
  outDir: string,
  rawConfig: Record<string, unknown>,
  copy: (file: string) => boolean,
  result: ConvertResult,
): Promise<void> {
  const readJson = (file: string): Record<string, unknown> | undefined =>
    existsSync(join(sourceDir, file))
      ? (JSON.parse(readFileSync(join(sourceDir, file), 'utf8')) as Record<string, unknown>)
      : undefined;
  const tokenizerConfig = readJson('tokenizer_config.json');
  const settings = bertTokenizerSettings(tokenizerConfig, readJson('special_tokens_map.json'));
  if (copy('tokenizer.json')) {
    result.tokenizer = 'copied';
  } else if (existsSync(join(sourceDir, 'vocab.txt'))) {
    const vocab = parseVocab(readFileSync(join(sourceDir, 'vocab.txt'), 'utf8'));
    await writeFileAtomic(join(outDir, 'tokenizer.json'), JSON.stringify(buildBertTokenizerJson(vocab, settings)));
    result.written.push('tokenizer.json');
    result.tokenizer = 'built-from-vocab';
    copy('vocab.txt');
  } else {
    result.warnings.push('no tokenizer.json or vocab.txt: the model cannot be used until a tokenizer is added');
  }
  if (!copy('tokenizer_config.json') && result.tokenizer !== 'missing') {
    const maxLength = typeof rawConfig.max_position_embeddings === 'number' ? rawConfig.max_position_embeddings : 512;
    await writeFileAtomic(
      join(outDir, 'tokenizer_config.json'),
      JSON.stringify(bertTokenizerConfigJson(settings, maxLength), null, 2),
    );
    result.written.push('tokenizer_config.json');
  }
}
