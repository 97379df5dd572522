// LSP helpers for the reliability suite on top of test/helpers/lsp-client.ts: diagnostics with
// the document version they were published for, a settled-diagnostics wait, and workspaces.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type StartOptions, type TestServer } from '../helpers/lsp-client';
import type { ConsistencySettings } from '../../src/common/settings';
import { sleep } from './helpers';

export const CLAIMS = [
  { id: 'c1', text: 'The clinic supports email alerts.' },
  { id: 'c2', text: 'The museum is open on Mondays.' },
  { id: 'c3', text: 'The library lends laptops to students.' },
];
export const CONTRADICTIONS = [
  'The clinic does not support email alerts.',
  'The museum is closed on Mondays.',
  'The library does not lend laptops to students.',
  'Email alerts are not supported by the clinic.',
];
export const NEUTRAL = [
  'The museum includes audio recordings.',
  'The clinic has a new waiting room.',
  'Students can print documents at the library.',
  'The weather was pleasant yesterday.',
  'Our team ships a release every month.',
  'The garden has twelve kinds of roses.',
];

export function makeWorkspace(claims: unknown = { version: 1, claims: CLAIMS }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rel-ws-'));
  fs.mkdirSync(path.join(root, '.consistency'));
  fs.writeFileSync(path.join(root, '.consistency', 'claims.json'), JSON.stringify(claims, null, 2) + '\n');
  return root;
}

export interface Published {
  version: number | undefined;
  diagnostics: Diagnostic[];
  at: number;
}

export interface TrackedServer extends TestServer {
  /** Every publish per uri, in arrival order. */
  published: Map<string, Published[]>;
  /** Resolves with the diagnostics of `uri` once one was published for `version` and nothing followed for `quietMs`. */
  settled(uri: string, version: number | undefined, quietMs?: number, timeoutMs?: number): Promise<Diagnostic[]>;
}

export async function startTracked(
  root: string,
  settings: Partial<ConsistencySettings> = {},
  options: StartOptions = {},
): Promise<TrackedServer> {
  const server = await startServer(root, settings, options);
  const published = new Map<string, Published[]>();
  // Replaces the helper's handler (one per method) and keeps its map up to date.
  server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    server.diagnostics.set(p.uri, p.diagnostics);
    const list = published.get(p.uri) ?? [];
    list.push({ version: p.version, diagnostics: p.diagnostics, at: Date.now() });
    published.set(p.uri, list);
  });
  const settled = async (
    uri: string,
    version: number | undefined,
    quietMs = 1500,
    timeoutMs = 120_000,
  ): Promise<Diagnostic[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = published.get(uri) ?? [];
      const last = list[list.length - 1];
      if (last && (version === undefined || last.version === version) && Date.now() - last.at >= quietMs)
        return last.diagnostics;
      if (Date.now() > deadline) {
        throw new Error(
          `no settled diagnostics for ${uri} version ${version} (last: version ${last?.version}); stderr: ${server.stderr().slice(-1500)}`,
        );
      }
      await sleep(100);
    }
  };
  return Object.assign(server, { published, settled });
}

/** A comparable form of diagnostics: range, claim and message without the percentage. */
export function comparable(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${String(d.message).replace(/\(\d+%\)/, '(%)')}`,
    )
    .sort();
}

export async function waitReady(server: TestServer, timeoutMs = 60_000): Promise<void> {
  await server.waitForStatus((s) => s.state === 'ready' || s.state === 'error' || s.state === 'noModel', timeoutMs);
}
