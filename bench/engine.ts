// Engine throughput on realistic pairs, against two baselines in the same run, plus the fraction
// of the machine's measured int8 GEMM peak that the engine reaches.
//
//   npx tsx bench/engine.ts [--pairs 128] [--rounds 3]      (part of `npm run bench`)
//
// Every contender scores the same pairs with the same int8 model file
// (.bench-models/e5-shape-random/onnx/model_quantized.onnx, see scripts/bench-models.mjs):
//   ours  NliEngine with its defaults (threads = all cores, length-bucketed batches), called the way
//         the Checker calls it (chunks of 64 pairs).
//   (a)   @huggingface/transformers as its docs show: AutoTokenizer + AutoModelForSequenceClassification
//         from local files (env.allowRemoteModels = false, env.localModelPath), default session options;
//         dtype 'q8' is the documented way to pick onnx/model_quantized.onnx (the default dtype is fp32,
//         which this folder does not have). Batches of 16 pairs in input order, padding: true,
//         truncation: true.
//   (b)   a hand-written onnxruntime-node loop: one InferenceSession with intraOpNumThreads = 2,
//         @huggingface/tokenizers for the pair encoding, batches of 16 pairs in input order, each
//         padded to its longest pair. Also run with the engine's own batch size (4), to separate what
//         the batch size buys from what length bucketing and the session settings buy.
// The machine is shared and noisy, so contenders are interleaved finely: each round's pairs are cut
// into slices of 64 (one Checker chunk), every contender scores each slice in turn (rotated order),
// and each ratio is the median over slices of the per-slice ratio, so a load spike from other users
// of the machine hits both sides of a ratio alike. Between rounds the int8 GEMM peak is sampled with
// the engine's thread count, and the fraction of peak is taken per round against that round's sample.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from '../src/core/nli/ort';
import { NliEngine, type NliPair } from '../src/core/nli';
import { Int8GemmProbe, peakOf } from './gemm-peak';
import { realisticPairs } from './lib/pairs';
import { BENCH_MODELS, E5_MODEL, log, median, quantile, round, writeResult } from './lib/report';
import { wordCount } from './lib/corpus';

const BASELINE_BATCH = 16;
/** NliEngine's default batch size (src/core/nli/engine.ts). */
const ENGINE_BATCH = 4;
const PLAIN = '(b) plain onnxruntime-node';
const PLAIN_SAME_BATCH = '(b) plain onnxruntime-node, batch 4';
const CHECKER_CHUNK = 64;
/** Pairs each contender scores before the next one takes a turn. */
const SLICE = CHECKER_CHUNK;

interface Contender {
  name: string;
  run(pairs: NliPair[]): Promise<void>;
  dispose(): Promise<void>;
}

async function ours(): Promise<Contender & { engine: NliEngine }> {
  const engine = await NliEngine.load(E5_MODEL);
  return {
    name: 'ours',
    engine,
    async run(pairs) {
      for (let i = 0; i < pairs.length; i += CHECKER_CHUNK) await engine.score(pairs.slice(i, i + CHECKER_CHUNK));
    },
    dispose: () => engine.dispose(),
  };
}

