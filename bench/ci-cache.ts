// CI at scale: cold, warm and one-file-changed runs of `consistency-check check --cache`
// on the Linux kernel's documentation (Debian's linux-doc-6.1: admin-guide, filesystems and
// process) with the e5-small-shaped model, each as its own process, timed with peak RSS; findings of
// every cached run compared with an uncached run of the same files. With --whole, also a cold
// uncached check of the whole Documentation folder, for the memory target. With --baseline REF,
// the cold uncached runs (subset and whole) are repeated with the CLI built from git REF in a
// temporary worktree, in the same run: peak RSS before/after, time ratio, identical findings.
//
//   node scripts/bench-models.mjs && node scripts/build.mjs && npx tsx bench/ci-cache.ts [--whole] [--baseline REF]
//
// The corpus comes from scripts/realdocs/install.sh (apt-get download linux-doc-6.1, unpacked into
// the user cache once). Writes bench/results/ci-cache.json.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { E5_MODEL, ROOT, round, writeResult } from './lib/report';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const SUBSETS = ['admin-guide', 'filesystems', 'process'];
const CLAIMS = [
  { id: 'k1', text: 'The kernel supports huge pages on every architecture.' },
  { id: 'k2', text: 'Patches must be sent to the mailing list in plain text.' },
  { id: 'k3', text: 'The ext4 file system supports online resizing.' },
  { id: 'k4', text: 'Kernel modules can be loaded at runtime.' },
  { id: 'k5', text: 'The stable kernel accepts only bug fixes.' },
  { id: 'k6', text: 'Btrfs supports snapshots of subvolumes.' },
];

/**
 * The random-weight model puts P(contradiction) at 0.37-0.38 and P(entailment) near 0.35 for every
 * pair: at the default rule nothing is a finding, so comparing runs would compare empty lists. A
 * threshold inside that band makes a few hundred findings whose probabilities must match exactly.
 */
const VERDICT = ['--threshold', '0.378', '--margin', '0'];

interface Run {
  label: string;
  seconds: number;
  peakRssMb: number;
  /** file, offset and claim of each finding, sorted. */
  findings: string[];
  /** P(contradiction) of each finding, in the same order. */
  contradiction: number[];
  summary: string;
}

