// Command handlers: the UI side (selections, input boxes, quick picks, editors). Each asks the
// controller, which is loaded lazily, to talk to the language server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CLAIMS_DIR, CLAIMS_FILE, workspaceRelativeSegments } from '../core/claims/paths';
import { errorText } from '../core/util/error-text';
import type { ClaimInfo, DismissFindingParams, PinClaimParams } from '../common/protocol';
import type { ClaimsView } from './claimsView';
import type { Controller } from './controller';
import { ClientCommands, Commands } from '../common/commands';
import { CLAIMS_VIEW } from './ids';
import type { StatusBar } from './statusBar';
import { dismissWithUndo, showDismissed } from './dismissed';
import { showWriterError } from './messages';
import { shortenText } from '../core/text/shorten';

export interface CommandDeps {
  controller: () => Promise<Controller>;
  claimsView: ClaimsView;
  statusBar: StatusBar;
  log: vscode.LogOutputChannel;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    [Commands.checkDocument]: (arg) => checkDocument(deps, arg),
    [Commands.checkWorkspace]: () => checkWorkspace(deps),
    [Commands.pinClaim]: (arg) => pinClaim(deps, arg),
    [Commands.unpinClaim]: (arg) => unpinClaim(deps, arg),
    [Commands.revealClaim]: (arg) => revealClaim(deps, arg),
    [Commands.showClaims]: () => vscode.commands.executeCommand(`${CLAIMS_VIEW}.focus`),
    [Commands.restartServer]: async () => (await deps.controller()).restart(),
    [Commands.clearDiagnostics]: async () => (await deps.controller()).clearDiagnostics(),
    [ClientCommands.dismissFinding]: (arg) => dismissFinding(deps, arg),
    [ClientCommands.showActions]: () => showActions(deps),
    [ClientCommands.showLog]: () => log.show(true),
    [ClientCommands.downloadModel]: async () => (await deps.controller()).downloadOfferedModel(),
    [ClientCommands.addClaim]: () => addClaim(deps),
    [ClientCommands.editClaim]: (arg) => editClaim(deps, arg),
    [ClientCommands.toggleClaim]: (arg) => toggleClaim(deps, arg),
    [ClientCommands.refreshClaims]: async () => (await deps.controller()).listClaims(),
    [ClientCommands.openClaimsFile]: () => openClaimsFile(deps),
    [ClientCommands.findContradictions]: () => findContradictions(deps),
    [ClientCommands.showDismissed]: async () => showDismissed(await deps.controller()),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        log.error(`${id}: ${errorText(error)}`);
        showWriterError(error, log);
        return undefined;
      }
    }),
  );
}

// ---- pin / unpin / edit -----------------------------------------------------------------

/**
 * Pins the selection, or the sentence under the cursor when nothing is selected. Also accepts
 * PinClaimParams (from other extensions or tests) and ignores the Uri the context menu passes.
 */
async function pinClaim(deps: CommandDeps, arg: unknown): Promise<ClaimInfo | undefined> {
  let params: PinClaimParams | undefined;
  if (isPinParams(arg)) {
    params = arg;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return addClaim(deps);
    const { document, selection } = editor;
    if (!selection.isEmpty) {
      const text = document.getText(selection).replace(/\s+/g, ' ').trim();
      if (!text) throw new Error('The selection is empty: select the sentence to pin.');
      params = { text, uri: document.uri.toString(), range: toRange(selection) };
    } else {
      params = {
        uri: document.uri.toString(),
        position: { line: selection.active.line, character: selection.active.character },
      };
    }
  }
  const claim = await (await deps.controller()).pinClaim(params);
  vscode.window.setStatusBarMessage(`$(pin) Pinned claim ${claim.id}: ${shortenText(claim.text, 60)}`, 5000);
  deps.log.info(`pinned claim ${claim.id}: ${claim.text}`);
  return claim;
}

