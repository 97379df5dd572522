// The consistency.modelLabels setting, through the built server (dist/server.js --stdio): a model
// folder whose config.json says LABEL_0..2 fails with what to do, and works once the setting names
// the outputs.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_MODEL, startServer, type TestServer } from '../helpers/lsp-client';

describe('consistency.modelLabels (dist/server.js --stdio)', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer | undefined;
  let model: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-server-labels-'));
    mkdirSync(path.join(root, '.consistency'));
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'The clinic supports email alerts.' }] }),
    );
    model = path.join(root, 'generic-model');
    cpSync(FIXTURE_MODEL, model, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(model, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      path.join(model, 'config.json'),
      JSON.stringify({ ...config, id2label: { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' } }),
    );
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('reports a generic config without the setting, naming the setting', async () => {
    server = await startServer(root, { model });
    const status = await server.waitForStatus((s) => s.state === 'error');
    assert.match(status.detail ?? '', /is generic/);
    assert.match(status.detail ?? '', /"consistency\.modelLabels" setting/);
  });

  it('loads the folder with the setting and publishes the contradiction', async () => {
    server = await startServer(root, { model, modelLabels: ['entailment', 'neutral', 'contradiction'] });
    const uri = server.open(path.join(root, 'doc.md'), 'The clinic does not support email alerts.\n');
    const [diagnostic] = await server.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(diagnostic.code, 'c1');
  });
});
