// Writes a BertForSequenceClassification as an ONNX graph: inputs input_ids, attention_mask,
// token_type_ids (int64 [batch, sequence]), output logits [batch, num_labels].
//
// Two operator sets are available:
//  - 'standard' uses only ONNX opset 17 operators, in the patterns onnxruntime's optimizer fuses
//    when a session starts (MatMulInteger -> MatMulIntegerToFloat / DynamicQuantizeMatMul,
//    Erf GELU -> Gelu, Transpose + MatMul -> FusedMatMul). Portable, and measured fastest;
//  - 'fused' writes onnxruntime's com.microsoft kernels (Attention/QAttention,
//    SkipLayerNormalization, BiasGelu, DynamicQuantizeMatMul) directly. Kept for comparison
//    (bench/convert-throughput.ts --fused): on the AVX2 development machine it measured 3-10%
//    slower; swapping QAttention for other attention forms did not close the gap.
// Precision 'int8' quantizes every MatMul weight per output channel and the embedding tables per
// row; activations are quantized dynamically (per tensor, at run time).
import type { BertConfig } from './bert-config';
import type { BertLayerWeights, BertWeights, LayerNormWeights, Linear } from './bert-weights';
import { DataType, GraphBuilder, attr } from '../onnx/graph-builder';
import { quantizeLinearWeight, quantizeRows, transposeWeight } from './quantize';

export type Precision = 'fp32' | 'int8';
export type OperatorSet = 'fused' | 'standard';

export interface BertGraphOptions {
  precision: Precision;
  operators: OperatorSet;
  /** Weight bits for int8 (7 avoids 16-bit saturation in AVX2 integer kernels). Default 8. */
  weightBits?: 7 | 8;
  producerVersion?: string;
  metadata?: Record<string, string>;
}

const MS_DOMAIN = 'com.microsoft';
/** What transformers adds to masked attention scores (torch.finfo(float32).min). */
const MASKED_SCORE = -3.4028234663852886e38;

/** The model file's bytes as chunks (see GraphBuilder.toModelChunks); the weights are not copied. */
export function buildBertGraph(
  config: BertConfig,
  weights: BertWeights,
  options: BertGraphOptions,
): readonly Uint8Array[] {
  const writer = new BertGraphWriter(config, options);
  return writer.write(weights);
}

class BertGraphWriter {
  private readonly g = new GraphBuilder('bert_sequence_classification');
  private readonly int8: boolean;
  private readonly fused: boolean;
  private readonly bits: number;
  /** DynamicQuantizeLinear outputs per float input, shared by the MatMuls that read it. */
  private readonly quantizedInputs = new Map<string, [string, string, string]>();

  constructor(
    private readonly config: BertConfig,
    private readonly options: BertGraphOptions,
  ) {
    this.int8 = options.precision === 'int8';
    this.fused = options.operators === 'fused';
    this.bits = options.weightBits ?? 8;
  }

  write(weights: BertWeights): readonly Uint8Array[] {
    const { g, config } = this;
    const ids = g.input('input_ids', DataType.INT64, ['batch', 'sequence']);
    const mask = g.input('attention_mask', DataType.INT64, ['batch', 'sequence']);
    const types = g.input('token_type_ids', DataType.INT64, ['batch', 'sequence']);

    let hidden = this.embeddings(weights, ids, types, mask);
    const attentionMask = this.fused
      ? g.op('Cast', [mask], { to: attr.int(DataType.INT32) }, undefined, 'mask_int32')
      : this.additiveMask(mask);
    weights.layers.forEach((layer, i) => {
      hidden = this.fused
        ? this.fusedLayer(layer, hidden, attentionMask, i)
        : this.standardLayer(layer, hidden, attentionMask, i);
    });

    // Pooler: tanh(dense(hidden state of [CLS])), then the classifier.
    const cls = g.op('Gather', [hidden, g.int64Constant([0], true)], { axis: attr.int(1) }, undefined, 'cls_state');
    const pooled = g.op('Tanh', [this.linear(cls, weights.pooler, 'pooler', true)], undefined, undefined, 'pooled');
    const logits = this.linear(pooled, weights.classifier, 'classifier', true);
    g.node('Identity', [logits], { outputs: ['logits'] });
    g.output('logits', DataType.FLOAT, ['batch', config.labels.length]);

    const opsets = [{ domain: '', version: 17 }];
    if (this.fused || this.int8) opsets.push({ domain: MS_DOMAIN, version: 1 });
    return g.toModelChunks({
      opsets,
      producerName: 'consistency-checker',
      producerVersion: this.options.producerVersion ?? '0',
      docString: `BertForSequenceClassification (${this.options.precision}, ${this.options.operators} operators)`,
      metadata: {
        labels: JSON.stringify(config.labels),
        precision: this.options.precision,
        operators: this.options.operators,
        ...this.options.metadata,
      },
    });
  }

