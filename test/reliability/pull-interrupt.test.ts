// `consistency-check model pull` interrupted with SIGINT while downloading from a slow local
// server (127.0.0.1): the CLI exits 2 with a message (no stack trace), no file appears complete
// that is not (only .part files, no lock left), and the next pull resumes and verifies.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEED, measure, problem, runs, tried } from './figures';
import { CLI, FIXTURE_MODEL, looksLikeCrash, prng, sleep } from './helpers';

const MODEL_ID = 'nli-deberta-v3-xsmall';

describe('reliability: SIGINT during model pull', function () {
  this.timeout(0);
  let dir: string;
  let server: http.Server;
  let endpoint: string;
  let slow = true;
  const files = new Map<string, Buffer>();
  const requests: Array<{ file: string; range?: string }> = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rel-pull-'));
    // The catalog's label order for this model (pull checks config.json against it).
    const config = JSON.parse(fs.readFileSync(path.join(FIXTURE_MODEL, 'config.json'), 'utf8'));
    files.set(
      'config.json',
      Buffer.from(JSON.stringify({ ...config, id2label: { 0: 'contradiction', 1: 'entailment', 2: 'neutral' } })),
    );
    files.set('tokenizer.json', fs.readFileSync(path.join(FIXTURE_MODEL, 'tokenizer.json')));
    files.set('tokenizer_config.json', fs.readFileSync(path.join(FIXTURE_MODEL, 'tokenizer_config.json')));
    files.set('special_tokens_map.json', Buffer.from('{}\n'));
    // A stand-in for the 96 MB graph: large enough that the slow server takes seconds to send it.
    const onnx = fs.readFileSync(path.join(FIXTURE_MODEL, 'onnx/model.onnx'));
    files.set(
      'onnx/model_quantized.onnx',
      Buffer.concat(Array.from({ length: Math.ceil(2_000_000 / onnx.length) }, () => onnx)),
    );
    server = http.createServer((req, res) => {
      const name = [...files.keys()].find((f) => (req.url ?? '').endsWith('/' + f));
      requests.push({ file: name ?? req.url ?? '', range: req.headers.range });
      const body = name ? files.get(name)! : undefined;
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
      res.writeHead(start > 0 ? 206 : 200, {
        'content-length': body.length - start,
        ...(start > 0 ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
      });
      // Slow: 32 KB every 20 ms (about 1.6 MB/s), so an interrupt lands mid-file.
      let offset = start;
      const pump = () => {
        if (res.destroyed) return;
        if (offset >= body.length) return void res.end();
        const step = slow ? 32 * 1024 : body.length;
        res.write(body.subarray(offset, offset + step));
        offset += step;
        setTimeout(pump, slow ? 20 : 0);
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once the slow server has started sending the ONNX graph (the download is under way). */
  async function graphRequested(): Promise<void> {
    while (!requests.some((r) => r.file === 'onnx/model_quantized.onnx')) await sleep(10);
  }

  function pull(
    cache: string,
    interruptAfterMs?: number,
  ): Promise<{ code: number | null; signal: string | null; stderr: string; ms: number; exitedAfterSigintMs?: number }> {
    return new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(
        process.execPath,
        [CLI, 'model', 'pull', MODEL_ID, '--endpoint', endpoint, '--cache-dir', cache, '--retries', '0'],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: dir } },
      );
      let stderr = '';
      let sigintAt: number | undefined;
      child.stderr.on('data', (c) => (stderr += c));
      child.stdout.resume();
      if (interruptAfterMs !== undefined) {
        // Interrupt while the graph is downloading, at a random point of it.
        void graphRequested().then(() =>
          setTimeout(() => {
            sigintAt = Date.now();
            child.kill('SIGINT');
          }, interruptAfterMs),
        );
      }
      const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('close', (code, signal) => {
        clearTimeout(killer);
        resolve({
          code,
          signal,
          stderr,
          ms: Date.now() - started,
          exitedAfterSigintMs: sigintAt ? Date.now() - sigintAt : undefined,
        });
      });
    });
  }

  it('leaves no partial file as complete, exits 2 with a message, and the next pull resumes and verifies', async () => {
    const area = 'fault/pull-sigint';
    const random = prng(SEED + 700);
    const rounds = runs(3);
    for (let round = 0; round < rounds; round++) {
      const cache = path.join(dir, `cache-${round}`);
      const folder = path.join(cache, MODEL_ID);
      slow = true;
      requests.length = 0;
      const interrupted = await pull(cache, random.int(800));
      tried(area, 'faults');
      const what = `round ${round}: interrupt after ${interrupted.ms} ms`;
      if (interrupted.signal || looksLikeCrash(interrupted.stderr))
        problem(area, 'crashes', `${what}: ${interrupted.signal} ${interrupted.stderr.slice(0, 300)}`);
      if ((interrupted.exitedAfterSigintMs ?? 0) > 5000)
        problem(area, 'hangs', `${what}: took ${interrupted.exitedAfterSigintMs} ms to stop`);
      // Every file that exists under its final name is complete and correct.
      for (const [name, body] of files) {
        const p = path.join(folder, name);
        if (fs.existsSync(p) && !fs.readFileSync(p).equals(body)) {
          problem(area, 'lostWrites', `${what}: ${name} exists but is not complete`);
          assert.fail(`${name} left incomplete under its final name`);
        }
      }
      assert.ok(!fs.existsSync(path.join(folder, '.pull.lock')), `${what}: lock file left behind`);
      if (interrupted.code !== 0) {
        assert.equal(interrupted.code, 2, `${what}: exit code ${interrupted.code}; ${interrupted.stderr}`);
        assert.match(interrupted.stderr, /download cancelled; run the same command again to resume/);
      }
      assert.ok(!looksLikeCrash(interrupted.stderr), interrupted.stderr);
      const parts = fs.existsSync(folder)
        ? fs
            .readdirSync(folder, { recursive: true })
            .map(String)
            .filter((n) => n.endsWith('.part'))
        : [];

      // The next pull finishes, resuming the interrupted file with a Range request.
      slow = false;
      requests.length = 0;
      const resumed = await pull(cache);
      assert.equal(resumed.code, 0, resumed.stderr);
      for (const [name, body] of files) {
        assert.equal(
          createHash('sha256')
            .update(fs.readFileSync(path.join(folder, name)))
            .digest('hex'),
          createHash('sha256').update(body).digest('hex'),
          `${name} after resume`,
        );
      }
      const ranged = requests.filter((r) => r.range).length;
      measure(
        `${area}: round ${round}: exit code / .part files left / ranged requests on resume`,
        `${interrupted.code} / ${parts.length} / ${ranged}`,
      );
      if (parts.length > 0) assert.ok(ranged > 0, 'a .part file should be resumed with a Range request');
    }
  });
});
