// The language server in this process with an engine the test controls: when checks run and
// what a cancelled request does, asserted over real LSP messages without a model or a child process.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { FakeEngine, fakeLoader, startInProcess, type InProcessServer } from '../helpers/in-process-server';

const CLAIMS = { version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] };
const TEXT = '# Clinic\n\nThe clinic does not support email alerts.\n\nThe clinic opens at nine.\n';

describe('server in-process: when checks run', function () {
  this.timeout(20_000);
  let root: string;
  let server: InProcessServer | undefined;
  let engine: FakeEngine;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-inproc-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify(CLAIMS));
    engine = new FakeEngine();
  });
  afterEach(async () => {
    engine.release();
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('edit mode: a document is checked as soon as it is opened, not after debounceMs', async () => {
    // TextDocuments fires onDidOpen and onDidChangeContent for an open; the second must not
    // replace the immediate check with a debounced one.
    server = await startInProcess(root, fakeLoader(engine), { checkFrequency: 'edit', debounceMs: 10_000 });
    await server.waitForStatus((s) => s.state === 'ready');
    const uri = server.open(path.join(root, 'doc.md'), TEXT);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0, 5000);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /email alerts/);
  });

  it('edit mode: edits after the open still wait for debounceMs', async () => {
    server = await startInProcess(root, fakeLoader(engine), { checkFrequency: 'edit', debounceMs: 400 });
    await server.waitForStatus((s) => s.state === 'ready');
    const uri = server.open(path.join(root, 'doc.md'), 'The clinic opens at nine.\n');
    await server.waitForDiagnostics(uri, (d) => d.length === 0, 5000);
    const calls = engine.calls;
    const started = Date.now();
    server.change(uri, TEXT, 2);
    await server.waitForDiagnostics(uri, (d) => d.length === 1, 5000);
    assert.ok(Date.now() - started >= 400, `checked ${Date.now() - started} ms after the edit`);
    assert.ok(engine.calls > calls);
  });

  it('cancelling consistency/checkDocument stops the check and starts no other', async () => {
    server = await startInProcess(root, fakeLoader(engine), { checkFrequency: 'manual' });
    await server.waitForStatus((s) => s.state === 'ready');
    const uri = server.open(path.join(root, 'doc.md'), TEXT);
    engine.hold();
    const cancel = new CancellationTokenSource();
    const answer = server.connection.sendRequest('consistency/checkDocument', { uri }, cancel.token);
    await engine.waitForCalls(1);
    cancel.cancel();
    const result = (await answer.catch((error: Error) => ({ error: error.message }))) as Record<string, unknown>;
    engine.release();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(engine.calls, 1, 'no check ran after the cancel');
    assert.equal(server.diagnostics.get(uri), undefined, 'nothing was published for the cancelled check');
    assert.ok(result.cancelled === true || 'error' in result, JSON.stringify(result));
  });

  it('a check request that shares a run with an automatic check does not cancel that check', async () => {
    server = await startInProcess(root, fakeLoader(engine), { checkFrequency: 'save', debounceMs: 50 });
    await server.waitForStatus((s) => s.state === 'ready');
    engine.hold();
    const uri = server.open(path.join(root, 'doc.md'), TEXT);
    await engine.waitForCalls(1);
    const cancel = new CancellationTokenSource();
    const answer = server.connection.sendRequest('consistency/checkDocument', { uri }, cancel.token);
    await new Promise((r) => setTimeout(r, 100));
    cancel.cancel();
    await answer.catch(() => undefined);
    engine.release();
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0, 5000);
    assert.equal(diagnostics.length, 1);
  });
});

describe('server in-process: claims files changed on disk', function () {
  this.timeout(20_000);
  let root: string;
  let server: InProcessServer | undefined;
  const claimsFile = () => path.join(root, '.consistency', 'claims.json');
  // The fake engine flags a sentence when exactly one side says "not": this claim flags line 4, not line 2.
  const reworded = { version: 1, claims: [{ id: 'c1', text: 'The clinic does not open at nine.' }] };
  const lines = (d: Array<{ range: { start: { line: number } } }>) => d.map((x) => x.range.start.line);
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-inproc-watch-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(claimsFile(), JSON.stringify(CLAIMS));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  async function open(
    capabilities: Record<string, unknown>,
    handlers: Record<string, (params: unknown) => unknown> = {},
  ) {
    server = await startInProcess(root, fakeLoader(new FakeEngine()), {}, { capabilities, handlers });
    const uri = server.open(path.join(root, 'doc.md'), TEXT);
    await server.waitForDiagnostics(uri, (d) => lines(d).join() === '2');
    return uri;
  }

  it('an editor that registers watchers: the server registers one, reloads on its events and does not poll', async () => {
    const registrations: unknown[] = [];
    const uri = await open(
      { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      { 'client/registerCapability': (params) => void registrations.push(params) },
    );
    await waitUntil(() => server!.logs.some((l) => l.includes('watched by the editor')));
    assert.match(
      JSON.stringify(registrations),
      /workspace\/didChangeWatchedFiles.*\*\*\/\.consistency\/\{claims,dismissed\}\.json/,
    );
    writeFileSync(claimsFile(), JSON.stringify(reworded));
    await new Promise((r) => setTimeout(r, 1800));
    assert.equal(
      lines(server!.diagnostics.get(uri)!).join(),
      '2',
      'no poll picked the change up: the server waits for the event',
    );
    // An event for another workspace's claims file is not ours.
    void server!.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: 'file:///elsewhere/.consistency/claims.json', type: 2 }],
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(lines(server!.diagnostics.get(uri)!).join(), '2');
    void server!.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(claimsFile()).toString(), type: 2 }],
    });
    await server!.waitForDiagnostics(uri, (d) => lines(d).join() === '4', 3000);
  });

  it('an editor without watcher registration: the server polls the files', async () => {
    const uri = await open({ workspace: { configuration: true } });
    writeFileSync(claimsFile(), JSON.stringify(reworded));
    await server!.waitForDiagnostics(uri, (d) => lines(d).join() === '4', 5000);
  });

  it('an editor that refuses the registration: the server keeps polling', async () => {
    const uri = await open(
      { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      {
        'client/registerCapability': () => {
          throw new Error('no watchers here');
        },
      },
    );
    await waitUntil(() => server!.logs.some((l) => l.includes('polling them')));
    writeFileSync(claimsFile(), JSON.stringify(reworded));
    await server!.waitForDiagnostics(uri, (d) => lines(d).join() === '4', 5000);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
