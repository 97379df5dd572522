// Command ids, in one dependency-free module: the light half of the VS Code client reads them at
// activation without loading vscode-languageserver-protocol, and the server names them in code
// actions and hover links.

/** Commands the VS Code client implements (palette, menus, the Claims view, hover links). */
export const Commands = {
  checkDocument: 'consistency.checkDocument',
  checkWorkspace: 'consistency.checkWorkspace',
  pinClaim: 'consistency.pinClaim',
  unpinClaim: 'consistency.unpinClaim',
  revealClaim: 'consistency.revealClaim',
  showClaims: 'consistency.showClaims',
  restartServer: 'consistency.restartServer',
  clearDiagnostics: 'consistency.clearDiagnostics',
} as const;

/** Commands only the VS Code client knows (views, status bar); the server names none but `dismissFinding`. */
export const ClientCommands = {
  downloadModel: 'consistency.downloadModel',
  /**
   * Forwards DismissFindingParams to the server and offers Undo; the server names it in code actions
   * for our own client (other editors get ServerCommands.dismissFinding).
   */
  dismissFinding: 'consistency.dismissFinding',
  showActions: 'consistency.showActions',
  showLog: 'consistency.showLog',
  addClaim: 'consistency.addClaim',
  editClaim: 'consistency.editClaim',
  toggleClaim: 'consistency.toggleClaim',
  refreshClaims: 'consistency.refreshClaims',
  openClaimsFile: 'consistency.openClaimsFile',
  /** "Consistency: Find contradictions between documents" (cross mode over the workspace). */
  findContradictions: 'consistency.findContradictions',
  /** The dismissed findings, to restore. */
  showDismissed: 'consistency.showDismissed',
} as const;

/**
 * Commands the SERVER executes (`workspace/executeCommand`), so that code actions and hover links
 * work in every LSP editor. vscode-languageclient registers them in VS Code automatically; the
 * client must not register the same ids itself.
 */
export const ServerCommands = {
  /** args: [DismissFindingParams] */
  dismissFinding: 'consistency.server.dismissFinding',
  /** args: [UnpinClaimParams] */
  unpinClaim: 'consistency.server.unpinClaim',
  /** args: [PinClaimParams] */
  pinSentence: 'consistency.server.pinSentence',
  /** args: [DismissPairParams] (cross and quantity findings between two sentences) */
  dismissPair: 'consistency.server.dismissPair',
  /** args: [{ id }]: opens claims.json at the claim through window/showDocument (editors other than VS Code). */
  revealClaim: 'consistency.server.revealClaim',
} as const;

/**
 * The server commands VS Code's hover markdown may run. Not revealClaim: in VS Code the server
 * links Commands.revealClaim instead.
 */
export const HOVER_SERVER_COMMANDS = [
  ServerCommands.dismissFinding,
  ServerCommands.unpinClaim,
  ServerCommands.pinSentence,
  ServerCommands.dismissPair,
] as const;
