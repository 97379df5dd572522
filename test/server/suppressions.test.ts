// Inline suppression comments in the editor (the language server over LSP) and in CI (the CLI):
// the same comment silences the same finding, and an edit that removes it brings the finding back.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_MODEL, startServer, type TestServer } from '../helpers/lsp-client';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const CLAIM = 'The clinic supports email alerts.';
const CONTRADICTION = 'The clinic does not support email alerts.';

describe('inline suppressions in the server and the CLI', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer | undefined;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-suppress-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: CLAIM }] }),
    );
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('the server silences the sentence under ignore-next-line, and reports it once the comment is deleted', async () => {
    server = await startServer(root);
    const comment = '<!-- consistency-ignore-next-line claim=c1 -->\n';
    // The same contradiction twice: once under the comment (silenced), once at the end (reported).
    const uri = server.open(
      path.join(root, 'doc.md'),
      `# Clinic\n\n${comment}${CONTRADICTION}\n\nLater on.\n\n${CONTRADICTION}\n`,
    );
    const [only, ...none] = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual([only.range.start.line, none.length], [7, 0]);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '' }],
    });
    const findings = await server.waitForDiagnostics(uri, (d) => d.length === 2);
    assert.deepEqual(
      findings.map((d) => d.range.start.line),
      [2, 6],
    );
  });

  it('check exits 0 on a LaTeX file whose contradiction sits in a disabled region, and 1 without it', () => {
    const run = (file: string) =>
      spawnSync(process.execPath, [CLI, 'check', file, '--model', FIXTURE_MODEL, '--format', 'json'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
    writeFileSync(
      path.join(root, 'quiet.tex'),
      `Intro.\n\n% consistency-disable\n${CONTRADICTION}\n% consistency-enable\n`,
    );
    writeFileSync(path.join(root, 'loud.tex'), `Intro.\n\n${CONTRADICTION}\n`);
    const quiet = run('quiet.tex');
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.deepEqual(JSON.parse(quiet.stdout).findings, []);
    assert.equal(run('loud.tex').status, 1);
  });
});
