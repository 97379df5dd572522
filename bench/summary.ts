// Prints the latest results of `npm run bench` (bench/results/*.json) as a Markdown table of
// figures, baselines, ratios and targets, and writes it to bench/results/summary.md.
//
//   npx tsx bench/summary.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, round } from './lib/report';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function load(name: string): Json | undefined {
  const file = join(RESULTS_DIR, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? 'met' : 'not met');
const rows: string[][] = [];
const engine = load('engine');
const pairing = load('pairing');
const server = load('server');
const tuning = load('engine-tuning');
const paraphrase = load('paraphrase');

if (engine) {
  const p = engine.pairsPerSecond;
  const a = engine.ratios.oursOverTransformersJs;
  rows.push([
    'Engine throughput vs (a) transformers.js',
    `${p.ours.median} pairs/s`,
    `${p['(a) transformers.js']?.median ?? 'n/a'} pairs/s`,
    a === null ? 'n/a' : `${a}x`,
    '≥ 3x',
    mark(a === null ? undefined : a >= 3),
  ]);
  const b = engine.ratios.oursOverPlainOrt;
  rows.push([
    'Engine throughput vs (b) plain onnxruntime-node, batch 16',
    `${p.ours.median} pairs/s`,
    `${p['(b) plain onnxruntime-node'].median} pairs/s`,
    `${b}x`,
    '≥ 1.3x',
    mark(b >= 1.3),
  ]);
  const b4 = engine.ratios.oursOverPlainOrtSameBatch;
  if (b4 !== undefined)
    rows.push([
      '  ... (b) with the engine batch size (4)',
      `${p.ours.median} pairs/s`,
      `${p['(b) plain onnxruntime-node, batch 4'].median} pairs/s`,
      `${b4}x`,
      '(≥ 1.3x)',
      mark(b4 >= 1.3),
    ]);
  rows.push([
    'Fraction of int8 GEMM peak',
    `${engine.gemm.oursLinearGops} GOPS`,
    `${engine.gemm.peakGops} GOPS (${engine.gemm.peakKernel ?? 'MatMulInteger'})`,
    `${engine.gemm.fractionOfPeak}`,
    'report',
    '–',
  ]);
}
if (pairing) {
  const c = pairing.corpus;
  rows.push([
    'Work avoided (pairs scored in a full check)',
    `${c.smart.pairsScored} pairs`,
    `${c.sentencesTimesClaims} sentences x claims`,
    `${c.reduction}x fewer`,
    '≥ 10x',
    mark(c.reduction >= 10),
  ]);
  rows.push([
    '  ... claims against their own document',
    `${c.ownDocuments.selected} pairs`,
    `${c.ownDocuments.pairs} pairs`,
    `${c.ownDocuments.reduction}x fewer`,
    '≥ 10x',
    mark(c.ownDocuments.reduction >= 10),
  ]);
  rows.push([
    'Recall: annotated contradictions (model-independent)',
    `${c.gold.selectedBySmart} kept`,
    `${c.gold.total} in gold.json`,
    `${c.gold.recall}`,
    '1.0',
    mark(c.gold.recall === 1),
  ]);
  const d = pairing.fixtureDomain;
  rows.push([
    'Recall: exhaustive-mode flags that are contradictions (fixture model)',
    `${d.smartTrueFlags} kept`,
    `${d.exhaustiveTrueFlags} flagged`,
    `${d.trueFlagRecall}`,
    '1.0',
    mark(d.trueFlagRecall === 1),
  ]);
}
if (paraphrase) {
  const c = paraphrase.contradictions;
  rows.push([
    'Recall: paraphrased contradictions (test/fixtures/paraphrase), premise as the claim',
    `${c.premiseAsClaim.passed} kept`,
    `${c.premiseAsClaim.of} contradictions`,
    `${c.premiseAsClaim.rate}`,
    '≥ 0.99',
    mark(c.premiseAsClaim.rate >= 0.99),
  ]);
  rows.push([
    '  ... hypothesis as the claim / cross mode',
    `${c.hypothesisAsClaim.passed} / ${c.cross.passed} kept`,
    `${c.cross.of} contradictions`,
    `${c.hypothesisAsClaim.rate} / ${c.cross.rate}`,
    '(≥ 0.99)',
    mark(Math.min(c.hypothesisAsClaim.rate, c.cross.rate) >= 0.99),
  ]);
}
if (server) {
  const e = server.edit;
  rows.push([
    'Edit latency p50 (2,000 sentences, 20 claims, debounce 0)',
    `${e.latencyMs.p50} ms`,
    `model alone ${e.baselines.modelAloneMs.p50} ms; segmenting ${e.baselines.segmentWholeDocumentMs.p50} ms`,
    `${e.latencyOverModelAlone}x model alone`,
    '< 150 ms',
    mark(e.latencyMs.p50 < 150),
  ]);
  rows.push([
    'Edit latency p95',
    `${e.latencyMs.p95} ms`,
    `model alone ${e.baselines.modelAloneMs.p95} ms`,
    '',
    '< 300 ms',
    mark(e.latencyMs.p95 < 300),
  ]);
  const rest = e.baselines.modelAloneMs.p50 + e.baselines.planPairsMs.p50 + e.baselines.lspRoundTripMs.p50;
  rows.push([
    '  ... its parts other than segmenting the whole document (p50 sum: model + pair planning + LSP round trip)',
    `${round(rest)} ms`,
    `segmenting ${e.baselines.segmentWholeDocumentMs.p50} ms`,
    '',
    '(< 150 ms)',
    '–',
  ]);
  const c = server.coldStart;
  rows.push([
    'Cold start: spawn to model ready',
    `${c.modelReadyMs} ms`,
    `bare onnxruntime session ${c.bareMs} ms`,
    `${c.modelReadyOverBare}x`,
    '< 1.5 s',
    mark(c.modelReadyMs < 1500),
  ]);
  rows.push([
    'Cold start: spawn to first (visible-range) diagnostics, 500 sentences',
    `${c.firstVisibleDiagnosticsMs} ms`,
    `bare onnxruntime session ${c.bareMs} ms`,
    `${c.firstVisibleOverBare}x`,
    '< 1.5 s',
    mark(c.firstVisibleDiagnosticsMs < 1500),
  ]);
  const m = server.memory;
  rows.push([
    'Peak RSS of the server through the edit benchmark',
    `${m.serverPeakMB} MB`,
    `bare onnxruntime process ${m.bareOrtPeakMB} MB`,
    `${m.serverOverBare}x`,
    '< 300 MB',
    mark(m.serverPeakMB < 300),
  ]);
  if (m.atModelReadyMB)
    rows.push([
      '  ... RSS at model ready / after the full check',
      `${m.atModelReadyMB} / ${m.afterFullCheckMB} MB`,
      '',
      '',
      '',
      '–',
    ]);
}
if (tuning) {
  for (const b of tuning.batchSizes)
    rows.push([
      `Batch size ${b.batchSize}`,
      `${b.pairsPerSecond} pairs/s`,
      'batch size 16',
      `${b.ratioToBatch16 ?? b.ratioToDefault}x`,
      'tuning',
      '–',
    ]);
  for (const v of tuning.attribution ?? [])
    rows.push([
      `Plain loop, batch 4: ${v.variant}`,
      `${v.pairsPerSecond} pairs/s`,
      'input order, spinning',
      `${v.ratioToPlain}x`,
      'attribution',
      '–',
    ]);
  const a = tuning.attention;
  if (a.settings) {
    for (const [name, v] of Object.entries(a.settings as Record<string, Json>)) {
      rows.push([
        `Long pairs (${a.longPairTokens.median} tokens median): ${name}`,
        `peak ${v.peakMB} MB, ${v.pairsPerSecond} pairs/s`,
        'new defaults',
        `${v.peakOverNew}x memory, ${v.throughputOverNew}x pairs/s`,
        'tuning',
        '–',
      ]);
    }
  } else {
    rows.push([
      'Long pairs: peak RSS without / with the attention cap',
      `${a.uncapped.peakMB} MB`,
      `${a.capped.peakMB} MB`,
      `${a.peakMemoryUncappedOverCapped}x`,
      'tuning',
      '–',
    ]);
    rows.push([
      'Long pairs: throughput with / without the attention cap',
      `${a.capped.pairsPerSecond} pairs/s`,
      `${a.uncapped.pairsPerSecond} pairs/s`,
      `${a.throughputCappedOverUncapped}x`,
      'tuning',
      '–',
    ]);
  }
}

const dates = [engine, pairing, paraphrase, server, tuning]
  .filter(Boolean)
  .map((r: Json) => `${r.benchmark} ${r.date} (load ${r.machine.loadAverage.join(' ')})`);
const table = [
  '| Figure | Measured | Baseline (same run) | Ratio | Target | |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const text = `${table}\n\nRuns: ${dates.join('; ')}\n`;
writeFileSync(join(RESULTS_DIR, 'summary.md'), text);
process.stdout.write(text);