async function transformersJs(): Promise<Contender> {
  const { AutoTokenizer, AutoModelForSequenceClassification, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = `${BENCH_MODELS}/`;
  const tokenizer = await AutoTokenizer.from_pretrained('e5-shape-random');
  const model = await AutoModelForSequenceClassification.from_pretrained('e5-shape-random', { dtype: 'q8' });
  return {
    name: '(a) transformers.js',
    async run(pairs) {
      for (let i = 0; i < pairs.length; i += BASELINE_BATCH) {
        const batch = pairs.slice(i, i + BASELINE_BATCH);
        const inputs = tokenizer(
          batch.map((p) => p.premise),
          { text_pair: batch.map((p) => p.hypothesis), padding: true, truncation: true },
        );
        const { logits } = await model(inputs);
        softmaxRows(logits.data as Float32Array, 3);
      }
    },
    dispose: async () => {
      await model.dispose();
    },
  };
}

async function plainOrt(batchSize: number, name: string): Promise<Contender> {
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const tokenizerJson = JSON.parse(readFileSync(join(E5_MODEL, 'tokenizer.json'), 'utf8'));
  const tokenizerConfig = JSON.parse(readFileSync(join(E5_MODEL, 'tokenizer_config.json'), 'utf8'));
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const session = await ort.InferenceSession.create(join(E5_MODEL, 'onnx', 'model_quantized.onnx'), {
    intraOpNumThreads: 2,
  });
  return {
    name,
    async run(pairs) {
      for (let i = 0; i < pairs.length; i += batchSize) {
        const encoded = pairs
          .slice(i, i + batchSize)
          .map((p) => tokenizer.encode(p.premise, { text_pair: p.hypothesis }));
        const width = Math.max(...encoded.map((e) => e.ids.length));
        const ids = new BigInt64Array(encoded.length * width);
        const mask = new BigInt64Array(encoded.length * width);
        const types = new BigInt64Array(encoded.length * width);
        encoded.forEach((e, row) => {
          for (let j = 0; j < e.ids.length; j++) {
            ids[row * width + j] = BigInt(e.ids[j]);
            mask[row * width + j] = 1n;
            types[row * width + j] = BigInt(e.token_type_ids?.[j] ?? 0);
          }
        });
        const dims = [encoded.length, width];
        const out = await session.run({
          input_ids: new ort.Tensor('int64', ids, dims),
          attention_mask: new ort.Tensor('int64', mask, dims),
          token_type_ids: new ort.Tensor('int64', types, dims),
        });
        softmaxRows(out.logits.data as Float32Array, 3);
      }
    },
    dispose: () => session.release(),
  };
}

function softmaxRows(data: Float32Array, width: number): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < data.length / width; r++) {
    const row = Array.from(data.subarray(r * width, (r + 1) * width));
    const max = Math.max(...row);
    const exp = row.map((x) => Math.exp(x - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    rows.push(exp.map((x) => x / sum));
  }
  return rows;
}

/** int8 multiply-adds x 2 per token of e5-small-v2's linear layers, and attention per token per token of context. */
function modelOps(config: { hidden_size: number; intermediate_size: number; num_hidden_layers: number }) {
  const h = config.hidden_size;
  const linearPerToken = 2 * config.num_hidden_layers * (4 * h * h + 2 * h * config.intermediate_size);
  const attentionPerTokenPair = 2 * config.num_hidden_layers * 2 * h; // QK^T and AV, fp32
  return { linearPerToken, attentionPerTokenPair };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { pairs: { type: 'string', default: '128' }, rounds: { type: 'string', default: '3' } },
  });
  const count = Number(values.pairs);
  const rounds = Number(values.rounds);
  const threads = os.availableParallelism();
  const roundPairs = Array.from({ length: rounds + 1 }, (_, r) => realisticPairs(count, 100 + r)); // [0] is the warm-up

  const contenders: Contender[] = [];
  const mine = await ours();
  contenders.push(mine);
  let transformersError: string | undefined;
  try {
    contenders.push(await transformersJs());
  } catch (error) {
    transformersError = (error as Error).message;
    log(`(a) transformers.js unavailable: ${transformersError}`);
  }
  contenders.push(await plainOrt(BASELINE_BATCH, PLAIN));
  contenders.push(await plainOrt(ENGINE_BATCH, PLAIN_SAME_BATCH));

  // Tokenized lengths of the measured pairs (what the model sees, special tokens included).
  const all = roundPairs.slice(1).flat();
  const lengths = all.map((p) => mine.engine.countTokens(p));
  const premiseWords = all.map((p) => wordCount(p.premise));
  const hypothesisWords = all.map((p) => wordCount(p.hypothesis));

  // Tokenization cost, cold (a fresh engine has an empty token cache), as a share of scoring time.
  const cold = await NliEngine.load(E5_MODEL, { threads: 1 });
  const tokenizeStarted = performance.now();
  for (const p of all) cold.countTokens(p);
  const tokenizeMsPerPair = (performance.now() - tokenizeStarted) / all.length;
  await cold.dispose();

  const probe = await Int8GemmProbe.create(threads);
  for (const c of contenders) await c.run(roundPairs[0].slice(0, SLICE)); // warm-up
  const config = JSON.parse(readFileSync(join(E5_MODEL, 'config.json'), 'utf8'));
  const ops = modelOps(config);
  const meanTokens = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const meanSquare = lengths.reduce((a, b) => a + b * b, 0) / lengths.length;
  const linearOpsPerPair = ops.linearPerToken * meanTokens;
  const attentionOpsPerPair = ops.attentionPerTokenPair * meanSquare;

  const seconds: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []])); // per slice
  const roundPps: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  const fractions: number[] = [];
  let slot = 0;
  for (let r = 1; r <= rounds; r++) {
    const roundSeconds: Record<string, number> = Object.fromEntries(contenders.map((c) => [c.name, 0]));
    for (let i = 0; i < count; i += SLICE) {
      const slice = roundPairs[r].slice(i, i + SLICE);
      slot++;
      for (const c of contenders.map((_, k) => contenders[(k + slot) % contenders.length])) {
        const started = performance.now();
        await c.run(slice);
        const elapsed = (performance.now() - started) / 1000;
        seconds[c.name].push(elapsed / slice.length);
        roundSeconds[c.name] += elapsed;
      }
    }
    for (const c of contenders) roundPps[c.name].push(count / roundSeconds[c.name]);
    await probe.sample(2);
    fractions.push((roundPps.ours[r - 1] * linearOpsPerPair) / probe.latestPeak());
    log(
      `round ${r}: ${contenders.map((c) => `${c.name} ${round(roundPps[c.name][r - 1], 1)}`).join(', ')} pairs/s; int8 GEMM peak ${round(probe.latestPeak() / 1e9, 1)} GOPS`,
    );
  }
  const ratioTo = (name: string) => median(seconds[name].map((t, i) => t / seconds.ours[i]));
  const gemm = probe.results();
  const peak = peakOf(gemm);
  const oursPps = median(roundPps.ours);
  await probe.dispose();
  await Promise.all(contenders.map((c) => c.dispose()));

  const result = {
    command: `npx tsx bench/engine.ts --pairs ${count} --rounds ${rounds}`,
    model: join('.bench-models', 'e5-shape-random', 'onnx', 'model_quantized.onnx'),
    threads,
    pairsPerRound: count,
    rounds,
    pairs: {
      premiseWords: { min: Math.min(...premiseWords), median: median(premiseWords), max: Math.max(...premiseWords) },
      hypothesisWords: {
        min: Math.min(...hypothesisWords),
        median: median(hypothesisWords),
        max: Math.max(...hypothesisWords),
      },
      tokens: {
        p10: quantile(lengths, 0.1),
        median: median(lengths),
        p90: quantile(lengths, 0.9),
        max: Math.max(...lengths),
        mean: round(meanTokens, 1),
      },
    },
    pairsPerSecond: Object.fromEntries(
      Object.entries(roundPps).map(([k, v]) => [k, { median: round(median(v), 1), rounds: v.map((x) => round(x, 1)) }]),
    ),
    slices: seconds.ours.length,
    ratios: {
      oursOverTransformersJs: transformersError ? null : round(ratioTo('(a) transformers.js'), 2),
      oursOverPlainOrt: round(ratioTo(PLAIN), 2),
      oursOverPlainOrtSameBatch: round(ratioTo(PLAIN_SAME_BATCH), 2),
    },
    transformersJsError: transformersError,
    tokenization: {
      coldMsPerPair: round(tokenizeMsPerPair, 3),
      shareOfScoringTime: round(tokenizeMsPerPair / (1000 / oursPps), 4),
    },
    gemm: {
      kernel:
        'MatMulInteger and MatMulIntegerToFloat, uint8 x int8 (onnxruntime-node, same thread count, spinning on and off)',
      shapes: gemm.map((g) => ({
        kernel: g.kernel,
        m: g.m,
        k: g.k,
        n: g.n,
        spinning: g.spinning,
        gops: round(g.opsPerSecond / 1e9, 1),
      })),
      peakKernel: `${peak.kernel} M=${peak.m} K=${peak.k} N=${peak.n}${peak.spinning ? '' : ' (no spinning)'}`,
      matMulIntegerPeakGops: round(
        Math.max(...gemm.filter((g) => g.kernel === 'MatMulInteger').map((g) => g.opsPerSecond)) / 1e9,
        1,
      ),
      peakGops: round(peak.opsPerSecond / 1e9, 1),
      modelLinearGopsPerPair: round(linearOpsPerPair / 1e9, 3),
      oursLinearGops: round((oursPps * linearOpsPerPair) / 1e9, 1),
      fractionOfPeakPerRound: fractions.map((f) => round(f, 3)),
      fractionOfPeak: round(median(fractions), 3),
      attentionShareOfOps: round(attentionOpsPerPair / (linearOpsPerPair + attentionOpsPerPair), 3),
    },
  };
  const file = writeResult('engine', result);
  log(JSON.stringify(result, null, 2));
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
