// Throughput of our converted int8 graph against a reference int8 export of the same shape
// (torch.onnx.export + onnxruntime quantize_dynamic, the usual transformers.js pipeline).
//
//   npx tsx bench/convert-throughput.ts --reference /path/to/model_quantized.onnx [--runs 60] [--threads 2] [--fused]
//   npx tsx bench/convert-throughput.ts --memory [--repeat 3]
//
// --memory measures the converter's peak resident memory instead (no reference needed): each
// conversion (fp32, int8) runs in a fresh process, next to a baseline process that loads the same
// modules and converts nothing, and one that only reads the checkpoint's weights (for context:
// every conversion needs them in memory). The figure is the peak above the bare process, less the
// written file's size: what a conversion costs beyond the model it produces.
// It prints the files' sha256, so a change to the writer can show its output is byte-identical.
//
// The reference file is copied into .bench-models/ (gitignored); later runs reuse the copy, so
// the repository never depends on it. Both models run in one process, interleaved batch by
// batch (so machine load affects both alike), with 2 intra-op threads, batch 8, 64-token pairs.
// It also prints which operators onnxruntime actually runs after its own graph optimizations.
import * as ort from '../src/core/nli/ort';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { convertBertModel, INT8_MODEL_FILE } from '../src/core/model/convert/convert-bert';
import { inspectOnnxFile } from '../src/core/model/onnx/inspect';
import { writeRandomBertModel } from '../test/helpers/model-random-e5';

const ROOT = resolve(__dirname, '..');
const BENCH_DIR = join(ROOT, '.bench-models');
const BATCH = 8;
const SEQUENCE = 64;

interface Candidate {
  name: string;
  file: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reference: { type: 'string' },
      runs: { type: 'string', default: '60' },
      threads: { type: 'string', default: '2' },
      fused: { type: 'boolean', default: false },
      'weight-bits': { type: 'string', default: '7' },
      memory: { type: 'boolean', default: false },
      repeat: { type: 'string', default: '3' },
    },
  });
  if (values.memory) return measureMemory(Number(values.repeat));
  const threads = Number(values.threads);
  mkdirSync(BENCH_DIR, { recursive: true });
  const referenceCopy = join(BENCH_DIR, 'reference', 'model_quantized.onnx');
  if (values.reference) {
    mkdirSync(join(BENCH_DIR, 'reference'), { recursive: true });
    copyFileSync(values.reference, referenceCopy);
  }
  if (!existsSync(referenceCopy)) {
    throw new Error('no reference model: pass --reference PATH (an int8 ONNX export with the e5-small-v2 shape) once');
  }

  const source = join(BENCH_DIR, 'e5-random-source');
  if (!existsSync(join(source, 'model.safetensors'))) writeRandomBertModel(source);
  const weightBits = Number(values['weight-bits']) as 7 | 8;
  const candidates: Candidate[] = [{ name: 'reference quantize_dynamic', file: referenceCopy }];
  const variants = values.fused ? (['standard', 'fused'] as const) : (['standard'] as const);
  for (const operators of variants) {
    const out = join(BENCH_DIR, `e5-random-${operators}`);
    const started = Date.now();
    await convertBertModel(source, out, { int8: true, operators, weightBits });
    const file = join(out, INT8_MODEL_FILE);
    console.log(
      `converted (${operators}, ${weightBits}-bit weights) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${(statSync(file).size / 1e6).toFixed(2)} MB`,
    );
    candidates.push({ name: `converted ${operators}`, file });
  }

  const sessions: ort.InferenceSession[] = [];
  for (const c of candidates) {
    const optimized = `${c.file}.optimized.onnx`;
    sessions.push(
      await ort.InferenceSession.create(c.file, {
        executionProviders: ['cpu'],
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        optimizedModelFilePath: optimized,
        logSeverityLevel: 3,
      }),
    );
    const ops = [...inspectOnnxFile(optimized).operators].map(([op, n]) => `${op}×${n}`).join(' ');
    console.log(`${c.name}: ${(statSync(c.file).size / 1e6).toFixed(2)} MB; runs ${ops}`);
  }

  const feeds = syntheticBatch();
  for (const s of sessions) for (let i = 0; i < 3; i++) await s.run(feeds); // warm-up
  // One batch per model in turn, many times: a burst of load from other processes then hits
  // every model alike, and the median per-batch time ignores the bursts themselves.
  const runs = Number(values.runs);
  const times: number[][] = candidates.map(() => []);
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? sessions.map((_, i) => i) : sessions.map((_, i) => sessions.length - 1 - i);
    for (const i of order) {
      const started = performance.now();
      await sessions[i].run(feeds);
      times[i].push(performance.now() - started);
    }
  }
  const throughput = times.map((t) => (BATCH / median(t)) * 1000);
  // The fastest batch approximates an unloaded machine; on a shared one it is the steadier figure.
  const best = times.map((t) => (BATCH / Math.min(...t)) * 1000);
  const results = candidates.map((c, i) => ({
    model: c.name,
    pairsPerSecond: Number(throughput[i].toFixed(1)),
    bestPairsPerSecond: Number(best[i].toFixed(1)),
  }));
  for (const r of results)
    console.log(
      `${r.model}: ${r.pairsPerSecond} pairs/s (median of ${runs} batches), best batch ${r.bestPairsPerSecond} pairs/s`,
    );
  const ratio = throughput[1] / throughput[0];
  const bestRatio = best[1] / best[0];
  console.log(
    `ratio converted (standard operators, the default) / reference: ${ratio.toFixed(3)} (median), ${bestRatio.toFixed(3)} (best batch)`,
  );
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'convert-throughput.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        threads,
        batch: BATCH,
        sequence: SEQUENCE,
        runs,
        weightBits,
        results,
        ratio,
        bestRatio,
      },
      null,
      2,
    ),
  );
  for (const s of sessions) await s.release();
}

