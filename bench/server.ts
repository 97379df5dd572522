// The language server as an editor sees it: cold start, edit latency and memory, over real LSP
// (node dist/server.js --stdio; run `npm run build` first) with the e5-small-v2-shaped int8 model.
//
//   npx tsx bench/server.ts [--edits 50] [--cold 3] [--no-malloc-settings]     (part of `npm run bench`)
//
// --no-malloc-settings starts the server (and the bare baseline) without the glibc malloc settings
// the extension gives it (src/common/malloc-env.ts), as it was started before they existed.
//
// Figures, each with a baseline measured in the same run:
//  - cold start: spawn -> model ready (status notification), and spawn -> first publishDiagnostics
//    of a 500-sentence document with 20 claims whose visible range (consistency/visibleRanges,
//    sent before didOpen) is the first 40 lines. Baseline: a bare `node` process that only loads
//    onnxruntime-node and creates a session on the same model file.
//  - edit latency: a 2,000-sentence document with 20 claims is fully checked, then 50 sentences are
//    edited one at a time (didChange appending " (revised)" to a sentence that smart pairing
//    checks against at least one claim, so every edit needs the model); latency = didChange ->
//    publishDiagnostics carrying the new version. consistency.debounceMs is 0 here; the default
//    debounce (400 ms) comes on top in an editor. Baselines per edit: an LSP round trip
//    (consistency/getStatus) and the model alone (this process's own NliEngine scoring the edited
//    sentence's pairs), plus the in-process cost of segmenting the document and planning pairs.
//  - memory: peak resident memory (VmHWM; worker threads included) of the server through the edit
//    benchmark. Baseline: the bare onnxruntime-node process above after scoring one batch.
import '../src/core/nli/ort-env';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { planPairs } from '../src/core/check';
import { NliEngine } from '../src/core/nli';
import { segmentDocument } from '../src/core/segment';
import { LineIndex } from '../src/core/util/line-index';
import { DEFAULT_SETTINGS } from '../src/common/settings';
import { withMallocSettings } from '../src/common/malloc-env';
import { loadCorpus } from './lib/corpus';
import { mulberry32, shuffle } from './lib/fixture-domain';
import { longDocument } from './lib/long-document';
import { memoryOf, SERVER, startBenchServer } from './lib/lsp';
import { E5_MODEL, log, median, quantile, ROOT, round, writeResult } from './lib/report';

const SETTINGS = { model: E5_MODEL, debounceMs: 0, threads: 0, checkFrequency: 'edit' as const };

/** A fresh node process that loads onnxruntime-node, creates a session on the model and scores one
 * batch of 16 x 64 tokens; reports when the session was ready and its peak memory. */
