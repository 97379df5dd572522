// Cross mode in the language server: a finding between two sentences is a diagnostic on each side,
// with the other side as related information; hover shows both; quick fixes pin one side or
// dismiss the pair. With consistency.crossCheck off (the default) nothing is published for it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp-client';

const YES = 'The service supports two factor authentication.';
const NO = 'The service does not support two factor authentication.';

function makeWorkspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cc-cross-server-'));
  mkdirSync(path.join(root, '.consistency'));
  writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: [] }));
  return root;
}

const cross = (d: Diagnostic[]) => d.filter((x) => x.code === 'cross');

describe('language server: cross mode (consistency.crossCheck)', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('puts a diagnostic on both sides of a contradiction between two documents, each pointing at the other', async () => {
    root = makeWorkspace();
    server = await startServer(root, { crossCheck: 'workspace' });
    const a = server.open(path.join(root, 'overview.md'), `# Overview\n\n${YES}\n`);
    const b = server.open(path.join(root, 'faq.md'), `# FAQ\n\nIntro.\n\n${NO}\n`);
    const [onA] = cross(await server.waitForDiagnostics(a, (d) => cross(d).length > 0));
    const [onB] = cross(await server.waitForDiagnostics(b, (d) => cross(d).length > 0));
    assert.equal(onA.source, 'Consistency');
    assert.match(
      onA.message as string,
      /^Contradicts "The service does not support two factor authentication\." \(faq\.md:5\) \(\d+%\)$/,
    );
    assert.deepEqual(onA.range, { start: { line: 2, character: 0 }, end: { line: 2, character: YES.length } });
    assert.equal(onA.relatedInformation![0].location.uri, b);
    assert.deepEqual(onA.relatedInformation![0].location.range, onB.range);
    assert.equal(onB.relatedInformation![0].location.uri, a);
    assert.deepEqual(onB.relatedInformation![0].location.range, onA.range);

    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: a },
      position: { line: 2, character: 4 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Two sentences contradict each other/);
    assert.match(value, /The service supports two factor authentication/);
    assert.match(value, /The service does not support two factor authentication/);
    assert.match(value, /this → other .*\| other → this/s);
    // Command links ("Pin this one as a claim", "Dismiss this pair") are for clients that run them;
    // the same actions are code actions, below.

    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: b },
      range: onB.range,
      context: { diagnostics: [onB] },
    })) as CodeAction[];
    const titles = actions.map((x) => x.title);
    assert.ok(
      titles.some((t) => t.startsWith('Pin this one as a claim')),
      titles.join(', '),
    );
    assert.ok(titles.includes('Dismiss this pair'));
    assert.ok(!titles.some((t) => t.startsWith('Unpin claim')));

    const dismiss = actions.find((x) => x.title === 'Dismiss this pair')!;
    await server.connection.sendRequest('workspace/executeCommand', dismiss.command);
    await server.waitForDiagnostics(a, (d) => cross(d).length === 0);
    await server.waitForDiagnostics(b, (d) => cross(d).length === 0);
    const dismissed = JSON.parse(readFileSync(path.join(root, '.consistency', 'dismissed.json'), 'utf8'));
    assert.equal(dismissed.dismissed.length, 1);
    assert.match(dismissed.dismissed[0].claimId, /^cross:/);
  });

  it('"Pin this one as a claim" turns the other side into an ordinary finding', async () => {
    root = makeWorkspace();
    server = await startServer(root, { crossCheck: 'document' });
    const uri = server.open(path.join(root, 'doc.md'), `${YES}\n\n${NO}\n`);
    const diagnostics = await server.waitForDiagnostics(uri, (d) => cross(d).length === 2);
    const first = cross(diagnostics).find((d) => d.range.start.line === 0)!;
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: first.range,
      context: { diagnostics: [first] },
    })) as CodeAction[];
    const pin = actions.find((x) => x.title.startsWith('Pin this one as a claim'))!;
    await server.connection.sendRequest('workspace/executeCommand', pin.command);
    const after = await server.waitForDiagnostics(
      uri,
      (d) => cross(d).length === 0 && d.some((x) => x.code !== 'cross' && x.range.start.line === 2),
    );
    const claimFinding = after.find((x) => x.range.start.line === 2)!;
    assert.match(
      claimFinding.message as string,
      /^Contradicts claim "The service supports two factor authentication\."/,
    );
  });

  it('publishes nothing for cross mode when it is off (the default)', async () => {
    root = makeWorkspace();
    server = await startServer(root);
    const uri = server.open(path.join(root, 'doc.md'), `${YES}\n\n${NO}\n`);
    await server.waitForStatus((s) => s.state === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(cross(server.diagnostics.get(uri) ?? []), []);
  });

  it('finds contradictions across closed files on demand (consistency/crossCheckWorkspace)', async () => {
    root = makeWorkspace();
    writeFileSync(path.join(root, 'a.md'), `${YES}\n`);
    writeFileSync(path.join(root, 'b.md'), `${NO}\n`);
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    const result = (await server.connection.sendRequest('consistency/crossCheckWorkspace', {})) as {
      documents: number;
      findings: number;
    };
    assert.equal(result.documents, 2);
    assert.equal(result.findings, 2);
    const onA = cross(server.diagnostics.get([...server.diagnostics.keys()].find((u) => u.endsWith('/a.md'))!) ?? []);
    assert.equal(onA.length, 1);
  });

  it('publishes quantities that disagree (code quantity), on both sides and against a claim, unless consistency.quantities is false', async () => {
    root = makeWorkspace();
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The API allows 100 requests per second.' }] }),
    );
    server = await startServer(root, { crossCheck: 'workspace' });
    const a = server.open(path.join(root, 'limits.md'), 'The session timeout is 30 seconds.\n');
    const b = server.open(
      path.join(root, 'faq.md'),
      'The session timeout is two minutes.\n\nClients may send up to 50 requests per second.\n',
    );
    const quantity = (d: Diagnostic[]) => d.filter((x) => x.code === 'quantity');
    const [onA] = quantity(await server.waitForDiagnostics(a, (d) => quantity(d).length > 0));
    assert.equal(onA.message, 'Says 30 seconds; faq.md:1 says two minutes');
    assert.equal(onA.relatedInformation![0].location.uri, b);
    const onB = quantity(await server.waitForDiagnostics(b, (d) => quantity(d).length === 2));
    assert.deepEqual(onB.map((x) => x.message).sort(), [
      'Says two minutes; limits.md:1 says 30 seconds',
      'Says up to 50 requests per second; the claim says 100 requests per second',
    ]);
    await server.stop();
    server = await startServer(root, { crossCheck: 'workspace', quantities: false });
    const again = server.open(path.join(root, 'limits.md'), 'The session timeout is 30 seconds.\n');
    server.open(path.join(root, 'faq.md'), 'The session timeout is two minutes.\n');
    await server.waitForStatus((s) => s.state === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(quantity(server.diagnostics.get(again) ?? []), []);
  });
});
