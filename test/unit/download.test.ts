// Downloads against a local fake Hub on 127.0.0.1: a plain download, resume after a cut
// connection (with a Range request), checksum rejection, 404, a hanging server, redirects, the
// https-only rule, pickle refusal, and `pullModel` end to end (trust on first use, conversion,
// and a second run that sends no request at all).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, DownloadError, hubEndpoint, hubFileUrl } from '../../src/core/model/download';
import { pullModel } from '../../src/core/model/pull';
import { TrustStore } from '../../src/core/model/trust-store';
import type { CatalogEntry } from '../../src/core/model/catalog';
import { FAKE_COMMIT, hubPath, startFakeHub, type FakeHub } from '../helpers/model-hub-server';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

const REPO = 'test-owner/tiny-bert-nli';
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'model.safetensors'];
const FAST = { retries: 2, retryDelayMs: 10, idleTimeoutMs: 2000 };

const fixture = (file: string): Buffer => readFileSync(join(TINY_MODEL_DIR, file));
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('download', () => {
  let hub: FakeHub;
  let work: string;
  const url = (file: string, revision = 'main') => hubFileUrl(hub.endpoint, REPO, revision, file);

  beforeEach(async () => {
    hub = await startFakeHub(REPO, 'main', Object.fromEntries(FILES.map((f) => [f, join(TINY_MODEL_DIR, f)])));
    work = mkdtempSync(join(tmpdir(), 'cc-download-'));
  });
  afterEach(async () => {
    await hub.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('downloads a file in the Hub URL layout, reporting progress and the resolved commit', async () => {
    const dest = join(work, 'model.safetensors');
    const progress: Array<[number, number | undefined]> = [];
    const result = await downloadFile(
      { url: url('model.safetensors'), dest },
      { onProgress: (b, t) => progress.push([b, t]) },
    );
    const expected = fixture('model.safetensors');
    assert.ok(readFileSync(dest).equals(expected));
    assert.equal(result.sha256, sha256(expected));
    assert.equal(result.size, expected.length);
    assert.equal(result.commit, FAKE_COMMIT);
    assert.equal(result.resumed, false);
    assert.deepEqual(progress[progress.length - 1], [expected.length, expected.length]);
    assert.deepEqual(
      hub.requests.map((r) => r.path),
      [hubPath(REPO, 'main', 'model.safetensors')],
    );
    assert.deepEqual(readdirSync(work), ['model.safetensors'], 'no .part file left');
  });

  it('resumes an interrupted download with a Range request', async () => {
    const path = hubPath(REPO, 'main', 'model.safetensors');
    hub.cutOnce.add(path);
    const dest = join(work, 'model.safetensors');
    const result = await downloadFile(
      { url: url('model.safetensors'), dest, expectedSha256: sha256(fixture('model.safetensors')) },
      FAST,
    );
    assert.ok(readFileSync(dest).equals(fixture('model.safetensors')));
    assert.equal(result.resumed, true);
    assert.equal(hub.requests.length, 2);
    assert.equal(hub.requests[0].range, undefined);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(hub.requests[1].range ?? '')?.[1]);
    assert.ok(
      resumedAt > 0 && resumedAt < fixture('model.safetensors').length,
      `second request asked for ${hub.requests[1].range}`,
    );
  });

  it('keeps the .part file when cancelled, and the next call resumes from it', async () => {
    const path = hubPath(REPO, 'main', 'model.safetensors');
    hub.cutOnce.add(path); // the first response stops midway; cancel while waiting to retry
    const dest = join(work, 'model.safetensors');
    const controller = new AbortController();
    await assert.rejects(
      downloadFile(
        { url: url('model.safetensors'), dest },
        {
          retries: 3,
          retryDelayMs: 5000,
          signal: controller.signal,
          onProgress: () => setTimeout(() => controller.abort(), 50),
        },
      ),
      (err: Error) => err.name === 'AbortError',
    );
    assert.ok(existsSync(`${dest}.part`));
    assert.ok(!existsSync(dest));
    const result = await downloadFile({ url: url('model.safetensors'), dest }, FAST);
    assert.equal(result.resumed, true);
    assert.match(hub.requests[hub.requests.length - 1].range ?? '', /^bytes=\d+-$/);
    assert.ok(readFileSync(dest).equals(fixture('model.safetensors')));
  });

  it('rejects a wrong checksum and leaves nothing behind', async () => {
    const dest = join(work, 'config.json');
    await assert.rejects(
      downloadFile({ url: url('config.json'), dest, expectedSha256: '0'.repeat(64) }, FAST),
      (err: unknown) => err instanceof DownloadError && err.code === 'checksum' && /SHA-256 mismatch/.test(err.message),
    );
    assert.deepEqual(readdirSync(work), []);
  });

  it("checks the Hub's LFS hash (X-Linked-Etag) when the catalog has none", async () => {
    hub.linkedEtag.set(hubPath(REPO, 'main', 'model.safetensors'), 'f'.repeat(64));
    await assert.rejects(
      downloadFile({ url: url('model.safetensors'), dest: join(work, 'model.safetensors') }, FAST),
      /SHA-256 mismatch/,
    );
    hub.linkedEtag.set(hubPath(REPO, 'main', 'model.safetensors'), true);
    await downloadFile({ url: url('model.safetensors'), dest: join(work, 'model.safetensors') }, FAST);
  });

  it('reports 404 at once, without retrying', async () => {
    await assert.rejects(
      downloadFile({ url: url('missing.json'), dest: join(work, 'missing.json') }, FAST),
      (err: unknown) => err instanceof DownloadError && err.status === 404 && /does not exist/.test(err.message),
    );
    assert.equal(hub.requests.length, 1);
    assert.deepEqual(readdirSync(work), []);
  });

  it('gives up on a server that never answers, after the idle timeout and retries', async () => {
    hub.hang.add(hubPath(REPO, 'main', 'config.json'));
    const started = Date.now();
    await assert.rejects(
      downloadFile(
        { url: url('config.json'), dest: join(work, 'config.json') },
        { idleTimeoutMs: 150, retries: 1, retryDelayMs: 10 },
      ),
      (err: unknown) => err instanceof DownloadError && err.code === 'timeout',
    );
    assert.equal(hub.requests.length, 2);
    assert.ok(Date.now() - started < 5000);
  });

  it('follows a redirect to another path on the same server', async () => {
    hub.redirects.set(hubPath(REPO, 'main', 'config.json'), hubPath(REPO, FAKE_COMMIT, 'config.json'));
    const dest = join(work, 'config.json');
    await downloadFile({ url: url('config.json'), dest }, FAST);
    assert.ok(readFileSync(dest).equals(fixture('config.json')));
    assert.deepEqual(
      hub.requests.map((r) => r.path),
      [hubPath(REPO, 'main', 'config.json'), hubPath(REPO, FAKE_COMMIT, 'config.json')],
    );
  });

  it('allows plain http only to loopback, also after a redirect', async () => {
    await assert.rejects(
      downloadFile({ url: 'http://example.com/x/resolve/main/config.json', dest: join(work, 'config.json') }),
      (err: unknown) => err instanceof DownloadError && err.code === 'insecure-url',
    );
    hub.redirects.set(hubPath(REPO, 'main', 'config.json'), 'http://example.com/elsewhere/config.json');
    await assert.rejects(
      downloadFile({ url: url('config.json'), dest: join(work, 'config.json') }, FAST),
      /only https is allowed/,
    );
    assert.equal(hub.requests.length, 1);
  });

  it('stops after 5 redirects', async () => {
    for (let i = 0; i < 7; i++) hub.redirects.set(`/loop/${i}`, `/loop/${i + 1}`);
    await assert.rejects(
      downloadFile({ url: `${hub.endpoint}/loop/0`, dest: join(work, 'x.json') }, FAST),
      (err: unknown) => err instanceof DownloadError && err.code === 'redirects',
    );
    assert.equal(hub.requests.length, 6);
  });

  it('refuses pickle files before sending anything', async () => {
    await assert.rejects(
      downloadFile({ url: url('pytorch_model.bin'), dest: join(work, 'pytorch_model.bin') }),
      /pickle.*arbitrary code/,
    );
    assert.equal(hub.requests.length, 0);
  });

  it('takes the endpoint from the option, then HF_ENDPOINT, then the public Hub', () => {
    assert.equal(hubEndpoint('http://127.0.0.1:9/', { HF_ENDPOINT: 'https://mirror.example' }), 'http://127.0.0.1:9');
    assert.equal(hubEndpoint(undefined, { HF_ENDPOINT: 'https://mirror.example/' }), 'https://mirror.example');
    assert.equal(hubEndpoint(undefined, {}), 'https://huggingface.co');
    assert.equal(
      hubFileUrl('https://hf.co', 'a/b', 'refs/pr/1', 'onnx/model.onnx'),
      'https://hf.co/a/b/resolve/refs%2Fpr%2F1/onnx/model.onnx',
    );
  });

  describe('pullModel', () => {
    const entry = (overrides: Partial<CatalogEntry> = {}): CatalogEntry => ({
      id: 'tiny',
      description: '',
      repository: REPO,
      revision: 'main',
      format: 'bert-safetensors',
      files: FILES.map((path) => ({ path, size: null, sha256: null })),
      downloadSize: '4 MB',
      labels: ['entailment', 'neutral', 'contradiction'],
      maxLength: 512,
      tokenizer: 'BERT',
      license: 'MIT',
      accuracy: null,
      ...overrides,
    });

    it('downloads, records checksums on first use, converts, and a second run makes no request', async () => {
      const first = await pullModel({ entry: entry(), cacheRoot: work, endpoint: hub.endpoint, download: FAST });
      assert.deepEqual(first.downloaded, FILES);
      assert.deepEqual(first.recorded, FILES);
      assert.equal(first.converted, true);
      assert.equal(first.commit, FAKE_COMMIT);
      assert.ok(existsSync(join(work, 'tiny', 'onnx', 'model_quantized.onnx')));
      // After the first file, the rest come from the commit the branch resolved to.
      assert.deepEqual(
        hub.requests.map((r) => r.path).slice(1),
        FILES.slice(1).map((f) => hubPath(REPO, FAKE_COMMIT, f)),
      );
      const trust = TrustStore.load(work);
      assert.equal(trust.file(REPO, 'main', 'model.safetensors')?.sha256, sha256(fixture('model.safetensors')));

      const before = hub.requests.length;
      const second = await pullModel({ entry: entry(), cacheRoot: work, endpoint: hub.endpoint, download: FAST });
      assert.equal(hub.requests.length, before, 'no request on the second run');
      assert.deepEqual(second.present, FILES);
      assert.equal(second.converted, false);
    });

    it('refuses a file that changed on the server since it was first recorded', async () => {
      await pullModel({ entry: entry(), cacheRoot: work, endpoint: hub.endpoint, download: FAST, convert: false });
      rmSync(join(work, 'tiny', 'config.json'));
      hub.files.set(hubPath(REPO, FAKE_COMMIT, 'config.json'), Buffer.from('{"model_type": "tampered"}'));
      await assert.rejects(
        pullModel({ entry: entry(), cacheRoot: work, endpoint: hub.endpoint, download: FAST, convert: false }),
        /config.json: (got \d+ bytes|SHA-256 mismatch)/,
      );
      assert.ok(!existsSync(join(work, 'tiny', 'config.json')));
    });

    it('checks the catalog checksum and re-fetches a damaged local file', async () => {
      const files = FILES.map((path) => ({ path, size: fixture(path).length, sha256: sha256(fixture(path)) }));
      await pullModel({
        entry: entry({ files }),
        cacheRoot: work,
        endpoint: hub.endpoint,
        download: FAST,
        convert: false,
      });
      writeFileSync(join(work, 'tiny', 'tokenizer_config.json'), '{}');
      const again = await pullModel({
        entry: entry({ files }),
        cacheRoot: work,
        endpoint: hub.endpoint,
        download: FAST,
        convert: false,
      });
      assert.deepEqual(again.downloaded, ['tokenizer_config.json']);
      assert.ok(readFileSync(join(work, 'tiny', 'tokenizer_config.json')).equals(fixture('tokenizer_config.json')));
    });
  });
});
