// Acceptance tests of the safetensors -> ONNX converter on the tiny-bert-nli fixture: PyTorch
// parity of the fp32 graph (reference token ids fed straight to onnxruntime, so the tokenizer is
// not involved), int8 agreement with fp32, the operators onnxruntime really runs, the output
// layout, and clear refusals for what it cannot convert.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertBertModel, FP32_MODEL_FILE, INT8_MODEL_FILE } from '../../src/core/model/convert/convert-bert';
import { encodeSafetensors, SafetensorsFile, halfToFloat } from '../../src/core/model/convert/safetensors';
import { inspectOnnxFile } from '../../src/core/model/onnx/inspect';
import { NliEngine } from '../../src/core/nli';
import {
  argmax,
  maxAbsDifference,
  openSession,
  readReferencePairs,
  readSyntheticPairs,
  runLogits,
  TINY_MODEL_DIR,
} from '../helpers/model-onnx-run';

const PARITY_TOLERANCE = 1e-4;

describe('convert: safetensors to ONNX (tiny-bert-nli)', () => {
  let work: string;
  let fused: string;
  let standard: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'cc-convert-'));
    fused = join(work, 'fused');
    standard = join(work, 'standard');
    await convertBertModel(TINY_MODEL_DIR, fused, { fp32: true, int8: true, operators: 'fused' });
    await convertBertModel(TINY_MODEL_DIR, standard, { fp32: true, int8: true });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const variant of ['fused', 'standard'] as const) {
    it(`fp32 ${variant} graph matches the PyTorch logits within 1e-4 for all 70 reference pairs`, async () => {
      const session = await openSession(join(variant === 'fused' ? fused : standard, FP32_MODEL_FILE));
      const pairs = readReferencePairs();
      assert.equal(pairs.length, 70);
      let worst = 0;
      for (const pair of pairs) {
        const [logits] = await runLogits(session, [{ ids: pair.input_ids, typeIds: pair.token_type_ids }]);
        worst = Math.max(worst, maxAbsDifference([logits], [pair.logits]));
      }
      await session.release();
      console.log(`      fp32 ${variant}: max |logit - PyTorch| = ${worst.toExponential(2)}`);
      assert.ok(worst < PARITY_TOLERANCE, `max difference ${worst}`);
    });
  }

  it('gives the same logits for a padded batch as for pairs one at a time', async () => {
    const pairs = readReferencePairs()
      .filter((p) => p.input_ids.length < 100)
      .slice(0, 12);
    const rows = pairs.map((p) => ({ ids: p.input_ids, typeIds: p.token_type_ids }));
    for (const dir of [standard, fused]) {
      const session = await openSession(join(dir, FP32_MODEL_FILE));
      const batched = await runLogits(session, rows);
      await session.release();
      assert.ok(
        maxAbsDifference(
          batched,
          pairs.map((p) => p.logits),
        ) < PARITY_TOLERANCE,
        dir,
      );
    }
  });

  it('writes the transformers.js layout with the labels in the graph metadata', () => {
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', FP32_MODEL_FILE, INT8_MODEL_FILE]) {
      assert.ok(existsSync(join(standard, file)), file);
    }
    const summary = inspectOnnxFile(join(standard, INT8_MODEL_FILE));
    assert.deepEqual(JSON.parse(summary.metadata.labels), ['entailment', 'neutral', 'contradiction']);
    assert.deepEqual(
      summary.inputs.map((i) => [i.name, i.elemType, i.dims]),
      ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => [name, 7, ['batch', 'sequence']]),
    );
    assert.deepEqual(
      summary.outputs.map((o) => [o.name, o.dims]),
      [['logits', ['batch', 3]]],
    );
  });

  const optimizedOperators = async (file: string): Promise<Map<string, number>> => {
    const optimized = join(work, 'optimized.onnx');
    const session = await openSession(file, { graphOptimizationLevel: 'all', optimizedModelFilePath: optimized });
    await session.release();
    return inspectOnnxFile(optimized).operators;
  };

  it('standard int8 graph: onnxruntime fuses every quantized MatMul and the GELU', async () => {
    const ops = await optimizedOperators(join(standard, INT8_MODEL_FILE));
    // Q, K, V share one quantized input per layer; output dense, 2 FFN, pooler and classifier.
    assert.equal(ops.get('com.microsoft:MatMulIntegerToFloat'), 2 * 3);
    assert.equal(ops.get('com.microsoft:DynamicQuantizeMatMul'), 2 * 3 + 2);
    assert.equal(ops.get('MatMulInteger') ?? 0, 0, 'no unfused integer MatMul');
    assert.equal(ops.get('com.microsoft:Gelu'), 2);
    assert.equal(ops.get('Erf') ?? 0, 0);
    // Float MatMuls left: attention probabilities x values, one per layer.
    assert.equal(ops.get('MatMul'), 2);
  });

  it('fused int8 graph: uses the com.microsoft kernels, and onnxruntime keeps them', async () => {
    const ops = await optimizedOperators(join(fused, INT8_MODEL_FILE));
    assert.equal(ops.get('com.microsoft:QAttention'), 2);
    assert.equal(ops.get('com.microsoft:SkipLayerNormalization'), 4);
    assert.equal(ops.get('com.microsoft:BiasGelu'), 2);
    // output dense + 2 FFN per layer, pooler, classifier.
    assert.equal(ops.get('com.microsoft:DynamicQuantizeMatMul'), 2 * 3 + 2);
    assert.equal(ops.get('MatMul') ?? 0, 0, 'no float MatMul left');
  });

  for (const variant of ['standard', 'fused'] as const) {
    it(`int8 ${variant} agrees with fp32 on the top label for >= 99% of synthetic-test.json`, async () => {
      const dir = variant === 'fused' ? fused : standard;
      const pairs = readSyntheticPairs();
      const fp32 = await NliEngine.load(dir, { precision: 'fp32', threads: 2 });
      const int8 = await NliEngine.load(dir, { precision: 'int8', threads: 2 });
      const a = await fp32.score(pairs);
      const b = await int8.score(pairs);
      await fp32.dispose();
      await int8.dispose();
      let agree = 0;
      let worst = 0;
      a.forEach((s, i) => {
        const p = Object.values(s.probabilities);
        const q = Object.values(b[i].probabilities);
        if (argmax(p) === argmax(q)) agree++;
        worst = Math.max(worst, ...p.map((v, k) => Math.abs(v - q[k])));
      });
      const rate = agree / pairs.length;
      console.log(
        `      int8 ${variant} vs fp32: top label agrees on ${(rate * 100).toFixed(2)}% of ${pairs.length}, max |Δp| = ${worst.toFixed(4)}`,
      );
      assert.ok(rate >= 0.99, `agreement ${rate}`);
    });
  }

  it('converts checkpoints without the bert. prefix and stored in fp16 or bf16', async () => {
    const source = SafetensorsFile.read(join(TINY_MODEL_DIR, 'model.safetensors'));
    for (const dtype of ['F16', 'BF16'] as const) {
      const dir = join(work, `renamed-${dtype}`);
      mkdirSync(dir, { recursive: true });
      const tensors: Parameters<typeof encodeSafetensors>[0] = {};
      for (const name of source.names) {
        const { shape, data } = source.float32(name);
        tensors[name.replace(/^bert\./, '')] = {
          dtype,
          shape,
          data: dtype === 'F16' ? toHalf(data) : toBfloat16(data),
        };
      }
      writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
      copyFileSync(join(TINY_MODEL_DIR, 'config.json'), join(dir, 'config.json'));
      copyFileSync(join(TINY_MODEL_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'));
      await convertBertModel(dir, dir);
      const session = await openSession(join(dir, FP32_MODEL_FILE));
      const pairs = readReferencePairs().slice(0, 20);
      const logits = await runLogits(
        session,
        pairs.map((p) => ({ ids: p.input_ids, typeIds: p.token_type_ids })),
      );
      await session.release();
      // Half precision weights: close to the fp32 reference, same decisions.
      assert.ok(
        maxAbsDifference(
          logits,
          pairs.map((p) => p.logits),
        ) < 0.2,
        dtype,
      );
      pairs.forEach((p, i) => assert.equal(argmax(logits[i]), argmax(p.logits), `${dtype} pair ${i}`));
    }
  });

  describe('refusals', () => {
    const folderWith = (name: string, files: Record<string, string | Buffer>): string => {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
      return dir;
    };
    const config = JSON.parse(readFileSync(join(TINY_MODEL_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;

    it('names the unsupported architecture', async () => {
      const dir = folderWith('roberta', { 'config.json': JSON.stringify({ ...config, model_type: 'roberta' }) });
      await assert.rejects(convertBertModel(dir, dir), /model_type 'roberta' is not supported.*BERT-layout/);
    });

    it('names the missing tensors of a checkpoint without a classification head', async () => {
      const source = SafetensorsFile.read(join(TINY_MODEL_DIR, 'model.safetensors'));
      const tensors: Parameters<typeof encodeSafetensors>[0] = {};
      for (const name of source.names) {
        if (name.startsWith('classifier.')) continue;
        const { shape, data } = source.float32(name);
        tensors[name] = { dtype: 'F32', shape, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
      }
      const dir = folderWith('headless', {
        'config.json': JSON.stringify(config),
        'model.safetensors': encodeSafetensors(tensors),
      });
      await assert.rejects(
        convertBertModel(dir, dir),
        /lacks tensors.*classifier\.weight, classifier\.bias.*bare encoder/,
      );
    });

    it('refuses pickle checkpoints with an explanation', async () => {
      const dir = folderWith('pickle', { 'config.json': JSON.stringify(config), 'pytorch_model.bin': 'not read' });
      await assert.rejects(convertBertModel(dir, dir), /refusing 'pytorch_model.bin'.*arbitrary code/);
    });

    it('reports a truncated safetensors file', async () => {
      const bytes = readFileSync(join(TINY_MODEL_DIR, 'model.safetensors'));
      const dir = folderWith('truncated', {
        'config.json': JSON.stringify(config),
        'model.safetensors': bytes.subarray(0, bytes.length - 1000),
      });
      await assert.rejects(convertBertModel(dir, dir), /outside the file \(truncated download\?\)/);
    });
  });
});

describe('convert: safetensors dtypes', () => {
  it('widens fp16 (normal, subnormal, infinite) and bf16 exactly', () => {
    const halves = Uint16Array.of(0x3c00, 0xc000, 0x0001, 0x7c00, 0x3555);
    assert.deepEqual(Array.from(halves, halfToFloat), [1, -2, 2 ** -24, Infinity, 0.333251953125]);
    const bf = Uint16Array.of(0x3f80, 0xc049);
    const file = SafetensorsFile.parse(
      encodeSafetensors({
        h: { dtype: 'F16', shape: [5], data: new Uint8Array(halves.buffer) },
        b: { dtype: 'BF16', shape: [2], data: new Uint8Array(bf.buffer) },
      }),
    );
    assert.deepEqual(Array.from(file.float32('h').data), [1, -2, 2 ** -24, Infinity, 0.333251953125]);
    assert.deepEqual(Array.from(file.float32('b').data), [1, -3.140625]);
  });

  it('reads aligned fp32 tensors as views of the file, unaligned ones as copies, both exact', () => {
    const values = Float32Array.of(1.5, -2.25, 3e-8);
    const buffer = encodeSafetensors({
      aligned: { dtype: 'F32', shape: [3], data: new Uint8Array(values.buffer) },
      half: { dtype: 'F16', shape: [1], data: new Uint8Array(Uint16Array.of(0x3c00).buffer) },
      unaligned: { dtype: 'F32', shape: [3], data: new Uint8Array(values.buffer) },
    });
    const file = SafetensorsFile.parse(buffer);
    const aligned = file.float32('aligned').data;
    const unaligned = file.float32('unaligned').data;
    assert.deepEqual(Array.from(aligned), Array.from(values));
    assert.deepEqual(Array.from(unaligned), Array.from(values));
    // The first is the file's memory (no second copy of the weights), the second could not be.
    assert.equal(aligned.buffer, buffer.buffer);
    assert.notEqual(unaligned.buffer, buffer.buffer);
  });

  it('rejects unsupported dtypes by name', () => {
    const file = SafetensorsFile.parse(
      encodeSafetensors({ x: { dtype: 'F64' as 'F32', shape: [1], data: new Uint8Array(8) } }),
    );
    assert.throws(() => file.float32('x'), /dtype F64; only F32, F16 and BF16/);
  });
});

/** fp32 -> fp16 bits (round to nearest even; the fixture's weights are all in normal range). */
function toHalf(values: Float32Array): Uint8Array {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  values.forEach((v, i) => {
    f[0] = v;
    const x = bits[0];
    const sign = (x >>> 16) & 0x8000;
    const exponent = ((x >>> 23) & 0xff) - 127 + 15;
    let mantissa = x & 0x7fffff;
    if (exponent <= 0) {
      out[i] = sign; // flush tiny values to zero
      return;
    }
    let half = sign | (exponent << 10) | (mantissa >>> 13);
    mantissa &= 0x1fff;
    if (mantissa > 0x1000 || (mantissa === 0x1000 && half & 1)) half++;
    out[i] = half;
  });
  return new Uint8Array(out.buffer);
}

function toBfloat16(values: Float32Array): Uint8Array {
  const bits = new Uint32Array(Float32Array.from(values).buffer);
  return new Uint8Array(Uint16Array.from(bits, (b) => b >>> 16).buffer);
}
