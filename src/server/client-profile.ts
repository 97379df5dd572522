// What the connected editor can do, read once from `initialize`. The server speaks plain LSP to
// every editor and adds VS Code conveniences (command links in hovers, the client-side
// "consistency.revealClaim", quiet model errors) only for our own VS Code client, which says so
// in its initializationOptions.
import type { InitializeParams } from 'vscode-languageserver/node';

export interface ClientProfile {
  /** Our VS Code client (initializationOptions.client === 'vscode'). */
  ours: boolean;
  /** workspace/configuration (LSP 3.6): settings are asked for, per section. */
  configuration: boolean;
  /** window/showDocument (LSP 3.16): "Go to claim" can open claims.json at the claim. */
  showDocument: boolean;
  /** window/workDoneProgress: the server may create progress for a workspace check. */
  workDoneProgress: boolean;
  /**
   * workspace/didChangeWatchedFiles with dynamic registration: the editor watches the claims
   * files for the server, which then need not poll them.
   */
  watchedFiles: boolean;
}

export function clientProfile(params: Pick<InitializeParams, 'capabilities' | 'initializationOptions'>): ClientProfile {
  const options = params.initializationOptions as { client?: unknown } | null | undefined;
  return {
    ours: !!options && typeof options === 'object' && options.client === 'vscode',
    configuration: !!params.capabilities?.workspace?.configuration,
    showDocument: !!params.capabilities?.window?.showDocument?.support,
    workDoneProgress: !!params.capabilities?.window?.workDoneProgress,
    watchedFiles: !!params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration,
  };
}

/** Until `initialize` arrives: assume the least. */
export const UNKNOWN_CLIENT: ClientProfile = {
  ours: false,
  configuration: false,
  showDocument: false,
  workDoneProgress: false,
  watchedFiles: false,
};

/**
 * Markdown for an editor that cannot run `command:` links, so that Neovim, Helix or Emacs never
 * show a long `command:consistency...?%5B...` address. A line of links becomes "Code actions:"
 * and the labels of those the editor can run (the same actions are offered as code actions);
 * links the editor cannot run are dropped.
 */
export function withoutCommandLinks(markdown: string, available: (command: string) => boolean): string {
  const link = /\[([^\]]*)\]\(command:([^?)]*)[^)]*\)/g;
  return markdown
    .split('\n')
    .flatMap((line) => {
      if (!line.includes('](command:')) return [line];
      const labels = [...line.matchAll(link)].filter((m) => available(m[2])).map((m) => m[1]);
      const rest = line.replace(link, '').replace(/[\s·|]/g, '');
      if (rest === '') return labels.length ? [`Code actions: ${labels.join(' · ')}`] : [];
      return [line.replace(link, (_all, label: string, command: string) => (available(command) ? label : ''))];
    })
    .join('\n')
    .trimEnd();
}
