// The CI-scale ways to narrow a check: shards that together cover every file once, the files a
// list or a git diff names, and a baseline of known findings; plus merge-sarif for the shards.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLAIMS, MODEL, findingsOf, makeCiWorkspace, runCli } from '../helpers/ci-workspace';

describe('check: shards, changed files, baselines', function () {
  this.timeout(120_000);
  let dir: string;
  const check = (...extra: string[]) => runCli(['check', 'docs', '--model', MODEL, '--format', 'json', ...extra], dir);
  beforeEach(() => (dir = makeCiWorkspace()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--shard K/3 for K = 1..3 together give exactly the unsharded findings, each file once', () => {
    const all = check();
    assert.equal(all.code, 1, all.stderr);
    const shards = [1, 2, 3].map((k) => check('--shard', `${k}/3`));
    const files = shards.map((s) => (JSON.parse(s.stdout) as { summary: { files: number } }).summary.files);
    assert.equal(
      files.reduce((a, b) => a + b, 0),
      12,
    );
    assert.ok(
      files.every((n) => n > 0),
      `files per shard: ${files}`,
    );
    const union = shards
      .flatMap((s) => findingsOf(s))
      .sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start || a.claimId.localeCompare(b.claimId));
    assert.deepEqual(union, findingsOf(all));
  });

  it('writes SARIF with a distinct automation id per shard, and merge-sarif joins them', () => {
    const logs = [1, 2, 3].map((k) => {
      const run = runCli(['check', 'docs', '--model', MODEL, '--format', 'sarif', '--shard', `${k}/3`], dir);
      const file = path.join(dir, `shard-${k}.sarif`);
      writeFileSync(file, run.stdout);
      return { file, sarif: JSON.parse(run.stdout) };
    });
    const ids = logs.map((l) => l.sarif.runs[0].automationDetails.id);
    assert.deepEqual(ids, ['consistency/1-of-3', 'consistency/2-of-3', 'consistency/3-of-3']);
    for (const { sarif } of logs) assertSarifShape(sarif);
    const whole = JSON.parse(runCli(['check', 'docs', '--model', MODEL, '--format', 'sarif'], dir).stdout);
    assert.equal(whole.runs[0].automationDetails.id, 'consistency/all');

    const merged = runCli(['merge-sarif', ...logs.map((l) => l.file), '--out', 'merged.sarif'], dir);
    assert.equal(merged.code, 0, merged.stderr);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'merged.sarif'), 'utf8'));
    assertSarifShape(sarif);
    assert.equal(sarif.runs.length, 1);
    assert.equal(sarif.runs[0].automationDetails.id, 'consistency/merged');
    const fingerprints = (log: typeof sarif) =>
      log.runs[0].results
        .map(
          (r: {
            partialFingerprints: { claimSentence: string };
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
          }) => `${r.locations[0].physicalLocation.artifactLocation.uri}|${r.partialFingerprints.claimSentence}`,
        )
        .sort();
    assert.deepEqual(fingerprints(sarif), fingerprints(whole));

    // JSON reports merge too: findings concatenated, file counts summed.
    for (const k of [1, 2, 3]) writeFileSync(path.join(dir, `shard-${k}.json`), check('--shard', `${k}/3`).stdout);
    const json = JSON.parse(runCli(['merge-sarif', 'shard-1.json', 'shard-2.json', 'shard-3.json'], dir).stdout);
    assert.equal(json.summary.files, 12);
    assert.equal(json.findings.length, findingsOf(check()).length);
    assert.equal(runCli(['merge-sarif', 'shard-1.json', 'shard-1.sarif'], dir).code, 2);
  });

  it('rejects --shard 0/3, 4/3 and a/b as usage errors (exit 2)', () => {
    for (const bad of ['0/3', '4/3', 'a/b', '1/0', '3', '']) {
      const run = check('--shard', bad);
      assert.equal(run.code, 2, `--shard ${bad}: ${run.stderr}`);
      assert.match(run.stderr, /--shard must be K\/N/);
    }
  });

  it('--files-from checks only the listed files (from a file or stdin), with a notice for others', () => {
    const list = ['docs/page-01.md', 'docs/sub/page-00.md', 'elsewhere/nope.md', '', 'README.md'].join('\n');
    writeFileSync(path.join(dir, 'list.txt'), list);
    const fromFile = check('--files-from', 'list.txt');
    const fromStdin = runCli(['check', 'docs', '--model', MODEL, '--format', 'json', '--files-from', '-'], dir, {
      input: list,
    });
    for (const run of [fromFile, fromStdin]) {
      assert.equal(JSON.parse(run.stdout).summary.files, 2, run.stderr);
      assert.deepEqual([...new Set(findingsOf(run).map((f) => f.file))], ['docs/sub/page-00.md']);
      assert.match(
        run.stderr,
        /ignored 2 listed paths outside the checked files or not documents \(elsewhere\/nope\.md, README\.md\)/,
      );
    }
    assert.equal(check('--files-from', 'missing.txt').code, 2);
  });

  it('--changed-since REF checks the files changed since REF, and every file when the claims changed', () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(
      path.join(dir, 'docs', 'page-02.md'),
      readFileSync(path.join(dir, 'docs', 'page-02.md'), 'utf8') + '\nMore text.\n',
    );
    writeFileSync(path.join(dir, 'src.ts'), '// not a document\n');
    git('add', 'src.ts');
    const changed = check('--changed-since', 'HEAD');
    assert.equal(JSON.parse(changed.stdout).summary.files, 1, changed.stderr);
    assert.deepEqual([...new Set(findingsOf(changed).map((f) => f.file))], ['docs/page-02.md']);

    const nothing = check('--changed-since', 'HEAD', '--files-from', '-');
    assert.equal(JSON.parse(nothing.stdout).summary.files, 0);
    assert.equal(nothing.code, 0);

    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: CLAIMS.slice(0, 2) }),
    );
    const claimsChanged = check('--changed-since', 'HEAD');
    assert.equal(JSON.parse(claimsChanged.stdout).summary.files, 12);
    assert.match(claimsChanged.stderr, /claims or settings changed since HEAD: checking every file/);
    const badRef = check('--changed-since', 'no-such-ref');
    assert.equal(badRef.code, 2);
    assert.match(badRef.stderr, /--changed-since no-such-ref: /);
  });

  it('--write-baseline then --baseline: only new findings are reported and fail', () => {
    const before = check();
    assert.equal(before.code, 1);
    const known = findingsOf(before).length;
    const wrote = check('--write-baseline', '.consistency/baseline.json');
    assert.equal(wrote.code, 0, wrote.stderr);
    assert.match(wrote.stderr, new RegExp(`recorded ${known} findings`));
    const baseline = JSON.parse(readFileSync(path.join(dir, '.consistency', 'baseline.json'), 'utf8'));
    assert.equal(baseline.findings.length, known);
    assert.ok(baseline.findings.every((f: { file: string }) => f.file.startsWith('docs/')));

    const clean = check('--baseline', '.consistency/baseline.json');
    assert.equal(clean.code, 0, clean.stderr);
    assert.deepEqual(findingsOf(clean), []);
    assert.match(clean.stderr, new RegExp(`${known} known findings in the baseline skipped`));

    // An unrelated edit above a known finding moves it; it stays known. A new one fails.
    const page = path.join(dir, 'docs', 'sub', 'page-00.md');
    writeFileSync(
      page,
      'An inserted first line.\n\n' + readFileSync(page, 'utf8') + '\nThe scanner does not support color prints.\n',
    );
    const after = check('--baseline', '.consistency/baseline.json');
    assert.equal(after.code, 1);
    assert.deepEqual(
      findingsOf(after).map((f) => [f.file, f.sentence]),
      [['docs/sub/page-00.md', 'The scanner does not support color prints.']],
    );
    assert.equal(check('--baseline', 'missing.json').code, 2);
  });
});

/** The parts of SARIF 2.1.0 code scanning requires, checked by hand (no schema offline). */
// The report is walked as untyped JSON on purpose: this checks its shape, so no type may promise it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertSarifShape(sarif: { version: string; $schema: string; runs: Array<Record<string, any>> }): void {
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  for (const run of sarif.runs) {
    assert.equal(typeof run.tool.driver.name, 'string');
    assert.ok(Array.isArray(run.results));
    assert.equal(typeof run.automationDetails.id, 'string');
    assert.deepEqual(Object.keys(run.automationDetails), ['id']);
    for (const r of run.results) {
      assert.ok(['none', 'note', 'warning', 'error'].includes(r.level));
      assert.equal(typeof r.message.text, 'string');
      const region = r.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
      assert.equal(typeof r.locations[0].physicalLocation.artifactLocation.uri, 'string');
      assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === r.ruleId));
    }
  }
}
