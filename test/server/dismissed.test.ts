// The dismissed-findings list and restore: what was dismissed can be listed
// and taken back (also as the Undo right after dismissing), and the finding comes back.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type TestServer } from '../helpers/lsp-client';

const CLAIM = 'The clinic supports email alerts.';
const CONTRADICTION = 'The clinic does not support email alerts.';

describe('language server: dismissed findings can be listed and restored', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists a dismissal with its claim, restores it by uri or file, and the diagnostic comes back', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-dismissed-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: CLAIM }] }),
    );
    server = await startServer(root);
    const uri = server.open(path.join(root, 'doc.md'), `${CONTRADICTION}\n`);
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    const sentence = (diagnostic.data as { sentence: string }).sentence;

    await server.connection.sendRequest('consistency/dismissFinding', { uri, claimId: 'c1', sentence });
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    const { dismissed } = (await server.connection.sendRequest('consistency/listDismissed')) as {
      dismissed: Array<Record<string, unknown>>;
    };
    assert.deepEqual(
      dismissed.map(({ claimId, file, sentence: s, claim }) => ({ claimId, file, sentence: s, claim })),
      [{ claimId: 'c1', file: 'doc.md', sentence, claim: CLAIM }],
    );

    assert.deepEqual(
      await server.connection.sendRequest('consistency/restoreDismissal', { uri, claimId: 'c1', sentence }),
      { restored: true },
    );
    await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.deepEqual(JSON.parse(readFileSync(path.join(root, '.consistency', 'dismissed.json'), 'utf8')).dismissed, []);

    await server.connection.sendRequest('consistency/dismissFinding', { uri, claimId: 'c1', sentence });
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    assert.deepEqual(
      await server.connection.sendRequest('consistency/restoreDismissal', { file: 'doc.md', claimId: 'c1', sentence }),
      { restored: true },
    );
    await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.deepEqual(
      await server.connection.sendRequest('consistency/restoreDismissal', { file: 'doc.md', claimId: 'c1', sentence }),
      { restored: false },
    );
    await assert.rejects(
      server.connection.sendRequest('consistency/restoreDismissal', { claimId: 'c1', sentence }),
      /give "uri" or "file"/,
    );
  });
});
