// Garbage params to custom requests, commands and notifications: each request
// answers InvalidParams with a readable message, never a raw TypeError, and the server keeps working.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type TestServer } from '../helpers/lsp-client';

const INVALID_PARAMS = -32602;

describe('language server: params of custom requests and commands are validated', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer;
  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-params-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
  });
  after(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const notObjects: unknown[] = [42, 'text', [1, 2], true];
  // Params of the wrong shape for each request (beyond those that are not objects at all).
  const wrongShapes: Record<string, unknown[]> = {
    'consistency/pinClaim': [
      { text: 5 },
      { uri: [] },
      { position: { line: -1, character: 'x' } },
      { range: { start: 1 } },
      { note: {} },
      { scope: 3 },
    ],
    'consistency/unpinClaim': [null, {}, { id: {} }, { id: 7 }],
    'consistency/updateClaim': [
      null,
      {},
      { id: 'c1', enabled: 'yes' },
      { id: 'c1', text: 1 },
      { id: 'c1', scope: 5 },
      { id: 'c1', note: [] },
    ],
    'consistency/dismissFinding': [
      null,
      {},
      { uri: 1, claimId: null, sentence: [] },
      { uri: 'file:///x', claimId: 'c1' },
    ],
    'consistency/checkDocument': [null, {}, { uri: 5 }],
    'consistency/checkWorkspace': [{ workDoneToken: {} }, { workDoneToken: [1] }],
    'consistency/downloadModel': [null, {}, { id: 5 }, { id: 'x', workDoneToken: {} }],
  };

  for (const [method, shapes] of Object.entries(wrongShapes)) {
    it(`${method}: params of the wrong shape get InvalidParams with a message naming the request`, async () => {
      for (const params of [...notObjects, ...shapes]) {
        await assert.rejects(
          server.connection.sendRequest(method, params),
          (error: { code?: number; message?: string }) => {
            assert.equal(
              error.code,
              INVALID_PARAMS,
              `${method} ${JSON.stringify(params)}: ${error.code} ${error.message}`,
            );
            assert.ok(!/TypeError|Cannot read properties|is not a function/.test(error.message ?? ''), error.message);
            assert.ok(error.message?.includes(method), error.message);
            return true;
          },
        );
      }
    });
  }

  it('workspace/executeCommand with garbage arguments: InvalidParams; malformed notifications are dropped', async () => {
    for (const command of [
      'consistency.server.dismissFinding',
      'consistency.server.unpinClaim',
      'consistency.server.pinSentence',
      'consistency.server.dismissPair',
      'no.such.command',
    ]) {
      for (const args of [[42], ['x'], [{ uri: 5, id: 5, text: 5, kind: 'other' }]]) {
        await assert.rejects(
          server.connection.sendRequest('workspace/executeCommand', { command, arguments: args }),
          (e: { code?: number; message?: string }) => {
            assert.equal(e.code, INVALID_PARAMS, `${command} ${JSON.stringify(args)}: ${e.message}`);
            return true;
          },
        );
      }
    }
    await server.connection.sendNotification('consistency/visibleRanges', { editors: 'all' });
    await server.connection.sendNotification('consistency/visibleRanges', null);
    await server.connection.sendNotification('consistency/clearDiagnostics', { uri: 7 });
    // Still answering, and a valid pin still works.
    const { claim } = await server.connection.sendRequest<{ claim: { id: string } }>('consistency/pinClaim', {
      text: 'The museum is open on Mondays.',
    });
    assert.equal(claim.id, 'c2');
    assert.ok(readFileSync(path.join(root, '.consistency', 'claims.json'), 'utf8').includes('Mondays'));
    assert.ok(!/TypeError/.test(server.stderr()), server.stderr());
  });
});
