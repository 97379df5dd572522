// Error messages as a writer reads them: no "Request consistency/... failed
// with message:" prefix from the language client, no CLI commands in the editor, one sentence
// ending with punctuation, and the button that fixes the problem.
import * as vscode from 'vscode';
import { ClientCommands } from '../common/commands';

export function writerMessage(error: unknown): string {
  const raw =
    error instanceof Error
      ? error.message
      : error && typeof error === 'object' && 'message' in error
        ? String((error as { message: unknown }).message)
        : String(error);
  let text = raw
    .replace(/^Request [^\s]+ failed with message:\s*/i, '')
    .replace(/\s*\((?:see|run) `consistency-check [^`]*`\)/g, '')
    .replace(/\s*\(see `consistency-check [^)]*\)/g, '')
    .trim();
  if (/getaddrinfo (ENOTFOUND|EAI_AGAIN)|ECONNREFUSED|ETIMEDOUT/.test(text)) {
    text = `The model could not be downloaded: the model server is unreachable from this machine (${text}). Check the network or the http.proxy setting, or choose a model folder.`;
  }
  return /[.!?:)]$/.test(text) ? text : `${text}.`;
}

/** Shows an error with the button that fixes it (the claims file, the model setting) and "Show log". */
export function showWriterError(error: unknown, log: vscode.LogOutputChannel): void {
  const message = writerMessage(error);
  const claimsFile = /claims file|claims\.json|dismissed\.json/i.test(message);
  const buttons = claimsFile ? ['Open claims file', 'Show log'] : ['Show log'];
  void vscode.window.showErrorMessage(`Consistency Checker: ${message}`, ...buttons).then((choice) => {
    if (choice === 'Open claims file') void vscode.commands.executeCommand(ClientCommands.openClaimsFile);
    else if (choice === 'Show log') log.show(true);
  });
}

/**
 * Opens the settings at `query`. Machine-scoped settings (consistency.model) are read from the
 * Remote tab in a remote window (SSH, WSL, containers, Codespaces, code-server), not the User tab.
 */
export function openSettings(query: string): Thenable<unknown> {
  return vscode.env.remoteName
    ? vscode.commands.executeCommand('workbench.action.openRemoteSettings', query)
    : vscode.commands.executeCommand('workbench.action.openSettings', query);
}
