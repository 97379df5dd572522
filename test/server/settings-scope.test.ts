// Settings per workspace folder over the real server: a client that answers workspace/configuration
// per scopeUri (as VS Code does from each folder's .vscode/settings.json) and a multi-root
// workspace. Resource-scoped settings (threshold, include, languages) apply to the documents of
// their folder, and Check workspace reads every folder with its own globs.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { FIXTURE_MODEL, startServer, type TestServer } from '../helpers/lsp-client';

const CLAIMS = [{ id: 'c1', text: 'The payment system supports credit cards.' }];
const CONTRADICTION = 'The payment system does not support credit cards.\n';

describe('language server: settings per workspace folder (scopeUri, multi-root)', function () {
  this.timeout(90_000);
  let base: string;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  function workspace(): { a: string; b: string } {
    base = mkdtempSync(path.join(os.tmpdir(), 'cc-scope-'));
    const a = path.join(base, 'alpha');
    const b = path.join(base, 'beta');
    for (const folder of [a, b]) {
      mkdirSync(path.join(folder, 'docs'), { recursive: true });
      writeFileSync(path.join(folder, 'docs', 'page.md'), `# Page\n\n${CONTRADICTION}`);
      writeFileSync(path.join(folder, 'docs', 'notes.txt'), CONTRADICTION);
    }
    mkdirSync(path.join(a, '.consistency'));
    writeFileSync(path.join(a, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: CLAIMS }));
    return { a, b };
  }

  /** Answers like VS Code: each item's scopeUri gets its folder's settings on top of the user's. */
  function answerPerFolder(folders: Record<string, Record<string, unknown>>, asked: Array<string | undefined>) {
    return (params: unknown) =>
      (params as { items: Array<{ scopeUri?: string }> }).items.map((item) => {
        asked.push(item.scopeUri);
        const folder = Object.keys(folders).find(
          (f) => item.scopeUri === URI.file(f).toString() || item.scopeUri?.startsWith(`${URI.file(f).toString()}/`),
        );
        return { model: FIXTURE_MODEL, debounceMs: 50, threads: 1, ...(folder ? folders[folder] : {}) };
      });
  }

  it("applies a folder's threshold to its open documents, and asks with each folder's scopeUri", async () => {
    const { a, b } = workspace();
    const asked: Array<string | undefined> = [];
    server = await startServer(
      a,
      {},
      { moreFolders: [b], handlers: { 'workspace/configuration': answerPerFolder({ [b]: { threshold: 1 } }, asked) } },
    );
    await server.waitForStatus((s) => s.state === 'ready');
    assert.ok(
      asked.includes(URI.file(a).toString()) && asked.includes(URI.file(b).toString()),
      `scopes asked: ${asked.join(', ')}`,
    );
    const inA = server.open(path.join(a, 'docs', 'page.md'), `# Page\n\n${CONTRADICTION}`);
    const inB = server.open(path.join(b, 'docs', 'page.md'), `# Page\n\n${CONTRADICTION}`);
    await server.waitForDiagnostics(inA, (d) => d.length === 1);
    // threshold 1 in beta: nothing there is reported (the same sentence is, in alpha).
    await server.waitForDiagnostics(inB, (d) => d !== undefined);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(server.diagnostics.get(inB) ?? [], []);
    assert.equal(server.diagnostics.get(inA)?.length, 1);
  });

  it('checks every workspace folder, each with its own include globs', async () => {
    const { a, b } = workspace();
    server = await startServer(
      a,
      {},
      {
        moreFolders: [b],
        handlers: { 'workspace/configuration': answerPerFolder({ [b]: { include: ['**/*.txt'] } }, []) },
      },
    );
    await server.waitForStatus((s) => s.state === 'ready');
    const result = (await server.connection.sendRequest('consistency/checkWorkspace', {})) as {
      documents: number;
      findings: number;
    };
    const flagged = [...server.diagnostics.entries()]
      .filter(([, d]) => d.length > 0)
      .map(([uri]) => path.relative(base, URI.parse(uri).fsPath))
      .sort();
    assert.deepEqual(flagged, ['alpha/docs/notes.txt', 'alpha/docs/page.md', 'beta/docs/notes.txt']);
    assert.equal(result.documents, 3);
  });
});
