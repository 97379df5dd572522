// Runs ONNX classifiers directly with onnxruntime-node (no tokenizer, no engine), so converter
// tests check the graph alone: reference token ids in, logits out.
import * as ort from '../../src/core/nli/ort';
import {
  FIXTURE_DIR,
  referencePairs,
  syntheticPairs,
  type ReferencePair,
  type SyntheticPair,
} from '../unit/nli-fixture';

// The fixture and its reference data are shared with the engine tests (test/unit/nli-fixture.ts).
export const TINY_MODEL_DIR = FIXTURE_DIR;
export type { ReferencePair };
export type LabelledPair = SyntheticPair;
export const readReferencePairs = referencePairs;
export const readSyntheticPairs = syntheticPairs;

export async function openSession(
  path: string,
  options: ort.InferenceSession.SessionOptions = {},
): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path, { intraOpNumThreads: 1, logSeverityLevel: 3, ...options });
}

/** Logits for a right-padded batch of token-id rows. */
export async function runLogits(
  session: ort.InferenceSession,
  rows: Array<{ ids: number[]; typeIds: number[] }>,
): Promise<number[][]> {
  const batch = rows.length;
  const width = Math.max(1, ...rows.map((r) => r.ids.length));
  const ids = new BigInt64Array(batch * width);
  const mask = new BigInt64Array(batch * width);
  const types = new BigInt64Array(batch * width);
  rows.forEach((row, r) => {
    row.ids.forEach((id, i) => {
      ids[r * width + i] = BigInt(id);
      mask[r * width + i] = 1n;
      types[r * width + i] = BigInt(row.typeIds[i]);
    });
  });
  const dims = [batch, width];
  const output = await session.run({
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', types, dims),
  });
  const logits = output.logits.data as Float32Array;
  const labels = logits.length / batch;
  return rows.map((_, r) => Array.from(logits.subarray(r * labels, (r + 1) * labels)));
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function argmax(values: number[]): number {
  return values.indexOf(Math.max(...values));
}

/** Largest absolute element-wise difference between two equally shaped lists of vectors. */
export function maxAbsDifference(a: number[][], b: number[][]): number {
  let max = 0;
  a.forEach((row, i) => row.forEach((v, j) => (max = Math.max(max, Math.abs(v - b[i][j])))));
  return max;
}
