// `check --error-threshold` as CI runs it (dist/cli.js in a child process): SARIF levels and exit codes.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

describe('consistency-check check --error-threshold', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cc-cli-tiers-'));
    mkdirSync(path.join(dir, '.consistency'));
    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
    writeFileSync(path.join(dir, 'a.md'), 'The clinic does not support email alerts.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'check', 'a.md', '--model', MODEL, '--threads', '1', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });

  it('writes SARIF level error for the error tier and warning below it; exits 1 only on errors', () => {
    const errors = cli('--error-threshold', '0.3', '--format', 'sarif');
    assert.equal(errors.status, 1, errors.stderr);
    assert.equal(JSON.parse(errors.stdout).runs[0].results[0].level, 'error');
    const warnings = cli('--error-threshold', '1', '--format', 'sarif');
    assert.equal(warnings.status, 0, warnings.stderr);
    assert.equal(JSON.parse(warnings.stdout).runs[0].results[0].level, 'warning');
  });
});
