// The `model` and `eval` subcommands end to end, in process: pull from a fake Hub into a
// temporary cache (the tiny fixture standing in for e5-small-v2-nli), then info, verify, eval,
// convert, and the evaluation metrics themselves.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runModel } from '../../src/cli/commands/model';
import { run as runEval } from '../../src/cli/commands/eval';
import { UsageError } from '../../src/cli/args';
import { evaluatePredictions, parseLabelledPairs } from '../../src/core/model/evaluate';
import { captureCommand } from '../helpers/cli-capture';
import { fixtureRepositoryFiles, startFakeHub, type FakeHub } from '../helpers/model-hub-server';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

const capture = captureCommand;

const SYNTHETIC = join(TINY_MODEL_DIR, 'synthetic-test.json');

describe('model CLI', () => {
  let hub: FakeHub;
  let work: string;
  let cache: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'cc-model-cli-'));
    cache = join(work, 'cache');
    // The files the catalog lists for e5-small-v2-nli, taken from the tiny fixture.
    const files = fixtureRepositoryFiles(TINY_MODEL_DIR, work);
    hub = await startFakeHub('agentlans/e5-small-v2-nli', 'main', files);
  });
  after(async () => {
    await hub.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('pull downloads and converts a catalog model into the cache; a second pull sends no request', async () => {
    const pull = await capture(runModel, ['pull', 'e5-small-v2-nli', '--endpoint', hub.endpoint, '--cache-dir', cache]);
    assert.equal(pull.code, 0);
    assert.match(pull.out, /checksums recorded on first download/);
    assert.ok(existsSync(join(cache, 'e5-small-v2-nli', 'onnx', 'model_quantized.onnx')));
    const requests = hub.requests.length;
    const again = await capture(runModel, [
      'pull',
      'e5-small-v2-nli',
      '--endpoint',
      hub.endpoint,
      '--cache-dir',
      cache,
    ]);
    assert.match(again.out, /already present and verified/);
    assert.equal(hub.requests.length, requests);
  });

  it('list shows the cached model as installed', async () => {
    const { out } = await capture(runModel, ['list', '--cache-dir', cache, '--format', 'json']);
    const rows = JSON.parse(out) as Array<{ id: string; installed: string | null; default: boolean }>;
    assert.deepEqual(
      rows.map((r) => [r.id, r.installed, r.default]),
      [
        ['e5-small-v2-nli', join(cache, 'e5-small-v2-nli'), true],
        ['nli-deberta-v3-xsmall', null, false],
      ],
    );
  });

  it('verify checks the recorded checksums and the behaviour of the graph', async () => {
    const ok = await capture(runModel, ['verify', 'e5-small-v2-nli', '--cache-dir', cache, '--format', 'json']);
    assert.equal(ok.code, 0);
    const report = JSON.parse(ok.out) as { ok: boolean; checks: Array<{ check: string; status: string }> };
    assert.ok(report.checks.some((c) => c.check === 'model.safetensors' && c.status === 'ok'));
    assert.ok(report.checks.some((c) => c.check === 'onnx/model_quantized.onnx behaviour' && c.status === 'ok'));

    writeFileSync(join(cache, 'e5-small-v2-nli', 'vocab.txt'), 'tampered\n');
    const bad = await capture(runModel, ['verify', 'e5-small-v2-nli', '--cache-dir', cache]);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /FAIL vocab.txt: SHA-256 .* does not match/);
  });

  it('info describes the converted folder', async () => {
    const { code, out } = await capture(runModel, ['info', join(cache, 'e5-small-v2-nli'), '--format', 'json']);
    assert.equal(code, 0);
    const info = JSON.parse(out) as {
      config: { labels: string[] };
      graphs: Array<{ file: string; precision: string }>;
    };
    assert.deepEqual(info.config.labels, ['entailment', 'neutral', 'contradiction']);
    assert.deepEqual(
      info.graphs.map((g) => [g.file, g.precision]),
      [['onnx/model_quantized.onnx', 'int8']],
    );
  });

  it('an id that is not installed is a usage error telling how to pull it (no download)', async () => {
    const requests = hub.requests.length;
    await assert.rejects(
      capture(runModel, ['info', 'nli-deberta-v3-xsmall', '--cache-dir', cache]),
      (err: unknown) => err instanceof UsageError && /model pull nli-deberta-v3-xsmall/.test(err.message),
    );
    assert.equal(hub.requests.length, requests);
  });

  it('convert writes the requested precisions', async () => {
    const out = join(work, 'converted');
    const { code } = await capture(runModel, ['convert', TINY_MODEL_DIR, '--out', out, '--int8']);
    assert.equal(code, 0);
    assert.ok(existsSync(join(out, 'onnx', 'model_quantized.onnx')));
    assert.ok(!existsSync(join(out, 'onnx', 'model.onnx')));
  });

  it('eval reports the fixture accuracy on synthetic-test.json (85% ± 1)', async () => {
    for (const model of [TINY_MODEL_DIR, join(cache, 'e5-small-v2-nli')]) {
      const { code, out } = await capture(runEval, ['--model', model, '--data', SYNTHETIC, '--format', 'json']);
      assert.equal(code, 0);
      const report = JSON.parse(out) as { total: number; accuracy: number; labels: Record<string, { f1: number }> };
      assert.equal(report.total, 3000);
      assert.ok(Math.abs(report.accuracy - 0.85) <= 0.01, `${model}: accuracy ${report.accuracy}`);
      for (const label of ['entailment', 'neutral', 'contradiction']) assert.ok(report.labels[label].f1 > 0.5);
    }
    const text = await capture(runEval, ['--model', TINY_MODEL_DIR, '--data', SYNTHETIC, '--limit', '300']);
    assert.match(text.out, /accuracy: \d+\.\d\d% \(\d+\/300\)/);
    assert.match(text.out, /contradiction\s+0\.\d{4}\s+0\.\d{4}\s+0\.\d{4}\s+\d+/);
  });
});

