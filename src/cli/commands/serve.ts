// `consistency-check serve --stdio`: the language server for Neovim, Helix, Emacs, Zed...
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../args';

export const summary = 'run the language server over stdio';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { booleans: ['stdio', 'node-ipc'] });
  if (args.has('help')) {
    process.stdout.write('Usage: consistency-check serve --stdio\n');
    return 0;
  }
  if (!args.has('stdio') && !args.has('node-ipc')) throw new UsageError('serve needs --stdio');
  startLanguageServer();
  // The connection keeps the process alive until the client sends exit.
  return new Promise<number>(() => undefined);
}

/**
 * Runs the server's entry point, which takes --stdio or --node-ipc from process.argv. The CLI bundle
 * (dist/cli.js) loads dist/server.js, the bundle editors start, instead of carrying a second copy
 * of the server and the LSP libraries (about 0.5 MB of its 2.3 MB); run from source, it loads
 * src/server/main.ts. A require the bundler does not follow, so that neither ends up in dist/cli.js.
 */
function startLanguageServer(): void {
  const bundled = path.join(__dirname, 'server.js');
  const load = createRequire(__filename);
  load(existsSync(bundled) ? bundled : path.join(__dirname, '..', '..', 'server', 'main'));
}
