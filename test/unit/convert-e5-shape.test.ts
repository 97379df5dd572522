// The converter at the real default model's size: a random-weight checkpoint with exactly the
// shape of e5-small-v2 must convert and quantize quickly, fit the 34 MB budget, and its int8 graph
// must track the fp32 one. Throughput against the reference int8 export is measured by
// bench/convert-throughput.ts, not here.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertBertModel, FP32_MODEL_FILE, INT8_MODEL_FILE } from '../../src/core/model/convert/convert-bert';
import { writeRandomBertModel } from '../helpers/model-random-e5';
import { maxAbsDifference, openSession, runLogits } from '../helpers/model-onnx-run';

const MAX_INT8_BYTES = 34_000_000;
const MAX_CONVERT_MS = 30_000;

describe('convert: e5-small-v2-shaped model', function () {
  this.timeout(120_000);
  let work: string;
  let source: string;
  let out: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'cc-e5-'));
    source = writeRandomBertModel(join(work, 'source'));
    out = join(work, 'out');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it(`converts and quantizes in under ${MAX_CONVERT_MS / 1000} s to at most 34 MB`, async () => {
    const started = Date.now();
    await convertBertModel(source, out, { int8: true });
    const elapsed = Date.now() - started;
    const size = statSync(join(out, INT8_MODEL_FILE)).size;
    console.log(`      int8 conversion ${(elapsed / 1000).toFixed(1)} s, ${(size / 1e6).toFixed(2)} MB`);
    assert.ok(elapsed < MAX_CONVERT_MS, `took ${elapsed} ms`);
    assert.ok(size <= MAX_INT8_BYTES, `${size} bytes`);
  });

  it('int8 logits track the fp32 graph', async () => {
    await convertBertModel(source, out, { fp32: true });
    const rows = Array.from({ length: 6 }, (_, b) => {
      const n = 16 + b * 9;
      return {
        ids: Array.from({ length: n }, (_, i) =>
          i === 0 ? 101 : i === n - 1 ? 102 : 1000 + ((b * 7919 + i * 104729) % 28000),
        ),
        typeIds: Array.from({ length: n }, (_, i) => (i > n / 2 ? 1 : 0)),
      };
    });
    const fp32 = await openSession(join(out, FP32_MODEL_FILE));
    const int8 = await openSession(join(out, INT8_MODEL_FILE));
    const a = await runLogits(fp32, rows);
    const b = await runLogits(int8, rows);
    await fp32.release();
    await int8.release();
    assert.ok(a.flat().every(Number.isFinite) && b.flat().every(Number.isFinite));
    const difference = maxAbsDifference(a, b);
    // Random weights give logits around ±0.1; quantization moves them by well under 0.02.
    assert.ok(difference < 0.02, `max |Δlogit| ${difference}`);
  });
});
