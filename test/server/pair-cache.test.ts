// The language server keeps pair scores in the same on-disk cache as `check --cache`: a second
// session on the same workspace publishes the same diagnostics without scoring anything again, and
// scores the CLI computed are reused by the server.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_MODEL, startServer, type TestServer } from '../helpers/lsp-client';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const TEXT = '# Clinic\n\nThe clinic does not support email alerts.\n\nThe clinic opens at nine.\n';

describe('server: persistent pair cache', function () {
  this.timeout(60_000);
  let root: string;
  let xdg: string;
  let server: TestServer | undefined;
  const log = () => path.join(xdg, 'consistency-checker', 'cache', 'check-cache.log');
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-server-cache-'));
    xdg = mkdtempSync(path.join(os.tmpdir(), 'cc-server-xdg-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
    rmSync(xdg, { recursive: true, force: true });
  });

  async function session(): Promise<string[]> {
    server = await startServer(root, { model: FIXTURE_MODEL }, { env: { XDG_CACHE_HOME: xdg } });
    const uri = server.open(path.join(root, 'doc.md'), TEXT);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    await server.stop();
    server = undefined;
    return diagnostics.map((d) => `${d.range.start.line}:${d.message}`);
  }

  it('writes scores on shutdown and answers the next session from them', async () => {
    const first = await session();
    const written = readFileSync(log(), 'utf8');
    assert.ok(written.split('\n').length > 1, 'pair scores were written');
    const second = await session();
    assert.deepEqual(second, first);
    assert.equal(readFileSync(log(), 'utf8'), written, 'nothing new was scored in the second session');
  });

  it('reuses the scores the CLI computed with --cache', async () => {
    writeFileSync(path.join(root, 'doc.md'), TEXT);
    const cli = spawnSync(process.execPath, [CLI, 'check', 'doc.md', '--model', FIXTURE_MODEL, '--cache'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: xdg },
    });
    assert.equal(cli.status, 1, cli.stderr);
    const size = statSync(log()).size;
    const diagnostics = await session();
    assert.equal(diagnostics.length, 1);
    assert.equal(statSync(log()).size, size, 'the server scored nothing the CLI had scored');
  });

  const shown = (d: Array<{ range: { start: { line: number } }; message: unknown }>) =>
    d.map((x) => `${x.range.start.line}:${String(x.message)}`);
  const loadedLog = (logs: string[]) => logs.filter((l) => /^Model (ready: .*\(.*model.*\.onnx\)|loaded: )/.test(l));

  it('a second session publishes the same diagnostics without the model; an edit with a new pair loads it', async () => {
    server = await startServer(root, { model: FIXTURE_MODEL }, { env: { XDG_CACHE_HOME: xdg } });
    const file = path.join(root, 'doc.md');
    let uri = server.open(file, TEXT);
    const first = shown(await server.waitForDiagnostics(uri, (d) => d.length > 0));
    assert.equal(loadedLog(server.logs).length, 1, 'the first session loads the model (nothing cached)');
    await server.stop();

    server = await startServer(root, { model: FIXTURE_MODEL }, { env: { XDG_CACHE_HOME: xdg } });
    uri = server.open(file, TEXT);
    assert.deepEqual(shown(await server.waitForDiagnostics(uri, (d) => d.length > 0)), first);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(loadedLog(server.logs), [], `not loaded: ${server.logs.join(' | ')}`);
    assert.ok(
      server.logs.some((l) => /not loaded yet: checks are answered from the pair cache/.test(l)),
      server.logs.join(' | '),
    );
    const afterReady = server.statuses.slice(server.statuses.findIndex((s) => s.state === 'ready'));
    assert.ok(
      afterReady.every((s) => s.state !== 'loadingModel' && s.state !== 'error'),
      JSON.stringify(afterReady),
    );
    assert.equal(server.statuses.at(-1)!.state, 'ready');
    const current = (await server.connection.sendRequest('consistency/getStatus')) as {
      state: string;
      message: string;
    };
    assert.deepEqual(
      [current.state, current.message],
      ['ready', 'Ready'],
      'the status bar says ready while the model is not needed',
    );

    // A sentence never scored: the model loads, and the new sentence is checked with it.
    const edited = `${TEXT}\nThe clinic never supports email alerts on weekends.\n`;
    const seen = server.statuses.length;
    void server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    await waitFor(() => server!.logs.some((l) => l.startsWith('Loading the model: a pair is not in the pair cache')));
    await waitFor(() => server!.statuses.slice(seen).some((s) => s.state === 'loadingModel'));
    await waitFor(() => server!.logs.some((l) => /^Model loaded: /.test(l)));
    await waitFor(() => server!.statuses.at(-1)!.state === 'ready');
    assert.ok(server.diagnostics.get(uri)!.length >= 1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
