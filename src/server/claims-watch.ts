// How the server learns that claims.json or dismissed.json changed on disk. An editor that can
// register file watchers (workspace/didChangeWatchedFiles with dynamic registration, as
// vscode-eslint's server asks for its configuration files) watches them for the server;
// for the others the server polls the files itself.
import { DidChangeWatchedFilesNotification, type Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { ClaimsStore } from './claims-store';
import type { Logger } from './interfaces';

/** The glob registered with the editor; events are then matched against the exact paths. */
export const CLAIMS_FILES_GLOB = '**/.consistency/{claims,dismissed}.json';

/**
 * Polls until the editor has accepted the watcher (so no change is missed meanwhile, and an
 * editor that refuses or never answers still gets polled), then relies on its events.
 */
export function watchClaimsFiles(
  connection: Pick<Connection, 'client' | 'onDidChangeWatchedFiles'>,
  claims: Pick<ClaimsStore, 'watch' | 'stopPolling' | 'filesChanged'>,
  editorWatches: boolean,
  logger: Logger,
): void {
  connection.onDidChangeWatchedFiles((params) => {
    claims.filesChanged(params.changes.map((change) => URI.parse(change.uri).fsPath));
  });
  claims.watch();
  if (!editorWatches) return;
  connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CLAIMS_FILES_GLOB }] })
    .then(
      () => {
        claims.stopPolling();
        logger.log('Claims files: watched by the editor');
      },
      (error: unknown) =>
        logger.log(
          `Claims files: the editor did not register a watcher (${error instanceof Error ? error.message : String(error)}); polling them`,
        ),
    );
}
