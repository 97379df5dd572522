// Nothing leaves the machine, including through a dependency: onnxruntime-node 1.30 ships
// Microsoft's telemetry client, which writes a device id and an event queue under
// ~/.cache/Microsoft/DeveloperTools/.onnxruntime and resolves mobile.events.data.microsoft.com
// unless ORT_DISABLE_TELEMETRY is set before the library loads (src/core/nli/ort-env.ts).
// Each process here gets a fresh HOME and an environment *without* that variable (this mocha
// process has it, and children would inherit it), so only our own code can turn it off.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tried } from './figures';
import { CLI, FIXTURE_MODEL, REPO } from './helpers';
import { CONTRADICTIONS, makeWorkspace, startTracked, waitReady } from './server-util';

/**
 * This environment, minus the variable under test, with HOME and the XDG cache in `home`. The
 * markers of a CI run go too: onnxruntime's client stays quiet when it sees one (`CI=true`), which
 * would make these tests pass in CI without proving anything for a writer's machine.
 */
function bareEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') };
  for (const name of [
    'ORT_DISABLE_TELEMETRY',
    'CI',
    'GITHUB_ACTIONS',
    'TF_BUILD',
    'BUILD_BUILDID',
    'GITLAB_CI',
    'JENKINS_URL',
  ])
    delete env[name];
  return env;
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

function hasStrace(): boolean {
  return spawnSync('strace', ['-V']).status === 0;
}

/** Internet sockets and connects in an strace log (AF_UNIX ones are Node's own pipes). */
function networkCalls(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /\b(socket|connect|sendto|sendmsg)\(/.test(line) && /AF_INET6?|sin_port|sin6_port/.test(line));
}

describe('reliability: privacy (no telemetry from onnxruntime)', function () {
  this.timeout(180_000);
  const temps: string[] = [];
  const temp = (prefix: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    temps.push(d);
    return d;
  };
  after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('the probe works: onnxruntime-node loaded without our module writes its telemetry files', () => {
    const home = temp('cc-rel-home-');
    const script = `require(${JSON.stringify(require.resolve('onnxruntime-node', { paths: [REPO] }))}).InferenceSession.create(${JSON.stringify(path.join(FIXTURE_MODEL, 'onnx/model.onnx'))}).then(() => process.exit(0))`;
    const run = spawnSync(process.execPath, ['-e', script], { env: bareEnv(home), encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    tried('privacy/telemetry', 'inputs');
    // If a later onnxruntime drops the client, this control says so instead of the tests below passing vacuously.
    assert.ok(
      filesUnder(path.join(home, '.cache', 'Microsoft')).length > 0,
      'expected the control run to write ~/.cache/Microsoft',
    );
  });

  for (const command of ['check', 'score', 'eval'] as const) {
    it(`CLI ${command}: no file under ~/.cache/Microsoft, no internet socket (strace), and it works without a network (unshare -n)`, () => {
      const home = temp('cc-rel-home-');
      const root = makeWorkspace();
      temps.push(root);
      const doc = path.join(root, 'doc.md');
      fs.writeFileSync(doc, `${CONTRADICTIONS[0]}\n`);
      const data = path.join(root, 'pairs.jsonl');
      fs.writeFileSync(
        data,
        JSON.stringify({
          premise: 'The X supports Y.',
          hypothesis: 'The X does not support Y.',
          label: 'contradiction',
        }) + '\n',
      );
      const argv = {
        check: [
          'check',
          doc,
          '--claims',
          path.join(root, '.consistency/claims.json'),
          '--model',
          FIXTURE_MODEL,
          '--threads',
          '1',
        ],
        score: ['score', '--model', FIXTURE_MODEL],
        eval: ['eval', '--model', FIXTURE_MODEL, '--data', data],
      }[command];
      const input =
        command === 'score'
          ? JSON.stringify({ premise: 'The X supports Y.', hypothesis: 'The X does not support Y.' }) + '\n'
          : '';
      const log = path.join(home, 'strace.log');
      const traced = hasStrace();
      const exe = traced ? 'strace' : process.execPath;
      const args = traced
        ? ['-f', '-qq', '-e', 'trace=socket,connect,sendto,sendmsg', '-o', log, process.execPath, CLI, ...argv]
        : [CLI, ...argv];
      const run = spawnSync(exe, args, { env: bareEnv(home), input, encoding: 'utf8', timeout: 120_000 });
      assert.ok(run.status === 0 || run.status === 1, `${command} exited ${run.status}: ${run.stderr}`);
      assert.deepEqual(filesUnder(path.join(home, '.cache', 'Microsoft')), []);
      if (traced) assert.deepEqual(networkCalls(fs.readFileSync(log, 'utf8')), []);
      tried('privacy/telemetry', 'inputs');
      // Without any network at all (a fresh network namespace, where root may create one), the same result.
      const offline = spawnSync('unshare', ['-n', process.execPath, CLI, ...argv], {
        env: bareEnv(home),
        input,
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (offline.error === undefined && !/unshare failed|Operation not permitted/.test(offline.stderr)) {
        assert.equal(offline.status, run.status, offline.stderr);
        // eval prints how long scoring took ("in 0.1 s"); under load two runs differ there.
        const untimed = (out: string) => out.replace(/ in \d+\.\d s$/m, ' in (time) s');
        assert.equal(untimed(offline.stdout), untimed(run.stdout));
        tried('privacy/telemetry', 'inputs');
      }
    });
  }

  it('language server (model in its worker thread): no file under ~/.cache/Microsoft after loading, checking and shutting down', async () => {
    const home = temp('cc-rel-home-');
    const root = makeWorkspace();
    temps.push(root);
    const env = bareEnv(home);
    const server = await startTracked(root, { debounceMs: 0 }, { env: { ...env, ORT_DISABLE_TELEMETRY: undefined } });
    try {
      await waitReady(server);
      const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTIONS[0]}\n`);
      const diagnostics = await server.settled(uri, 1, 300);
      assert.equal(diagnostics.length, 1);
    } finally {
      await server.stop();
    }
    tried('privacy/telemetry', 'inputs');
    assert.deepEqual(filesUnder(path.join(home, '.cache', 'Microsoft')), []);
  });
});