function documentationFolder(): string {
  const corpora = execFileSync('bash', [path.join(ROOT, 'scripts/realdocs/install.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop()!;
  return path.join(corpora, 'linux-doc-6.1/usr/share/doc/linux-doc-6.1/Documentation');
}

/** The CLI of git `ref`, built in a temporary worktree (with this checkout's node_modules). */
function buildBaselineCli(ref: string): { cli: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-bench-baseline-'));
  rmSync(dir, { recursive: true });
  execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', dir, ref], { stdio: 'ignore' });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  return {
    cli: path.join(dir, 'dist', 'cli.js'),
    remove: () => execFileSync('git', ['-C', ROOT, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' }),
  };
}

/**
 * One `check` in its own process; peak RSS from GNU time: the largest of the processes it waited
 * for, which is the checking child (the CLI relaunches `check` once with its memory settings; the
 * parent only waits, ~40 MB of RSS, most of it the node binary's pages, shared with the child).
 */
function check(label: string, cwd: string, operands: string[], extra: string[], cli = CLI): Run {
  const timeFile = path.join(os.tmpdir(), `cc-bench-time-${process.pid}`);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      '-o',
      timeFile,
      process.execPath,
      cli,
      'check',
      ...operands,
      '--model',
      E5_MODEL,
      '--format',
      'json',
      ...VERDICT,
      ...extra,
    ],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 512 << 20,
      env: { ...process.env, XDG_CACHE_HOME: path.join(cwd, '.xdg') },
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${label}: exit ${run.status}\n${run.stderr}`);
  const peakRssMb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024;
  const sorted = (
    JSON.parse(run.stdout).findings as Array<{
      file: string;
      start: number;
      claimId: string;
      severity: string;
      probabilities: { contradiction: number };
    }>
  )
    .map((f) => ({ key: JSON.stringify([f.file, f.start, f.claimId, f.severity]), p: f.probabilities.contradiction }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const findings = sorted.map((f) => f.key);
  const contradiction = sorted.map((f) => f.p);
  const summary = run.stderr
    .split('\n')
    .filter((l) => /cache:/.test(l))
    .join(' ');
  const result = {
    label,
    seconds: round(seconds, 2),
    peakRssMb: round(peakRssMb, 0),
    findings,
    contradiction,
    summary,
  };
  console.log(
    `${label.padEnd(34)} ${result.seconds.toFixed(2).padStart(7)} s  ${String(result.peakRssMb).padStart(4)} MB  ${findings.length} findings  ${summary.replace('consistency-check: ', '')}`,
  );
  return result;
}

function main(): void {
  const docs = documentationFolder();
  const work = mkdtempSync(path.join(os.tmpdir(), 'cc-bench-ci-'));
  try {
    mkdirSync(path.join(work, '.consistency'));
    writeFileSync(
      path.join(work, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: CLAIMS }, null, 2),
    );
    for (const subset of SUBSETS)
      cpSync(path.join(docs, subset), path.join(work, 'Documentation', subset), { recursive: true });
    const files = execFileSync('find', ['Documentation', '-name', '*.rst'], { cwd: work, encoding: 'utf8' })
      .trim()
      .split('\n');
    const bytes = files.reduce((n, f) => n + statSync(path.join(work, f)).size, 0);
    console.log(
      `corpus: ${files.length} rST files, ${(bytes / 1e6).toFixed(1)} MB (${SUBSETS.join(', ')}), ${CLAIMS.length} claims, model ${E5_MODEL}`,
    );
    const cache = ['--cache-location', path.join(work, '.consistency', 'cache')];
    const operands = ['Documentation'];

    const baselineRef = process.argv.includes('--baseline')
      ? process.argv[process.argv.indexOf('--baseline') + 1]
      : undefined;
    const baseline = baselineRef ? buildBaselineCli(baselineRef) : undefined;
    const uncached = check('cold, no cache', work, operands, []);
    const uncachedBefore = baseline && check(`cold, no cache, ${baselineRef}`, work, operands, [], baseline.cli);
    const cold = check('cold, --cache (empty)', work, operands, cache);
    const warm = check('warm, nothing changed', work, operands, cache);
    const changedFile = path.join(work, 'Documentation', 'filesystems', 'ext4', 'about.rst');
    appendFileSync(changedFile, '\nThe ext4 file system does not support online resizing.\n');
    const oneChanged = check('warm, one file changed', work, operands, cache);
    const uncachedChanged = check('cold, no cache, after the change', work, operands, []);

    // Same findings (file, offset, claim, severity); the largest difference in P(contradiction). A
    // score read from the cache is bit for bit the score written, so cold and warm agree exactly; a
    // pair scored in another batch differs in the 4th decimal (the int8 model quantizes activations
    // per batch), which is what the changed file's new pairs are.
    const same = (a: Run, b: Run) =>
      a.findings.length === b.findings.length && a.findings.every((f, i) => f === b.findings[i]);
    const maxDelta = (a: Run, b: Run) =>
      same(a, b) ? Math.max(0, ...a.contradiction.map((p, i) => Math.abs(p - b.contradiction[i]))) : NaN;
    const ratios = {
      warmVsCold: round(cold.seconds / warm.seconds, 1),
      oneFileVsCold: round(cold.seconds / oneChanged.seconds, 1),
      warmVsUncached: round(uncached.seconds / warm.seconds, 1),
      oneFileVsUncached: round(uncached.seconds / oneChanged.seconds, 1),
    };
    const identical = {
      cold: same(cold, uncached),
      warm: same(warm, uncached),
      oneFileChanged: same(oneChanged, uncachedChanged),
    };
    const probabilityDelta = {
      cold: maxDelta(cold, uncached),
      warm: maxDelta(warm, uncached),
      oneFileChanged: maxDelta(oneChanged, uncachedChanged),
    };
    console.log(
      `\ncold / warm: ${ratios.warmVsCold}x (target >= 20x); cold / one file changed: ${ratios.oneFileVsCold}x (target >= 10x)`,
    );
    console.log(
      `uncached / warm: ${ratios.warmVsUncached}x; uncached / one file changed: ${ratios.oneFileVsUncached}x`,
    );
    console.log(
      `same findings as the uncached run: ${JSON.stringify(identical)}; largest P(contradiction) difference: ${JSON.stringify(probabilityDelta)}`,
    );
    const cacheBytes = statSync(path.join(work, '.consistency', 'cache', 'check-cache.log')).size;
    console.log(`cache file: ${(cacheBytes / 1e6).toFixed(2)} MB`);

    let whole: Run | undefined;
    let wholeBefore: Run | undefined;
    if (process.argv.includes('--whole')) {
      const all = execFileSync(
        'bash',
        [
          '-c',
          'find . -type f \\( -name "*.rst" -o -name "*.txt" -o -name "*.md" -o -name "*.tex" -o -name "*.adoc" \\) | wc -l',
        ],
        { cwd: docs, encoding: 'utf8' },
      ).trim();
      console.log(`\nwhole Documentation: ${all} documents`);
      rmSync(path.join(work, 'Documentation'), { recursive: true });
      cpSync(docs, path.join(work, 'Documentation'), { recursive: true });
      wholeBefore = baseline && check(`whole Documentation, cold, ${baselineRef}`, work, operands, [], baseline.cli);
      whole = check('whole Documentation, cold, no cache', work, operands, []);
      console.log(`peak RSS ${whole.peakRssMb} MB (target < 300 MB)`);
    }
    baseline?.remove();
    // The same files with the baseline's CLI: memory before/after, time ratio, identical findings.
    const against = (after: Run | undefined, before: Run | undefined) =>
      after &&
      before && {
        peakRssMb: [before.peakRssMb, after.peakRssMb],
        timeRatio: round(after.seconds / before.seconds, 2),
        sameFindings: same(after, before),
        probabilityDelta: maxDelta(after, before),
      };
    const versusBaseline = baseline && {
      ref: baselineRef,
      subset: against(uncached, uncachedBefore),
      whole: against(whole, wholeBefore),
    };
    if (versusBaseline) console.log(`against ${baselineRef}: ${JSON.stringify(versusBaseline)}`);
    const strip = (r: Run) => ({
      label: r.label,
      seconds: r.seconds,
      peakRssMb: r.peakRssMb,
      findings: r.findings.length,
      summary: r.summary,
    });
    writeResult('ci-cache', {
      corpus: { files: files.length, bytes, subsets: SUBSETS, claims: CLAIMS.length },
      runs: [
        uncached,
        ...(uncachedBefore ? [uncachedBefore] : []),
        cold,
        warm,
        oneChanged,
        uncachedChanged,
        ...(wholeBefore ? [wholeBefore] : []),
        ...(whole ? [whole] : []),
      ].map(strip),
      versusBaseline,
      ratios,
      identical,
      probabilityDelta,
      cacheBytes,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
