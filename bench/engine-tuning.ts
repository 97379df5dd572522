// The measurements behind the engine's batching defaults (src/core/nli/engine.ts).
//
//   npx tsx bench/engine-tuning.ts [--rounds 4]      (npm run bench:tuning)
//
// 1. Batch size: NliEngine instances that differ only in batchSize score the same realistic pairs
//    (bench/lib/pairs.ts) in Checker-sized chunks of 64, interleaved chunk by chunk; pairs/s as a
//    ratio to batches of 16 (the default before this measurement; now 4).
// 2. What the engine's speed over a plain loop comes from: a hand-written onnxruntime-node loop
//    (batches of 4, 2 threads) in four variants, interleaved chunk by chunk: pairs in input order or
//    sorted by length (the engine's bucketing), onnxruntime's default thread spinning or none (the
//    engine's setting). Ratios to the plain variant (input order, spinning).
// 3. Batching limits on long pairs (a claim against a 150-300-token paragraph, which Markdown
//    lists and tables produce): peak resident memory and pairs/s of a fresh process per setting,
//    alternated: the new defaults (batch 4, attention cap), the old ones (batch 16, token budget
//    only) and batch 16 with the attention cap; ratios to the new defaults of the same alternation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from '../src/core/nli/ort';
import { NliEngine, type NliPair } from '../src/core/nli';
import { loadCorpus, wordCount } from './lib/corpus';
import { mulberry32 } from './lib/fixture-domain';
import { realisticPairs } from './lib/pairs';
import { E5_MODEL, log, median, quantile, round, writeResult } from './lib/report';

const CHUNK = 64;
const BATCH_SIZES = [4, 8, 16, 32, 64];

function longPairs(count: number, seed = 3): NliPair[] {
  const { documents } = loadCorpus();
  const texts = documents.flatMap((d) => d.sentences.map((s) => s.clean)).filter((t) => wordCount(t) >= 8);
  const random = mulberry32(seed);
  const pick = () => texts[Math.floor(random() * texts.length)];
  return Array.from({ length: count }, () => {
    let paragraph = '';
    while (wordCount(paragraph) < 110 + Math.floor(random() * 100)) paragraph += `${pick()} `;
    return { premise: pick(), hypothesis: paragraph.trim() };
  });
}

/** A plain loop over one session: tokenizer from @huggingface/tokenizers, batches of 4. */
async function plainLoop(
  sorted: boolean,
  spinning: boolean,
): Promise<{ run(pairs: NliPair[]): Promise<void>; release(): Promise<void> }> {
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const tokenizer = new Tokenizer(
    JSON.parse(readFileSync(join(E5_MODEL, 'tokenizer.json'), 'utf8')),
    JSON.parse(readFileSync(join(E5_MODEL, 'tokenizer_config.json'), 'utf8')),
  );
  const session = await ort.InferenceSession.create(join(E5_MODEL, 'onnx', 'model_quantized.onnx'), {
    intraOpNumThreads: 2,
    ...(spinning ? {} : { extra: { session: { intra_op: { allow_spinning: '0' } } } }),
  });
  return {
    async run(pairs) {
      let encoded = pairs.map((p) => tokenizer.encode(p.premise, { text_pair: p.hypothesis }));
      if (sorted) encoded = [...encoded].sort((a, b) => a.ids.length - b.ids.length);
      for (let i = 0; i < encoded.length; i += 4) {
        const batch = encoded.slice(i, i + 4);
        const width = Math.max(...batch.map((e) => e.ids.length));
        const ids = new BigInt64Array(batch.length * width);
        const mask = new BigInt64Array(batch.length * width);
        const types = new BigInt64Array(batch.length * width);
        batch.forEach((e, row) => {
          for (let j = 0; j < e.ids.length; j++) {
            ids[row * width + j] = BigInt(e.ids[j]);
            mask[row * width + j] = 1n;
            types[row * width + j] = BigInt(e.token_type_ids?.[j] ?? 0);
          }
        });
        const dims = [batch.length, width];
        await session.run({
          input_ids: new ort.Tensor('int64', ids, dims),
          attention_mask: new ort.Tensor('int64', mask, dims),
          token_type_ids: new ort.Tensor('int64', types, dims),
        });
      }
    },
    release: () => session.release(),
  };
}

