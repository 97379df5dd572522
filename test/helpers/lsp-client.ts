// A minimal LSP client for server tests: starts the built server (dist/server.js --stdio) as a
// real child process and speaks JSON-RPC to it over its stdin/stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import type { ServerStatus } from '../../src/common/protocol';
import type { ConsistencySettings } from '../../src/common/settings';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');
export const FIXTURE_MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-nli');

/** The client side of a test: what the server published, and ways to drive it. */
export interface TestClient {
  connection: ProtocolConnection;
  diagnostics: Map<string, Diagnostic[]>;
  statuses: ServerStatus[];
  messages: Array<{ type: number; message: string }>;
  /** window/logMessage lines, in order. */
  logs: string[];
  progress: unknown[];
  /** Resolves when `predicate` holds for the diagnostics of `uri` (checked on every publish). */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  waitForStatus(predicate: (s: ServerStatus) => boolean, timeoutMs?: number): Promise<ServerStatus>;
  open(file: string, text: string, languageId?: string): string;
  stop(): Promise<void>;
}

export interface TestServer extends TestClient {
  process: ChildProcess;
  stderr: () => string;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  initializationOptions?: Record<string, unknown>;
  /** The client capabilities sent in `initialize` (default: workspace/configuration and work-done progress). */
  capabilities?: Record<string, unknown>;
  /** Handlers for server-to-client requests (e.g. window/showDocument), beside the default ones. */
  handlers?: Record<string, (params: unknown) => unknown>;
  /** More workspace folders after `root` (a multi-root workspace). */
  moreFolders?: string[];
}

export async function startServer(
  root: string,
  settings: Partial<ConsistencySettings> = {},
  options: StartOptions = {},
): Promise<TestServer> {
  // A fresh XDG cache: the server keeps pair scores on disk there, and a test must not find the
  // scores of an earlier test or of the developer's own sessions.
  const xdg = mkdtempSync(path.join(os.tmpdir(), 'cc-lsp-xdg-'));
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CACHE_HOME: xdg, ...options.env },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const client = await connectTestClient(
    connection,
    root,
    settings,
    { ...options, processId: process.pid },
    () => `stderr: ${stderr.slice(-2000)}`,
    () => stopLanguageServer(connection, child),
  );
  return { ...client, process: child, stderr: () => stderr };
}

/**
 * Initializes the server at the other end of `connection` for the workspace `root`, answering
 * workspace/configuration with `settings`, and records what it publishes.
 */
export async function connectTestClient(
  connection: ProtocolConnection,
  root: string,
  settings: Partial<ConsistencySettings>,
  options: Omit<StartOptions, 'env'> & { processId: number | null },
  context: () => string,
  stop: () => Promise<void>,
): Promise<TestClient> {
  const diagnostics = new Map<string, Diagnostic[]>();
  const listeners = new Set<() => void>();
  const statuses: ServerStatus[] = [];
  const messages: Array<{ type: number; message: string }> = [];
  const logs: string[] = [];
  const progress: unknown[] = [];
  const notify = () => listeners.forEach((l) => l());

  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    notify();
  });
  connection.onNotification('consistency/status', (s: ServerStatus) => {
    statuses.push(s);
    notify();
  });
  connection.onNotification('window/showMessage', (m: { type: number; message: string }) => {
    messages.push(m);
  });
  connection.onNotification('window/logMessage', (m: { message: string }) => {
    logs.push(m.message);
    notify();
  });
  connection.onNotification('consistency/claimsChanged', () => undefined);
  connection.onNotification('$/progress', (p: unknown) => {
    progress.push(p);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
    p.items.map(() => ({ model: FIXTURE_MODEL, debounceMs: 50, threads: 1, ...settings })),
  );
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  for (const [method, handler] of Object.entries(options.handlers ?? {})) connection.onRequest(method, handler);
  connection.listen();

  const rootUri = URI.file(root).toString();
  await connection.sendRequest('initialize', {
    processId: options.processId,
    rootUri,
    workspaceFolders: [root, ...(options.moreFolders ?? [])].map((folder) => ({
      uri: URI.file(folder).toString(),
      name: path.basename(folder),
    })),
    capabilities: options.capabilities ?? { workspace: { configuration: true }, window: { workDoneProgress: true } },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const tryIt = () => {
        const value = check();
        if (value !== undefined) {
          listeners.delete(tryIt);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(tryIt);
        reject(new Error(`timed out waiting for ${what}; ${context()}`));
      }, timeoutMs);
      listeners.add(tryIt);
      tryIt();
    });

  return {
    connection,
    diagnostics,
    statuses,
    messages,
    logs,
    progress,
    waitForDiagnostics: (uri, predicate, timeoutMs = 20_000) =>
      waitFor(
        () => {
          const d = diagnostics.get(uri);
          return d && predicate(d) ? d : undefined;
        },
        `diagnostics of ${uri}`,
        timeoutMs,
      ),
    waitForStatus: (predicate, timeoutMs = 20_000) => waitFor(() => statuses.find(predicate), 'status', timeoutMs),
    open(file, text, languageId = 'markdown') {
      const uri = URI.file(file).toString();
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    stop,
  };
}

/** shutdown + exit, then SIGKILL if the process is still there after 3 s; disposes the connection. */
export async function stopLanguageServer(
  connection: ProtocolConnection,
  child: ChildProcess,
  shutdownTimeoutMs = 2000,
): Promise<void> {
  try {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, shutdownTimeoutMs))]);
    await connection.sendNotification('exit');
  } catch {
    // the process may already be gone
  }
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  connection.dispose();
}
