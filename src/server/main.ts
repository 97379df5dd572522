// Entry point of dist/server.js: started by the VS Code client over IPC (--node-ipc) or by any
// LSP editor with --stdio.
// First: the engine's worker thread inherits the real environment, with telemetry off.
import '../core/nli/ort-env';
import { createServerConnection } from './connection';
import { startServer } from './server';

startServer(createServerConnection());
