// The `consistency-check check` contract, run as users and CI run it: the built CLI in a child process.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');
const EXAMPLES = path.resolve(__dirname, '../../examples');

function cli(args: string[], cwd: string) {
  // An empty model cache, so that no model the developer installed changes the outcome.
  const env = { ...process.env, XDG_CACHE_HOME: path.join(os.tmpdir(), 'cc-cli-empty-cache') };
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  findings: Array<{
    file: string;
    start: number;
    end: number;
    line: number;
    character: number;
    sentence: string;
    claimId: string;
    claim: string;
    probabilities: Record<string, number>;
  }>;
}

describe('consistency-check check', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cc-cli-'));
    mkdirSync(path.join(dir, '.consistency'));
    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('checks the examples workspace, prints contradictions like a compiler and exits 1', () => {
    const { code, stdout, stderr } = cli(
      ['check', '.', '--claims', '.consistency/claims.json', '--model', MODEL],
      EXAMPLES,
    );
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^[\w./-]+\.(md|tex):\d+:\d+: warning: Contradicts claim ".+" \(\d+%\) \[c\d+\]$/m);
    assert.match(stderr, /contradictions? in \d+ of \d+ files/);
  });

  it('gives JSON findings with offsets into the file and exits 0 when consistent', () => {
    const text = '# Notes\n\nThe clinic supports pets.\n\nÜber 🙂 alles. The clinic does not support email alerts.\n';
    writeFileSync(path.join(dir, 'a.md'), text);
    writeFileSync(path.join(dir, 'b.md'), 'The museum includes audio recordings.\n');
    const { code, stdout } = cli(['check', 'a.md', 'b.md', '--model', MODEL, '--format', 'json'], dir);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.findings.length, 1);
    const [f] = report.findings;
    assert.equal(f.file, 'a.md');
    assert.equal(text.slice(f.start, f.end), f.sentence);
    assert.equal(f.sentence, 'The clinic does not support email alerts.');
    assert.deepEqual([f.line, f.character], [5, text.slice(text.lastIndexOf('\n', f.start) + 1, f.start).length + 1]);
    assert.equal(f.claimId, 'c1');
    assert.ok(f.probabilities.contradiction >= 0.5);

    const clean = cli(['check', 'b.md', '--model', MODEL, '--format', 'json'], dir);
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout).findings, []);
  });

  it('accepts globs and respects --threshold', () => {
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'x.md'), 'The clinic does not support email alerts.\n');
    assert.equal(cli(['check', 'docs/**/*.md', '--model', MODEL], dir).code, 1);
    assert.equal(cli(['check', 'docs/**/*.md', '--model', MODEL, '--threshold', '1'], dir).code, 0);
  });

  it('writes SARIF 2.1.0', () => {
    writeFileSync(path.join(dir, 'a.md'), 'The clinic does not support email alerts.\n');
    const { stdout } = cli(['check', 'a.md', '--model', MODEL, '--format', 'sarif'], dir);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 1);
  });

  it('exits 2 with a precise message for an invalid claims file, and leaves it untouched', () => {
    const broken = '{\n  "version": 1,\n  "claims": [ { "id": "c1", "text": "   " } ]\n}\n';
    writeFileSync(path.join(dir, '.consistency', 'claims.json'), broken);
    writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
    const { code, stderr } = cli(['check', 'a.md', '--model', MODEL], dir);
    assert.equal(code, 2);
    assert.match(stderr, /claims\.json:3:\d+: .*text/);
    assert.equal(readFileSync(path.join(dir, '.consistency', 'claims.json'), 'utf8'), broken);
  });

  it('exits 2 for usage errors, a missing model folder and a model without tokenizer.json', () => {
    writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
    const noModel = cli(['check', 'a.md'], dir);
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /not installed; download it .* with: consistency-check model pull e5-small-v2-nli/);
    assert.equal(cli(['check', 'a.md', '--model', MODEL, '--format', 'xml'], dir).code, 2);
    assert.equal(cli(['check', 'a.md', '--model', MODEL, '--bogus'], dir).code, 2);
    assert.equal(cli(['check', 'missing.md', '--model', MODEL], dir).code, 2);
    const missing = cli(['check', 'a.md', '--model', path.join(dir, 'nope')], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope/);
    cpSync(MODEL, path.join(dir, 'model'), { recursive: true });
    rmSync(path.join(dir, 'model', 'tokenizer.json'));
    const noTokenizer = cli(['check', 'a.md', '--model', path.join(dir, 'model')], dir);
    assert.equal(noTokenizer.code, 2);
    assert.match(noTokenizer.stderr, /tokenizer\.json/);
  });

  it('skips a binary file with a one-line notice and checks a 5 MB document', () => {
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    const sentence = 'The museum includes audio recordings. ';
    writeFileSync(
      path.join(dir, 'big.md'),
      sentence.repeat(Math.ceil(5_000_000 / sentence.length)) + '\nThe clinic does not support email alerts.\n',
    );
    const binary = cli(['check', 'binary.txt', '--model', MODEL], dir);
    assert.equal(binary.code, 0);
    assert.match(binary.stderr, /binary\.txt: skipped: looks like a binary file/);
    const big = cli(['check', 'big.md', '--model', MODEL], dir);
    assert.equal(big.code, 0);
    assert.match(big.stderr, /big\.md: skipped: 5\.\d MB is above the 2\.0 MB size limit/);
    const unlimited = cli(['check', 'big.md', '--model', MODEL, '--max-file-size', '0', '--format', 'json'], dir);
    assert.equal(unlimited.code, 1, unlimited.stderr);
    assert.equal(JSON.parse(unlimited.stdout).findings.length, 1);
  });
});
