// The server's settings: normalisation field by field, and where they come from (SettingsSource).
import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../src/common/settings';
import { consistencySection, FolderSettings, normalizeSettings, SettingsSource } from '../../src/server/settings';
import { StatusReporter } from '../../src/server/status-reporter';
import { FakeEngine } from '../helpers/in-process-server';

/** A client's workspace/configuration: answers with `answer` (or throws it), counting requests. */
function workspace(answer: unknown | (() => Promise<unknown>)) {
  const fake = {
    asked: 0,
    workspace: {
      getConfiguration: async () => {
        fake.asked++;
        return [typeof answer === 'function' ? await (answer as () => Promise<unknown>)() : answer];
      },
    },
  };
  return fake;
}

describe('server settings: normalisation', () => {
  it('keeps valid values of every type and replaces wrong types by their default', () => {
    const good = normalizeSettings({
      model: '  /models/e5  ',
      languages: ['markdown'],
      include: ['**/*.md'],
      exclude: [],
      quantities: false,
      severity: 'error',
      checkFrequency: 'save',
      threads: 3.7,
    });
    assert.deepEqual(
      [
        good.model,
        good.languages,
        good.include,
        good.exclude,
        good.quantities,
        good.severity,
        good.checkFrequency,
        good.threads,
      ],
      ['/models/e5', ['markdown'], ['**/*.md'], [], false, 'error', 'save', 3],
    );
    const bad = normalizeSettings({
      model: 5,
      languages: ['markdown', 3],
      include: '**/*.md',
      quantities: 'yes',
      severity: 'fatal',
      threshold: Number.NaN,
      margin: Infinity,
      debounceMs: '400',
    });
    for (const key of [
      'model',
      'languages',
      'include',
      'quantities',
      'severity',
      'threshold',
      'margin',
      'debounceMs',
    ] as const) {
      assert.deepEqual(bad[key], DEFAULT_SETTINGS[key], key);
    }
  });

  it('anything but an object is the defaults', () => {
    for (const raw of [null, 42, 'consistency', [1, 2], true])
      assert.deepEqual(normalizeSettings(raw), DEFAULT_SETTINGS);
  });

  it('finds the consistency section nested or as dotted keys, and nothing in empty or foreign objects', () => {
    assert.deepEqual(consistencySection({ consistency: { model: 'm' } }), { model: 'm' });
    assert.deepEqual(consistencySection({ 'consistency.model': 'm', 'consistency.threads': 2, 'other.x': 1 }), {
      model: 'm',
      threads: 2,
    });
    for (const value of [undefined, null, {}, { consistency: {} }, { other: { model: 'm' } }, ['consistency']])
      assert.equal(consistencySection(value), undefined);
  });
});

describe('server settings: SettingsSource', () => {
  it('prefers the answer to workspace/configuration, then the last push, then initializationOptions', async () => {
    const answering = workspace({ threshold: 0.7 });
    const source = new SettingsSource(answering, true, { consistency: { threshold: 0.6 } });
    source.push({ consistency: { threshold: 0.65 } });
    assert.equal((await source.fetch()).threshold, 0.7);
    const silent = new SettingsSource(workspace(null), true, { consistency: { threshold: 0.6 } });
    assert.equal((await silent.fetch()).threshold, 0.6);
    silent.push({ consistency: { threshold: 0.65 } });
    assert.equal((await silent.fetch()).threshold, 0.65);
  });

  it('asks a client that did not announce the capability once, and not again after it failed', async () => {
    const failing = workspace(() => Promise.reject(new Error('method not found')));
    const source = new SettingsSource(failing, false, undefined);
    assert.deepEqual(await source.fetch(), DEFAULT_SETTINGS);
    assert.deepEqual(await source.fetch(), DEFAULT_SETTINGS);
    assert.equal(failing.asked, 1);
    const answering = workspace({ debounceMs: 100 });
    const neovim = new SettingsSource(answering, false, undefined);
    assert.equal((await neovim.fetch()).debounceMs, 100);
    assert.equal((await neovim.fetch()).debounceMs, 100);
    assert.equal(answering.asked, 2, 'a client that answers is asked every time');
  });

  it('settle() waits for a push when no source has settings yet, and no longer than asked', async () => {
    const source = new SettingsSource(workspace(null), true, undefined);
    const started = Date.now();
    const settled = source.settle(5000);
    setTimeout(() => source.push({ consistency: { model: 'pushed' } }), 20);
    await settled;
    assert.ok(Date.now() - started < 4000);
    assert.equal((await source.fetch()).model, 'pushed');
    const nobody = new SettingsSource(workspace(null), true, undefined);
    const before = Date.now();
    await nobody.settle(50);
    assert.ok(Date.now() - before >= 45, 'waited for the push that never came');
  });
});

describe('server settings: FolderSettings', () => {
  it("asks once for no scope and every folder, and gives a URI its innermost folder's settings", async () => {
    const items: Array<Array<{ scopeUri?: string }>> = [];
    const client = {
      workspace: {
        getConfiguration: async (asked: Array<{ scopeUri?: string }>) => {
          items.push(asked);
          return asked.map((item) => ({
            threshold: item.scopeUri === undefined ? 0.5 : item.scopeUri.endsWith('/inner') ? 0.9 : 0.7,
          }));
        },
      },
    };
    const folders = new FolderSettings(new SettingsSource(client as never, true, undefined));
    folders.setFolders(['file:///w/outer', 'file:///w/outer/inner', 'file:///w/other']);
    await folders.refresh();
    assert.equal(items.length, 1, 'one request');
    assert.deepEqual(items[0][0], { section: 'consistency' });
    assert.deepEqual(
      items[0]
        .slice(1)
        .map((item) => item.scopeUri)
        .sort(),
      ['file:///w/other', 'file:///w/outer', 'file:///w/outer/inner'],
    );
    assert.equal(folders.for('file:///w/outer/inner/a.md').threshold, 0.9);
    assert.equal(folders.for('file:///w/outer/b.md').threshold, 0.7);
    assert.equal(folders.for('file:///w/outer').threshold, 0.7);
    assert.equal(
      folders.for('file:///w/outerly/c.md').threshold,
      0.5,
      'a sibling whose name starts the same is not inside',
    );
    assert.equal(folders.for(undefined).threshold, 0.5);
  });
});

describe('StatusReporter', () => {
  it('reports the model state, throttles pair progress to one in 200 ms, and always reports the end', () => {
    const sent: string[] = [];
    let now = 1000;
    const status = new StatusReporter(
      (s) => sent.push(`${s.state}:${s.message}`),
      () => now,
    );
    status.fromModel({ kind: 'loading', model: '/m' });
    status.fromModel({ kind: 'ready', engine: new FakeEngine() });
    status.progress(1, 10);
    now += 50;
    status.progress(2, 10);
    now += 200;
    status.progress(3, 10);
    status.progress(10, 10);
    assert.deepEqual(sent, [
      'loadingModel:Loading model',
      'ready:Ready',
      'checking:Checking 1 of 10 pairs',
      'checking:Checking 3 of 10 pairs',
      'ready:Ready',
    ]);
    assert.equal(status.current.model, 'fake-nli');
    status.fromModel({ kind: 'error', model: '/m', message: 'Broken.', hint: 'Fix it.' });
    assert.deepEqual([status.current.state, status.current.detail], ['error', 'Broken. Fix it.']);
  });
});
