// The server's model download through the editor's proxy: initializationOptions.http (what the VS
// Code client passes from http.proxy / http.proxyStrictSSL) sends every Hub request through a
// local proxy on 127.0.0.1, which logs them.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledModelCatalog, requireCatalogEntry } from '../../src/core/model';
import { fixtureRepositoryFiles, startFakeHub, type FakeHub } from '../helpers/model-hub-server';
import { FIXTURE_MODEL, startServer, type TestServer } from '../helpers/lsp-client';
import { startTestProxy, type TestProxy } from '../helpers/proxy-server';

describe('language server: model download through the editor proxy', function () {
  this.timeout(120_000);
  let work: string;
  let hub: FakeHub;
  let proxy: TestProxy;
  let server: TestServer;

  afterEach(async () => {
    await server?.stop();
    await hub?.close();
    await proxy?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('downloads every file through http.proxy', async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'cc-server-proxy-'));
    const entry = requireCatalogEntry(bundledModelCatalog(), 'e5-small-v2-nli');
    hub = await startFakeHub(entry.repository, entry.revision, fixtureRepositoryFiles(FIXTURE_MODEL, work));
    proxy = await startTestProxy();
    const root = path.join(work, 'ws');
    mkdirSync(path.join(root, '.consistency'), { recursive: true });
    writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: [] }));
    const storage = path.join(work, 'storage');
    // No proxy in the environment: only the editor's setting can route the requests.
    const env = {
      HF_ENDPOINT: hub.endpoint,
      HTTP_PROXY: '',
      http_proxy: '',
      HTTPS_PROXY: '',
      https_proxy: '',
      NO_PROXY: '',
      no_proxy: '',
    };
    server = await startServer(
      root,
      { model: '' },
      { env, initializationOptions: { globalStoragePath: storage, http: { proxy: proxy.url, proxyStrictSSL: true } } },
    );
    await server.waitForStatus((s) => s.state === 'noModel');
    const result = (await server.connection.sendRequest('consistency/downloadModel', { id: 'e5-small-v2-nli' })) as {
      dir: string;
    };
    assert.ok(existsSync(path.join(result.dir, 'onnx', 'model_quantized.onnx')));
    assert.equal(proxy.log.length, entry.files.length);
    assert.equal(hub.requests.length, entry.files.length);
    assert.ok(
      proxy.log.every((e) => e.method === 'GET' && e.target.startsWith(`${hub.endpoint}/${entry.repository}/resolve/`)),
    );
  });
});