  /** word + position + token-type embeddings, then LayerNorm. */
  private embeddings(weights: BertWeights, ids: string, types: string, mask: string): string {
    const { g, config } = this;
    const h = config.hiddenSize;
    if (this.fused && !this.int8) {
      const cast = (x: string, hint: string) => g.op('Cast', [x], { to: attr.int(DataType.INT32) }, undefined, hint);
      const [out] = g.node(
        'EmbedLayerNormalization',
        [
          cast(ids, 'input_ids_int32'),
          cast(types, 'token_type_ids_int32'),
          g.float('word_embeddings', [config.vocabSize, h], weights.wordEmbeddings),
          g.float('position_embeddings', [config.maxPositions, h], weights.positionEmbeddings),
          g.float('token_type_embeddings', [config.typeVocabSize, h], weights.tokenTypeEmbeddings),
          g.float('embeddings_norm_gamma', [h], weights.embeddingNorm.gamma),
          g.float('embeddings_norm_beta', [h], weights.embeddingNorm.beta),
          cast(mask, 'embed_mask_int32'),
        ],
        {
          domain: MS_DOMAIN,
          outputs: ['embeddings', 'embed_mask_index'],
          attributes: { epsilon: attr.float(config.layerNormEps) },
        },
      );
      return out;
    }
    const words = this.embeddingLookup('word_embeddings', weights.wordEmbeddings, config.vocabSize, ids);
    // Positions 0..sequence-1: slice the first `sequence` rows of the table.
    const sequence = g.op('Shape', [ids], { start: attr.int(1), end: attr.int(2) }, undefined, 'sequence_length');
    const positions = this.embeddingSlice(
      'position_embeddings',
      weights.positionEmbeddings,
      config.maxPositions,
      sequence,
    );
    const tokenTypes = g.op('Gather', [
      g.float('token_type_embeddings', [config.typeVocabSize, h], weights.tokenTypeEmbeddings),
      types,
    ]);
    const sum = g.op('Add', [g.op('Add', [words, positions]), tokenTypes], undefined, undefined, 'embeddings_sum');
    return this.layerNorm(sum, weights.embeddingNorm, 'embeddings');
  }

  /** Gather rows of a table; in int8, gather int8 rows and their scales, then dequantize. */
  private embeddingLookup(name: string, table: Float32Array, rows: number, ids: string): string {
    const { g } = this;
    const cols = this.config.hiddenSize;
    if (!this.int8)
      return g.op(
        'Gather',
        [g.float(name, [rows, cols], table), ids],
        undefined,
        undefined,
        name.replace('_embeddings', ''),
      );
    const q = quantizeRows(table, rows, cols);
    const values = g.op('Gather', [g.initializer(`${name}_int8`, DataType.INT8, [rows, cols], q.data), ids]);
    const scales = g.op('Gather', [g.float(`${name}_scale`, [rows, 1], q.scales), ids]);
    return g.op(
      'Mul',
      [g.op('Cast', [values], { to: attr.int(DataType.FLOAT) }), scales],
      undefined,
      undefined,
      name.replace('_embeddings', ''),
    );
  }

  /** The first `count` rows of a table (count is a 1-element int64 tensor). */
  private embeddingSlice(name: string, table: Float32Array, rows: number, count: string): string {
    const { g } = this;
    const cols = this.config.hiddenSize;
    const zero = g.int64Constant([0]);
    if (!this.int8) return g.op('Slice', [g.float(name, [rows, cols], table), zero, count, zero]);
    const q = quantizeRows(table, rows, cols);
    const values = g.op('Slice', [
      g.initializer(`${name}_int8`, DataType.INT8, [rows, cols], q.data),
      zero,
      count,
      zero,
    ]);
    const scales = g.op('Slice', [g.float(`${name}_scale`, [rows, 1], q.scales), zero, count, zero]);
    return g.op('Mul', [g.op('Cast', [values], { to: attr.int(DataType.FLOAT) }), scales]);
  }

  /** attention_mask [B, S] (1 keep, 0 pad) to an additive score bias [B, 1, 1, S]. */
  private additiveMask(mask: string): string {
    const { g } = this;
    const keep = g.op('Cast', [mask], { to: attr.int(DataType.FLOAT) });
    const drop = g.op('Sub', [g.floatConstant(1), keep]);
    const bias = g.op('Mul', [drop, g.floatConstant(MASKED_SCORE)]);
    return g.op('Unsqueeze', [bias, g.int64Constant([1, 2])], undefined, undefined, 'attention_bias');
  }

