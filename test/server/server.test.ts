// The language server as a real child process over a real LSP connection: diagnostics, hover,
// code actions, custom requests, a broken claims file and a missing model.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, promises as fs, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp-client';

const CLAIM = 'The clinic supports email alerts.';
const CONTRADICTION = 'The clinic does not support email alerts.';
const NEUTRAL = 'The museum includes audio recordings.';

function makeWorkspace(claims: unknown = { version: 1, claims: [{ id: 'c1', text: CLAIM }] }): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cc-server-'));
  mkdirSync(path.join(root, '.consistency'));
  writeFileSync(
    path.join(root, '.consistency', 'claims.json'),
    typeof claims === 'string' ? claims : JSON.stringify(claims, null, 2) + '\n',
  );
  return root;
}

describe('language server over LSP (dist/server.js --stdio)', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer;

  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes a diagnostic for each contradicting sentence, with range, message, code and data', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    const text = `# Clinic\n\n${NEUTRAL} ${CONTRADICTION}\n`;
    const uri = server.open(path.join(root, 'doc.md'), text);
    const [diagnostic, ...rest] = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.equal(rest.length, 0);
    assert.equal(diagnostic.source, 'Consistency');
    assert.equal(diagnostic.code, 'c1');
    assert.equal(diagnostic.severity, 2);
    assert.match(diagnostic.message as string, /^Contradicts claim "The clinic supports email alerts\." \(\d+%\)$/);
    const start = text.indexOf(CONTRADICTION);
    assert.deepEqual(diagnostic.range, {
      start: { line: 2, character: start - text.indexOf(NEUTRAL) },
      end: { line: 2, character: start - text.indexOf(NEUTRAL) + CONTRADICTION.length },
    });
    assert.equal((diagnostic.data as { claimId: string }).claimId, 'c1');
    assert.equal(
      diagnostic.relatedInformation?.[0].location.uri,
      URI.file(path.join(root, '.consistency', 'claims.json')).toString(),
    );
  });

  it('re-checks after an incremental edit and drops the diagnostic when the contradiction is gone', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    const text = `${NEUTRAL}\n`;
    const uri = server.open(path.join(root, 'doc.md'), text);
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `${CONTRADICTION}\n` },
      ],
    });
    const [added] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(added.range.start.line, 1);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }],
    });
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('explains a finding on hover and offers dismiss, unpin and pin code actions', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);

    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 5 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value as string;
    assert.match(value, /The clinic supports email alerts\./);
    assert.match(value, /entailment \| neutral \| contradiction/);
    assert.match(value, /\*\*\d+%\*\*/);
    assert.match(value, /Model: `tiny-bert-nli`/);
    assert.doesNotMatch(value, /command:/, 'command links only for our VS Code client (test/server/editors.test.ts)');

    const noHover = await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 0 },
    });
    assert.equal(noHover, null);

    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.some((t) => t.startsWith('Dismiss this finding')),
      titles.join(),
    );
    assert.ok(
      titles.some((t) => t.startsWith('Unpin claim')),
      titles.join(),
    );
    assert.ok(
      titles.some((t) => t.startsWith('Pin as a claim')),
      titles.join(),
    );

    // Dismiss through the command the code action carries: the diagnostic goes and stays gone.
    const dismiss = actions.find((a) => a.title.startsWith('Dismiss'))!;
    await server.connection.sendRequest('workspace/executeCommand', {
      command: dismiss.command!.command,
      arguments: dismiss.command!.arguments,
    });
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    const dismissed = JSON.parse(readFileSync(path.join(root, '.consistency', 'dismissed.json'), 'utf8'));
    assert.equal(dismissed.dismissed[0].claimId, 'c1');
    assert.equal(dismissed.dismissed[0].file, 'doc.md');
  });

  it('unpins a claim through its code action and the diagnostic goes away', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const unpin = actions.find((a) => a.title.startsWith('Unpin'))!;
    await server.connection.sendRequest('workspace/executeCommand', {
      command: unpin.command!.command,
      arguments: unpin.command!.arguments,
    });
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    const claims = JSON.parse(readFileSync(path.join(root, '.consistency', 'claims.json'), 'utf8'));
    assert.deepEqual(claims.claims, []);
  });

  it('pins a claim through consistency/pinClaim and flags what contradicts it', async () => {
    root = makeWorkspace({ version: 1, claims: [] });
    server = await startServer(root);
    const text = `${CLAIM}\n\n${CONTRADICTION}\n`;
    const uri = server.open(path.join(root, 'doc.md'), text);
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    const result = (await server.connection.sendRequest('consistency/pinClaim', {
      uri,
      position: { line: 0, character: 3 },
    })) as { claim: { id: string; text: string; source: { file: string; start: number; end: number } } };
    assert.equal(result.claim.text, CLAIM);
    assert.deepEqual(result.claim.source, { file: 'doc.md', start: 0, end: CLAIM.length, line: 1 });
    const [finding] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(finding.range.start.line, 2);
    const saved = JSON.parse(readFileSync(path.join(root, '.consistency', 'claims.json'), 'utf8'));
    assert.equal(saved.claims[0].text, CLAIM);
    const listed = (await server.connection.sendRequest('consistency/listClaims')) as {
      claims: Array<{ id: string; text: string }>;
    };
    assert.deepEqual(
      listed.claims.map((c) => [c.id, c.text]),
      [[result.claim.id, CLAIM]],
    );
  });

  it('checks the workspace with progress, including files that were never opened', async () => {
    root = makeWorkspace();
    writeFileSync(path.join(root, 'closed.md'), `# Notes\n\n${CONTRADICTION}\n`);
    writeFileSync(path.join(root, 'fine.txt'), `${NEUTRAL}\n`);
    mkdirSync(path.join(root, 'node_modules'));
    writeFileSync(path.join(root, 'node_modules', 'ignored.md'), `${CONTRADICTION}\n`);
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    const result = (await server.connection.sendRequest('consistency/checkWorkspace', {})) as {
      documents: number;
      findings: number;
    };
    assert.deepEqual({ documents: result.documents, findings: result.findings }, { documents: 2, findings: 1 });
    const closedUri = URI.file(path.join(root, 'closed.md')).toString();
    assert.equal(server.diagnostics.get(closedUri)?.length, 1);
    assert.equal(server.diagnostics.get(URI.file(path.join(root, 'node_modules', 'ignored.md')).toString()), undefined);
    const kinds = server.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
  });

  it('reports an invalid claims file precisely, keeps answering, and never rewrites the file', async () => {
    const broken = '{"version":1,"claims":[{"id":"c1","text":"x"},]}\n';
    root = makeWorkspace(broken);
    server = await startServer(root);
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    await server.waitForStatus((s) => s.state === 'ready');
    const listed = (await server.connection.sendRequest('consistency/listClaims')) as {
      claims: unknown[];
      error?: string;
    };
    assert.match(listed.error ?? '', /claims\.json:1:\d+/);
    await assert.rejects(
      server.connection.sendRequest('consistency/pinClaim', { text: 'The train uses unicode.' }),
      /invalid/,
    );
    assert.equal(readFileSync(path.join(root, '.consistency', 'claims.json'), 'utf8'), broken);
    const hover = await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.equal(hover, null);
  });

  it('reports a missing model once, clearly, and keeps answering requests', async () => {
    root = makeWorkspace();
    server = await startServer(root, { model: path.join(root, 'no-such-model') });
    const status = await server.waitForStatus((s) => s.state === 'error');
    assert.match(status.detail ?? '', /no-such-model/);
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const listed = (await server.connection.sendRequest('consistency/listClaims')) as { claims: unknown[] };
    assert.equal(listed.claims.length, 1);
    await assert.rejects(server.connection.sendRequest('consistency/checkDocument', { uri }), /no-such-model/);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.messages.filter((m) => /no-such-model/.test(m.message)).length, 1);
  });

  it('reports a model folder without tokenizer.json by name', async () => {
    root = makeWorkspace();
    const model = path.join(root, 'model');
    await fs.cp(path.resolve(__dirname, '../fixtures/tiny-bert-nli'), model, { recursive: true });
    await fs.rm(path.join(model, 'tokenizer.json'));
    server = await startServer(root, { model });
    const status = await server.waitForStatus((s) => s.state === 'error');
    assert.match(status.detail ?? '', /tokenizer\.json/);
  });

  it('skips a document above maxFileSize with a one-line notice instead of checking it', async () => {
    root = makeWorkspace();
    server = await startServer(root, { maxFileSize: 1000 });
    const uri = server.open(path.join(root, 'big.md'), `${CONTRADICTION} `.repeat(100));
    const [notice] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(notice.severity, 3);
    assert.match(notice.message as string, /Not checked: .*size limit/);
    assert.ok(!existsSync(path.join(root, '.consistency', 'dismissed.json')));
  });

  it('removes temp files that a killed save left beside the claims file, and only old ones', async () => {
    root = makeWorkspace();
    const dir = path.join(root, '.consistency');
    const stale = path.join(dir, '.claims.json.4242.0a1b2c.tmp');
    const fresh = path.join(dir, '.claims.json.4243.0d1e2f.tmp');
    writeFileSync(stale, '{"half":');
    writeFileSync(fresh, '{"half":');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await fs.utimes(stale, hourAgo, hourAgo);
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!existsSync(stale), 'the stale temp file is removed');
    assert.ok(existsSync(fresh), 'a temp file that a live save may own is kept');
  });
});
