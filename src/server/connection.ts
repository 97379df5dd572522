// The server's LSP connection. Over stdio the input goes through LspFramingGuard, so a client
// (or anything else writing to our stdin) that breaks the framing gets a clean exit with a
// message on stderr instead of a server that is silent forever; over Node IPC (VS Code) messages
// arrive as objects and need no guard. Either way, log lines are escaped (printable.ts).
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { escapeControls } from '../core/text/printable';
import { LspFramingGuard } from './lsp-framing';

/** Exit code when the input stream cannot be read any more (the client restarts the server). */
const EXIT_BAD_INPUT = 1;

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  return withPrintableLogs(argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
}

/**
 * Log lines carry file names, claim ids and texts from the repository; an editor may show them in
 * a terminal (`serve --stdio` under Neovim): control characters go out escaped.
 */
function withPrintableLogs(connection: Connection): Connection {
  const console = connection.console;
  for (const level of ['error', 'warn', 'info', 'log'] as const) {
    const write = console[level].bind(console);
    console[level] = (message: string) => write(escapeControls(String(message)));
  }
  return connection;
}

function stdioConnection(): Connection {
  const guard = new LspFramingGuard((error) => {
    process.stderr.write(
      `consistency-checker: unrecoverable LSP input on stdin: ${escapeControls(error.message)}; exiting\n`,
    );
    process.exit(EXIT_BAD_INPUT);
  });
  process.stdin.pipe(guard);
  // The guarded stream ends when stdin does: the connection then closes and the server exits.
  return createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(guard),
    new StreamMessageWriter(process.stdout),
  );
}
