// Models whose config.json names its outputs only LABEL_0..2 (many Hub NLI fine-tunes): the
// catalog's order, `--labels` and the checks that an order from outside agrees with the config.
// End to end in process: a fake Hub serves the tiny fixture as agentlans/e5-small-v2-nli with a
// generic config; `model pull`, then `check`, must find what the fixture folder finds.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runCheck } from '../../src/cli/commands/check';
import { run as runModel } from '../../src/cli/commands/model';
import { run as runScore } from '../../src/cli/commands/score';
import { UsageError } from '../../src/cli/args';
import { ModelError } from '../../src/core/nli';
import { parseLabelOrder, resolveLabelOrder } from '../../src/core/nli/labels';
import { captureCommand } from '../helpers/cli-capture';
import { fixtureRepositoryFiles, startFakeHub, type FakeHub } from '../helpers/model-hub-server';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

const FIXTURE_CONFIG = JSON.parse(readFileSync(join(TINY_MODEL_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;
const GENERIC = { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' };
const GENERIC_CONFIG = { ...FIXTURE_CONFIG, id2label: GENERIC, label2id: { LABEL_0: 0, LABEL_1: 1, LABEL_2: 2 } };

interface JsonFinding {
  file: string;
  start: number;
  end: number;
  claimId: string;
  probabilities: Record<string, number>;
}

describe('label order: the catalog, --labels and config.json', () => {
  describe('resolveLabelOrder and parseLabelOrder', () => {
    const given = { labels: parseLabelOrder('entailment,neutral,contradiction'), source: '--labels' };

    it('takes a given order for generic names, and checks it against real names', () => {
      assert.deepEqual(resolveLabelOrder(['LABEL_0', 'LABEL_1', 'LABEL_2'], 'config.json', given), [
        'entailment',
        'neutral',
        'contradiction',
      ]);
      assert.deepEqual(resolveLabelOrder(['Entailment', 'NEUTRAL', 'contradiction'], 'config.json', given), [
        'entailment',
        'neutral',
        'contradiction',
      ]);
      assert.throws(
        () => resolveLabelOrder(['contradiction', 'entailment', 'neutral'], 'config.json', given),
        (e: unknown) =>
          e instanceof ModelError &&
          /outputs are contradiction, entailment, neutral, but --labels says entailment, neutral, contradiction/.test(
            e.message,
          ),
      );
    });

    it('parses the three names in any case, each once', () => {
      assert.deepEqual(parseLabelOrder([' Contradiction', 'ENTAILMENT', 'neutral']), [
        'contradiction',
        'entailment',
        'neutral',
      ]);
      for (const bad of ['entailment,neutral', 'entailment,entailment,contradiction', 'yes,no,maybe', '']) {
        assert.throws(() => parseLabelOrder(bad), RangeError, bad);
      }
    });
  });

  describe('a model folder with a generic config', () => {
    let work: string;
    let folder: string;
    let doc: string;
    let claims: string;

    before(() => {
      work = mkdtempSync(join(tmpdir(), 'cc-labels-'));
      folder = join(work, 'generic-model');
      cpSync(TINY_MODEL_DIR, folder, { recursive: true });
      writeFileSync(join(folder, 'config.json'), JSON.stringify(GENERIC_CONFIG));
      ({ doc, claims } = writeWorkspace(work));
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    it('check without --labels exits 2 with the documented error', async () => {
      const r = await captureCommand(runCheck, [doc, '--claims', claims, '--model', folder, '--threads', '1']);
      assert.equal(r.code, 2);
      assert.match(r.err, /id2label \["LABEL_0","LABEL_1","LABEL_2"\] is generic/);
      assert.match(r.err, /--labels entailment,neutral,contradiction/);
      assert.match(r.err, /"consistency\.modelLabels" setting/);
    });

    it('check --labels finds exactly what the fixture folder finds', async () => {
      const expected = await findings(doc, claims, TINY_MODEL_DIR);
      assert.ok(expected.length > 0);
      assert.deepEqual(await findings(doc, claims, folder, ['--labels', 'entailment,neutral,contradiction']), expected);
    });

    it('a --labels order that contradicts named labels is an error naming both', async () => {
      const r = await captureCommand(runCheck, [
        doc,
        '--claims',
        claims,
        '--model',
        TINY_MODEL_DIR,
        '--labels',
        'contradiction,neutral,entailment',
      ]);
      assert.equal(r.code, 2);
      assert.match(
        r.err,
        /outputs are entailment, neutral, contradiction, but --labels says contradiction, neutral, entailment/,
      );
    });

    it('model verify takes --labels for such a folder', async () => {
      const without = await captureCommand(runModel, ['verify', folder, '--threads', '1']);
      assert.equal(without.code, 2);
      assert.match(without.out, /is generic/);
      const withLabels = await captureCommand(runModel, [
        'verify',
        folder,
        '--threads',
        '1',
        '--labels',
        'entailment,neutral,contradiction',
      ]);
      assert.equal(withLabels.code, 0, withLabels.out);
    });

    it('score takes --labels too; a malformed value is a usage error', async () => {
      await assert.rejects(captureCommand(runScore, ['--model', folder, '--labels', 'yes,no,maybe']), UsageError);
    });

    it('model convert refuses a generic config without --labels, and relabels config.json with it', async () => {
      const out = join(work, 'converted');
      await assert.rejects(captureCommand(runModel, ['convert', folder, '--out', out]), /is generic.*--labels/s);
      const r = await captureCommand(runModel, [
        'convert',
        folder,
        '--out',
        out,
        '--int8',
        '--labels',
        'entailment,neutral,contradiction',
      ]);
      assert.equal(r.code, 0, r.err);
      const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(config.id2label, { 0: 'entailment', 1: 'neutral', 2: 'contradiction' });
      assert.deepEqual(config.label2id, { entailment: 0, neutral: 1, contradiction: 2 });
      assert.deepEqual(
        (JSON.parse(readFileSync(join(out, 'config.original.json'), 'utf8')) as Record<string, unknown>).id2label,
        GENERIC,
      );
      // The converted folder is self-describing: no --labels needed any more.
      assert.ok((await findings(doc, claims, out)).length > 0);
    });
  });

  describe('a catalog model whose Hub config is generic (agentlans/e5-small-v2-nli as seen on the Hub)', () => {
    let hub: FakeHub;
    let work: string;
    let cache: string;
    let doc: string;
    let claims: string;

    before(async () => {
      work = mkdtempSync(join(tmpdir(), 'cc-labels-hub-'));
      cache = join(work, 'cache');
      hub = await startFakeHub(
        'agentlans/e5-small-v2-nli',
        'main',
        fixtureRepositoryFiles(TINY_MODEL_DIR, work, GENERIC_CONFIG),
      );
      ({ doc, claims } = writeWorkspace(work));
    });
    after(async () => {
      await hub.close();
      rmSync(work, { recursive: true, force: true });
    });

    it('pull records the catalog order in config.json and keeps the original beside it', async () => {
      const r = await captureCommand(runModel, [
        'pull',
        'e5-small-v2-nli',
        '--endpoint',
        hub.endpoint,
        '--cache-dir',
        cache,
      ]);
      assert.equal(r.code, 0, r.err);
      const dir = join(cache, 'e5-small-v2-nli');
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(config.id2label, { 0: 'entailment', 1: 'neutral', 2: 'contradiction' });
      assert.equal(
        readFileSync(join(dir, 'config.original.json'), 'utf8'),
        readFileSync(join(work, 'config.json'), 'utf8'),
      );
      // The checksums recorded are the downloaded files': a second pull finds everything in place.
      const requests = hub.requests.length;
      const again = await captureCommand(runModel, [
        'pull',
        'e5-small-v2-nli',
        '--endpoint',
        hub.endpoint,
        '--cache-dir',
        cache,
      ]);
      assert.equal(again.code, 0, again.err);
      assert.match(again.out, /already present and verified: config\.json/);
      assert.equal(hub.requests.length, requests);
      const verified = await captureCommand(runModel, ['verify', 'e5-small-v2-nli', '--cache-dir', cache]);
      assert.equal(verified.code, 0, verified.out);
    });

    it('check with the pulled model finds what the fixture folder finds', async () => {
      const expected = await findings(doc, claims, TINY_MODEL_DIR);
      for (const model of ['e5-small-v2-nli', join(cache, 'e5-small-v2-nli')]) {
        const got = await findings(doc, claims, model, ['--cache-dir', cache]);
        // The pulled model is the int8 conversion of the fixture's fp32 weights: same findings,
        // probabilities within the quantization error measured in docs/models.md.
        assert.deepEqual(got.map(location), expected.map(location), model);
        got.forEach((f, i) =>
          assert.ok(Math.abs(f.probabilities.contradiction - expected[i].probabilities.contradiction) < 0.1, model),
        );
      }
    });

    it('a folder pulled before relabelling (generic config.json) still loads as a catalog id', async () => {
      const dir = join(cache, 'e5-small-v2-nli');
      writeFileSync(join(dir, 'config.json'), JSON.stringify(GENERIC_CONFIG));
      rmSync(join(dir, 'config.original.json'));
      const got = await findings(doc, claims, 'e5-small-v2-nli', ['--cache-dir', cache]);
      assert.deepEqual(got.map(location), (await findings(doc, claims, TINY_MODEL_DIR)).map(location));
    });

    it('pull fails, naming both orders, when the Hub config names labels the catalog disagrees with', async () => {
      const swapped = { ...FIXTURE_CONFIG, id2label: { 0: 'contradiction', 1: 'neutral', 2: 'entailment' } };
      const other = join(work, 'swapped');
      mkdirSync(other);
      const swappedHub = await startFakeHub(
        'agentlans/e5-small-v2-nli',
        'main',
        fixtureRepositoryFiles(TINY_MODEL_DIR, other, swapped),
      );
      try {
        await assert.rejects(
          captureCommand(runModel, [
            'pull',
            'e5-small-v2-nli',
            '--endpoint',
            swappedHub.endpoint,
            '--cache-dir',
            join(work, 'cache2'),
          ]),
          /outputs are contradiction, neutral, entailment, but the catalog entry e5-small-v2-nli says entailment, neutral, contradiction/,
        );
        assert.ok(!existsSync(join(work, 'cache2', 'e5-small-v2-nli', 'onnx', 'model_quantized.onnx')));
        assert.ok(
          !swappedHub.requests.some((r) => r.path.endsWith('/model.safetensors')),
          'the weights are not downloaded',
        );
      } finally {
        await swappedHub.close();
      }
    });
  });
});

/** A claims file and a document with one contradiction, one entailment and one unrelated sentence. */
function writeWorkspace(work: string): { doc: string; claims: string } {
  const root = join(work, 'workspace');
  mkdirSync(join(root, '.consistency'), { recursive: true });
  const claims = join(root, '.consistency', 'claims.json');
  writeFileSync(
    claims,
    JSON.stringify({
      version: 1,
      claims: [
        { id: 'c1', text: 'The clinic supports email alerts.' },
        { id: 'c2', text: 'The museum includes audio recordings.' },
      ],
    }),
  );
  const doc = join(root, 'notes.md');
  writeFileSync(
    doc,
    '# Notes\n\nThe clinic does not support email alerts. The clinic supports email alerts.\n\nThe museum does not include audio recordings.\n',
  );
  return { doc, claims };
}

async function findings(doc: string, claims: string, model: string, extra: string[] = []): Promise<JsonFinding[]> {
  const r = await captureCommand(runCheck, [
    doc,
    '--claims',
    claims,
    '--model',
    model,
    '--format',
    'json',
    '--threads',
    '1',
    ...extra,
  ]);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  return (JSON.parse(r.out) as { findings: JsonFinding[] }).findings;
}

function location(f: JsonFinding): string {
  return `${f.file}:${f.start}-${f.end}:${f.claimId}`;
}
