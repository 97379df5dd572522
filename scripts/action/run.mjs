#!/usr/bin/env node
// The check step of the GitHub Action (action.yml), as the runner runs it: inputs arrive as
// INPUT_<NAME> environment variables (upper case, spaces as _), outputs go to $GITHUB_OUTPUT, and
// findings become workflow annotations. Kept in one plain Node script, with no dependency beyond
// the CLI, so that the tests can run it exactly the way a runner would.
//
// Exit status: 0 whenever the check ran (pass or fail is the `failed` output, read by a later step
// once the cache is saved and the SARIF uploaded), 2 when it could not run (usage, claims, model).
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const input = (name, fallback = '') => {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
};
const bool = (name, fallback) => /^(true|yes|1|on)$/i.test(input(name, String(fallback)));

const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
const cli =
  process.env.CONSISTENCY_CLI || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/cli.js');
const failOn = input('fail-on', 'error');
if (!['error', 'warning', 'never'].includes(failOn)) {
  console.error(`::error::fail-on must be error, warning or never, not '${failOn}'`);
  process.exit(2);
}
const shard = input('shard');
const sarifFile = path.resolve(
  workspace,
  input('sarif-file', shard ? `consistency-${shard.replace('/', '-of-')}.sarif` : 'consistency.sarif'),
);

// Not --quiet: the summary lines (findings, cache hits, baseline) belong in the job log.
const args = ['check', ...input('paths', '.').split(/\s+/).filter(Boolean), '--format', 'sarif'];
const claims = input('claims');
if (claims) args.push('--claims', claims);
args.push('--model', input('model', 'e5-small-v2-nli'));
// The folder action.yml restores and saves with actions/cache.
if (bool('cache', true)) args.push('--cache', '--cache-location', '.consistency/cache');
if (shard) args.push('--shard', shard);
const baseline = input('baseline');
if (baseline) args.push('--baseline', baseline);
const changedSince = input('changed-since');
if (changedSince) args.push('--changed-since', changedSince);
const threshold = input('threshold');
if (threshold) args.push('--threshold', threshold);
const errorThreshold = input('error-threshold');
if (errorThreshold) args.push('--error-threshold', errorThreshold);
args.push(...input('args').split(/\s+/).filter(Boolean));

console.log(`consistency-check ${args.join(' ')}`);
const run = spawnSync(process.execPath, [cli, ...args], {
  cwd: workspace,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
  maxBuffer: 256 << 20,
});
process.stderr.write(run.stderr ?? '');
if (run.status !== 0 && run.status !== 1) {
  console.error(`::error::consistency-check could not run (exit ${run.status ?? run.signal})`);
  process.exit(2);
}
writeFileSync(sarifFile, run.stdout);

const results = JSON.parse(run.stdout)
  .runs.flatMap((r) => r.results ?? [])
  .filter((r) => r.ruleId === 'contradicts-claim');
for (const r of results.slice(0, 50)) {
  // Annotations show on the pull request's changed lines; GitHub shows at most 50 per step.
  const where = r.locations[0].physicalLocation;
  const props = `file=${escape(where.artifactLocation.uri)},line=${where.region.startLine},col=${where.region.startColumn}`;
  console.log(`::${r.level === 'error' ? 'error' : 'warning'} ${props}::${escape(r.message.text)}`);
}
const errors = results.filter((r) => r.level === 'error').length;
// error: fail as `check` does (exit 1: any finding, or with error-threshold any error-tier one).
const failed = failOn === 'never' ? false : failOn === 'warning' ? results.length > 0 : run.status === 1;
const category = JSON.parse(run.stdout).runs[0]?.automationDetails?.id ?? 'consistency/all';
const outputs = { findings: results.length, errors, failed, sarif: sarifFile, category, 'exit-code': run.status };
console.log(
  `${results.length} finding${results.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}); ${failed ? 'failing' : 'passing'} (fail-on: ${failOn})`,
);
if (process.env.GITHUB_OUTPUT)
  appendFileSync(
    process.env.GITHUB_OUTPUT,
    Object.entries(outputs)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );

/** Workflow-command escaping (properties and message). */
function escape(text) {
  return String(text)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/,/g, '%2C')
    .replace(/:/g, '%3A');
}
