// `check` runs in one child process started with the memory settings of src/cli/memory-launch.ts:
// the child really has them, its output and exit code are the caller's, and it does not outlive a
// caller killed with SIGKILL. Linux only (the relaunch is).
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, MODEL, makeCiWorkspace, runCli } from '../helpers/ci-workspace';

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('CLI: check in a memory-tuned child process', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = makeCiWorkspace(6)));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const args = ['check', 'docs', '--model', MODEL, '--format', 'json', '--files-from', '-'];
  const env = () => {
    const e: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: path.join(os.tmpdir(), 'cc-ci-empty-xdg') };
    delete e.MALLOC_ARENA_MAX;
    delete e.MALLOC_MMAP_THRESHOLD_;
    delete e.NODE_OPTIONS;
    return e;
  };

  /** Starts the CLI with stdin held open (it waits for --files-from -) and finds its child. */
  async function startWaiting(): Promise<{
    parent: ChildProcess;
    childPid: number;
    output: Promise<{ code: number | null; signal: string | null; stdout: string }>;
  }> {
    const parent = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    parent.stdout!.on('data', (c) => (stdout += c));
    const output = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
      parent.on('close', (code, signal) => resolve({ code, signal, stdout })),
    );
    for (let i = 0; i < 200; i++) {
      // Past its exec (a just-forked child still shows the parent's environment and command line).
      const childPid = readChildren(parent.pid!).find((pid) =>
        readOrEmpty(`/proc/${pid}/environ`).includes('CONSISTENCY_CHECK_CHILD=1'),
      );
      if (childPid !== undefined) return { parent, childPid, output };
      await new Promise((r) => setTimeout(r, 50));
    }
    parent.kill('SIGKILL');
    throw new Error('the CLI started no child process');
  }

  it('the child has the malloc settings and the young-generation flag; output and exit code come through', async () => {
    const { parent, childPid, output } = await startWaiting();
    const environ = readOrEmpty(`/proc/${childPid}/environ`).split('\0');
    const cmdline = readOrEmpty(`/proc/${childPid}/cmdline`).split('\0');
    parent.stdin!.end('docs/page-02.md\ndocs/sub/page-00.md\n');
    const tuned = await output;
    const malloc = environ.filter((e) => e.startsWith('MALLOC')).join(' ');
    assert.ok(environ.includes('MALLOC_ARENA_MAX=2'), malloc);
    assert.ok(environ.includes('MALLOC_MMAP_THRESHOLD_=131072'), malloc);
    assert.ok(cmdline.includes('--max-semi-space-size=4'), cmdline.join(' '));
    // The same run in this process (as on other platforms): same report, same exit code.
    const untuned = runCli(args, dir, {
      input: 'docs/page-02.md\ndocs/sub/page-00.md\n',
      env: { CONSISTENCY_CHECK_CHILD: '1' },
    });
    assert.equal(tuned.code, 1, 'contradictions found: exit 1');
    assert.equal(untuned.code, 1);
    assert.ok(JSON.parse(tuned.stdout).findings.length > 0);
    assert.deepEqual(JSON.parse(tuned.stdout), JSON.parse(untuned.stdout));
  });

  it('the child exits when its parent is killed with SIGKILL', async () => {
    const { parent, childPid, output } = await startWaiting();
    parent.kill('SIGKILL');
    await output;
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      await new Promise((r) => setTimeout(r, 50));
      alive = isAlive(childPid);
    }
    if (alive) process.kill(childPid, 'SIGKILL');
    assert.equal(alive, false, 'the child outlived its parent by 5 s');
  });
});

function readChildren(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped by init) counts as gone.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
