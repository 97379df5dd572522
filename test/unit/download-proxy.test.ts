// Downloads behind a proxy: the configuration (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, VS Code's
// http.proxy), plain forwarding for http, a CONNECT tunnel for https (a fake Hub over TLS with the
// test certificate in test/fixtures/tls), and `model pull` honouring the environment. Everything
// stays on 127.0.0.1; a tiny proxy logs what went through it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runModel } from '../../src/cli/commands/model';
import { downloadFile, DownloadError, hubFileUrl } from '../../src/core/model/download';
import { bypassesProxy, proxyFor, proxyFromEditorSettings, proxyFromEnvironment } from '../../src/core/model/proxy';
import { captureCommand } from '../helpers/cli-capture';
import { fixtureRepositoryFiles, startFakeHub, type FakeHub } from '../helpers/model-hub-server';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';
import { startTestProxy, type TestProxy } from '../helpers/proxy-server';

const REPO = 'test-owner/tiny-bert-nli';
const TLS_DIR = join(__dirname, '..', 'fixtures', 'tls');
const TLS = {
  key: readFileSync(join(TLS_DIR, 'localhost-key.pem')),
  cert: readFileSync(join(TLS_DIR, 'localhost-cert.pem')),
};
const FAST = { retries: 0, retryDelayMs: 10, idleTimeoutMs: 5000 };

describe('proxy configuration', () => {
  it('reads the environment, lower-case first; https falls back to the http proxy; empty is unset', () => {
    assert.deepEqual(proxyFromEnvironment({ HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2', NO_PROXY: 'x' }), {
      https: 'http://b:2',
      http: undefined,
      noProxy: 'x',
    });
    assert.deepEqual(proxyFromEnvironment({ HTTP_PROXY: 'http://c:3', no_proxy: '' }), {
      https: 'http://c:3',
      http: 'http://c:3',
      noProxy: undefined,
    });
    assert.deepEqual(proxyFromEnvironment({}), { https: undefined, http: undefined, noProxy: undefined });
  });

  it("takes VS Code's http.proxy over the environment, keeping NO_PROXY, and passes proxyStrictSSL", () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'internal' };
    assert.deepEqual(proxyFromEditorSettings({ proxy: 'http://vscode:8080', proxyStrictSSL: false }, env), {
      https: 'http://vscode:8080',
      http: 'http://vscode:8080',
      noProxy: 'internal',
      strictSSL: false,
    });
    assert.equal(proxyFromEditorSettings({ proxy: '' }, env).https, 'http://env:1');
    assert.equal(proxyFromEditorSettings(undefined, env).strictSSL, undefined);
  });

  it('matches NO_PROXY entries: *, hosts, domain suffixes, ports, IPv6', () => {
    const bypass = (url: string, list: string) => bypassesProxy(new URL(url), list);
    assert.ok(bypass('https://huggingface.co/x', '*'));
    assert.ok(bypass('https://huggingface.co/x', 'example.com, huggingface.co'));
    assert.ok(bypass('https://cdn.huggingface.co/x', '.huggingface.co'));
    assert.ok(bypass('https://cdn.huggingface.co/x', 'huggingface.co'));
    assert.ok(bypass('https://cdn.huggingface.co/x', '*.huggingface.co'));
    assert.ok(!bypass('https://nothuggingface.co/x', 'huggingface.co'));
    assert.ok(bypass('http://127.0.0.1:8080/x', '127.0.0.1:8080'));
    assert.ok(!bypass('http://127.0.0.1:9090/x', '127.0.0.1:8080'));
    assert.ok(bypass('https://huggingface.co/x', 'huggingface.co:443'));
    assert.ok(bypass('http://[::1]:80/x', '::1'));
    assert.ok(!bypass('https://huggingface.co/x', ''));
  });

  it('chooses the proxy by scheme, accepts host:port without a scheme, refuses other schemes', () => {
    const config = { https: 'proxy.corp:3128', http: 'http://plain:80' };
    assert.equal(proxyFor(new URL('https://huggingface.co/'), config)?.href, 'http://proxy.corp:3128/');
    assert.equal(proxyFor(new URL('http://127.0.0.1/'), config)?.href, 'http://plain/');
    assert.equal(proxyFor(new URL('https://huggingface.co/'), { ...config, noProxy: 'huggingface.co' }), undefined);
    assert.throws(
      () => proxyFor(new URL('https://huggingface.co/'), { https: 'socks5://s:1080' }),
      /only http:\/\/ and https:\/\/ proxies/,
    );
  });
});

