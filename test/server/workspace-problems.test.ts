// Problems after a workspace check: Cancel stops the check, and entries
// for closed files go when their claim is unpinned, disabled or reworded, when they are dismissed,
// and when the file is deleted and the workspace is checked again.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startServer, type TestServer } from '../helpers/lsp-client';

const CLAIMS = [
  { id: 'c1', text: 'The clinic supports email alerts.' },
  { id: 'c2', text: 'The payment system supports credit cards.' },
];
const BOTH = 'The clinic does not support email alerts. The payment system does not support credit cards.\n';

function makeWorkspace(files: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cc-problems-'));
  mkdirSync(path.join(root, '.consistency'));
  writeFileSync(
    path.join(root, '.consistency', 'claims.json'),
    JSON.stringify({ version: 1, claims: CLAIMS }, null, 2),
  );
  mkdirSync(path.join(root, 'docs'));
  for (let k = 0; k < files; k++)
    writeFileSync(path.join(root, 'docs', `f${String(k).padStart(3, '0')}.md`), `# File ${k}\n\n${BOTH}`);
  return root;
}

const codes = (server: TestServer, file: string) =>
  (server.diagnostics.get(URI.file(file).toString()) ?? []).map((d) => String(d.code)).sort();

describe('language server: workspace check problems (cancel, stale entries)', function () {
  this.timeout(90_000);
  let root: string;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('stops a workspace check when the request is cancelled, and says it was cancelled', async () => {
    root = makeWorkspace(150);
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    const source = new CancellationTokenSource();
    const pending = server.connection
      .sendRequest('consistency/checkWorkspace', {}, source.token)
      .catch((error: Error) => ({ rejected: error.message }));
    await server.waitForStatus((s) => s.state === 'checking' && (s.done ?? 0) >= 3);
    source.cancel();
    const result = (await pending) as { cancelled?: boolean; documents?: number; rejected?: string };
    const checked = [...server.diagnostics.keys()].filter((uri) => uri.includes('/docs/f')).length;
    assert.ok(checked < 150, `checked ${checked} of 150 files after cancel`);
    assert.ok(result.rejected !== undefined || result.cancelled === true, JSON.stringify(result));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(
      [...server.diagnostics.keys()].filter((uri) => uri.includes('/docs/f')).length,
      checked,
      'no file checked after the cancel',
    );
  });

  it("withdraws closed files' problems of an unpinned, disabled or reworded claim and of a dismissed finding", async () => {
    root = makeWorkspace(3);
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    await server.connection.sendRequest('consistency/checkWorkspace', {});
    const [a, b, c] = ['f000', 'f001', 'f002'].map((f) => path.join(root, 'docs', `${f}.md`));
    assert.deepEqual(codes(server, a), ['c1', 'c2']);

    await server.connection.sendRequest('consistency/updateClaim', { id: 'c2', enabled: false });
    await server.waitForDiagnostics(URI.file(a).toString(), (d) => d.length === 1);
    assert.deepEqual([codes(server, a), codes(server, b), codes(server, c)], [['c1'], ['c1'], ['c1']]);

    const [diagnostic] = server.diagnostics.get(URI.file(b).toString())!;
    await server.connection.sendRequest('consistency/dismissFinding', {
      uri: URI.file(b).toString(),
      claimId: 'c1',
      sentence: (diagnostic.data as { sentence: string }).sentence,
    });
    await server.waitForDiagnostics(URI.file(b).toString(), (d) => d.length === 0);
    assert.deepEqual(codes(server, a), ['c1']);

    await server.connection.sendRequest('consistency/updateClaim', {
      id: 'c1',
      text: 'The clinic supports text alerts.',
    });
    await server.waitForDiagnostics(URI.file(a).toString(), (d) => d.length === 0);

    await server.connection.sendRequest('consistency/updateClaim', { id: 'c1', text: CLAIMS[0].text });
    await server.connection.sendRequest('consistency/checkWorkspace', {});
    assert.deepEqual(codes(server, c), ['c1']);
    await server.connection.sendRequest('consistency/unpinClaim', { id: 'c1' });
    await server.waitForDiagnostics(URI.file(c).toString(), (d) => d.length === 0);
  });

  it('clears the problems of a deleted file when the workspace is checked again', async () => {
    root = makeWorkspace(2);
    server = await startServer(root);
    await server.waitForStatus((s) => s.state === 'ready');
    await server.connection.sendRequest('consistency/checkWorkspace', {});
    const gone = path.join(root, 'docs', 'f001.md');
    assert.deepEqual(codes(server, gone), ['c1', 'c2']);
    rmSync(gone);
    await server.connection.sendRequest('consistency/checkWorkspace', {});
    assert.deepEqual(codes(server, gone), []);
    assert.deepEqual(codes(server, path.join(root, 'docs', 'f000.md')), ['c1', 'c2']);
  });
});
