#!/usr/bin/env node
// `npm run test:e2e`: the real-editor tests. Builds the extension and the suites, then
//   1. "extension": starts code-server on a copy of examples/ (+ test/e2e/fixtures/workspace)
//      with the fixture model in the user settings, and runs test/e2e/suite/*.test.ts inside its
//      extension host with this checkout as the development extension;
//   2. "multiroot": a .code-workspace of two folders with different folder settings, running
//      test/e2e/multiroot/*.test.ts;
//   3. "vsix": packages the extension (npm run package), installs the .vsix into a fresh
//      code-server as a user would, and runs test/e2e/vsix/*.test.ts against it.
// Every process it starts is stopped by PID (the whole tree), whatever happens. Exits non-zero
// when a suite fails. Needs `bash scripts/e2e/install.sh` first (E2E_ROOT, default
// /tmp/consistency-e2e). Options: --skip-build, --only=extension|multiroot|vsix, --vsix=<file>, --keep,
// --grep=<text> (only matching tests), --dev=<folder> (another development extension folder,
// for debugging the harness).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ARTIFACTS,
  REPO,
  buildTests,
  checkInstalled,
  findOutputLog,
  installExtension,
  keepLogs,
  log,
  newRun,
  prepareMultiRoot,
  prepareWorkspace,
  runTestsInBrowser,
  sh,
  startCodeServer,
  stopAll,
  stopOnSignals,
  uiDir,
  writeUserSettings,
} from './lib.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) =>
  args
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=');
const only = option('only');
const phases = only ? only.split(',') : ['extension', 'multiroot', 'vsix'];

stopOnSignals();
const summary = [];

async function phase(name, prepare) {
  const run = newRun(name);
  const t0 = Date.now();
  log(`--- ${name}: run folder ${run.dir}`);
  let result = { name, passed: 0, failed: 0, code: 'not run' };
  try {
    const { devPath, testsPath } = await prepare(run);
    const env = { CONSISTENCY_E2E_RESULTS: run.results, CONSISTENCY_E2E_UI: uiDir(run) };
    if (option('grep')) env.CONSISTENCY_E2E_GREP = option('grep');
    const server = await startCodeServer(run, { env });
    try {
      const { code, ms } = await runTestsInBrowser(server, run, {
        devPath,
        testsPath,
        consoleLog: path.join(run.dir, 'browser-console.log'),
      });
      result.code = code;
      log(`${name}: extension host exit code ${code} after ${(ms / 1000).toFixed(1)} s`);
    } finally {
      await server.stop();
    }
    if (fs.existsSync(run.results)) {
      const { outcomes } = JSON.parse(fs.readFileSync(run.results, 'utf8'));
      result.passed = outcomes.filter((o) => o.state === 'passed').length;
      result.failed = outcomes.filter((o) => o.state === 'failed').length;
      for (const o of outcomes.filter((x) => x.state === 'failed')) log(`FAILED: ${o.title}\n${o.error}`);
    } else if (result.code !== 0) {
      result.failed = Math.max(result.failed, 1);
      log(`${name}: no results file: the suites did not run (see ${path.join(ARTIFACTS, name)})`);
    }
    const outputLog = findOutputLog(run);
    if (outputLog) {
      const activated = fs
        .readFileSync(outputLog, 'utf8')
        .split('\n')
        .filter((l) => /activated in/.test(l));
      for (const line of activated) log(`${name}: ${line.replace(/^.*?\] /, '')}`);
    }
  } catch (error) {
    result.failed = Math.max(result.failed, 1);
    result.code = 'error';
    log(`${name}: ${error.stack ?? error}`);
  } finally {
    await stopAll();
    const kept = keepLogs(run);
    if (!flag('keep')) fs.rmSync(run.dir, { recursive: true, force: true, maxRetries: 5 });
    log(`${name}: logs in ${path.relative(REPO, kept)}/ (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (result.code !== 0 && result.failed === 0) result.failed = 1;
  summary.push(result);
}

try {
  checkInstalled();
  if (!flag('skip-build')) {
    log('npm run build');
    sh('npm', ['run', 'build', '--silent']);
  }
  for (const f of ['dist/extension.js', 'dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(option('dev') ?? REPO, f))) throw new Error(`${f} is missing: npm run build`);
  }
  const out = await buildTests();
  log(`suites built in ${path.relative(REPO, out)}`);

  if (phases.includes('extension')) {
    await phase('extension', (run) => {
      prepareWorkspace(run);
      writeUserSettings(run);
      return { devPath: option('dev') ? path.resolve(option('dev')) : REPO, testsPath: path.join(out, 'index.js') };
    });
  }

  if (phases.includes('multiroot')) {
    await phase('multiroot', (run) => {
      prepareMultiRoot(run);
      writeUserSettings(run);
      return {
        devPath: option('dev') ? path.resolve(option('dev')) : REPO,
        testsPath: path.join(out, 'multiroot', 'index.js'),
      };
    });
  }

  if (phases.includes('vsix')) {
    await phase('vsix', (run) => {
      let vsix = option('vsix');
      if (!vsix) {
        log('npm run package (already built)');
        sh(process.execPath, ['scripts/package.mjs', '--skip-build']);
        vsix = fs
          .readdirSync(REPO)
          .filter((f) => f.endsWith('.vsix'))
          .map((f) => path.join(REPO, f))
          .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
      }
      if (!vsix) throw new Error('no .vsix was produced');
      log(`installing ${path.relative(REPO, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB)`);
      log(installExtension(run, path.resolve(vsix)).split('\n').at(-1));
      prepareWorkspace(run);
      writeUserSettings(run);
      // The workbench needs a development extension to run tests; an empty one that only carries
      // them, so the extension under test is the installed one.
      const host = path.join(run.dir, 'tests-host');
      fs.mkdirSync(host, { recursive: true });
      fs.writeFileSync(
        path.join(host, 'package.json'),
        JSON.stringify({
          name: 'consistency-e2e-host',
          publisher: 'consistency-checker',
          version: '0.0.0',
          engines: { vscode: '*' },
        }),
      );
      return { devPath: host, testsPath: path.join(out, 'vsix', 'index.js') };
    });
  }
} catch (error) {
  log(error.stack ?? String(error));
  summary.push({ name: 'setup', passed: 0, failed: 1, code: 'error' });
} finally {
  await stopAll();
}

const passed = summary.reduce((n, r) => n + r.passed, 0);
const failed = summary.reduce((n, r) => n + r.failed, 0);
for (const r of summary) log(`${r.name}: ${r.passed} passed, ${r.failed} failed (exit ${r.code})`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
