// A timing-oriented LSP client for the server benchmarks: starts `node dist/server.js --stdio` as a
// child process and records every publishDiagnostics and status notification with a timestamp.
// (test/helpers/lsp-client.ts is the test suite's client; this one keeps a history instead of the
// latest value, which is what latency measurements need.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import type { ServerStatus } from '../../src/common/protocol';
import type { ConsistencySettings } from '../../src/common/settings';
import { withMallocSettings } from '../../src/common/malloc-env';
import { stopLanguageServer } from '../../test/helpers/lsp-client';
import { ROOT } from './report';

export const SERVER = join(ROOT, 'dist', 'server.js');

export interface Published {
  at: number;
  uri: string;
  version?: number;
  count: number;
}

export interface BenchServer {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** performance.now() just before the process was spawned. */
  spawnedAt: number;
  published: Published[];
  statuses: Array<{ at: number; status: ServerStatus }>;
  stderr(): string;
  /** Resolves with the first event at or after `from` that satisfies `predicate`. */
  waitForPublish(predicate: (p: Published) => boolean, timeoutMs?: number): Promise<Published>;
  waitForStatus(predicate: (s: ServerStatus) => boolean, timeoutMs?: number): Promise<number>;
  open(file: string, text: string): string;
  stop(): Promise<void>;
}

/** `server`: the bundle to start (another build's server.js, for a before/after in one run).
 * `mallocSettings`: start it with the environment the extension gives it (src/client/controller.ts);
 * false for the process as it was started before. */
export async function startBenchServer(
  root: string,
  settings: Partial<ConsistencySettings>,
  server = SERVER,
  { mallocSettings = true } = {},
): Promise<BenchServer> {
  const spawnedAt = performance.now();
  // An empty XDG cache: the server's on-disk pair scores would turn a cold start warm.
  const base = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'cc-bench-xdg-')) };
  const env = mallocSettings ? withMallocSettings(base, process.platform) : base;
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const published: Published[] = [];
  const statuses: Array<{ at: number; status: ServerStatus }> = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push({ at: performance.now(), uri: p.uri, version: p.version, count: p.diagnostics.length });
    notify();
  });
  connection.onNotification('consistency/status', (s: ServerStatus) => {
    statuses.push({ at: performance.now(), status: s });
    notify();
  });
  for (const method of ['window/logMessage', 'window/showMessage', 'consistency/claimsChanged', '$/progress']) {
    connection.onNotification(method, () => undefined);
  }
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const rootUri = URI.file(root).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: basename(root) }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});

  const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const tryIt = () => {
        const value = check();
        if (value === undefined) return;
        listeners.delete(tryIt);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        listeners.delete(tryIt);
        reject(new Error(`timed out waiting for ${what}; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      listeners.add(tryIt);
      tryIt();
    });

  return {
    connection,
    child,
    spawnedAt,
    published,
    statuses,
    stderr: () => stderr,
    waitForPublish: (predicate, timeoutMs = 300_000) =>
      waitFor(() => published.find(predicate), 'publishDiagnostics', timeoutMs),
    waitForStatus: (predicate, timeoutMs = 300_000) =>
      waitFor(() => statuses.find((s) => predicate(s.status))?.at, 'status', timeoutMs),
    open(file, text) {
      const uri = URI.file(file).toString();
      void connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text },
      });
      return uri;
    },
    stop: () => stopLanguageServer(connection, child, 3000),
  };
}

/** Peak and current resident memory of a process (Linux /proc), in MB; the process's threads share it. */
export function memoryOf(pid: number): { peakMB: number; currentMB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMB: kb('VmHWM') / 1024, currentMB: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}
