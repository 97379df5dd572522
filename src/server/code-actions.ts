// Quick fixes on a finding (dismiss it, unpin its claim, go to the claim) and, on a selection or
// in the Refactor menu, "Pin as a claim". The commands run in the server, so every LSP editor gets them.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import {
  type DismissFindingParams,
  type FindingData,
  type PinClaimParams,
  type UnpinClaimParams,
} from '../common/protocol';
import { ServerCommands } from '../common/commands';
import { DIAGNOSTIC_SOURCE } from '../common/constants';

export const PIN_ACTION_KIND = `${CodeActionKind.Refactor}.pinClaim`;

/** `goToClaim`: the command that reveals a claim in this editor; without one, "Go to claim" is not offered. */
export function findingActions(
  uri: string,
  diagnostics: Diagnostic[],
  claimText: (id: string) => string | undefined,
  goToClaim: string | undefined,
  dismissCommand: string = ServerCommands.dismissFinding,
  unpinCommand: string = ServerCommands.unpinClaim,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !diagnostic.data) continue;
    const data = diagnostic.data as FindingData;
    const text = claimText(data.claimId) ?? data.claimId;
    const dismiss: DismissFindingParams = { uri, claimId: data.claimId, sentence: data.sentence };
    const unpin: UnpinClaimParams = { id: data.claimId };
    actions.push(
      {
        title: `Dismiss this finding (claim ${data.claimId})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        command: { title: 'Dismiss finding', command: dismissCommand, arguments: [dismiss] },
      },
      {
        title: `Unpin claim "${shorten(text)}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Unpin claim', command: unpinCommand, arguments: [unpin] },
      },
    );
    if (goToClaim) {
      actions.push({
        title: `Go to claim ${data.claimId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Go to claim', command: goToClaim, arguments: [{ id: data.claimId }] },
      });
    }
  }
  return actions;
}

/** "Pin as a claim" for `text` (a selection, or the sentence at the cursor as a reader sees it). */
export function pinSentenceAction(uri: string, text: string, range: PinClaimParams['range']): CodeAction {
  const pin: PinClaimParams = { uri, text, range };
  return {
    title: `Pin as a claim: "${shorten(text)}"`,
    kind: PIN_ACTION_KIND,
    command: { title: 'Pin claim', command: ServerCommands.pinSentence, arguments: [pin] },
  };
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
