import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ModelFingerprint } from '../../src/core/cache';
import { ModelError } from '../../src/core/nli';
import {
  ModelHost,
  modelRequest,
  type EngineLoader,
  type LoadedEngine,
  type ModelState,
} from '../../src/server/model-host';
import { FakeEngine } from '../helpers/in-process-server';
import { FIXTURE_MODEL } from '../helpers/lsp-client';

const FINGERPRINT: ModelFingerprint = { onnxSha256: 'a', configSha256: 'b', id: 'a:b', modelName: 'fake-nli' };

/** Records each load (folder, threads, labels) and what it handed out. */
function loader(make: () => Promise<LoadedEngine> = async () => new FakeEngine()) {
  const loads: Array<{ dir: string; threads: number; labels?: string[]; engine?: LoadedEngine }> = [];
  const engines: EngineLoader = {
    load: async (dir, threads, labels) => {
      const entry: (typeof loads)[number] = { dir, threads, labels: labels?.labels };
      loads.push(entry);
      entry.engine = await make();
      return entry.engine;
    },
    fingerprint: async () => FINGERPRINT,
  };
  return { loads, engines };
}

describe('ModelHost', () => {
  let cacheRoot: string;
  let states: ModelState[];
  const host = (engines: EngineLoader) =>
    new ModelHost(
      (s) => states.push(s),
      () => ({ cacheRoot }),
      engines,
    );
  beforeEach(() => {
    cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'cc-model-host-'));
    states = [];
  });
  afterEach(() => rmSync(cacheRoot, { recursive: true, force: true }));

  it('loads a model folder in the background: loading, then ready with the fingerprint', async () => {
    const { loads, engines } = loader();
    const models = host(engines);
    await models.configure({ model: FIXTURE_MODEL, threads: 2 });
    assert.deepEqual(
      states.map((s) => s.kind),
      ['loading', 'ready'],
    );
    assert.deepEqual(
      loads.map((l) => [l.dir, l.threads]),
      [[FIXTURE_MODEL, 2]],
    );
    assert.equal(models.engine, loads[0].engine);
    assert.deepEqual(models.fingerprint, FINGERPRINT);
  });

  it('the same request loads once; a changed one loads again and disposes the old engine', async () => {
    const { loads, engines } = loader();
    const models = host(engines);
    await models.configure({ model: FIXTURE_MODEL, threads: 1 });
    await models.configure({ model: FIXTURE_MODEL, threads: 1 });
    assert.equal(loads.length, 1);
    await models.configure({ model: FIXTURE_MODEL, threads: 1, labels: ['contradiction', 'entailment', 'neutral'] });
    assert.equal(loads.length, 2);
    assert.deepEqual(loads[1].labels, ['contradiction', 'entailment', 'neutral'], 'the setting names the outputs');
    assert.equal((loads[0].engine as FakeEngine).disposed, true);
    assert.equal(models.engine, loads[1].engine);
    await models.reload({ model: FIXTURE_MODEL, threads: 1, labels: ['contradiction', 'entailment', 'neutral'] });
    assert.equal(loads.length, 3, 'reload loads even an unchanged request');
  });

  it('a request superseded while loading disposes its engine and leaves the newer one', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    let count = 0;
    const { loads, engines } = loader(async () => {
      if (count++ === 0) await slow;
      return new FakeEngine();
    });
    const models = host(engines);
    const first = models.configure({ model: FIXTURE_MODEL, threads: 1 });
    await models.configure({ model: FIXTURE_MODEL, threads: 3 });
    release();
    await first;
    assert.equal(models.engine, loads[1].engine);
    assert.equal((loads[0].engine as FakeEngine).disposed, true);
    assert.equal(states.filter((s) => s.kind === 'ready').length, 1);
  });

  it('a model that fails to load is an error state with its hint, and the server goes on', async () => {
    const { engines } = loader(async () => {
      throw new ModelError('onnx/model.onnx is not an ONNX file', FIXTURE_MODEL, 'Download the model again.');
    });
    const models = host(engines);
    await models.configure({ model: FIXTURE_MODEL, threads: 1 });
    const last = states.at(-1)!;
    assert.equal(last.kind, 'error');
    assert.match(
      last.kind === 'error' ? `${last.message} ${last.hint}` : '',
      /not an ONNX file Download the model again/,
    );
    assert.equal(models.engine, undefined);
  });

  it('a folder that is not a model, or a catalog model not installed, loads nothing', async () => {
    const { loads, engines } = loader();
    const models = host(engines);
    await models.configure({ model: path.join(cacheRoot, 'no-such-model'), threads: 1 });
    assert.equal(states.at(-1)!.kind, 'error');
    await models.configure({ model: '', threads: 1 });
    const none = states.at(-1)!;
    assert.equal(none.kind, 'none');
    assert.ok(none.kind === 'none' && none.download, 'the default catalog model can be downloaded');
    assert.equal(loads.length, 0);
  });

  it('with scores of the model in the pair cache, ready without loading; the first scored pair loads it once', async () => {
    const { loads, engines } = loader();
    const events: string[] = [];
    const asked: ModelFingerprint[] = [];
    const models = new ModelHost(
      (s) => states.push(s),
      () => ({ cacheRoot }),
      engines,
      {
        cacheHolds: (fingerprint) => (asked.push(fingerprint), true),
        onLoad: (event) => events.push(event.phase),
      },
    );
    await models.configure({ model: FIXTURE_MODEL, threads: 1 });
    const ready = states.at(-1)!;
    assert.ok(ready.kind === 'ready' && ready.deferred);
    assert.deepEqual(asked, [FINGERPRINT]);
    assert.equal(loads.length, 0, 'nothing loaded yet');
    assert.equal(models.engine!.modelName, 'fake-nli', 'the name comes from the fingerprint');
    const pairs = [{ premise: 'The clinic opens at nine.', hypothesis: 'The clinic does not open at nine.' }];
    const [a, b] = await Promise.all([models.engine!.score(pairs), models.engine!.score(pairs)]);
    assert.equal(a[0].probabilities.contradiction, b[0].probabilities.contradiction);
    assert.equal(loads.length, 1, 'two calls, one load');
    assert.deepEqual(events, ['loading', 'loaded']);
    assert.equal(
      states.filter((s) => s.kind === 'ready').length,
      1,
      'the load is not a new ready state (which re-checks everything)',
    );
    await models.configure({ model: FIXTURE_MODEL, threads: 2 });
    assert.equal(
      (loads[0].engine as FakeEngine).disposed,
      true,
      'the loaded engine behind a replaced deferred one is disposed',
    );
  });

  it('without scores in the cache the model loads at once; a deferred load that fails is the error state', async () => {
    const eager = loader();
    const models = new ModelHost(
      (s) => states.push(s),
      () => ({ cacheRoot }),
      eager.engines,
      { cacheHolds: () => false, onLoad: () => {} },
    );
    await models.configure({ model: FIXTURE_MODEL, threads: 1 });
    assert.equal(eager.loads.length, 1);
    assert.ok(states.at(-1)!.kind === 'ready' && !(states.at(-1) as { deferred?: boolean }).deferred);
    const broken = loader(async () => {
      throw new ModelError('the ONNX file is truncated', FIXTURE_MODEL, 'Download the model again.');
    });
    const lazy = new ModelHost(
      (s) => states.push(s),
      () => ({ cacheRoot }),
      broken.engines,
      { cacheHolds: () => true, onLoad: () => {} },
    );
    await lazy.configure({ model: FIXTURE_MODEL, threads: 1 });
    await assert.rejects(lazy.engine!.score([{ premise: 'a', hypothesis: 'b' }]), /truncated/);
    assert.equal(states.at(-1)!.kind, 'error');
    assert.equal(lazy.engine, undefined);
  });

  it('modelRequest takes the model, threads and labels from the settings', () => {
    assert.deepEqual(modelRequest({ model: 'm', threads: 3, modelLabels: ['a'] }), {
      model: 'm',
      threads: 3,
      labels: ['a'],
    });
  });
});