describe('download through a proxy on 127.0.0.1', () => {
  let proxy: TestProxy;
  let work: string;
  const files = { 'config.json': join(TINY_MODEL_DIR, 'config.json') };

  beforeEach(async () => {
    proxy = await startTestProxy();
    work = mkdtempSync(join(tmpdir(), 'cc-proxy-'));
  });
  afterEach(async () => {
    await proxy.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('forwards plain http, with the credentials of the proxy URL', async () => {
    const hub = await startFakeHub(REPO, 'main', files);
    try {
      const url = hubFileUrl(hub.endpoint, REPO, 'main', 'config.json');
      const withCredentials = proxy.url.replace('http://', 'http://user:p%40ss@');
      await downloadFile({ url, dest: join(work, 'config.json') }, { ...FAST, proxy: { http: withCredentials } });
      assert.deepEqual(readFileSync(join(work, 'config.json')), readFileSync(files['config.json']));
      assert.deepEqual(
        proxy.log.map((e) => [e.method, e.target]),
        [['GET', url]],
      );
      assert.equal(proxy.log[0].authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
      assert.equal(hub.requests.length, 1);
    } finally {
      await hub.close();
    }
  });

  it('tunnels https with CONNECT; verifies the certificate unless strictSSL is off', async () => {
    const hub = await startFakeHub(REPO, 'main', files, { tls: TLS });
    try {
      const url = hubFileUrl(hub.endpoint, REPO, 'main', 'config.json');
      const authority = new URL(hub.endpoint).host;
      await assert.rejects(
        downloadFile({ url, dest: join(work, 'strict.json') }, { ...FAST, proxy: { https: proxy.url } }),
        (e: unknown) => e instanceof DownloadError && e.code === 'certificate' && /proxyStrictSSL/.test(e.message),
      );
      assert.deepEqual(
        proxy.log.map((e) => [e.method, e.target]),
        [['CONNECT', authority]],
      );
      assert.equal(hub.requests.length, 0, 'no request reached the Hub over an unverified connection');

      await downloadFile(
        { url, dest: join(work, 'config.json') },
        { ...FAST, proxy: { https: proxy.url, strictSSL: false } },
      );
      assert.deepEqual(readFileSync(join(work, 'config.json')), readFileSync(files['config.json']));
      assert.deepEqual(
        proxy.log.map((e) => e.method),
        ['CONNECT', 'CONNECT'],
      );
      assert.deepEqual(
        hub.requests.map((r) => r.path),
        ['/test-owner/tiny-bert-nli/resolve/main/config.json'],
      );
    } finally {
      await hub.close();
    }
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    const hub = await startFakeHub(REPO, 'main', files);
    try {
      const url = hubFileUrl(hub.endpoint, REPO, 'main', 'config.json');
      await downloadFile(
        { url, dest: join(work, 'config.json') },
        { ...FAST, proxy: { http: proxy.url, noProxy: 'localhost,127.0.0.1' } },
      );
      assert.equal(proxy.log.length, 0);
      assert.equal(hub.requests.length, 1);
    } finally {
      await hub.close();
    }
  });

  it('reports a proxy that refuses the tunnel, with the 407 hint, without retrying', async () => {
    proxy.refuseWith = 407;
    await assert.rejects(
      downloadFile(
        { url: 'https://127.0.0.1:9/x.json', dest: join(work, 'x.json') },
        { ...FAST, retries: 3, proxy: { https: proxy.url } },
      ),
      (e: unknown) =>
        e instanceof DownloadError &&
        e.code === 'proxy' &&
        e.status === 407 &&
        /credentials in the proxy URL/.test(e.message),
    );
    assert.equal(proxy.log.length, 1);
  });

  describe('model pull with HTTP_PROXY in the environment', () => {
    let hub: FakeHub;
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('sends every request through the proxy', async () => {
      hub = await startFakeHub('agentlans/e5-small-v2-nli', 'main', fixtureRepositoryFiles(TINY_MODEL_DIR, work));
      try {
        process.env.HTTP_PROXY = proxy.url;
        delete process.env.http_proxy;
        delete process.env.NO_PROXY;
        delete process.env.no_proxy;
        const cache = join(work, 'cache');
        const r = await captureCommand(runModel, [
          'pull',
          'e5-small-v2-nli',
          '--endpoint',
          hub.endpoint,
          '--cache-dir',
          cache,
          '--retries',
          '0',
        ]);
        assert.equal(r.code, 0, r.err);
        assert.ok(existsSync(join(cache, 'e5-small-v2-nli', 'onnx', 'model_quantized.onnx')));
        assert.equal(proxy.log.length, 6);
        assert.equal(hub.requests.length, 6);
        assert.ok(
          proxy.log.every(
            (e) => e.method === 'GET' && e.target.startsWith(`${hub.endpoint}/agentlans/e5-small-v2-nli/resolve/`),
          ),
        );
      } finally {
        await hub.close();
      }
    });
  });
});
