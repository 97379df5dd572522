// Security properties (threat model: docs/security.md): no network port and no outgoing
// connection from the language server, workspace-controlled settings restricted in untrusted
// workspaces, model files only as safetensors / ONNX / JSON (never pickle), downloads only over
// HTTPS (loopback excepted) and SHA-256 checked, and paths from the catalog or a model's files
// that cannot leave their folder.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCatalog, bundledModelCatalog } from '../../src/core/model/catalog';
import { assertAllowedUrl, downloadFile, DownloadError } from '../../src/core/model/download';
import { isPickleFile } from '../../src/core/model/weight-files';
import { openSafetensorsWeights } from '../../src/core/model/convert/tensor-source';
import { NliEngine, ModelError } from '../../src/core/nli';
import { tried } from './figures';
import { FIXTURE_MODEL, REPO, SERVER, inetSocketsOf, sleep } from './helpers';
import { CONTRADICTIONS, makeWorkspace, startTracked, waitReady } from './server-util';

describe('reliability: security', function () {
  this.timeout(120_000);
  const temps: string[] = [];
  const temp = (prefix: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    temps.push(d);
    return d;
  };
  after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('the language server opens no TCP or UDP socket (no listening port, no telemetry) while loading, checking and idle', async () => {
    const root = makeWorkspace();
    temps.push(root);
    const server = await startTracked(root, { debounceMs: 0 });
    try {
      const pid = server.process.pid!;
      const seen = [...inetSocketsOf(pid)];
      await waitReady(server);
      seen.push(...inetSocketsOf(pid));
      const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTIONS[0]}\n`);
      await server.settled(uri, 1, 300);
      seen.push(...inetSocketsOf(pid));
      await server.connection.sendRequest('consistency/checkWorkspace', {});
      await sleep(500);
      seen.push(...inetSocketsOf(pid));
      tried('security/sockets', 'inputs', 4);
      assert.deepEqual(seen, []);
      // The same from the outside, when `ss` is installed: nothing listens under this pid.
      try {
        const ss = execFileSync('ss', ['-lntupH'], { encoding: 'utf8' });
        assert.ok(!ss.includes(`pid=${pid},`), ss);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    } finally {
      await server.stop();
    }
  });

  it('the bundles carry no telemetry client', () => {
    for (const bundle of ['server.js', 'engine-worker.js', 'cli.js']) {
      const text = fs.readFileSync(path.join(path.dirname(SERVER), bundle), 'utf8');
      assert.ok(
        !/applicationinsights|@vscode\/extension-telemetry|sentry\.io|segment\.io|google-analytics/i.test(text),
        `${bundle} mentions a telemetry service`,
      );
    }
  });

  it('untrusted workspaces: every setting that names a model folder or an endpoint is restricted and not workspace-scoped', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    const properties: Record<string, { type?: string; scope?: string }> = manifest.contributes.configuration.properties;
    // "dir" as in a folder, not as in consistency.direction.
    const sensitive = Object.keys(properties).filter(
      (k) => /model|endpoint|url|path|folder|dir(?!ection)|cache/i.test(k) && properties[k].type !== 'boolean',
    );
    assert.ok(sensitive.includes('consistency.model'));
    for (const key of sensitive) {
      assert.ok(
        restricted.includes(key),
        `${key} must be in capabilities.untrustedWorkspaces.restrictedConfigurations`,
      );
      assert.ok(
        ['machine', 'application'].includes(properties[key].scope ?? ''),
        `${key} must be machine- or application-scoped, not ${properties[key].scope}`,
      );
    }
  });

  it('pickle checkpoints are refused everywhere: names, catalog entries, downloads, conversion, and the engine never reads them', async () => {
    for (const name of [
      'pytorch_model.bin',
      'model.pt',
      'weights.PTH',
      'x.pkl',
      'y.pickle',
      'last.ckpt',
      'sub/pytorch_model-00001-of-00002.bin',
    ])
      assert.ok(isPickleFile(name), name);
    for (const name of ['model.safetensors', 'onnx/model.onnx', 'config.json', 'tokenizer.json'])
      assert.ok(!isPickleFile(name), name);
    const entry = JSON.parse(JSON.stringify(bundledModelCatalog())) as {
      models: Array<{ files: Array<{ path: string }> }>;
    };
    entry.models[0].files.push({ path: 'pytorch_model.bin', size: null, sha256: null } as never);
    assert.throws(() => parseCatalog(entry, 'test'), /pickle/);
    const dir = temp('cc-rel-pickle-');
    await assert.rejects(
      downloadFile({ url: 'https://127.0.0.1/x/pytorch_model.bin', dest: path.join(dir, 'pytorch_model.bin') }),
      /pickle/,
    );
    // A folder with only a pickle checkpoint: conversion refuses it, and the engine does not open it
    // (it is a FIFO here: reading it would block forever).
    fs.copyFileSync(path.join(FIXTURE_MODEL, 'config.json'), path.join(dir, 'config.json'));
    fs.copyFileSync(path.join(FIXTURE_MODEL, 'tokenizer.json'), path.join(dir, 'tokenizer.json'));
    execFileSync('mkfifo', [path.join(dir, 'pytorch_model.bin')]);
    assert.throws(() => openSafetensorsWeights(dir), /pickle/);
    await assert.rejects(
      NliEngine.load(dir, { threads: 1 }),
      (e: unknown) => e instanceof ModelError && /no ONNX model/.test((e as Error).message),
    );
    tried('security/pickle', 'inputs', 15);
  });

  it('downloads: only https, or http to loopback; redirects are held to the same rule; a wrong SHA-256 leaves nothing', async () => {
    const refused = [
      'http://example.com/x',
      'http://127.0.0.1.example.com/x',
      'http://localhost.example.com/x',
      'http://10.0.0.1/x',
      'file:///etc/passwd',
      'ftp://example.com/x',
      'ws://127.0.0.1/x',
      'data:text/plain,hi',
    ];
    for (const url of refused)
      assert.throws(
        () => assertAllowedUrl(new URL(url)),
        (e: unknown) => e instanceof DownloadError && e.code === 'insecure-url',
        url,
      );
    for (const url of ['https://huggingface.co/x', 'http://127.0.0.1:9/x', 'http://localhost/x', 'http://[::1]/x'])
      assertAllowedUrl(new URL(url));

    const body = Buffer.from('model bytes');
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') return void res.writeHead(302, { location: 'http://example.invalid/x' }).end();
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = temp('cc-rel-dl-');
      await assert.rejects(
        downloadFile({ url: `${base}/redirect`, dest: path.join(dir, 'a.json') }, { retries: 0 }),
        (e: unknown) => e instanceof DownloadError && e.code === 'insecure-url',
      );
      await assert.rejects(
        downloadFile(
          { url: `${base}/file`, dest: path.join(dir, 'b.json'), expectedSha256: '0'.repeat(64) },
          { retries: 0 },
        ),
        (e: unknown) => e instanceof DownloadError && e.code === 'checksum',
      );
      assert.deepEqual(fs.readdirSync(dir), [], 'nothing is left after a refused or mismatching download');
    } finally {
      server.close();
    }
    tried('security/download', 'inputs', refused.length + 6);
  });

  it('catalog paths cannot leave the model folder', () => {
    const escapes = [
      '../x.json',
      '/etc/passwd',
      'onnx/../../x.onnx',
      'a/./../../x',
      '..',
      '..\\x.json',
      'onnx\\..\\..\\x.onnx',
      'C:\\x.json',
      'c:/x.json',
      '\\\\server\\share\\x',
      '',
    ];
    for (const bad of escapes) {
      const catalog = JSON.parse(JSON.stringify(bundledModelCatalog())) as {
        models: Array<{ files: Array<{ path: string }> }>;
      };
      catalog.models[0].files.push({ path: bad, size: null, sha256: null } as never);
      assert.throws(() => parseCatalog(catalog, 'test'), /inside the model folder|non-empty/, JSON.stringify(bad));
    }
    tried('security/paths', 'inputs', escapes.length);
  });

  it("a model's safetensors index cannot name shards outside its folder", () => {
    const dir = temp('cc-rel-shards-');
    const outside = temp('cc-rel-outside-');
    fs.copyFileSync(path.join(FIXTURE_MODEL, 'model.safetensors'), path.join(outside, 'stolen.safetensors'));
    fs.symlinkSync(path.join(outside, 'stolen.safetensors'), path.join(dir, 'link.safetensors'));
    const cases = [
      path.relative(dir, path.join(outside, 'stolen.safetensors')),
      path.join(outside, 'stolen.safetensors'),
      'link.safetensors',
    ];
    for (const shard of cases) {
      fs.writeFileSync(
        path.join(dir, 'model.safetensors.index.json'),
        JSON.stringify({ weight_map: { 'bert.embeddings.word_embeddings.weight': shard } }),
      );
      assert.throws(() => openSafetensorsWeights(dir), /outside|inside|escape/i, shard);
    }
    tried('security/paths', 'inputs', cases.length);
  });
});
