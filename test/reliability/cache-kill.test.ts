// The check cache under kill -9: the CLI (its process group) is killed with SIGKILL at random moments while it writes
// (and, on half the rounds, compacts) its cache, 20 times, on a workspace that changes between
// rounds so that every round has records to write. After each kill, a cached run must give exactly
// the findings of an uncached run of the same files: a torn record is skipped, never read as a
// score, and never stops the check.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { problem, runs, SEED, tried } from './figures';
import { looksLikeCrash, prng } from './helpers';
import { CLI, MODEL, findingsOf, makeCiWorkspace, runCli } from '../helpers/ci-workspace';

describe('reliability: check cache under SIGKILL', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => (dir = makeCiWorkspace(60)));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`gives the uncached findings after ${runs(20)} kills during cache writes`, async () => {
    const random = prng(SEED ^ 0x12c);
    const cacheDir = path.join(dir, '.consistency', 'cache');
    const args = (extra: string[]) => ['check', 'docs', '--model', MODEL, '--format', 'json', ...extra];
    const subjects = ['clinic', 'gateway', 'scanner'];
    const objects = ['email alerts', 'rate limits', 'color prints'];
    const started = Date.now();
    runCli(args(['--cache-location', cacheDir]), dir);
    const fullRunMs = Date.now() - started;
    let killedWhileWriting = 0;
    for (let round = 0; round < runs(20); round++) {
      // New sentences in a few files: new pair scores and file results to write this round.
      for (let n = 0; n < 6; n++) {
        const k = random.int(3);
        const file = path.join(
          dir,
          'docs',
          random.int(3) === 0 ? 'sub' : '.',
          `page-${String(random.int(20) * 3).padStart(2, '0')}.md`,
        );
        try {
          readFileSync(file);
        } catch {
          continue;
        }
        appendFileSync(
          file,
          `\nThe ${subjects[k]} ${random.int(2) ? 'does not support' : 'supports'} ${objects[k]} in round ${round}.\n`,
        );
      }
      const compacting = round % 2 === 1 ? ['--cache-max-size', '24K'] : [];
      const before = logSize(cacheDir);
      // Its own process group, killed whole, as a CI runner's timeout does: on Linux the CLI checks
      // in a child process (src/cli/memory-launch.ts), and that child is the one writing the cache.
      const child = spawn(process.execPath, [CLI, ...args(['--cache-location', cacheDir, ...compacting])], {
        cwd: dir,
        stdio: 'ignore',
        detached: true,
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 150 + random.next() * fullRunMs))]);
      killGroup(child);
      await exited;
      if (logSize(cacheDir) !== before) killedWhileWriting++;
      tried('cache-kill', 'faults');

      const cached = runCli(args(['--cache-location', cacheDir, ...compacting]), dir);
      const reference = runCli(args([]), dir);
      if (looksLikeCrash(cached.stderr)) problem('cache-kill', 'crashes', cached.stderr.slice(0, 300));
      assert.ok(!looksLikeCrash(cached.stderr), cached.stderr);
      assert.equal(cached.code, reference.code, cached.stderr);
      try {
        assert.deepEqual(findingsOf(cached), findingsOf(reference));
      } catch (error) {
        problem('cache-kill', 'failures', `round ${round}: findings differ after a kill`);
        throw error;
      }
    }
    // The kills must have landed while the cache was being written, not only before or after.
    assert.ok(killedWhileWriting >= runs(20) / 4, `only ${killedWhileWriting} kills changed the cache file`);
  });
});

function killGroup(child: ChildProcess): void {
  if (process.platform === 'win32') {
    child.kill('SIGKILL');
    return;
  }
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // the group has already exited
  }
}

function logSize(cacheDir: string): number {
  try {
    return readFileSync(path.join(cacheDir, 'check-cache.log')).length;
  } catch {
    return -1;
  }
}
