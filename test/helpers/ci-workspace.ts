// A small workspace for the CI-scale tests (cache, shards, baselines, changed files): a dozen
// Markdown files, some contradicting the claims in the one pattern the fixture model knows
// ("The X supports Y." against "The X does not support Y."), and the built CLI to run on it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '../../dist/cli.js');
export const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

export const CLAIMS = [
  { id: 'c1', text: 'The clinic supports email alerts.' },
  { id: 'c2', text: 'The gateway supports rate limits.' },
  { id: 'c3', text: 'The scanner supports color prints.' },
];

/** Creates the workspace in a new temp folder and returns its path. */
export function makeCiWorkspace(files = 12): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-ci-'));
  mkdirSync(path.join(dir, '.consistency'));
  writeFileSync(path.join(dir, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: CLAIMS }, null, 2));
  mkdirSync(path.join(dir, 'docs', 'sub'), { recursive: true });
  const subjects = ['clinic', 'gateway', 'scanner'];
  const objects = ['email alerts', 'rate limits', 'color prints'];
  for (let i = 0; i < files; i++) {
    const k = i % 3;
    const lines = [`# Page ${i}`, '', `The ${subjects[k]} is described here in some detail for page ${i}.`];
    // Every other page contradicts a claim, some of them twice; sizes vary so shards balance.
    if (i % 2 === 0) lines.push('', `The ${subjects[k]} does not support ${objects[k]}.`);
    if (i % 4 === 0) lines.push('', `Note that the ${subjects[(k + 1) % 3]} does not support ${objects[(k + 1) % 3]}.`);
    for (let j = 0; j < i; j++) lines.push('', `Paragraph ${j} says the ${subjects[k]} supports ${objects[k]} well.`);
    writeFileSync(
      path.join(dir, 'docs', i % 3 === 0 ? 'sub' : '.', `page-${String(i).padStart(2, '0')}.md`),
      lines.join('\n') + '\n',
    );
  }
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  // An empty model cache, so that no model the developer installed changes the outcome.
  const env = { ...process.env, XDG_CACHE_HOME: path.join(os.tmpdir(), 'cc-ci-empty-xdg'), ...options.env };
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env,
    input: options.input,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonFinding {
  file: string;
  start: number;
  end: number;
  sentence: string;
  claimId: string;
  probabilities: Record<string, number>;
  severity: string;
}

/** Findings of a `--format json` run in a canonical order, for comparing runs. */
export function findingsOf(run: CliRun): JsonFinding[] {
  const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
  return findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.start - b.start || a.claimId.localeCompare(b.claimId),
  );
}
