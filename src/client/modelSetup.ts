// First-run model setup: when the configured catalog model is not installed, ask once whether to
// download it (or to choose a folder instead). Nothing is downloaded without the user's yes.
import * as vscode from 'vscode';
import { openSettings } from './messages';
import type { ServerStatus } from '../common/protocol';
import { SETTINGS_SECTION } from '../common/settings';

type Download = NonNullable<ServerStatus['download']>;
type Progress = vscode.Progress<{ message?: string; increment?: number }>;

export class ModelSetup {
  private asked = new Set<string>();
  /** The model the server last said is missing; "Consistency: Download model" fetches it. */
  offered: Download | undefined;
  /** Set while the configured model cannot be loaded (a missing folder, a broken model): nothing to download then. */
  problem: string | undefined;

  constructor(
    private readonly download: (
      id: string,
      progress: Progress,
      token: vscode.CancellationToken,
    ) => Promise<{ dir: string }>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Asks once per model and session; later status updates for the same model stay quiet. */
  async offer(model: Download): Promise<void> {
    this.offered = model;
    if (this.asked.has(model.id)) return;
    this.asked.add(model.id);
    const choice = await vscode.window.showInformationMessage(
      `Consistency Checker needs the NLI model "${model.id}" (${model.size}, from ${model.repo} on the Hugging Face Hub). ` +
        'Download it now? Files are verified by SHA-256 and converted to ONNX on this machine.',
      'Download',
      'Choose folder',
      'Cancel',
    );
    if (choice === 'Download') await this.runDownload(model);
    else if (choice === 'Choose folder') await chooseFolder();
  }

  /** Downloads the offered model without asking again (the user ran the command). */
  async downloadOffered(): Promise<void> {
    if (!this.offered) {
      if (this.problem) {
        // "Download model" must not fetch the default model when the setting names another one.
        const choice = await vscode.window.showWarningMessage(
          `Consistency Checker: nothing to download: ${this.problem} Fix consistency.model, or clear it to use the default model.`,
          'Open settings',
        );
        if (choice === 'Open settings') await openSettings('consistency.model');
        return;
      }
      void vscode.window.showInformationMessage(
        'Consistency Checker: the configured model is installed; nothing to download.',
      );
      return;
    }
    await this.runDownload(this.offered);
  }

  private async runDownload(model: Download): Promise<void> {
    try {
      const { dir } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Downloading ${model.id}`, cancellable: true },
        (progress, token) => this.download(model.id, progress, token),
      );
      this.log.info(`model ${model.id} installed in ${dir}`);
      if (this.offered?.id === model.id) this.offered = undefined;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`model download failed: ${text}`);
      this.asked.delete(model.id); // let the user try again
      void vscode.window
        .showErrorMessage(`Consistency Checker: downloading ${model.id} failed: ${text}`, 'Show log')
        .then((c) => {
          if (c === 'Show log') this.log.show(true);
        });
    }
  }
}

async function chooseFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Use this model folder',
    title: 'A model folder with config.json, tokenizer.json and onnx/',
  });
  if (!picked?.[0]) return;
  // A user setting: consistency.model is machine-scoped, so workspaces cannot set it.
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .update('model', picked[0].fsPath, vscode.ConfigurationTarget.Global);
}
