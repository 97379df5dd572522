// Identifiers the light part of the client needs at activation. They mirror `Commands` in
// src/common/protocol.ts without importing it at run time: that module pulls in
// vscode-languageserver-protocol, which is only loaded once the language client starts.
// `satisfies` makes the compiler check that both lists agree.
import type { CLIENT_DISMISS_COMMAND, Commands as ProtocolCommands, ServerCommands as ProtocolServerCommands } from '../common/protocol';

export const Commands = {
  checkDocument: 'consistency.checkDocument',
  checkWorkspace: 'consistency.checkWorkspace',
  pinClaim: 'consistency.pinClaim',
  unpinClaim: 'consistency.unpinClaim',
  revealClaim: 'consistency.revealClaim',
  showClaims: 'consistency.showClaims',
  restartServer: 'consistency.restartServer',
  clearDiagnostics: 'consistency.clearDiagnostics',
} as const satisfies typeof ProtocolCommands;

/** Server-executed command ids (vscode-languageclient registers them); trusted in hover links. */
export const ServerCommandIds = [
  'consistency.server.dismissFinding',
  'consistency.server.unpinClaim',
  'consistency.server.pinSentence',
  'consistency.server.dismissPair',
] as const satisfies readonly (typeof ProtocolServerCommands)[keyof typeof ProtocolServerCommands][];

/** Commands only the client knows (views, status bar). */
export const ClientCommands = {
  downloadModel: 'consistency.downloadModel',
  /** Forwards DismissFindingParams to the server (the server's own id is consistency.server.dismissFinding). */
  dismissFinding: 'consistency.dismissFinding' satisfies typeof CLIENT_DISMISS_COMMAND,
  showActions: 'consistency.showActions',
  showLog: 'consistency.showLog',
  addClaim: 'consistency.addClaim',
  editClaim: 'consistency.editClaim',
  toggleClaim: 'consistency.toggleClaim',
  refreshClaims: 'consistency.refreshClaims',
  openClaimsFile: 'consistency.openClaimsFile',
  /** "Consistency: Find contradictions between documents" (cross mode over the workspace, issue 14). */
  findContradictions: 'consistency.findContradictions',
  /** The dismissed findings, to restore (issue 10). */
  showDismissed: 'consistency.showDismissed',
} as const;

export const CLAIMS_VIEW = 'consistency.claims';
export const CONFIG_SECTION = 'consistency';
export const DIAGNOSTIC_SOURCE = 'Consistency';
export const CLAIMS_FILE = '.consistency/claims.json';
export const OUTPUT_NAME = 'Consistency Checker';
export const DEFAULT_LANGUAGES = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'];
