// When open documents are checked: on open, after edits (debounced) or on save, as
// consistency.checkFrequency says; closing a document forgets it.
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConsistencySettings } from '../common/settings';

export interface DocumentEventTargets {
  checker: { scheduleCheck(uri: string, delayMs: number): void; forget(uri: string): void };
  cross: { schedule(): void; forget(uri: string): void };
  /** The settings of a document (its workspace folder's). */
  settings: (uri: string) => Pick<ConsistencySettings, 'checkFrequency' | 'debounceMs'>;
}

export function onDocumentEvents(
  documents: TextDocuments<TextDocument>,
  { checker, cross, settings }: DocumentEventTargets,
): void {
  // TextDocuments fires onDidChangeContent right after onDidOpen for the same version: that one
  // is the open, already checked at once, not an edit to debounce.
  const opened = new Map<string, number>();
  documents.onDidOpen((e) => {
    opened.set(e.document.uri, e.document.version);
    if (settings(e.document.uri).checkFrequency !== 'manual') {
      checker.scheduleCheck(e.document.uri, 0);
      cross.schedule();
    }
  });
  documents.onDidChangeContent((e) => {
    const openVersion = opened.get(e.document.uri);
    opened.delete(e.document.uri);
    if (openVersion === e.document.version) return;
    if (settings(e.document.uri).checkFrequency === 'edit') {
      checker.scheduleCheck(e.document.uri, settings(e.document.uri).debounceMs);
      cross.schedule();
    }
  });
  documents.onDidSave((e) => {
    if (settings(e.document.uri).checkFrequency === 'save') {
      checker.scheduleCheck(e.document.uri, 0);
      cross.schedule();
    }
  });
  documents.onDidClose((e) => {
    opened.delete(e.document.uri);
    cross.forget(e.document.uri);
    checker.forget(e.document.uri);
  });
}