interface PeakReport {
  mode: string;
  peakMB: number;
  seconds?: number;
  fileMB?: number;
  sha256?: string;
}

/** Peak RSS of converting the e5-shaped checkpoint, fp32 and int8, each in a fresh process. */
function measureMemory(repeat: number): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  const source = join(BENCH_DIR, 'e5-random-source');
  if (!existsSync(join(source, 'model.safetensors'))) writeRandomBertModel(source);
  const out = join(BENCH_DIR, 'e5-random-memory');
  const run = (mode: string): PeakReport => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'lib', 'convert-peak.ts'), source, out, mode],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (child.status !== 0) throw new Error(`convert-peak ${mode} failed (exit ${child.status})`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as PeakReport;
  };
  // Interleaved, so a burst of load from other processes hits every mode alike; the minimum of
  // each is the figure (peak memory only goes up with interference, never down).
  const reports: Record<string, PeakReport[]> = { bare: [], weights: [], fp32: [], int8: [] };
  for (let i = 0; i < repeat; i++) for (const mode of Object.keys(reports)) reports[mode].push(run(mode));
  const best = (mode: string): PeakReport => reports[mode].reduce((a, b) => (b.peakMB < a.peakMB ? b : a));
  const baseline = best('bare').peakMB;
  const runs = (mode: string) => reports[mode].map((r) => r.peakMB.toFixed(0)).join(' / ');
  const weightsMB = statSync(join(source, 'model.safetensors')).size / 2 ** 20;
  console.log(`baseline (modules loaded, nothing converted): peak ${baseline.toFixed(0)} MB (runs ${runs('bare')})`);
  console.log(
    `reading the ${weightsMB.toFixed(1)} MB checkpoint only: peak ${best('weights').peakMB.toFixed(0)} MB (runs ${runs('weights')})`,
  );
  const results = (['fp32', 'int8'] as const).map((mode) => {
    const r = best(mode);
    const shas = new Set(reports[mode].map((x) => x.sha256));
    if (shas.size !== 1) throw new Error(`${mode}: the converter wrote different files in different runs`);
    const aboveMB = r.peakMB - baseline;
    const overheadMB = aboveMB - r.fileMB!;
    console.log(
      `${mode}: peak ${r.peakMB.toFixed(0)} MB (runs ${runs(mode)}), ${aboveMB.toFixed(0)} MB above the baseline, ` +
        `${overheadMB.toFixed(0)} MB above the ${r.fileMB!.toFixed(1)} MB file; ${r.seconds!.toFixed(1)} s; sha256 ${r.sha256}`,
    );
    return {
      mode,
      peakMB: Math.round(r.peakMB),
      aboveBaselineMB: Math.round(aboveMB),
      aboveFileMB: Math.round(overheadMB),
      fileMB: Number(r.fileMB!.toFixed(1)),
      seconds: Number(r.seconds!.toFixed(1)),
      sha256: r.sha256,
    };
  });
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'convert-memory.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        repeat,
        baselineMB: Math.round(baseline),
        weightsMB: Number(weightsMB.toFixed(1)),
        results,
      },
      null,
      2,
    ),
  );
}

/** Eight 64-token premise/hypothesis pairs ([CLS] 30 tokens [SEP] 31 tokens [SEP]). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function syntheticBatch(): Record<string, ort.Tensor> {
  const ids = new BigInt64Array(BATCH * SEQUENCE);
  const types = new BigInt64Array(BATCH * SEQUENCE);
  for (let b = 0; b < BATCH; b++) {
    for (let s = 0; s < SEQUENCE; s++) {
      const i = b * SEQUENCE + s;
      ids[i] = BigInt(s === 0 ? 101 : s === 31 || s === SEQUENCE - 1 ? 102 : 1000 + ((b * 7919 + s * 104729) % 28000));
      types[i] = s > 31 ? 1n : 0n;
    }
  }
  const dims = [BATCH, SEQUENCE];
  return {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(BATCH * SEQUENCE).fill(1n), dims),
    token_type_ids: new ort.Tensor('int64', types, dims),
  };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
