// Before `vscode-test` (npm run test:vscode): build the extension and the suites into out/e2e/,
// and make a fresh scratch workspace (the suites change claims and dismissals).
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTests } from './lib.mjs';

execSync('npm run build', { stdio: 'inherit' });
await buildTests();
const ws = process.env.CONSISTENCY_E2E_WORKSPACE ?? path.join(os.tmpdir(), 'cc-vscode-test-ws');
fs.rmSync(ws, { recursive: true, force: true });
fs.cpSync('examples', ws, { recursive: true });
fs.cpSync('test/e2e/fixtures/workspace', ws, { recursive: true });
console.log(`vscode-test workspace: ${ws}`);
