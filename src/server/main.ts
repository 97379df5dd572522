// Entry point of dist/server.js: started by the VS Code client over IPC (--node-ipc) or by any
// LSP editor with --stdio.
import { startServer } from './server';

startServer();
