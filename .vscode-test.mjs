// The e2e suites under @vscode/test-cli (desktop VS Code, downloaded by the tool), for machines
// that can reach update.code.visualstudio.com; here CI uses code-server (npm run test:e2e).
//   npm i -D @vscode/test-cli @vscode/test-electron && npm run test:vscode
// `npm run test:vscode` builds the extension and the suites (out/e2e/) and prepares the scratch
// workspace (a copy of examples/ plus test/e2e/fixtures/workspace) before this runs.
import { defineConfig } from '@vscode/test-cli';
import * as os from 'node:os';
import * as path from 'node:path';

export default defineConfig({
  files: 'out/e2e/suite/**/*.test.js',
  workspaceFolder: process.env.CONSISTENCY_E2E_WORKSPACE ?? path.join(os.tmpdir(), 'cc-vscode-test-ws'),
  mocha: { ui: 'tdd', timeout: 120_000 },
});