async function addClaim(deps: CommandDeps): Promise<ClaimInfo | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Pin a claim',
    prompt: 'A sentence you hold true; sentences that contradict it will be flagged.',
    placeHolder: 'The API allows 100 requests per second.',
    validateInput: (v) => (v.trim() ? undefined : 'Type the claim'),
  });
  if (!text?.trim()) return undefined;
  const claim = await (await deps.controller()).pinClaim({ text: text.trim() });
  vscode.window.setStatusBarMessage(`$(pin) Pinned claim ${claim.id}`, 5000);
  return claim;
}

/**
 * The claim a command is about: its argument (a row's inline action or context menu, a code
 * action), else, from a keybinding in the Claims view (which passes nothing), the selected row.
 */
function claimIdOf(deps: CommandDeps, arg: unknown): string | undefined {
  if (arg !== undefined) return idOf(arg);
  return deps.claimsView.view.selection.find((e): e is ClaimInfo => 'enabled' in e && 'text' in e)?.id;
}

async function unpinClaim(deps: CommandDeps, arg: unknown): Promise<boolean> {
  const id = claimIdOf(deps, arg) ?? (await pickClaim(deps, 'Unpin which claim?'))?.id;
  if (!id) return false;
  const claim = await findClaim(deps, id);
  const controller = await deps.controller();
  const removed = await controller.unpinClaim(id);
  if (!removed || !claim) {
    vscode.window.setStatusBarMessage(`No claim ${id} to unpin`, 5000);
    return removed;
  }
  // Undo pins it again with its note, a one-glob scope and its enabled flag (under a new id); not awaited.
  void vscode.window.showInformationMessage(`Unpinned claim ${id}: "${shortenText(claim.text, 60)}".`, 'Undo').then(
    async (choice) => {
      if (choice !== 'Undo') return;
      const scope = typeof claim.scope === 'string' ? claim.scope : undefined;
      const again = await controller.pinClaim({ text: claim.text, note: claim.note, scope });
      if (!claim.enabled) await controller.updateClaim({ id: again.id, enabled: false });
      vscode.window.setStatusBarMessage(`$(pin) Pinned claim ${again.id} again`, 5000);
    },
    (error) => deps.log.warn(`undo unpin: ${errorText(error)}`),
  );
  return removed;
}

async function editClaim(deps: CommandDeps, arg: unknown): Promise<ClaimInfo | undefined> {
  const claim = (await findClaim(deps, claimIdOf(deps, arg))) ?? (await pickClaim(deps, 'Edit which claim?'));
  if (!claim) return undefined;
  const text = await vscode.window.showInputBox({
    title: `Edit claim ${claim.id}`,
    value: claim.text,
    validateInput: (v) => (v.trim() ? undefined : 'A claim needs a text'),
  });
  if (text === undefined || text.trim() === claim.text) return undefined;
  return (await deps.controller()).updateClaim({ id: claim.id, text: text.trim() });
}

async function toggleClaim(deps: CommandDeps, arg: unknown): Promise<ClaimInfo | undefined> {
  const claim =
    (await findClaim(deps, claimIdOf(deps, arg))) ?? (await pickClaim(deps, 'Enable or disable which claim?'));
  if (!claim) return undefined;
  return (await deps.controller()).updateClaim({ id: claim.id, enabled: !claim.enabled });
}

async function dismissFinding(deps: CommandDeps, arg: unknown): Promise<void> {
  if (!isDismissParams(arg)) throw new Error('Dismiss finding needs { uri, claimId, sentence }.');
  await dismissWithUndo(await deps.controller(), arg, deps.log);
}

// ---- reveal ------------------------------------------------------------------------------

