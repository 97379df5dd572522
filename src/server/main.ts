// Entry point of dist/server.js: started by the VS Code client over IPC (--node-ipc) or by any
// LSP editor with --stdio.
// First: the engine's worker thread inherits the real environment, with telemetry off.
import '../core/nli/ort-env';
import { createServerConnection } from './connection';
import { startServer } from './server';

const connection = createServerConnection();
// A bug in one handler must not take down the server and every open document's diagnostics.
process.on('unhandledRejection', (reason) => {
  connection.console.error(
    `Unhandled error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});
startServer(connection);
