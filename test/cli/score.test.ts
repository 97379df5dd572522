// End-to-end test of `consistency-check score`: JSON lines in, scores out, through a real process.
// Uses the bundled CLI (dist/cli.js, from `npm run build`) when it is newer than the sources it
// bundles from this area, else runs src/cli/main.ts through tsx so a stale bundle is never tested.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_DIR, maxAbsDiff, referencePairs } from '../unit/nli-fixture';

const ROOT = path.resolve(__dirname, '../..');
const DIST_CLI = path.join(ROOT, 'dist/cli.js');

function cliCommand(): string[] {
  const sources = [path.join(ROOT, 'src/cli/commands/score.ts'), path.join(ROOT, 'src/cli/main.ts')];
  const nliDir = path.join(ROOT, 'src/core/nli');
  sources.push(...fs.readdirSync(nliDir).map((f) => path.join(nliDir, f)));
  const newestSource = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (fs.existsSync(DIST_CLI) && fs.statSync(DIST_CLI).mtimeMs >= newestSource) return [DIST_CLI];
  return ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts')];
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], stdin: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliCommand(), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const toLine = (p: { premise: string; hypothesis: string }) =>
  JSON.stringify({ premise: p.premise, hypothesis: p.hypothesis });

describe('consistency-check score', function () {
  this.timeout(120_000);

  it('scores all 70 reference pairs in order, within 1e-4 of PyTorch', async () => {
    const pairs = referencePairs();
    // Blank lines are skipped; CRLF line ends are accepted.
    const input = pairs.map((p, i) => toLine(p) + (i % 2 === 0 ? '\n\n' : '\r\n')).join('');
    const { code, stdout, stderr } = await runCli(
      ['score', '--model', FIXTURE_DIR, '--threads', '2', '--batch-size', '8'],
      input,
    );
    assert.equal(code, 0, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, pairs.length);
    let worst = 0;
    lines.forEach((line, i) => {
      const score = JSON.parse(line);
      assert.deepEqual(Object.keys(score), ['labels', 'logits', 'probabilities']);
      assert.deepEqual(score.labels, ['entailment', 'neutral', 'contradiction']);
      assert.deepEqual(Object.keys(score.probabilities), ['entailment', 'neutral', 'contradiction']);
      worst = Math.max(worst, maxAbsDiff(score.logits, pairs[i].logits));
    });
    assert.ok(worst <= 1e-4, `max abs logit difference ${worst}`);
  });

  it('stops at an invalid line with its number, after answering the lines before it', async () => {
    const pairs = referencePairs().slice(0, 3);
    const input = [toLine(pairs[0]), '', toLine(pairs[1]), '{"premise": "x",', toLine(pairs[2])].join('\n') + '\n';
    const { code, stdout, stderr } = await runCli(['score', '--model', FIXTURE_DIR, '--threads', '1'], input);
    assert.equal(code, 2);
    assert.match(stderr, /line 4: invalid JSON/);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    lines.forEach((line, i) => assert.ok(maxAbsDiff(JSON.parse(line).logits, pairs[i].logits) <= 1e-4));
  });

  it('reports a model error with its hint and exits 2', async () => {
    const missing = path.join(ROOT, 'test/fixtures/no-such-model');
    const { code, stdout, stderr } = await runCli(['score', '--model', missing], toLine(referencePairs()[0]) + '\n');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /model folder not found: .*no-such-model\n.*transformers\.js layout/);
  });
});
