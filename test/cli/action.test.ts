// The GitHub Action's check step (scripts/action/run.mjs) run the way the runner runs it: inputs as
// INPUT_<NAME> environment variables (hyphens kept, as the runner does), $GITHUB_WORKSPACE and
// $GITHUB_OUTPUT set; and action.yml passes every input the script reads.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, MODEL, makeCiWorkspace } from '../helpers/ci-workspace';

const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'scripts/action/run.mjs');

describe('GitHub Action: scripts/action/run.mjs', function () {
  this.timeout(120_000);
  let dir: string;
  let outputFile: string;
  beforeEach(() => {
    dir = makeCiWorkspace();
    outputFile = path.join(dir, 'github-output');
    writeFileSync(outputFile, '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runAction(inputs: Record<string, string>) {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      XDG_CACHE_HOME: path.join(os.tmpdir(), 'cc-ci-empty-xdg'),
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: outputFile,
      CONSISTENCY_CLI: CLI,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: os.tmpdir(), env, encoding: 'utf8', timeout: 120_000 });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
  }

  it('checks the workspace, writes SARIF, annotates findings and says the job fails', () => {
    const run = runAction({ paths: 'docs', model: MODEL, 'fail-on': 'error', cache: 'true' });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.outputs.failed, 'true');
    assert.ok(Number(run.outputs.findings) > 0);
    assert.equal(run.outputs.category, 'consistency/all');
    const sarif = JSON.parse(readFileSync(run.outputs.sarif, 'utf8'));
    assert.equal(sarif.runs[0].results.length, Number(run.outputs.findings));
    assert.match(run.stdout, /^::warning file=docs\/[\w/.-]+\.md,line=\d+,col=\d+::Contradicts claim c\d /m);
    // The cache went where actions/cache saves and restores it, in the workspace.
    assert.ok(readFileSync(path.join(dir, '.consistency/cache/check-cache.log'), 'utf8').length > 0);
    const again = runAction({ paths: 'docs', model: MODEL, cache: 'true' });
    assert.match(again.stderr, /model not loaded/);
  });

  it('passes with fail-on never, and uses a baseline and a shard with its own category', () => {
    assert.equal(runAction({ paths: 'docs', model: MODEL, 'fail-on': 'never' }).outputs.failed, 'false');
    spawnSync(process.execPath, [CLI, 'check', 'docs', '--model', MODEL, '--write-baseline', 'baseline.json'], {
      cwd: dir,
    });
    const known = runAction({ paths: 'docs', model: MODEL, baseline: 'baseline.json' });
    assert.equal(known.outputs.failed, 'false', known.stderr);
    assert.equal(known.outputs.findings, '0');
    const shard = runAction({ paths: 'docs', model: MODEL, shard: '2/3' });
    assert.equal(shard.outputs.category, 'consistency/2-of-3');
    assert.match(shard.outputs.sarif, /consistency-2-of-3\.sarif$/);
  });

  it('exits 2 when the check cannot run or an input is invalid', () => {
    assert.equal(runAction({ paths: 'docs', model: MODEL, 'fail-on': 'sometimes' }).code, 2);
    const badShard = runAction({ paths: 'docs', model: MODEL, shard: '4/3' });
    assert.equal(badShard.code, 2);
    assert.match(badShard.stderr, /--shard must be K\/N/);
    assert.equal(runAction({ paths: 'docs', model: path.join(dir, 'no-model') }).code, 2);
  });

  it('action.yml hands the check step every input the script reads', () => {
    type Action = {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { id?: string; env: Record<string, string> }[] };
    };
    // js-yaml comes with the dev tools (not a declared dependency, no types): loaded only here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const action = yaml.load(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    const script = readFileSync(SCRIPT, 'utf8');
    const read = [...script.matchAll(/\b(?:input|bool)\('([\w-]+)'/g)].map((m) => m[1]);
    for (const name of read) {
      assert.ok(action.inputs[name], `input ${name} is declared`);
      assert.equal(
        step.env[`INPUT_${name.toUpperCase()}`],
        `\${{ inputs.${name} }}`,
        `input ${name} reaches the script`,
      );
    }
    assert.equal(action.runs.using, 'composite');
  });
});