  private standardLayer(layer: BertLayerWeights, x: string, maskBias: string, index: number): string {
    const { g, config } = this;
    const heads = config.numHeads;
    const headSize = config.hiddenSize / heads;
    const p = `layer${index}`;
    const split = (t: string, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [t, g.int64Constant([0, 0, heads, headSize])])], { perm: attr.ints(perm) });
    const q = split(this.linear(x, layer.query, `${p}_query`, true), [0, 2, 1, 3]);
    const k = split(this.linear(x, layer.key, `${p}_key`, true), [0, 2, 3, 1]);
    const v = split(this.linear(x, layer.value, `${p}_value`, true), [0, 2, 1, 3]);
    const scores = g.op('Div', [g.op('MatMul', [q, k]), g.floatConstant(Math.sqrt(headSize))]);
    const probs = g.op('Softmax', [g.op('Add', [scores, maskBias])], { axis: attr.int(-1) });
    const context = g.op('Reshape', [
      g.op('Transpose', [g.op('MatMul', [probs, v])], { perm: attr.ints([0, 2, 1, 3]) }),
      g.int64Constant([0, 0, config.hiddenSize]),
    ]);
    const attended = this.linear(context, layer.attentionOutput, `${p}_attention_output`, true);
    const h1 = this.layerNorm(g.op('Add', [attended, x]), layer.attentionNorm, `${p}_attention`);
    const intermediate = this.activation(this.linear(h1, layer.intermediate, `${p}_intermediate`, true));
    const out = this.linear(intermediate, layer.output, `${p}_output`, true);
    return this.layerNorm(g.op('Add', [out, h1]), layer.outputNorm, `${p}_output`);
  }

  private fusedLayer(layer: BertLayerWeights, x: string, mask32: string, index: number): string {
    const { g, config } = this;
    const p = `layer${index}`;
    const qkv = concatLinears([layer.query, layer.key, layer.value]);
    const h = config.hiddenSize;
    let context: string;
    if (this.int8) {
      const [xq, xs, xz] = this.quantizeInput(x);
      const w = quantizeLinearWeight(qkv.weight, qkv.outFeatures, qkv.inFeatures, this.bits);
      context = g.op(
        'QAttention',
        [
          xq,
          g.initializer(`${p}_qkv_weight_int8`, DataType.INT8, [h, 3 * h], w.data),
          g.float(`${p}_qkv_bias`, [3 * h], qkv.bias),
          xs,
          g.float(`${p}_qkv_weight_scale`, [3 * h], w.scales),
          mask32,
          xz,
        ],
        { num_heads: attr.int(config.numHeads) },
        MS_DOMAIN,
        `${p}_context`,
      );
    } else {
      context = g.op(
        'Attention',
        [
          x,
          g.float(`${p}_qkv_weight`, [h, 3 * h], transposeWeight(qkv.weight, qkv.outFeatures, qkv.inFeatures)),
          g.float(`${p}_qkv_bias`, [3 * h], qkv.bias),
          mask32,
        ],
        { num_heads: attr.int(config.numHeads) },
        MS_DOMAIN,
        `${p}_context`,
      );
    }
    const attended = this.linear(context, layer.attentionOutput, `${p}_attention_output`, false);
    const h1 = this.skipLayerNorm(attended, x, layer.attentionNorm, layer.attentionOutput.bias, `${p}_attention`);
    const intermediate = this.linear(h1, layer.intermediate, `${p}_intermediate`, false);
    const activated = this.biasActivation(intermediate, layer.intermediate.bias, `${p}_intermediate`);
    const out = this.linear(activated, layer.output, `${p}_output`, false);
    return this.skipLayerNorm(out, h1, layer.outputNorm, layer.output.bias, `${p}_output`);
  }

  /** x · Wᵀ (+ b). In int8 the weight is quantized per output channel, the input dynamically. */
  private linear(x: string, linear: Linear, name: string, withBias: boolean): string {
    const { g } = this;
    const { outFeatures: n, inFeatures: k } = linear;
    if (!this.int8) {
      const y = g.op('MatMul', [x, g.float(`${name}_weight`, [k, n], transposeWeight(linear.weight, n, k))]);
      return withBias ? g.op('Add', [y, g.float(`${name}_bias`, [n], linear.bias)], undefined, undefined, name) : y;
    }
    const w = quantizeLinearWeight(linear.weight, n, k, this.bits);
    const weight = g.initializer(`${name}_weight_int8`, DataType.INT8, [k, n], w.data);
    const scale = g.float(`${name}_weight_scale`, [n], w.scales);
    if (this.fused) {
      const inputs = [x, weight, scale];
      if (withBias) inputs.push('', g.float(`${name}_bias`, [n], linear.bias));
      return g.op('DynamicQuantizeMatMul', inputs, undefined, MS_DOMAIN, name);
    }
    // The pattern onnxruntime's quantize_dynamic writes (and its optimizer fuses into
    // DynamicQuantizeMatMul): integer product, then rescale by input scale × weight scale.
    const [xq, xs, xz] = this.quantizeInput(x);
    const product = g.op('MatMulInteger', [
      xq,
      weight,
      xz,
      g.initializer(`${name}_weight_zero_point`, DataType.INT8, [], Int8Array.of(0)),
    ]);
    const rescale = g.op('Mul', [xs, scale]);
    const y = g.op('Mul', [g.op('Cast', [product], { to: attr.int(DataType.FLOAT) }), rescale]);
    return withBias ? g.op('Add', [y, g.float(`${name}_bias`, [n], linear.bias)], undefined, undefined, name) : y;
  }

  private quantizeInput(x: string): [string, string, string] {
    let q = this.quantizedInputs.get(x);
    if (!q) {
      q = this.g.node('DynamicQuantizeLinear', [x], { outputs: [`${x}_quant`, `${x}_scale`, `${x}_zero_point`] }) as [
        string,
        string,
        string,
      ];
      this.quantizedInputs.set(x, q);
    }
    return q;
  }

  private layerNorm(x: string, norm: LayerNormWeights, name: string): string {
    const { g, config } = this;
    const h = config.hiddenSize;
    return g.op(
      'LayerNormalization',
      [x, g.float(`${name}_norm_gamma`, [h], norm.gamma), g.float(`${name}_norm_beta`, [h], norm.beta)],
      { axis: attr.int(-1), epsilon: attr.float(config.layerNormEps) },
      undefined,
      `${name}_norm`,
    );
  }

  /** LayerNorm(x + bias + skip) in one kernel. */
  private skipLayerNorm(x: string, skip: string, norm: LayerNormWeights, bias: Float32Array, name: string): string {
    const { g, config } = this;
    const h = config.hiddenSize;
    return g.op(
      'SkipLayerNormalization',
      [
        x,
        skip,
        g.float(`${name}_norm_gamma`, [h], norm.gamma),
        g.float(`${name}_norm_beta`, [h], norm.beta),
        g.float(`${name}_bias`, [h], bias),
      ],
      { epsilon: attr.float(config.layerNormEps) },
      MS_DOMAIN,
      `${name}_norm`,
    );
  }

  /** The hidden activation written out in standard operators. */
  private activation(x: string): string {
    const { g } = this;
    switch (this.config.activation) {
      case 'relu':
        return g.op('Relu', [x]);
      case 'gelu': {
        // 0.5 · x · (1 + erf(x / √2)): the exact GELU BERT was trained with.
        const erf = g.op('Erf', [g.op('Div', [x, g.floatConstant(Math.SQRT2)])]);
        return g.op(
          'Mul',
          [g.op('Mul', [x, g.op('Add', [erf, g.floatConstant(1)])]), g.floatConstant(0.5)],
          undefined,
          undefined,
          'gelu',
        );
      }
      case 'gelu_tanh': {
        // 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))
        const cube = g.op('Mul', [g.op('Mul', [x, x]), x]);
        const inner = g.op('Mul', [
          g.op('Add', [x, g.op('Mul', [cube, g.floatConstant(0.044715)])]),
          g.floatConstant(Math.sqrt(2 / Math.PI)),
        ]);
        const tanh = g.op('Tanh', [inner]);
        return g.op(
          'Mul',
          [g.op('Mul', [x, g.op('Add', [tanh, g.floatConstant(1)])]), g.floatConstant(0.5)],
          undefined,
          undefined,
          'gelu',
        );
      }
    }
  }

  /** activation(x + bias) using the fused com.microsoft kernels where one exists. */
  private biasActivation(x: string, bias: Float32Array, name: string): string {
    const { g } = this;
    const b = g.float(`${name}_bias`, [bias.length], bias);
    switch (this.config.activation) {
      case 'gelu':
        return g.op('BiasGelu', [x, b], undefined, MS_DOMAIN, `${name}_gelu`);
      case 'gelu_tanh':
        return g.op('FastGelu', [x, b], undefined, MS_DOMAIN, `${name}_gelu`);
      case 'relu':
        return g.op('Relu', [g.op('Add', [x, b])]);
    }
  }
}

/** Stacks dense layers that share an input into one (rows of the PyTorch weight). */
function concatLinears(linears: Linear[]): Linear {
  const outFeatures = linears.reduce((sum, l) => sum + l.outFeatures, 0);
  const inFeatures = linears[0].inFeatures;
  const weight = new Float32Array(outFeatures * inFeatures);
  const bias = new Float32Array(outFeatures);
  let row = 0;
  for (const l of linears) {
    weight.set(l.weight, row * inFeatures);
    bias.set(l.bias, row);
    row += l.outFeatures;
  }
  return { weight, bias, outFeatures, inFeatures };
}
