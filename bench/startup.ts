// Bundle sizes and cold start of the shipped bundles: `consistency-check --version`, a small
// `check` with the fixture model, and the language server's time to its first diagnostics; each
// against a bare `node -e 0` in the same run, and optionally against another build of dist/ (for
// a before/after in one run, on a machine whose load changes from minute to minute).
//
//   npm run build && npx tsx bench/startup.ts [--runs 9] [--against DIR]
//
// --against DIR: a copy of an older dist/ (e.g. `cp -r dist .bench-models/baseline-dist` before a
// change; .bench-models/ is gitignored and lies inside the repository, so the copy finds
// node_modules/ and models/ as dist/ does). Runs are interleaved build by build; medians.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchServer } from './lib/lsp';
import { log, median, ROOT, round, TINY_MODEL, writeResult } from './lib/report';

const BUNDLES = ['cli.js', 'server.js', 'engine-worker.js', 'extension.js', 'client.js'];

interface Build {
  name: string;
  dir: string;
}

interface Times {
  version: number[];
  check: number[];
  serverFirstDiagnostics: number[];
}

function makeWorkspace(): string {
  const root = mkdtempSync(join(os.tmpdir(), 'cc-startup-'));
  mkdirSync(join(root, '.consistency'));
  writeFileSync(
    join(root, '.consistency', 'claims.json'),
    JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
  );
  writeFileSync(
    join(root, 'a.md'),
    '# Notes\n\nThe clinic does not support email alerts.\n\nThe museum includes audio recordings.\n',
  );
  return root;
}

/** Milliseconds from spawn to exit of `node ARGS` (exit status must be one of `expected`). */
function timeProcess(args: string[], cwd: string, expected: number[]): number {
  const env = { ...process.env, XDG_CACHE_HOME: join(cwd, '.xdg-empty') };
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (!expected.includes(result.status ?? -1))
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

async function serverFirstDiagnostics(build: Build, root: string): Promise<number> {
  const server = await startBenchServer(
    root,
    { model: TINY_MODEL, debounceMs: 0, threads: 0, checkFrequency: 'edit' },
    join(build.dir, 'server.js'),
  );
  try {
    const file = join(root, 'a.md');
    const uri = server.open(
      file,
      '# Notes\n\nThe clinic does not support email alerts.\n\nThe museum includes audio recordings.\n',
    );
    const published = await server.waitForPublish((p) => p.uri === uri && p.count > 0, 120_000);
    return published.at - server.spawnedAt;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, against: { type: 'string' } } });
  const runs = Number(values.runs);
  const builds: Build[] = [{ name: 'dist', dir: join(ROOT, 'dist') }];
  if (values.against) builds.unshift({ name: 'against', dir: resolve(values.against) });
  const root = makeWorkspace();
  const bare: number[] = [];
  const times = new Map<Build, Times>(builds.map((b) => [b, { version: [], check: [], serverFirstDiagnostics: [] }]));
  try {
    for (let run = 0; run <= runs; run++) {
      const order = run % 2 === 0 ? builds : [...builds].reverse();
      const b = timeProcess(['-e', '0'], root, [0]);
      const samples = order.map((build) => {
        const cli = join(build.dir, 'cli.js');
        return {
          build,
          version: timeProcess([cli, '--version'], root, [0]),
          check: timeProcess([cli, 'check', 'a.md', '--model', TINY_MODEL, '--quiet'], root, [1]),
        };
      });
      const served: Array<[Build, number]> = [];
      for (const build of order) served.push([build, await serverFirstDiagnostics(build, root)]);
      if (run === 0) continue; // warm-up: the page cache, not the code, decides the first run
      bare.push(b);
      for (const s of samples) {
        times.get(s.build)!.version.push(s.version);
        times.get(s.build)!.check.push(s.check);
      }
      for (const [build, ms] of served) times.get(build)!.serverFirstDiagnostics.push(ms);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const bareMs = median(bare);
  log(`bare node -e 0: ${bareMs.toFixed(0)} ms (median of ${runs})`);
  const results = builds.map((build) => {
    const t = times.get(build)!;
    const sizes = Object.fromEntries(
      BUNDLES.filter((f) => {
        try {
          return statSync(join(build.dir, f)).isFile();
        } catch {
          return false;
        }
      }).map((f) => [f, statSync(join(build.dir, f)).size]),
    );
    const figures = {
      versionMs: median(t.version),
      checkMs: median(t.check),
      serverFirstDiagnosticsMs: median(t.serverFirstDiagnostics),
    };
    log(
      `${build.name} (${build.dir}): ${Object.entries(sizes)
        .map(([f, s]) => `${f} ${(s / 1e6).toFixed(2)} MB`)
        .join(', ')}\n` +
        `  --version ${figures.versionMs.toFixed(0)} ms (${(figures.versionMs / bareMs).toFixed(2)}x bare node); ` +
        `check a.md with the fixture model ${figures.checkMs.toFixed(0)} ms (${(figures.checkMs / bareMs).toFixed(2)}x); ` +
        `server spawn to first diagnostics ${figures.serverFirstDiagnosticsMs.toFixed(0)} ms (${(figures.serverFirstDiagnosticsMs / bareMs).toFixed(2)}x)`,
    );
    return {
      build: build.name,
      dir: build.dir,
      sizes,
      versionMs: round(figures.versionMs, 1),
      checkMs: round(figures.checkMs, 1),
      serverFirstDiagnosticsMs: round(figures.serverFirstDiagnosticsMs, 1),
    };
  });
  if (results.length === 2) {
    const [before, after] = results;
    log(
      `dist / against: --version ${(after.versionMs / before.versionMs).toFixed(3)}, check ${(after.checkMs / before.checkMs).toFixed(3)}, ` +
        `server first diagnostics ${(after.serverFirstDiagnosticsMs / before.serverFirstDiagnosticsMs).toFixed(3)}`,
    );
  }
  writeResult('startup', { runs, bareMs: round(bareMs, 1), results });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
