// Bundles the language server and the CLI (and, when present, the VS Code client) with esbuild.
// onnxruntime-node stays external: it loads a native binary next to its own JS.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['onnxruntime-node', 'vscode'],
  logLevel: 'warning',
  define: { VERSION: JSON.stringify(version) },
};

const entries = [
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  // The NLI engine runs in a worker thread of the server (see src/server/engine-worker.ts).
  { entryPoints: ['src/server/engine-worker.ts'], outfile: 'dist/engine-worker.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
];
if (existsSync('src/client/extension.ts')) {
  entries.push({ entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js' });
  // The heavy half of the client (vscode-languageclient), loaded after activation: a separate
  // file keeps dist/extension.js small, so activation stays fast.
  entries.push({ entryPoints: ['src/client/controller.ts'], outfile: 'dist/client.js' });
}
await Promise.all(entries.map((e) => build({ ...common, ...e })));
