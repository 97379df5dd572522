// `consistency-check serve --stdio`: the language server for Neovim, Helix, Emacs, Zed...
import { parseArgs, UsageError } from '../args';

export const summary = 'run the language server over stdio';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { booleans: ['stdio', 'node-ipc'] });
  if (args.has('help')) {
    process.stdout.write('Usage: consistency-check serve --stdio\n');
    return 0;
  }
  if (!args.has('stdio') && !args.has('node-ipc')) throw new UsageError('serve needs --stdio');
  const { startServer } = await import('../../server/server');
  const { createServerConnection } = await import('../../server/connection');
  startServer(createServerConnection(args.has('stdio') ? ['--stdio'] : ['--node-ipc']));
  // The connection keeps the process alive until the client sends exit.
  return new Promise<number>(() => undefined);
}
