// Runs the mocha files of one folder inside the VS Code extension host. Used by the index
// modules that a host loads as `extensionTestsPath` (code-server here, @vscode/test-electron
// elsewhere): `run()` resolves when every test passed and rejects otherwise, which the host turns
// into the exit code. Results also go to the console (one line a test) and, when
// CONSISTENCY_E2E_RESULTS names a file, to that file as JSON for scripts/e2e/run.mjs.
// CONSISTENCY_E2E_GREP runs only the tests whose title matches.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Outcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export function runFolder(folder: string, name: string): Promise<void> {
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(folder, f));
  const outcomes: Outcome[] = [];
  const log = (line: string): void => console.log(`[e2e] ${line}`);
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_SUITE_BEGIN } = Mocha.Runner.constants;

  class Reporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => suite.title && log(`suite: ${suite.fullTitle()}`));
      runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
        outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
        log(`  ok   ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: Error) => {
        outcomes.push({
          title: test.fullTitle(),
          state: 'failed',
          durationMs: test.duration,
          error: error.stack ?? String(error),
        });
        log(`  FAIL ${test.title}\n${indent(error.stack ?? String(error))}`);
      });
      runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
        outcomes.push({ title: test.fullTitle(), state: 'pending' });
        log(`  skip ${test.title}`);
      });
    }
  }

  const mocha = new Mocha({
    ui: 'tdd',
    timeout: 60_000,
    color: false,
    reporter: Reporter as unknown as typeof Mocha.reporters.Base,
  });
  if (process.env.CONSISTENCY_E2E_GREP) mocha.grep(process.env.CONSISTENCY_E2E_GREP);
  for (const file of files) mocha.addFile(file);
  log(`${name}: ${files.length} file(s) in ${folder}`);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        const count = (state: Outcome['state']) => outcomes.filter((o) => o.state === state).length;
        const summary = `${name}: ${count('passed')} passed, ${count('failed')} failed${count('pending') ? `, ${count('pending')} skipped` : ''}`;
        log(summary);
        const out = process.env.CONSISTENCY_E2E_RESULTS;
        if (out) {
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.writeFileSync(out, JSON.stringify({ name, outcomes }, null, 2));
        }
        if (failures > 0 || files.length === 0) reject(new Error(files.length === 0 ? 'no test files' : summary));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `         ${l}`)
    .join('\n');
}