/** Child process: load an engine with the given limits, score the pairs, report peak memory and pairs/s. */
async function child(limits: string, pairsFile: string): Promise<void> {
  const options = JSON.parse(limits) as { maxAttentionCells?: number; maxBatchTokens?: number };
  const engine = await NliEngine.load(E5_MODEL, options);
  const pairs = JSON.parse(readFileSync(pairsFile, 'utf8')) as NliPair[];
  await engine.score(pairs.slice(0, 2));
  const started = performance.now();
  await engine.score(pairs);
  const seconds = (performance.now() - started) / 1000;
  const status = readFileSync('/proc/self/status', 'utf8');
  const peakMB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024;
  process.stdout.write(JSON.stringify({ peakMB, pairsPerSecond: pairs.length / seconds }) + '\n');
  await engine.dispose();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '4' }, child: { type: 'string' }, pairs: { type: 'string' } },
  });
  if (values.child) return child(values.child, values.pairs!);
  const rounds = Number(values.rounds);

  // ---- 1. Batch size.
  const engines = await Promise.all(BATCH_SIZES.map((batchSize) => NliEngine.load(E5_MODEL, { batchSize })));
  const seconds: number[][] = BATCH_SIZES.map(() => []);
  await Promise.all(engines.map((e) => e.score(realisticPairs(8, 1)))); // warm-up (sequentially serialized per engine)
  let slot = 0;
  for (let r = 0; r < rounds; r++) {
    const pairs = realisticPairs(CHUNK * 2, 200 + r);
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const chunk = pairs.slice(i, i + CHUNK);
      slot++;
      for (let k = 0; k < engines.length; k++) {
        const which = (k + slot) % engines.length;
        const started = performance.now();
        await engines[which].score(chunk);
        seconds[which].push((performance.now() - started) / chunk.length);
      }
    }
    log(`batch-size round ${r + 1}/${rounds} done`);
  }
  await Promise.all(engines.map((e) => e.dispose()));
  const reference = BATCH_SIZES.indexOf(16);
  const batchSizes = BATCH_SIZES.map((batchSize, i) => ({
    batchSize,
    pairsPerSecond: round(1000 / median(seconds[i]), 1),
    ratioToBatch16: round(median(seconds[reference].map((t, j) => t / seconds[i][j])), 2),
  }));
  log(JSON.stringify(batchSizes));

  // ---- 2. Where the speed comes from: length bucketing and thread spinning, on a plain loop.
  const variants = [
    { name: 'input order, spinning', sorted: false, spinning: true },
    { name: 'sorted, spinning', sorted: true, spinning: true },
    { name: 'input order, no spinning', sorted: false, spinning: false },
    { name: 'sorted, no spinning', sorted: true, spinning: false },
  ];
  const loops = await Promise.all(variants.map((v) => plainLoop(v.sorted, v.spinning)));
  for (const loop of loops) await loop.run(realisticPairs(8, 1));
  const loopSeconds: number[][] = variants.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const pairs = realisticPairs(CHUNK * 2, 300 + r);
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const chunk = pairs.slice(i, i + CHUNK);
      slot++;
      for (let k = 0; k < loops.length; k++) {
        const which = (k + slot) % loops.length;
        const started = performance.now();
        await loops[which].run(chunk);
        loopSeconds[which].push((performance.now() - started) / chunk.length);
      }
    }
    log(`plain-loop round ${r + 1}/${rounds} done`);
  }
  await Promise.all(loops.map((l) => l.release()));
  const attribution = variants.map((v, i) => ({
    variant: v.name,
    pairsPerSecond: round(1000 / median(loopSeconds[i]), 1),
    ratioToPlain: round(median(loopSeconds[0].map((t, j) => t / loopSeconds[i][j])), 2),
  }));
  log(JSON.stringify(attribution));

  // ---- 3. Attention budget on long pairs, one fresh process per run (peak memory is per process).
  const engineTokens = await NliEngine.load(E5_MODEL, { threads: 1 });
  const long = longPairs(48);
  const lengths = long.map((p) => engineTokens.countTokens(p));
  await engineTokens.dispose();
  const settings: Record<string, object> = {
    'new defaults (batch 4, attention cap)': {},
    'old defaults (batch 16, no attention cap)': { batchSize: 16, maxAttentionCells: 2 ** 31 - 1 },
    'batch 16 with attention cap': { batchSize: 16 },
  };
  const runs: Record<string, Array<{ peakMB: number; pairsPerSecond: number }>> = Object.fromEntries(
    Object.keys(settings).map((k) => [k, []]),
  );
  const tmp = mkdtempSync(join(os.tmpdir(), 'cc-tuning-'));
  const pairsFile = join(tmp, 'long-pairs.json');
  writeFileSync(pairsFile, JSON.stringify(long));
  for (let r = 0; r < Math.max(2, Math.ceil(rounds / 2)); r++) {
    for (const [name, limits] of Object.entries(settings)) {
      const out = spawnSync(
        process.execPath,
        ['--import', 'tsx', __filename, '--child', JSON.stringify(limits), '--pairs', pairsFile],
        {
          encoding: 'utf8',
        },
      );
      if (out.status !== 0) throw new Error(`child failed (${out.status}): ${out.error?.message ?? ''} ${out.stderr}`);
      runs[name].push(JSON.parse(out.stdout.trim().split('\n').pop()!));
    }
    log(`attention-budget round ${r + 1}: ${JSON.stringify(runs)}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  const fresh = runs['new defaults (batch 4, attention cap)'];
  const attention = {
    longPairTokens: {
      min: Math.min(...lengths),
      median: median(lengths),
      p90: quantile(lengths, 0.9),
      max: Math.max(...lengths),
    },
    settings: Object.fromEntries(
      Object.entries(runs).map(([name, list]) => [
        name,
        {
          peakMB: round(median(list.map((x) => x.peakMB)), 0),
          pairsPerSecond: round(median(list.map((x) => x.pairsPerSecond)), 1),
          peakOverNew: round(median(list.map((x, i) => x.peakMB / fresh[i].peakMB)), 2),
          throughputOverNew: round(median(list.map((x, i) => x.pairsPerSecond / fresh[i].pairsPerSecond)), 2),
        },
      ]),
    ),
  };
  const file = writeResult('engine-tuning', {
    command: `npx tsx bench/engine-tuning.ts --rounds ${rounds}`,
    batchSizes,
    attribution,
    attention,
  });
  log(JSON.stringify({ batchSizes, attribution, attention }, null, 2));
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
