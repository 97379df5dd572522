// Shared helpers of the reliability suite: bundling a core module to plain JS (for worker threads
// and child processes, which must not run TypeScript through tsx), running code in a worker with a
// deadline (a hang becomes a measurable outcome, not a stuck test run), and process facts from /proc.
import { build, stop as stopEsbuild } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist/cli.js');
export const SERVER = path.join(REPO, 'dist/server.js');
export const FIXTURE_MODEL = path.join(REPO, 'test/fixtures/tiny-bert-nli');

const bundles: string[] = [];

/** Bundles `entry` (a path relative to the repository) to a CommonJS file in a temp folder. */
export async function bundleModule(entry: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-rel-bundle-'));
  const outfile = path.join(dir, path.basename(entry).replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(REPO, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
    external: ['onnxruntime-node'],
  });
  bundles.push(dir);
  return outfile;
}

export function removeBundles(): void {
  for (const dir of bundles.splice(0)) rmSync(dir, { recursive: true, force: true });
  // esbuild's service process would otherwise keep mocha from exiting.
  void stopEsbuild();
}

export type WorkerOutcome<T> =
  { kind: 'ok'; value: T; ms: number } | { kind: 'crash'; error: string; ms: number } | { kind: 'hang'; ms: number };

/**
 * Runs `body` (the source of a function `(module, data) => result`) in a worker thread that has
 * `require`d `bundle`; terminates it after `timeoutMs` and reports a hang.
 */
export function runInWorker<T>(
  bundle: string,
  body: string,
  data: unknown,
  timeoutMs: number,
): Promise<WorkerOutcome<T>> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const mod = require(workerData.bundle);
    const started = Date.now();
    try {
      const value = (${body})(mod, workerData.data);
      parentPort.postMessage({ kind: 'ok', value, ms: Date.now() - started });
    } catch (error) {
      parentPort.postMessage({ kind: 'crash', error: String(error && error.stack || error), ms: Date.now() - started });
    }`;
  const started = Date.now();
  const worker = new Worker(source, {
    eval: true,
    workerData: { bundle, data },
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: WorkerOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'hang', ms: Date.now() - started }), timeoutMs);
    worker.on('message', (m: WorkerOutcome<T>) => settle(m));
    worker.on('error', (e) => settle({ kind: 'crash', error: String(e.stack ?? e), ms: Date.now() - started }));
    worker.on('exit', (code) =>
      settle({ kind: 'crash', error: `worker exited with code ${code}`, ms: Date.now() - started }),
    );
  });
}

/** Resident memory of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Peak resident memory (VmHWM) of a process in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

export interface InetSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  local: string;
  remote: string;
  /** Kernel state, hex (0A = LISTEN for TCP; 07 = unconnected for UDP). */
  state: string;
}

/**
 * The TCP and UDP sockets a process holds: socket inodes from /proc/<pid>/fd matched against the
 * tables in /proc/<pid>/net/. Unix sockets and pipes (stdio, worker ports) are not listed.
 */
export function inetSocketsOf(pid: number): InetSocket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // fd closed meanwhile
    }
  }
  const found: InetSocket[] = [];
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    let table: string;
    try {
      table = readFileSync(`/proc/${pid}/net/${protocol}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      if (inodes.has(cols[9])) found.push({ protocol, local: cols[1], remote: cols[2], state: cols[3] });
    }
  }
  return found;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seeded PRNG (mulberry32) for the parts that do not go through fast-check (edit storms, fault timing). */
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)] };
}

/** A stack trace or Node's report of an uncaught error in a child's stderr. */
export function looksLikeCrash(stderr: string): boolean {
  return (
    /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m.test(stderr) ||
    /Uncaught|FATAL ERROR|Segmentation fault|node:internal/.test(stderr)
  );
}
