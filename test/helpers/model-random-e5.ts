// Writes a BertForSequenceClassification checkpoint with random weights and exactly the shape
// of intfloat/e5-small-v2 (12 layers, hidden 384, 12 heads, intermediate 1536, vocabulary 30522),
// so size and speed of the converter can be measured without downloading the real model.
// Its predictions mean nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSafetensors, type SafetensorsDtype } from '../../src/core/model/convert/safetensors';

export const E5_SMALL_SHAPE = {
  hiddenSize: 384,
  numLayers: 12,
  numHeads: 12,
  intermediateSize: 1536,
  vocabSize: 30522,
  maxPositions: 512,
  typeVocabSize: 2,
  labels: ['entailment', 'neutral', 'contradiction'],
};

export type ModelShape = typeof E5_SMALL_SHAPE;

export function randomBertConfig(shape: ModelShape = E5_SMALL_SHAPE): Record<string, unknown> {
  return {
    architectures: ['BertForSequenceClassification'],
    model_type: 'bert',
    hidden_act: 'gelu',
    hidden_size: shape.hiddenSize,
    num_hidden_layers: shape.numLayers,
    num_attention_heads: shape.numHeads,
    intermediate_size: shape.intermediateSize,
    vocab_size: shape.vocabSize,
    max_position_embeddings: shape.maxPositions,
    type_vocab_size: shape.typeVocabSize,
    layer_norm_eps: 1e-12,
    id2label: Object.fromEntries(shape.labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(shape.labels.map((l, i) => [l, i])),
  };
}

/** A seeded uniform generator with the spread of BERT's initializer (std 0.02). */
function randomFill(count: number, seed: { value: number }, std = 0.02): Float32Array {
  const out = new Float32Array(count);
  const halfWidth = std * Math.sqrt(3);
  let s = seed.value >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 0xffffffff) * 2 * halfWidth - halfWidth;
  }
  seed.value = s;
  return out;
}

/** Tensor names and shapes of a BertForSequenceClassification in Hugging Face layout. */
export function bertTensorShapes(shape: ModelShape, prefix = 'bert.'): Array<[string, number[]]> {
  const h = shape.hiddenSize;
  const list: Array<[string, number[]]> = [
    [`${prefix}embeddings.word_embeddings.weight`, [shape.vocabSize, h]],
    [`${prefix}embeddings.position_embeddings.weight`, [shape.maxPositions, h]],
    [`${prefix}embeddings.token_type_embeddings.weight`, [shape.typeVocabSize, h]],
    [`${prefix}embeddings.LayerNorm.weight`, [h]],
    [`${prefix}embeddings.LayerNorm.bias`, [h]],
  ];
  for (let i = 0; i < shape.numLayers; i++) {
    const l = `${prefix}encoder.layer.${i}`;
    for (const name of [
      'attention.self.query',
      'attention.self.key',
      'attention.self.value',
      'attention.output.dense',
    ]) {
      list.push([`${l}.${name}.weight`, [h, h]], [`${l}.${name}.bias`, [h]]);
    }
    list.push([`${l}.attention.output.LayerNorm.weight`, [h]], [`${l}.attention.output.LayerNorm.bias`, [h]]);
    list.push(
      [`${l}.intermediate.dense.weight`, [shape.intermediateSize, h]],
      [`${l}.intermediate.dense.bias`, [shape.intermediateSize]],
    );
    list.push([`${l}.output.dense.weight`, [h, shape.intermediateSize]], [`${l}.output.dense.bias`, [h]]);
    list.push([`${l}.output.LayerNorm.weight`, [h]], [`${l}.output.LayerNorm.bias`, [h]]);
  }
  list.push([`${prefix}pooler.dense.weight`, [h, h]], [`${prefix}pooler.dense.bias`, [h]]);
  list.push(['classifier.weight', [shape.labels.length, h]], ['classifier.bias', [shape.labels.length]]);
  return list;
}

/**
 * Writes config.json and model.safetensors for a random model into `dir` and returns `dir`.
 * LayerNorm weights are 1 and biases small, as after initialization.
 */
export function writeRandomBertModel(dir: string, options: { shape?: ModelShape; seed?: number } = {}): string {
  const shape = options.shape ?? E5_SMALL_SHAPE;
  const seed = { value: options.seed ?? 1234 };
  const tensors: Record<string, { dtype: SafetensorsDtype; shape: number[]; data: Uint8Array }> = {};
  for (const [name, dims] of bertTensorShapes(shape)) {
    const count = dims.reduce((a, b) => a * b, 1);
    const values = name.includes('LayerNorm.weight') ? new Float32Array(count).fill(1) : randomFill(count, seed);
    tensors[name] = { dtype: 'F32', shape: dims, data: new Uint8Array(values.buffer) };
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(randomBertConfig(shape), null, 2));
  writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
  return dir;
}
