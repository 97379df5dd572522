// Symmetric int8 weight quantization. Symmetric (zero point 0) keeps ORT's integer GEMM on its
// fast path; per-output-channel scales keep the error of each output proportional to that
// output's own weights, which matters for small layers where one large weight would otherwise
// squash the resolution of every other column.

export interface QuantizedMatrix {
  /** int8 values in MatMul B layout [inFeatures, outFeatures] (row-major). */
  data: Int8Array;
  /** One scale per output column: weight ≈ data * scale. */
  scales: Float32Array;
}

export interface QuantizedRows {
  /** int8 values, same layout as the input table [rows, cols]. */
  data: Int8Array;
  /** One scale per row. */
  scales: Float32Array;
}

/**
 * Quantizes a PyTorch-layout weight [out, in] per output channel and transposes it for MatMul.
 * `bits` below 8 narrows the range (7 bits: ±63) so that u8×s8 products summed in pairs cannot
 * saturate 16-bit intermediates on CPUs without VNNI.
 */
export function quantizeLinearWeight(
  weight: Float32Array,
  outFeatures: number,
  inFeatures: number,
  bits = 8,
): QuantizedMatrix {
  const limit = 2 ** (bits - 1) - 1;
  const data = new Int8Array(outFeatures * inFeatures);
  const scales = new Float32Array(outFeatures);
  for (let o = 0; o < outFeatures; o++) {
    const row = o * inFeatures;
    let maxAbs = 0;
    for (let i = 0; i < inFeatures; i++) maxAbs = Math.max(maxAbs, Math.abs(weight[row + i]));
    const scale = maxAbs > 0 ? maxAbs / limit : 1;
    scales[o] = scale;
    const inverse = 1 / scale;
    for (let i = 0; i < inFeatures; i++) {
      data[i * outFeatures + o] = clampRound(weight[row + i] * inverse, limit);
    }
  }
  return { data, scales };
}

/** Quantizes each row of a table (an embedding matrix) with its own scale. */
export function quantizeRows(table: Float32Array, rows: number, cols: number, bits = 8): QuantizedRows {
  const limit = 2 ** (bits - 1) - 1;
  const data = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    let maxAbs = 0;
    for (let c = 0; c < cols; c++) maxAbs = Math.max(maxAbs, Math.abs(table[start + c]));
    const scale = maxAbs > 0 ? maxAbs / limit : 1;
    scales[r] = scale;
    const inverse = 1 / scale;
    for (let c = 0; c < cols; c++) data[start + c] = clampRound(table[start + c] * inverse, limit);
  }
  return { data, scales };
}

/** PyTorch weight [out, in] to MatMul B layout [in, out]. */
export function transposeWeight(weight: Float32Array, outFeatures: number, inFeatures: number): Float32Array {
  const out = new Float32Array(weight.length);
  for (let o = 0; o < outFeatures; o++) {
    const row = o * inFeatures;
    for (let i = 0; i < inFeatures; i++) out[i * outFeatures + o] = weight[row + i];
  }
  return out;
}

function clampRound(value: number, limit: number): number {
  const r = Math.round(value);
  return r > limit ? limit : r < -limit ? -limit : r;
}
