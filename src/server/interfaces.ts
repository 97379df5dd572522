// The small interfaces the server's parts are given instead of the whole LSP Connection, so each
// part can be built and tested in-process with plain objects (the way vscode-markdown-languageservice
// takes an ILogger and an IWorkspace). server.ts adapts the real connection and file system to them.
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentRead } from '../core/document-file';
import type { ClaimsSnapshot } from './claims-store';

/** Where diagnostics go (textDocument/publishDiagnostics). */
export interface DiagnosticsSink {
  publish(params: PublishDiagnosticsParams): void;
}

/** The server's log (window/logMessage). */
export interface Logger {
  log(message: string): void;
  error(message: string): void;
}

/** The documents the editor has open (TextDocuments satisfies it). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
  keys(): string[];
}

/** The workspace's files on disk, as a workspace check walks and reads them. */
export interface WorkspaceReader {
  /** Matching files under `root`, as absolute paths. */
  files(root: string, filter: { include: string[]; exclude: string[] }): AsyncIterable<string>;
  read(file: string, maxBytes: number): Promise<DocumentRead>;
}

/** What the checks read of the claims (ClaimsStore satisfies it). */
export interface ClaimsView {
  readonly root: string | undefined;
  readonly current: ClaimsSnapshot;
  readonly claimsFile: string | undefined;
  /** 0-based line of the claim's entry in the claims file. */
  claimLine(id: string): number;
}
