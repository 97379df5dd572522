// Dismissed findings, visible and undoable: "Consistency: Show dismissed
// findings" lists them with the claim each contradicted and restores the ones picked, and
// dismissing a finding offers Undo right away. Dismissals are keyed by claim, file and sentence
// text (so they survive edits elsewhere), which the confirmation says: the same sentence repeated
// in that file is silenced too.
import * as vscode from 'vscode';
import type { DismissFindingParams, DismissedFindingInfo } from '../common/protocol';
import type { Controller } from './controller';
import { ClientCommands } from '../common/commands';
import { shortenText } from '../core/text/shorten';

/** Dismisses, then offers Undo in a notification (not awaited: it stays until answered or closed). */
export async function dismissWithUndo(
  controller: Controller,
  params: DismissFindingParams,
  log: vscode.LogOutputChannel,
): Promise<void> {
  await controller.dismissFinding(params);
  const file = vscode.workspace.asRelativePath(vscode.Uri.parse(params.uri), false);
  const offer = async () => {
    const choice = await vscode.window.showInformationMessage(
      `Dismissed: this sentence is no longer flagged for claim ${params.claimId} in ${file} (nor where it repeats in that file).`,
      'Undo',
      'Show dismissed',
    );
    if (choice === 'Undo')
      await controller.restoreDismissal({ uri: params.uri, claimId: params.claimId, sentence: params.sentence });
    else if (choice === 'Show dismissed') await vscode.commands.executeCommand(ClientCommands.showDismissed);
  };
  void offer().catch((error) => log.warn(`undo dismiss: ${error instanceof Error ? error.message : String(error)}`));
}

interface DismissedItem extends vscode.QuickPickItem {
  finding: DismissedFindingInfo;
}

/** A quick pick of every dismissed finding; the picked ones are restored. */
export async function showDismissed(controller: Controller): Promise<number> {
  const { dismissed } = await controller.listDismissed();
  if (dismissed.length === 0) {
    void vscode.window.showInformationMessage('No finding is dismissed in this workspace.');
    return 0;
  }
  const items: DismissedItem[] = dismissed.map((finding) => ({
    // Short enough for the quick pick's width, so it does not clip the label a second time.
    label: shortenText(finding.sentence, 72),
    description: finding.file,
    detail: finding.claim
      ? `Contradicted claim ${finding.claimId}: ${finding.claim}`
      : `Claim ${finding.claimId} (no longer pinned)`,
    finding,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Dismissed findings (${dismissed.length})`,
    placeHolder: 'Select the findings to restore, then press Enter',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked?.length) return 0;
  for (const { finding } of picked)
    await controller.restoreDismissal({ file: finding.file, claimId: finding.claimId, sentence: finding.sentence });
  void vscode.window.showInformationMessage(
    `Restored ${picked.length} finding${picked.length === 1 ? '' : 's'}: open documents are checked again.`,
  );
  return picked.length;
}
