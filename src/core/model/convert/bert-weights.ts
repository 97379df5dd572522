// Maps Hugging Face BERT tensor names to the weights the graph needs, checking every shape
// against config.json. Checkpoints differ in small ways: the `bert.` prefix is absent in some
// exports, and old TensorFlow-converted ones call LayerNorm parameters gamma/beta.
import type { BertConfig } from './bert-config';
import { UnsupportedModelError } from './bert-config';

/** Anything that can hand out named fp32 tensors (one safetensors file or a sharded set). */
export interface TensorSource {
  has(name: string): boolean;
  float32(name: string): { shape: number[]; data: Float32Array };
  readonly names: Iterable<string>;
}

/** A dense layer in PyTorch layout: weight [out, in], bias [out]. */
export interface Linear {
  weight: Float32Array;
  bias: Float32Array;
  outFeatures: number;
  inFeatures: number;
}

export interface LayerNormWeights {
  gamma: Float32Array;
  beta: Float32Array;
}

export interface BertLayerWeights {
  query: Linear;
  key: Linear;
  value: Linear;
  attentionOutput: Linear;
  attentionNorm: LayerNormWeights;
  intermediate: Linear;
  output: Linear;
  outputNorm: LayerNormWeights;
}

export interface BertWeights {
  wordEmbeddings: Float32Array;
  positionEmbeddings: Float32Array;
  tokenTypeEmbeddings: Float32Array;
  embeddingNorm: LayerNormWeights;
  layers: BertLayerWeights[];
  pooler: Linear;
  classifier: Linear;
}

export function loadBertWeights(source: TensorSource, config: BertConfig): BertWeights {
  const prefix = detectPrefix(source);
  const missing: string[] = [];
  const wrongShape: string[] = [];

  const tensor = (name: string, shape: number[], alternatives: string[] = []): Float32Array => {
    const candidates = [name, ...alternatives];
    const found = candidates.find((n) => source.has(n));
    if (!found) {
      missing.push(name);
      return new Float32Array(0);
    }
    const t = source.float32(found);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      wrongShape.push(`${found} is [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
    }
    return t.data;
  };
  const linear = (name: string, outFeatures: number, inFeatures: number): Linear => ({
    weight: tensor(`${name}.weight`, [outFeatures, inFeatures]),
    bias: tensor(`${name}.bias`, [outFeatures]),
    outFeatures,
    inFeatures,
  });
  const layerNorm = (name: string, size: number): LayerNormWeights => ({
    gamma: tensor(`${name}.weight`, [size], [`${name}.gamma`]),
    beta: tensor(`${name}.bias`, [size], [`${name}.beta`]),
  });

  const h = config.hiddenSize;
  const e = `${prefix}embeddings`;
  const weights: BertWeights = {
    wordEmbeddings: tensor(`${e}.word_embeddings.weight`, [config.vocabSize, h]),
    positionEmbeddings: tensor(`${e}.position_embeddings.weight`, [config.maxPositions, h]),
    tokenTypeEmbeddings: tensor(`${e}.token_type_embeddings.weight`, [config.typeVocabSize, h]),
    embeddingNorm: layerNorm(`${e}.LayerNorm`, h),
    layers: [],
    pooler: linear(`${prefix}pooler.dense`, h, h),
    classifier: linear('classifier', config.labels.length, h),
  };
  for (let i = 0; i < config.numLayers; i++) {
    const l = `${prefix}encoder.layer.${i}`;
    weights.layers.push({
      query: linear(`${l}.attention.self.query`, h, h),
      key: linear(`${l}.attention.self.key`, h, h),
      value: linear(`${l}.attention.self.value`, h, h),
      attentionOutput: linear(`${l}.attention.output.dense`, h, h),
      attentionNorm: layerNorm(`${l}.attention.output.LayerNorm`, h),
      intermediate: linear(`${l}.intermediate.dense`, config.intermediateSize, h),
      output: linear(`${l}.output.dense`, h, config.intermediateSize),
      outputNorm: layerNorm(`${l}.output.LayerNorm`, h),
    });
  }

  if (missing.length > 0) {
    const headless = missing.some((n) => n.startsWith('classifier.'));
    const shown = missing.slice(0, 8).join(', ') + (missing.length > 8 ? `, and ${missing.length - 8} more` : '');
    throw new UnsupportedModelError(
      `the checkpoint lacks tensors a BertForSequenceClassification needs: ${shown}.` +
        (headless ? ' Without classifier.* it is a bare encoder, not an NLI cross-encoder.' : '') +
        ' Only BERT-layout checkpoints (BERT, e5, bge, MiniLM) can be converted.',
    );
  }
  if (wrongShape.length > 0) {
    throw new UnsupportedModelError(`tensor shapes do not match config.json: ${wrongShape.slice(0, 5).join('; ')}`);
  }
  return weights;
}

/** 'bert.' when the encoder's tensors carry it, '' for checkpoints saved from a bare BertModel. */
function detectPrefix(source: TensorSource): string {
  for (const name of source.names) {
    if (name.startsWith('bert.embeddings.')) return 'bert.';
  }
  return '';
}
