// The machine's int8 matrix-multiply peak, measured with the kernel the int8 model itself uses:
// an ONNX MatMulInteger (uint8 activations x int8 weights, as onnxruntime's quantize_dynamic
// produces) at the shapes of e5-small-v2's feed-forward layers (hidden 384, intermediate 1536),
// run by onnxruntime-node with the same thread count as the engine, both with onnxruntime's default
// thread spinning and without it (the engine's setting); the peak is the best of all of them. On a
// loaded machine spinning threads lose most of their time slices, so both are needed for a peak.
//
//   npx tsx bench/gemm-peak.ts [--threads N]
//
// The engine benchmark (bench/engine.ts) calls measureInt8Peak() in the same run to express the
// model's throughput as a fraction of this peak.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from '../src/core/nli/ort';
import { DataType, GraphBuilder } from '../src/core/model/onnx/graph-builder';
import { log, median, round, writeResult } from './lib/report';

export interface GemmShape {
  m: number;
  k: number;
  n: number;
}

export interface GemmResult extends GemmShape {
  kernel: GemmKernel;
  spinning: boolean;
  /** Median over repeated timed runs, in int8 operations (2 per multiply-add) per second. */
  opsPerSecond: number;
}

/** e5-small-v2's two feed-forward GEMMs for a batch of M tokens. */
export const FEED_FORWARD_SHAPES: GemmShape[] = [192, 768, 2048].flatMap((m) => [
  { m, k: 384, n: 1536 },
  { m, k: 1536, n: 384 },
]);

/** The int8 GEMM operators measured: the standard ONNX one (MatMulInteger), and the
 * fused contrib operator onnxruntime's optimizer turns the quantized model's MatMuls into
 * (MatMulIntegerToFloat; DynamicQuantizeMatMul adds the activation quantization to it). */
export type GemmKernel = 'MatMulInteger' | 'MatMulIntegerToFloat';

function gemmModel({ k, n }: GemmShape, kernel: GemmKernel): Uint8Array {
  const g = new GraphBuilder('int8_gemm');
  const a = g.input('A', DataType.UINT8, ['M', k]);
  const weights = new Int8Array(k * n);
  for (let i = 0; i < weights.length; i++) weights[i] = ((i * 2654435761) >>> 24) - 128;
  const b = g.initializer('B', DataType.INT8, [k, n], weights);
  const aZero = g.initializer('a_zero', DataType.UINT8, [], Uint8Array.of(128));
  const bZero = g.initializer('b_zero', DataType.INT8, [], Int8Array.of(0));
  if (kernel === 'MatMulInteger') {
    const [y] = g.node('MatMulInteger', [a, b, aZero, bZero], { outputs: ['Y'] });
    g.output(y, DataType.INT32, ['M', n]);
  } else {
    const aScale = g.float('a_scale', [], Float32Array.of(0.02));
    const bScale = g.float('b_scale', [], Float32Array.of(0.01));
    const [y] = g.node('MatMulIntegerToFloat', [a, b, aScale, bScale, aZero, bZero], {
      outputs: ['Y'],
      domain: 'com.microsoft',
    });
    g.output(y, DataType.FLOAT, ['M', n]);
  }
  return g.toModel({
    opsets: [
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ],
    producerName: 'consistency-bench',
    producerVersion: '1',
  });
}

/** Sessions for each shape, kept open so that a benchmark can sample the peak between its rounds. */
export class Int8GemmProbe {
  private constructor(
    private readonly dir: string,
    private readonly runs: Array<{
      shape: GemmShape;
      kernel: GemmKernel;
      spinning: boolean;
      session: ort.InferenceSession;
      feeds: Record<string, ort.Tensor>;
      times: number[];
    }>,
  ) {}

