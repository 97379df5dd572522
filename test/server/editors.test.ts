// The server with editors other than our VS Code client: settings from
// whichever channel the editor uses, actionable errors as window/showMessage, "Go to claim" only
// where the editor can open it, hovers without command links, a fast shutdown mid-check, and a
// languageId that contradicts the file extension.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { FIXTURE_MODEL, startServer, type StartOptions, type TestServer } from '../helpers/lsp-client';

const CLAIM = 'The clinic supports email alerts.';
const CONTRADICTION = 'The clinic does not support email alerts.';
/** A client that announces nothing (Neovim 0.7's built-in client without extra capabilities). */
const BARE: StartOptions['capabilities'] = {};

function makeWorkspace(claims: unknown = { version: 1, claims: [{ id: 'c1', text: CLAIM }] }): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cc-editors-'));
  mkdirSync(path.join(root, '.consistency'));
  writeFileSync(
    path.join(root, '.consistency', 'claims.json'),
    typeof claims === 'string' ? claims : JSON.stringify(claims, null, 2) + '\n',
  );
  return root;
}

async function actionsFor(server: TestServer, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
}

async function hoverText(server: TestServer, uri: string, line = 0): Promise<string> {
  const hover = (await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line, character: 5 },
  })) as Hover;
  return (hover.contents as { value: string }).value;
}

