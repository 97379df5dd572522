// First run without a model: the server says which catalog model is missing, downloads it only
// when asked (from a local stand-in for the Hub), converts it, loads it and starts checking.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledModelCatalog, requireCatalogEntry } from '../../src/core/model';
import { startFakeHub, type FakeHub } from '../helpers/model-hub-server';
import { FIXTURE_MODEL, startServer, type TestServer } from '../helpers/lsp-client';

describe('language server: first-run model download', function () {
  this.timeout(120_000);
  let work: string;
  let hub: FakeHub;
  let server: TestServer;

  afterEach(async () => {
    await server?.stop();
    await hub?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('offers the default model, downloads and converts it on request, then checks', async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'cc-download-'));
    const entry = requireCatalogEntry(bundledModelCatalog(), 'e5-small-v2-nli');
    // The Hub repository's files, made from the fixture (same layout as the real model's repo).
    const repo = path.join(work, 'repo');
    mkdirSync(repo);
    const tokenizer = JSON.parse(readFileSync(path.join(FIXTURE_MODEL, 'tokenizer.json'), 'utf8'));
    const vocab = Object.entries(tokenizer.model.vocab as Record<string, number>)
      .sort((a, b) => a[1] - b[1])
      .map(([t]) => t);
    writeFileSync(path.join(repo, 'vocab.txt'), vocab.join('\n') + '\n');
    writeFileSync(
      path.join(repo, 'special_tokens_map.json'),
      JSON.stringify({
        cls_token: '[CLS]',
        sep_token: '[SEP]',
        pad_token: '[PAD]',
        unk_token: '[UNK]',
        mask_token: '[MASK]',
      }),
    );
    const files: Record<string, string> = {};
    for (const file of entry.files) {
      files[file.path] = existsSync(path.join(repo, file.path))
        ? path.join(repo, file.path)
        : path.join(FIXTURE_MODEL, file.path);
    }
    hub = await startFakeHub(entry.repository, entry.revision, files);

    const root = path.join(work, 'ws');
    mkdirSync(path.join(root, '.consistency'), { recursive: true });
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
    const storage = path.join(work, 'storage');
    server = await startServer(
      root,
      { model: '' },
      { env: { HF_ENDPOINT: hub.endpoint }, initializationOptions: { globalStoragePath: storage } },
    );

    const offer = await server.waitForStatus((s) => s.state === 'noModel');
    assert.deepEqual(offer.download, { id: 'e5-small-v2-nli', repo: entry.repository, size: entry.downloadSize });
    assert.equal(hub.requests.length, 0, 'nothing is downloaded before the user agrees');

    const result = (await server.connection.sendRequest('consistency/downloadModel', {
      id: 'e5-small-v2-nli',
      workDoneToken: 'dl-1',
    })) as { dir: string };
    assert.equal(result.dir, path.join(storage, 'models', 'e5-small-v2-nli'));
    assert.ok(existsSync(path.join(result.dir, 'onnx', 'model_quantized.onnx')));
    await server.waitForStatus((s) => s.state === 'ready');
    const progress = server.progress
      .filter((p) => (p as { token: string }).token === 'dl-1')
      .map((p) => (p as { value: { kind: string; message?: string } }).value);
    assert.equal(progress[0].kind, 'begin');
    assert.ok(
      progress.some((v) => /MB/.test(v.message ?? '')),
      JSON.stringify(progress),
    );

    const uri = server.open(path.join(root, 'doc.md'), 'The clinic does not support email alerts.\n');
    await server.waitForDiagnostics(uri, (d) => d.length === 1);
  });
});