  static async create(threads: number, shapes = FEED_FORWARD_SHAPES): Promise<Int8GemmProbe> {
    const dir = mkdtempSync(join(os.tmpdir(), 'cc-gemm-'));
    const kernels: GemmKernel[] = ['MatMulInteger', 'MatMulIntegerToFloat'];
    const variants = shapes.flatMap((shape) =>
      kernels.flatMap((kernel) => [true, false].map((spinning) => ({ shape, kernel, spinning }))),
    );
    const runs = await Promise.all(
      variants.map(async ({ shape, kernel, spinning }) => {
        const file = join(dir, `gemm-${kernel}-${shape.m}-${shape.k}x${shape.n}-${spinning}.onnx`);
        writeFileSync(file, gemmModel(shape, kernel));
        const session = await ort.InferenceSession.create(file, {
          executionProviders: ['cpu'],
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          graphOptimizationLevel: 'all',
          logSeverityLevel: 3,
          ...(spinning ? {} : { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
        });
        const data = new Uint8Array(shape.m * shape.k);
        for (let i = 0; i < data.length; i++) data[i] = (i * 40503) & 0xff;
        return {
          shape,
          kernel,
          spinning,
          session,
          feeds: { A: new ort.Tensor('uint8', data, [shape.m, shape.k]) },
          times: [] as number[],
        };
      }),
    );
    for (const run of runs) await run.session.run(run.feeds); // warm-up
    return new Int8GemmProbe(dir, runs);
  }

  /** One timed pass over every shape, about `seconds` in all. */
  async sample(seconds = 0.5): Promise<void> {
    for (const run of this.runs) {
      const ops = 2 * run.shape.m * run.shape.k * run.shape.n;
      // Repetitions for seconds/shapes at a rough 40 GOPS guess; at least 2.
      const reps = Math.max(2, Math.round(((seconds / this.runs.length) * 40e9) / ops));
      const started = performance.now();
      for (let i = 0; i < reps; i++) await run.session.run(run.feeds);
      run.times.push((performance.now() - started) / 1000 / reps);
    }
  }

  /** Per shape, the median of its samples so far. */
  results(): GemmResult[] {
    return this.runs.map((run) => ({
      ...run.shape,
      kernel: run.kernel,
      spinning: run.spinning,
      opsPerSecond: (2 * run.shape.m * run.shape.k * run.shape.n) / median(run.times),
    }));
  }

  /** The best shape's operations per second in its latest sample. */
  latestPeak(): number {
    return Math.max(
      ...this.runs.map((run) => (2 * run.shape.m * run.shape.k * run.shape.n) / run.times[run.times.length - 1]),
    );
  }

  async dispose(): Promise<void> {
    await Promise.all(this.runs.map((r) => r.session.release()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Samples every shape `passes` times (interleaved, so machine load hits all shapes alike). */
export async function measureInt8Peak(
  threads: number,
  shapes = FEED_FORWARD_SHAPES,
  passes = 5,
): Promise<GemmResult[]> {
  const probe = await Int8GemmProbe.create(threads, shapes);
  try {
    for (let i = 0; i < passes; i++) await probe.sample(1.5);
    return probe.results();
  } finally {
    await probe.dispose();
  }
}

export function peakOf(results: GemmResult[]): GemmResult {
  return results.reduce((best, r) => (r.opsPerSecond > best.opsPerSecond ? r : best));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { threads: { type: 'string', default: String(os.availableParallelism()) } },
  });
  const threads = Number(values.threads);
  const results = await measureInt8Peak(threads);
  for (const r of results)
    log(`${r.kernel} u8s8 M=${r.m} K=${r.k} N=${r.n} spinning=${r.spinning}: ${round(r.opsPerSecond / 1e9, 1)} GOPS`);
  const peak = peakOf(results);
  log(`peak: ${round(peak.opsPerSecond / 1e9, 1)} GOPS with ${threads} threads`);
  writeResult('gemm-peak', {
    command: 'npx tsx bench/gemm-peak.ts',
    threads,
    shapes: results.map((r) => ({ ...r, gops: round(r.opsPerSecond / 1e9, 2) })),
    peakGops: round(peak.opsPerSecond / 1e9, 2),
  });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
