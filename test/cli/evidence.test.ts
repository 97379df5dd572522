// `check --evidence --format sarif` as CI runs it (dist/cli.js): support comes as SARIF notes and
// never fails the build.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

describe('consistency-check check --evidence (SARIF)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cc-cli-evidence-'));
    mkdirSync(path.join(dir, '.consistency'));
    writeFileSync(
      path.join(dir, '.consistency', 'claims.json'),
      JSON.stringify({
        version: 1,
        claims: [{ id: 'c1', text: 'The clinic supports email alerts. This changed in 2021.' }],
      }),
    );
    writeFileSync(path.join(dir, 'a.md'), 'The clinic supports email alerts.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports supporting sentences as notes under their own rule, exit 0', () => {
    const r = spawnSync(
      process.execPath,
      [CLI, 'check', 'a.md', '--model', MODEL, '--threads', '1', '--evidence', '--format', 'sarif'],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((rule: { id: string }) => rule.id),
      ['contradicts-claim', 'supports-claim'],
    );
    assert.deepEqual(
      run.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]),
      [['supports-claim', 'note']],
    );
    assert.equal(run.results[0].locations[0].physicalLocation.region.startLine, 1);
  });
});
