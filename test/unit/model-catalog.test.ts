// The bundled catalog is valid and says what the project promises about its models; model
// resolution follows explicit folder > bundled > cache > "needs download"; the CLI cache folder
// follows XDG.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledModelCatalog, CatalogError, parseCatalog, requireCatalogEntry } from '../../src/core/model/catalog';
import { defaultModelCacheDir } from '../../src/core/model/cache-dir';
import { isModelFolderReady, ModelNotFoundError, resolveModel } from '../../src/core/model/resolve';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

describe('model catalog', () => {
  it('ships e5-small-v2-nli as the default (converted locally) and nli-deberta-v3-xsmall (ready ONNX)', () => {
    const catalog = bundledModelCatalog();
    assert.equal(catalog.default, 'e5-small-v2-nli');
    const e5 = requireCatalogEntry(catalog, 'e5-small-v2-nli');
    assert.equal(e5.repository, 'agentlans/e5-small-v2-nli');
    assert.equal(e5.format, 'bert-safetensors');
    assert.deepEqual(e5.labels, ['entailment', 'neutral', 'contradiction']);
    assert.equal(e5.accuracy?.value, 0.7765);
    assert.deepEqual(e5.files.map((f) => f.path).sort(), [
      'config.json',
      'model.safetensors',
      'special_tokens_map.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'vocab.txt',
    ]);
    const deberta = requireCatalogEntry(catalog, 'nli-deberta-v3-xsmall');
    assert.equal(deberta.repository, 'Xenova/nli-deberta-v3-xsmall');
    assert.equal(deberta.format, 'onnx');
    assert.deepEqual(deberta.labels, ['contradiction', 'entailment', 'neutral']);
    assert.equal(deberta.accuracy?.value, 0.8777);
  });

  it('names the known ids for an unknown one', () => {
    assert.throws(
      () => requireCatalogEntry(bundledModelCatalog(), 'gpt-9'),
      /unknown model 'gpt-9'; the catalog has: e5-small-v2-nli, nli-deberta-v3-xsmall/,
    );
  });

  describe('validation', () => {
    const base = () =>
      JSON.parse(JSON.stringify({ version: 1, default: 'm', models: [bundledModelCatalog().models[0]] })) as {
        default: string;
        models: Array<Record<string, unknown> & { files: Array<Record<string, unknown>> }>;
      };
    const check = (mutate: (c: ReturnType<typeof base>) => void, pattern: RegExp) => {
      const c = base();
      c.models[0].id = 'm';
      mutate(c);
      assert.throws(
        () => parseCatalog(c, 'catalog.json'),
        (err: unknown) => err instanceof CatalogError && pattern.test(err.message),
      );
    };
    it('rejects pickle files', () =>
      check((c) => c.models[0].files.push({ path: 'pytorch_model.bin' }), /pickle checkpoint/));
    it('rejects paths leaving the folder', () =>
      check((c) => (c.models[0].files[0].path = '../x'), /inside the model folder/));
    it('rejects malformed checksums', () => check((c) => (c.models[0].files[0].sha256 = 'ABC'), /64 lower-case hex/));
    it('rejects an unknown format', () => check((c) => (c.models[0].format = 'gguf'), /format must be/));
    it('rejects a default that is not listed', () => check((c) => (c.default = 'other'), /default 'other'/));
    it('needs the weights of a convertible entry', () =>
      check((c) => (c.models[0].files = [{ path: 'config.json' }]), /needs model.safetensors/));
  });
});

describe('model resolution', () => {
  let work: string;
  const catalog = bundledModelCatalog();
  const readyFolder = (dir: string): string => {
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']) writeFileSync(join(dir, f), '{}');
    return dir;
  };
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'cc-resolve-'))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('uses an explicit folder as is', () => {
    assert.deepEqual(resolveModel({ model: TINY_MODEL_DIR, catalog, cacheRoot: work }), {
      kind: 'ready',
      dir: TINY_MODEL_DIR,
      source: 'explicit',
    });
    assert.throws(() => resolveModel({ model: './no-such-model', catalog, cwd: work }), ModelNotFoundError);
  });

  it('prefers a bundled model to the cache, and the cache to a download', () => {
    const bundled = join(work, 'bundled');
    const cache = join(work, 'cache');
    const needs = resolveModel({ catalog, bundledRoot: bundled, cacheRoot: cache });
    assert.equal(needs.kind, 'needs-download');
    assert.equal(needs.kind === 'needs-download' && needs.cacheDir, join(cache, 'e5-small-v2-nli'));

    readyFolder(join(cache, 'e5-small-v2-nli'));
    const cached = resolveModel({ catalog, bundledRoot: bundled, cacheRoot: cache });
    assert.equal(cached.kind === 'ready' && cached.source, 'cache');

    readyFolder(join(bundled, 'e5-small-v2-nli'));
    const fromBundle = resolveModel({ model: 'e5-small-v2-nli', catalog, bundledRoot: bundled, cacheRoot: cache });
    assert.equal(fromBundle.kind === 'ready' && fromBundle.dir, join(bundled, 'e5-small-v2-nli'));
  });

  it('treats a half-finished pull (weights but no ONNX graph) as not ready', () => {
    const dir = join(work, 'cache', 'e5-small-v2-nli');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'tokenizer.json'), '{}');
    assert.equal(isModelFolderReady(dir), false);
    assert.equal(resolveModel({ catalog, cacheRoot: join(work, 'cache') }).kind, 'needs-download');
  });

  it('puts the CLI cache under XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(
      defaultModelCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u', 'linux'),
      '/xdg/consistency-checker/models',
    );
    assert.equal(
      defaultModelCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/u', 'linux'),
      '/home/u/.cache/consistency-checker/models',
    );
    assert.equal(defaultModelCacheDir({}, '/home/u', 'darwin'), '/home/u/.cache/consistency-checker/models');
  });
});