/** Opens where a claim came from (its source range), else its entry in the claims file. */
async function revealClaim(deps: CommandDeps, arg: unknown): Promise<void> {
  const id = idOf(arg);
  const claim = await findClaim(deps, id);
  if (!claim) throw new Error(id ? `No claim with id "${id}".` : 'No claim given.');
  const root = await workspaceRoot(deps);
  const segments = claim.source && workspaceRelativeSegments(claim.source.file);
  if (claim.source && root && segments) {
    const uri = vscode.Uri.joinPath(root, ...segments);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(document.positionAt(claim.source.start), document.positionAt(claim.source.end));
      await vscode.window.showTextDocument(document, { selection: range, preview: true });
      void deps.claimsView.reveal(claim.id);
      return;
    } catch (error) {
      deps.log.warn(
        `claim ${claim.id}: source ${claim.source.file} is not readable (${errorText(error)}); opening the claims file`,
      );
    }
  }
  await openClaimsFile(deps, claim.id);
  void deps.claimsView.reveal(claim.id);
}

async function openClaimsFile(deps: CommandDeps, id?: string): Promise<void> {
  const root = await workspaceRoot(deps);
  if (!root)
    throw new Error(`Open a folder first: claims are kept in ${CLAIMS_DIR}/${CLAIMS_FILE} at the workspace root.`);
  const uri = vscode.Uri.joinPath(root, CLAIMS_DIR, CLAIMS_FILE);
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    throw new Error(`There is no ${CLAIMS_DIR}/${CLAIMS_FILE} yet: pin a claim first.`);
  }
  let selection: vscode.Range | undefined;
  if (id) {
    const index = document.getText().indexOf(JSON.stringify(id));
    if (index >= 0)
      selection = new vscode.Range(document.positionAt(index), document.positionAt(index + JSON.stringify(id).length));
  }
  await vscode.window.showTextDocument(document, { selection, preview: true });
}

async function workspaceRoot(deps: CommandDeps): Promise<vscode.Uri | undefined> {
  try {
    const file = (await deps.controller()).claimsFile;
    if (file) return vscode.Uri.file(path.dirname(path.dirname(file)));
  } catch {
    // fall back to the first folder
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

// ---- checks ------------------------------------------------------------------------------

async function checkDocument(deps: CommandDeps, arg: unknown): Promise<unknown> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) throw new Error('Open a document to check.');
  const controller = await deps.controller();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Consistency: checking document' },
    () => controller.checkDocument(uri.toString()),
  );
  const text = `$(checklist) ${result.findings} contradiction${result.findings === 1 ? '' : 's'} in ${result.sentences} sentence${result.sentences === 1 ? '' : 's'}`;
  vscode.window.setStatusBarMessage(text, 6000);
  deps.log.info(`checked ${uri.toString()}: ${result.findings} findings in ${result.sentences} sentences`);
  return result;
}

async function checkWorkspace(deps: CommandDeps): Promise<unknown> {
  const controller = await deps.controller();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Consistency: checking workspace', cancellable: true },
    (progress, token) => controller.checkWorkspace(progress, token),
  );
  const summary = `${result.cancelled ? 'Cancelled after' : 'Checked'} ${result.documents} document${result.documents === 1 ? '' : 's'}: ${result.findings} contradiction${result.findings === 1 ? '' : 's'} of pinned claims.`;
  deps.log.info(`check workspace: ${summary}`);
  if (result.findings > 0) {
    void vscode.window.showInformationMessage(`Consistency: ${summary}`, 'Show problems').then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  } else {
    vscode.window.setStatusBarMessage(`$(check-all) ${summary}`, 6000);
  }
  return result;
}

/** Cross mode over the whole workspace on demand, whatever consistency.crossCheck says. */
async function findContradictions(deps: CommandDeps): Promise<unknown> {
  const controller = await deps.controller();
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Consistency: finding contradictions between documents',
      cancellable: true,
    },
    (progress, token) => controller.findContradictions(progress, token),
  );
  // Each pair is a diagnostic on both of its sentences.
  const summary = `${result.cancelled ? 'Cancelled after' : 'Compared'} ${result.sentences} sentences in ${result.documents} document${result.documents === 1 ? '' : 's'}: ${result.findings} sentence${result.findings === 1 ? '' : 's'} contradict or disagree with another.`;
  deps.log.info(`find contradictions: ${summary}`);
  if (result.findings > 0) {
    void vscode.window.showInformationMessage(`Consistency: ${summary}`, 'Show problems').then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  } else vscode.window.setStatusBarMessage(`$(check-all) ${summary}`, 6000);
  return result;
}

