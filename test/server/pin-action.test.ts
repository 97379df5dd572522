// "Pin as a claim" as a code action: offered on a selection or when the editor
// asks for refactorings, never as a lightbulb on every sentence, and not at all with
// consistency.pinCodeAction false.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from '../helpers/lsp-client';

const TEXT = 'The museum includes audio recordings. The shop opens at nine.\n';

describe('language server: the "Pin as a claim" code action', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const setup = async (settings = {}) => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-pin-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: [] }));
    server = await startServer(root, settings);
    await server.waitForStatus((s) => s.state === 'ready');
    const uri = server.open(path.join(root, 'doc.md'), TEXT);
    await server.waitForDiagnostics(uri, () => true);
    const actions = async (start: number, end: number, only?: string[]) =>
      (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: start }, end: { line: 0, character: end } },
        context: { diagnostics: [], ...(only ? { only } : {}) },
      })) as CodeAction[];
    return actions;
  };

  it('is not offered at a bare cursor (no lightbulb on every sentence)', async () => {
    const actions = await setup();
    assert.deepEqual(await actions(5, 5), []);
  });

  it('pins the selected text on a selection, and the sentence at the cursor from the Refactor menu', async () => {
    const actions = await setup();
    const [onSelection] = await actions(4, 36);
    assert.equal(onSelection.title, 'Pin as a claim: "museum includes audio recordings"');
    assert.equal(onSelection.kind, 'refactor.pinClaim');
    const [fromMenu] = await actions(40, 40, ['refactor']);
    assert.equal(fromMenu.title, 'Pin as a claim: "The shop opens at nine."');
    const pinned = (await server.connection.sendRequest('workspace/executeCommand', {
      command: fromMenu.command!.command,
      arguments: fromMenu.command!.arguments,
    })) as { id: string; text: string };
    assert.equal(pinned.text, 'The shop opens at nine.');
  });

  it('is never offered with consistency.pinCodeAction false', async () => {
    const actions = await setup({ pinCodeAction: false });
    assert.deepEqual(await actions(4, 36), []);
    assert.deepEqual(await actions(40, 40, ['refactor']), []);
  });
});
