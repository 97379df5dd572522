// `check --cache`: a re-run answers from the cache (without loading the model), a claim edit
// re-scores only that claim's pairs, and a broken cache never breaks a check.
import { strict as assert } from 'node:assert';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLAIMS, MODEL, findingsOf, makeCiWorkspace, runCli } from '../helpers/ci-workspace';

describe('check --cache', function () {
  this.timeout(120_000);
  let dir: string;
  let cacheDir: string;
  const check = (...extra: string[]) => runCli(['check', 'docs', '--model', MODEL, '--format', 'json', ...extra], dir);
  const cached = (...extra: string[]) => check('--cache-location', cacheDir, ...extra);
  beforeEach(() => {
    dir = makeCiWorkspace();
    cacheDir = path.join(dir, '.consistency', 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the uncached findings cold and warm, and warm without loading the model', () => {
    const reference = check();
    assert.equal(reference.code, 1, reference.stderr);
    const cold = cached();
    assert.deepEqual(findingsOf(cold), findingsOf(reference));
    assert.match(cold.stderr, /cache: 0 of 12 files unchanged, 0 pair scores reused, \d+ scored\n/);
    const warm = cached();
    assert.equal(warm.code, 1);
    assert.deepEqual(findingsOf(warm), findingsOf(reference));
    assert.match(warm.stderr, /cache: 12 of 12 files unchanged, 0 pair scores reused, 0 scored \(model not loaded\)/);
  });

  it('re-checks a changed file from the pair scores, and a claim edit scores only that claim', () => {
    cached();
    const page = path.join(dir, 'docs', 'page-01.md');
    writeFileSync(page, readFileSync(page, 'utf8') + '\nThe gateway does not support rate limits today.\n');
    const oneFile = cached();
    assert.match(oneFile.stderr, /cache: 11 of 12 files unchanged, \d+ pair scores? reused, 1 scored/);
    assert.deepEqual(findingsOf(oneFile), findingsOf(check()));

    const claims = CLAIMS.map((c) => (c.id === 'c3' ? { ...c, text: 'The scanner supports duplex prints.' } : c));
    writeFileSync(path.join(dir, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims }));
    const edited = cached();
    const [, reused, scored] = /(\d+) pair scores reused, (\d+) scored/.exec(edited.stderr)!.map(Number);
    assert.ok(reused > 0 && scored > 0, edited.stderr);
    assert.deepEqual(findingsOf(edited), findingsOf(check()));
  });

  it('ignores damaged records with a one-line warning and rewrites the log', () => {
    const reference = findingsOf(cached());
    const log = path.join(cacheDir, 'check-cache.log');
    const text = readFileSync(log, 'utf8');
    // Flip a digit inside a stored probability: the checksum must catch it.
    const damaged = text.replace(/"contradiction":0\.(\d)/, (_m, d) => `"contradiction":0.${(Number(d) + 1) % 10}`);
    assert.notEqual(damaged, text);
    writeFileSync(log, damaged + 'garbage without a newline');
    const run = cached();
    assert.deepEqual(findingsOf(run), reference);
    const warnings = run.stderr.split('\n').filter((l) => /warning/.test(l));
    assert.equal(warnings.length, 1, run.stderr);
    assert.match(warnings[0], /ignored 2 damaged records/);
    assert.doesNotMatch(cached().stderr, /warning/);
  });

  it('checks correctly with a one-line warning when the cache folder is unusable', () => {
    const reference = findingsOf(check());
    writeFileSync(path.join(dir, 'not-a-folder'), 'x');
    const run = check('--cache-location', path.join(dir, 'not-a-folder'));
    assert.equal(run.code, 1);
    assert.deepEqual(findingsOf(run), reference);
    assert.equal(run.stderr.split('\n').filter((l) => /warning/.test(l)).length, 1, run.stderr);
    assert.match(run.stderr, /warning: cache at .* is unusable \((EEXIST|ENOTDIR)/);

    // A log that is a folder: unusable as well, the same way.
    rmSync(cacheDir, { recursive: true, force: true });
    const asFolder = path.join(cacheDir, 'check-cache.log');
    mkdirSync(asFolder, { recursive: true });
    const folder = cached();
    assert.deepEqual(findingsOf(folder), reference);
    assert.match(folder.stderr, /warning: cache at .* is unusable \(EISDIR/);
    if (process.getuid?.() !== 0) {
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir);
      chmodSync(cacheDir, 0o500);
      assert.deepEqual(findingsOf(cached()), reference);
    }
  });

  it('stays under --cache-max-size by compacting, and still gives the same findings', () => {
    const reference = findingsOf(check());
    cached('--cache-max-size', '8K');
    const size = statSync(path.join(cacheDir, 'check-cache.log')).size;
    assert.ok(size <= 8 * 1024, `${size} bytes`);
    assert.deepEqual(findingsOf(cached('--cache-max-size', '8K')), reference);
    appendFileSync(path.join(cacheDir, 'check-cache.log'), '');
    assert.equal(check('--cache-location', cacheDir, '--cache-max-size', 'lots').code, 2);
  });

  it('keys file results by content and relative path, so a copied workspace hits', () => {
    cached();
    const copy = makeCiWorkspace();
    try {
      const run = runCli(['check', 'docs', '--model', MODEL, '--format', 'json', '--cache-location', cacheDir], copy);
      assert.match(run.stderr, /cache: 12 of 12 files unchanged/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
