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
    writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }));
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
    const cli = spawnSync(process.execPath, [CLI, 'check', 'doc.md', '--model', FIXTURE_MODEL, '--cache'], { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: xdg } });
    assert.equal(cli.status, 1, cli.stderr);
    const size = statSync(log()).size;
    const diagnostics = await session();
    assert.equal(diagnostics.length, 1);
    assert.equal(statSync(log()).size, size, 'the server scored nothing the CLI had scored');
  });
});
