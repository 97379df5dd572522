// Log lines quote the repository (claim ids, file names): control characters go out escaped,
// since an editor may show the log in a terminal.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type TestServer } from '../helpers/lsp-client';

describe('language server: log lines are printable', function () {
  this.timeout(60_000);
  let root: string;
  let server: TestServer | undefined;
  after(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a claims error quoting an id with terminal escapes is logged escaped', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-log-'));
    mkdirSync(path.join(root, '.consistency'));
    const id = 'c1\u001b[2J\u001b]0;owned\u0007';
    writeFileSync(
      path.join(root, '.consistency', 'claims.json'),
      JSON.stringify({
        version: 1,
        claims: [
          { id, text: 'a' },
          { id, text: 'b' },
        ],
      }),
    );
    server = await startServer(root);
    const logs: string[] = [];
    server.connection.onNotification('window/logMessage', (m: { message: string }) => void logs.push(m.message));
    const deadline = Date.now() + 20_000;
    while (!logs.some((l) => l.includes('duplicate claim id')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const line = logs.find((l) => l.includes('duplicate claim id'));
    assert.ok(line, logs.join('\n'));
    assert.ok(!/[\u001b\u0007]/.test(logs.join('\n')), JSON.stringify(line));
    assert.ok(line.includes('c1\\u001b[2J'), line);
  });
});