describe('language server with any LSP client (other editors)', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer;

  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('takes its settings from the didChangeConfiguration payload when the client does not announce workspace/configuration', async () => {
    root = makeWorkspace();
    server = await startServer(root, {}, { capabilities: BARE });
    await server.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { consistency: { model: FIXTURE_MODEL, threads: 1 } },
    });
    await server.waitForStatus((s) => s.state === 'ready');
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    await server.waitForDiagnostics(uri, (d) => d.length === 1);
  });

  it('takes its settings from initializationOptions when nothing else names them', async () => {
    root = makeWorkspace();
    server = await startServer(
      root,
      {},
      { capabilities: BARE, initializationOptions: { consistency: { model: FIXTURE_MODEL, threads: 1 } } },
    );
    await server.waitForStatus((s) => s.state === 'ready');
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    await server.waitForDiagnostics(uri, (d) => d.length === 1);
  });

  it('falls back to the pushed settings when the client answers workspace/configuration with null (Eglot without that section)', async () => {
    root = makeWorkspace();
    server = await startServer(
      root,
      {},
      { handlers: { 'workspace/configuration': (p) => (p as { items: unknown[] }).items.map(() => null) } },
    );
    await server.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { 'consistency.model': FIXTURE_MODEL },
    });
    await server.waitForStatus((s) => s.state === 'ready');
  });

  it('says once, with window/showMessage, that the model is missing and how to install it, when the client is not ours', async () => {
    root = makeWorkspace();
    // No settings: the catalog's default model, which a fresh cache does not hold.
    server = await startServer(
      root,
      {},
      {
        capabilities: BARE,
        handlers: { 'workspace/configuration': (p) => (p as { items: unknown[] }).items.map(() => null) },
      },
    );
    await server.waitForStatus((s) => s.state === 'noModel' || s.state === 'error');
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { other: true } });
    await new Promise((r) => setTimeout(r, 300));
    const errors = server.messages.filter((m) => m.type === 1);
    assert.equal(errors.length, 1, JSON.stringify(server.messages));
    assert.match(errors[0].message, /not installed.*consistency-check model pull|consistency\.model/);
  });

  it('says that the claims file is invalid with window/showMessage, when the client is not ours', async () => {
    root = makeWorkspace('{ "version": 1, "claims": [ { "id": "c1", "text": "x", "enabled": "yes" } ] }');
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    await new Promise((r) => setTimeout(r, 200));
    const errors = server.messages.filter((m) => /claims file is invalid/.test(m.message));
    assert.equal(errors.length, 1, JSON.stringify(server.messages));
    assert.match(errors[0].message, /enabled/);
  });

  it('does not send window/showMessage for a missing model or a broken claims file to our VS Code client (it shows them itself)', async () => {
    root = makeWorkspace('{ "version": 1, "claims": "broken" }');
    server = await startServer(
      root,
      { model: path.join(root, 'no-such-model') },
      { initializationOptions: { client: 'vscode', clientShowsModelErrors: true } },
    );
    await server.waitForStatus((s) => s.state === 'error');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      server.messages.filter((m) => m.type === 1),
      [],
    );
  });

  it('offers "Go to claim" through window/showDocument when the client supports it, and opens claims.json at the claim', async () => {
    root = makeWorkspace({
      version: 1,
      claims: [
        { id: 'c0', text: 'The museum includes audio recordings.' },
        { id: 'c1', text: CLAIM },
      ],
    });
    const shown: unknown[] = [];
    server = await startServer(
      root,
      {},
      {
        capabilities: { workspace: { configuration: true }, window: { showDocument: { support: true } } },
        handlers: { 'window/showDocument': (p) => (shown.push(p), { success: true }) },
      },
    );
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    const goTo = (await actionsFor(server, uri, diagnostic)).find((a) => a.title.startsWith('Go to claim'));
    assert.equal(goTo?.command?.command, 'consistency.server.revealClaim');
    const result = await server.connection.sendRequest('workspace/executeCommand', {
      command: goTo!.command!.command,
      arguments: goTo!.command!.arguments,
    });
    assert.deepEqual(result, { success: true });
    const request = shown[0] as { uri: string; takeFocus: boolean; selection: { start: { line: number } } };
    assert.equal(request.uri, URI.file(path.join(root, '.consistency', 'claims.json')).toString());
    assert.equal(request.takeFocus, true);
    assert.ok(request.selection.start.line >= 3, `claim c1's line, got ${request.selection.start.line}`);
  });

  it('offers no "Go to claim" and no command links to a client without window/showDocument', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    const titles = (await actionsFor(server, uri, diagnostic)).map((a) => a.title);
    assert.ok(
      titles.some((t) => t.startsWith('Dismiss this finding')),
      titles.join(),
    );
    assert.ok(!titles.some((t) => t.startsWith('Go to claim')), titles.join());
    const value = await hoverText(server, uri);
    assert.match(value, /Contradicts pinned claim c1/);
    assert.doesNotMatch(value, /command:|\]\(/);
  });

  it('gives our VS Code client its own "Go to claim" command and command links in the hover', async () => {
    root = makeWorkspace();
    server = await startServer(root, {}, { initializationOptions: { client: 'vscode', clientShowsModelErrors: true } });
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    const goTo = (await actionsFor(server, uri, diagnostic)).find((a) => a.title.startsWith('Go to claim'));
    assert.equal(goTo?.command?.command, 'consistency.revealClaim');
    assert.match(await hoverText(server, uri), /\(command:consistency\.revealClaim\?/);
  });

  it('reads a .tex file as LaTeX even when the client says languageId "markdown" (Eglot with one entry for several modes)', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    // A LaTeX comment is not prose; read as Markdown it would be a contradicting sentence.
    const text = `% ${CONTRADICTION}\n\\section{Alerts}\nThe museum includes audio recordings.\n\n${CONTRADICTION}\n`;
    const uri = server.open(path.join(root, 'paper.tex'), text, 'markdown');
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => d.range.start.line),
      [4],
    );
  });

  it('answers shutdown within 100 ms in the middle of a long check', async () => {
    const claims = Array.from({ length: 30 }, (_, k) => ({
      id: `c${k}`,
      text: `The clinic supports email alerts ${k}.`,
    }));
    root = makeWorkspace({ version: 1, claims });
    server = await startServer(root, { pairing: 'exhaustive' });
    await server.waitForStatus((s) => s.state === 'ready');
    // Every sentence shares words with every claim (a long scoring run); one in a hundred contradicts.
    const text = Array.from({ length: 3000 }, (_, k) =>
      k % 100 === 0
        ? `The clinic does not support email alerts ${k}.`
        : `The clinic sends email alerts ${k} on weekdays.`,
    ).join(' ');
    server.open(path.join(root, 'big.md'), text);
    await server.waitForStatus((s) => s.state === 'checking');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    await server.connection.sendRequest('shutdown');
    const ms = performance.now() - t0;
    assert.ok(ms < 100, `shutdown took ${ms.toFixed(0)} ms`);
  });
});
