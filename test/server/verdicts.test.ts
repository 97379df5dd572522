// The verdict settings through the built server (dist/server.js --stdio): consistency.errorThreshold
// turns a confident finding into an Error diagnostic, the rest keep consistency.severity, and
// consistency.margin can hold a finding back.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type TestServer } from '../helpers/lsp-client';

describe('verdict settings (dist/server.js --stdio)', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer | undefined;
  const text = 'The clinic does not support email alerts.\n';

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-server-verdicts-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes Error at or above errorThreshold and consistency.severity below it', async () => {
    server = await startServer(root, { severity: 'information' });
    const uri = server.open(path.join(root, 'doc.md'), text);
    const [warning] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(warning.severity, 3);
    const p = (warning.data as { probabilities: { contradiction: number } }).probabilities.contradiction;
    await server.stop();

    server = await startServer(root, { severity: 'information', errorThreshold: Math.max(0, p - 0.05) });
    const uri2 = server.open(path.join(root, 'doc.md'), text);
    const [error] = await server.waitForDiagnostics(uri2, (d) => d.length === 1);
    assert.equal(error.severity, 1);
  });

  it('holds a finding back when its margin over entailment is below consistency.margin', async () => {
    server = await startServer(root, { margin: 0.999 });
    const uri = server.open(path.join(root, 'doc.md'), text);
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
  });
});