describe('eval metrics', () => {
  it('computes accuracy, per-label precision/recall/F1 and the confusion matrix', () => {
    const report = evaluatePredictions(
      ['entailment', 'entailment', 'neutral', 'contradiction', 'contradiction'],
      ['entailment', 'neutral', 'neutral', 'contradiction', 'entailment'],
    );
    assert.equal(report.accuracy, 3 / 5);
    assert.deepEqual(report.labels.entailment, { precision: 0.5, recall: 0.5, f1: 0.5, support: 2, predicted: 2 });
    assert.deepEqual(report.labels.neutral, { precision: 0.5, recall: 1, f1: 2 / 3, support: 1, predicted: 2 });
    assert.deepEqual(report.labels.contradiction, { precision: 1, recall: 0.5, f1: 2 / 3, support: 2, predicted: 1 });
    assert.equal(report.confusion.contradiction.entailment, 1);
  });

  it('reads JSON lines and JSON arrays, MNLI integer labels, and skips rows without a gold label', () => {
    const lines =
      '{"premise":"a","hypothesis":"b","label":"Entailment"}\n\n{"premise":"a","hypothesis":"c","label":2}\n{"premise":"a","hypothesis":"d","label":"-"}\n';
    const data = parseLabelledPairs(lines, 'x.jsonl');
    assert.deepEqual(
      data.pairs.map((p) => p.label),
      ['entailment', 'contradiction'],
    );
    assert.equal(data.skipped, 1);
    assert.equal(parseLabelledPairs('[{"premise":"a","hypothesis":"b","label":"neutral"}]', 'x.json').pairs.length, 1);
    assert.throws(
      () => parseLabelledPairs('{"premise":"a","hypothesis":"b","label":"maybe"}', 'x.jsonl'),
      /x.jsonl:1: label "maybe"/,
    );
  });
});