// ---- actions quick pick ------------------------------------------------------------------

async function showActions(deps: CommandDeps): Promise<void> {
  const status = deps.statusBar.status;
  const items: (vscode.QuickPickItem & { run: () => unknown })[] = [
    {
      label: '$(checklist) Check consistency',
      description: 'current document',
      run: () => vscode.commands.executeCommand(Commands.checkDocument),
    },
    { label: '$(check-all) Check workspace', run: () => vscode.commands.executeCommand(Commands.checkWorkspace) },
    {
      label: '$(pin) Pin claim',
      description: 'selection or sentence under the cursor',
      run: () => vscode.commands.executeCommand(Commands.pinClaim),
    },
    { label: '$(list-unordered) Show claims', run: () => vscode.commands.executeCommand(Commands.showClaims) },
    { label: '$(clear-all) Clear diagnostics', run: () => vscode.commands.executeCommand(Commands.clearDiagnostics) },
    {
      label: '$(settings-gear) Open settings',
      run: () =>
        vscode.commands.executeCommand('workbench.action.openSettings', '@ext:consistency-checker.consistency-checker'),
    },
    { label: '$(output) Show log', run: () => deps.log.show(true) },
    { label: '$(debug-restart) Restart server', run: () => vscode.commands.executeCommand(Commands.restartServer) },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Consistency Checker',
    placeHolder: status
      ? `${status.message}${status.model ? ` · model ${path.basename(status.model)}` : ''}`
      : 'Choose an action',
  });
  await pick?.run();
}

// ---- helpers -----------------------------------------------------------------------------

async function findClaim(deps: CommandDeps, id: string | undefined): Promise<ClaimInfo | undefined> {
  if (!id) return undefined;
  let claim = deps.claimsView.all.find((c) => c.id === id);
  if (!claim) claim = (await (await deps.controller()).listClaims()).claims.find((c) => c.id === id);
  return claim;
}

async function pickClaim(deps: CommandDeps, title: string): Promise<ClaimInfo | undefined> {
  const { claims } = await (await deps.controller()).listClaims();
  if (claims.length === 0) {
    void vscode.window.showInformationMessage('Consistency Checker: no claims are pinned yet.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    claims.map((claim) => ({
      label: claim.text,
      description: [claim.id, claim.enabled ? undefined : 'disabled'].filter(Boolean).join(' · '),
      detail: deps.claimsView.findingsFor(claim.id) ? `${deps.claimsView.findingsFor(claim.id)} findings` : undefined,
      claim,
    })),
    { title, matchOnDescription: true },
  );
  return pick?.claim;
}

/** A claim id from a string, `{ id }`, a ClaimInfo (tree element) or `{ claimId }`. */
export function idOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { id?: unknown; claimId?: unknown };
    if (typeof o.id === 'string') return o.id;
    if (typeof o.claimId === 'string') return o.claimId;
  }
  return undefined;
}

function isPinParams(arg: unknown): arg is PinClaimParams {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return false;
  const o = arg as Record<string, unknown>;
  return typeof o.text === 'string' || (typeof o.uri === 'string' && typeof o.position === 'object');
}

function isDismissParams(arg: unknown): arg is DismissFindingParams {
  const o = arg as Record<string, unknown> | undefined;
  return !!o && typeof o.uri === 'string' && typeof o.claimId === 'string' && typeof o.sentence === 'string';
}

function toRange(r: vscode.Range): NonNullable<PinClaimParams['range']> {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}