async function bareOrt(env: NodeJS.ProcessEnv): Promise<{ readyMs: number; peakMB: number }> {
  const ort = require.resolve('onnxruntime-node', { paths: [ROOT] });
  const script = `
    const ort = require(${JSON.stringify(ort)});
    (async () => {
      const s = await ort.InferenceSession.create(${JSON.stringify(join(E5_MODEL, 'onnx', 'model_quantized.onnx'))}, { intraOpNumThreads: ${os.availableParallelism()} });
      process.stdout.write('ready\\n');
      const n = 16 * 64, ids = new BigInt64Array(n).fill(1000n), mask = new BigInt64Array(n).fill(1n), types = new BigInt64Array(n);
      ids[0] = 101n;
      await s.run({ input_ids: new ort.Tensor('int64', ids, [16, 64]), attention_mask: new ort.Tensor('int64', mask, [16, 64]), token_type_ids: new ort.Tensor('int64', types, [16, 64]) });
      const m = /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
      process.stdout.write('peak ' + (m ? Number(m[1]) / 1024 : NaN) + '\\n');
    })();`;
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env });
  let out = '';
  let readyMs = NaN;
  child.stdout!.on('data', (chunk) => {
    out += chunk;
    if (Number.isNaN(readyMs) && out.includes('ready')) readyMs = performance.now() - started;
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return { readyMs, peakMB: Number(/peak ([\d.]+)/.exec(out)?.[1] ?? NaN) };
}

function makeWorkspace(): string {
  const root = mkdtempSync(join(os.tmpdir(), 'cc-bench-'));
  mkdirSync(join(root, '.consistency'));
  const { claims } = loadCorpus();
  writeFileSync(
    join(root, '.consistency', 'claims.json'),
    JSON.stringify({ version: 1, claims: claims.map(({ id, text }) => ({ id, text })) }, null, 2),
  );
  return root;
}

async function coldStart(
  root: string,
  text: string,
  mallocSettings: boolean,
): Promise<{ modelReadyMs: number; firstVisibleMs: number; fullMs: number }> {
  const server = await startBenchServer(root, SETTINGS, undefined, { mallocSettings });
  try {
    const file = join(root, 'doc500.md');
    const uri = `file://${file}`;
    await server.connection.sendNotification('consistency/visibleRanges', {
      editors: [{ uri, ranges: [{ start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }] }],
    });
    server.open(file, text);
    const ready = await server.waitForStatus((s) => s.state === 'ready');
    const first = await server.waitForPublish((p) => p.uri === uri);
    // The rest of the document follows in a second publish.
    const full = await server.waitForPublish((p) => p.uri === uri && p !== first);
    return {
      modelReadyMs: ready - server.spawnedAt,
      firstVisibleMs: first.at - server.spawnedAt,
      fullMs: full.at - server.spawnedAt,
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      edits: { type: 'string', default: '50' },
      cold: { type: 'string', default: '3' },
      'no-malloc-settings': { type: 'boolean', default: false },
    },
  });
  const mallocSettings = !values['no-malloc-settings'];
  const bareEnv = mallocSettings ? withMallocSettings(process.env, process.platform) : process.env;
  const editCount = Number(values.edits);
  const coldRuns = Number(values.cold);
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const root = makeWorkspace();
  const { claims } = loadCorpus();
  try {
    // ---- Cold start, interleaved with the bare baseline.
    const doc500 = longDocument(500).text;
    const cold: Array<{ modelReadyMs: number; firstVisibleMs: number; fullMs: number }> = [];
    const bare: Array<{ readyMs: number; peakMB: number }> = [];
    for (let i = 0; i < coldRuns; i++) {
      bare.push(await bareOrt(bareEnv));
      cold.push(await coldStart(root, doc500, mallocSettings));
      log(
        `cold start ${i + 1}: model ready ${round(cold[i].modelReadyMs, 0)} ms, first (visible) diagnostics ${round(cold[i].firstVisibleMs, 0)} ms, whole document ${round(cold[i].fullMs, 0)} ms; bare onnxruntime session ${round(bare[i].readyMs, 0)} ms`,
      );
    }

    // ---- Edit latency and memory.
    const long = longDocument(2000);
    let text = long.text;
    const sentences = segmentDocument(text, 'markdown');
    const selected = new Set(
      planPairs({ relativePath: 'doc2000.md', sentences }, claims, 'smart').pairs.map((p) => p.sentence.start),
    );
    const targets = shuffle(
      long.sentences.filter((s) => selected.has(s.start)),
      mulberry32(5),
    ).slice(0, editCount);
    const engine = await NliEngine.load(E5_MODEL); // the model-only baseline, in this process
    const server = await startBenchServer(root, SETTINGS, undefined, { mallocSettings });
    const memory: number[] = [];
    const sampler = setInterval(() => {
      const m = memoryOf(server.child.pid!);
      if (m) memory.push(m.currentMB);
    }, 250);
    try {
      await server.waitForStatus((s) => s.state === 'ready');
      await new Promise((r) => setTimeout(r, 300));
      const atModelReady = memoryOf(server.child.pid!);
      const file = join(root, 'doc2000.md');
      const uri = `file://${file}`;
      const opened = performance.now();
      server.open(file, text);
      const full = await server.waitForPublish((p) => p.uri === uri && p.version === 1);
      const fullCheckMs = full.at - opened;
      const afterFullCheck = memoryOf(server.child.pid!);
      log(`2,000-sentence document fully checked in ${round(fullCheckMs / 1000, 1)} s`);

      const edits: Array<{
        latencyMs: number;
        rttMs: number;
        modelMs: number;
        segmentMs: number;
        planMs: number;
        pairs: number;
      }> = [];
      // Edit from the end of the document backwards so that earlier targets keep their offsets.
      const ordered = [...targets].sort((a, b) => b.start - a.start);
      for (const [i, target] of ordered.entries()) {
        const version = i + 2;
        const at = target.end - 1; // before the final punctuation
        const position = new LineIndex(text).positionAt(at);
        const insert = ' (revised)';
        text = text.slice(0, at) + insert + text.slice(at);
        const sent = performance.now();
        await server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: position, end: position }, text: insert }],
        });
        const publish = await server.waitForPublish((p) => p.uri === uri && p.version === version);
        const latencyMs = publish.at - sent;

        const rttStarted = performance.now();
        await server.connection.sendRequest('consistency/getStatus');
        const rttMs = performance.now() - rttStarted;

        const segmentStarted = performance.now();
        const now = segmentDocument(text, 'markdown');
        const segmentMs = performance.now() - segmentStarted;
        const planStarted = performance.now();
        const plan = planPairs({ relativePath: 'doc2000.md', sentences: now }, claims, 'smart');
        const planMs = performance.now() - planStarted;
        const edited = now.find((s) => s.start <= at && at < s.end)!;
        const pairs = plan.pairs
          .filter((p) => p.sentence.start === edited.start)
          .map((p) => ({ premise: p.claim.text, hypothesis: p.sentence.clean }));
        const modelStarted = performance.now();
        await engine.score(pairs.map((p) => ({ ...p, hypothesis: `${p.hypothesis} ` }))); // a fresh text: not in the token cache
        const modelMs = performance.now() - modelStarted;
        edits.push({ latencyMs, rttMs, modelMs, segmentMs, planMs, pairs: pairs.length });
        if ((i + 1) % 10 === 0)
          log(
            `edit ${i + 1}: ${round(latencyMs, 0)} ms (${pairs.length} pairs; model alone ${round(modelMs, 0)} ms, segmenting ${round(segmentMs, 0)} ms)`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
      const peak = memoryOf(server.child.pid!);
      clearInterval(sampler);

      const lat = edits.map((e) => e.latencyMs);
      const result = {
        command: `npx tsx bench/server.ts --edits ${editCount} --cold ${coldRuns}${mallocSettings ? '' : ' --no-malloc-settings'}`,
        model: '.bench-models/e5-shape-random (int8)',
        settings: { ...SETTINGS, model: '.bench-models/e5-shape-random' },
        defaultDebounceMs: DEFAULT_SETTINGS.debounceMs,
        coldStart: {
          runs: cold,
          bareOrtSessionReadyMs: bare.map((b) => round(b.readyMs, 0)),
          modelReadyMs: round(median(cold.map((c) => c.modelReadyMs)), 0),
          firstVisibleDiagnosticsMs: round(median(cold.map((c) => c.firstVisibleMs)), 0),
          wholeDocumentMs: round(median(cold.map((c) => c.fullMs)), 0),
          bareMs: round(median(bare.map((b) => b.readyMs)), 0),
          modelReadyOverBare: round(median(cold.map((c, i) => c.modelReadyMs / bare[i].readyMs)), 2),
          firstVisibleOverBare: round(median(cold.map((c, i) => c.firstVisibleMs / bare[i].readyMs)), 2),
        },
        edit: {
          documentSentences: sentences.length,
          claims: claims.length,
          smartPairs: planPairs({ relativePath: 'doc2000.md', sentences }, claims, 'smart').pairs.length,
          fullCheckMs: round(fullCheckMs, 0),
          edits: edits.length,
          pairsPerEdit: { median: median(edits.map((e) => e.pairs)), max: Math.max(...edits.map((e) => e.pairs)) },
          latencyMs: {
            p50: round(quantile(lat, 0.5), 0),
            p95: round(quantile(lat, 0.95), 0),
            max: round(Math.max(...lat), 0),
          },
          withDefaultDebounceMs: {
            p50: round(quantile(lat, 0.5) + DEFAULT_SETTINGS.debounceMs, 0),
            p95: round(quantile(lat, 0.95) + DEFAULT_SETTINGS.debounceMs, 0),
          },
          baselines: {
            lspRoundTripMs: { p50: round(median(edits.map((e) => e.rttMs)), 1) },
            modelAloneMs: {
              p50: round(median(edits.map((e) => e.modelMs)), 0),
              p95: round(
                quantile(
                  edits.map((e) => e.modelMs),
                  0.95,
                ),
                0,
              ),
            },
            segmentWholeDocumentMs: {
              p50: round(median(edits.map((e) => e.segmentMs)), 0),
              p95: round(
                quantile(
                  edits.map((e) => e.segmentMs),
                  0.95,
                ),
                0,
              ),
            },
            planPairsMs: { p50: round(median(edits.map((e) => e.planMs)), 0) },
          },
          // The latency minus this process's whole-document segmentation time, edit by edit: a rough
          // (noisy) estimate of the latency with incremental segmentation.
          latencyMinusSegmentationMs: {
            p50: round(
              quantile(
                edits.map((e) => e.latencyMs - e.segmentMs),
                0.5,
              ),
              0,
            ),
            p95: round(
              quantile(
                edits.map((e) => e.latencyMs - e.segmentMs),
                0.95,
              ),
              0,
            ),
          },
          latencyOverModelAlone: round(median(edits.map((e) => e.latencyMs / e.modelMs)), 2),
          latencyOverModelPlusSegmentation: round(median(edits.map((e) => e.latencyMs / (e.modelMs + e.segmentMs))), 2),
        },
        memory: {
          serverPeakMB: round(peak?.peakMB ?? NaN, 0),
          serverCurrentMB: round(peak?.currentMB ?? NaN, 0),
          sampledMaxMB: round(Math.max(...memory), 0),
          atModelReadyMB: round(atModelReady?.currentMB ?? NaN, 0),
          afterFullCheckMB: round(afterFullCheck?.currentMB ?? NaN, 0),
          bareOrtPeakMB: round(median(bare.map((b) => b.peakMB)), 0),
          serverOverBare: round((peak?.peakMB ?? NaN) / median(bare.map((b) => b.peakMB)), 2),
        },
        loadAverage: os.loadavg().map((l) => round(l, 2)),
      };
      const out = writeResult('server', result);
      log(JSON.stringify(result, null, 2));
      log(`wrote ${out}`);
    } finally {
      clearInterval(sampler);
      await server.stop();
      await engine.dispose();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
