// The status bar item: what the checker is doing (starting, loading model, checking 120 of 480,
// ready, error). A click opens the quick pick of actions.
import * as vscode from 'vscode';
import type { ServerStatus } from '../common/protocol';
import { ClientCommands } from '../common/commands';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: ServerStatus | undefined;
  /** Set while .consistency/claims.json is invalid: no claim is checked, so the item says so first. */
  private claimsError: string | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('consistency.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Consistency Checker';
    this.item.command = ClientCommands.showActions;
    this.update({ state: 'starting', message: 'Starting the language server' });
    this.item.show();
  }

  get status(): ServerStatus | undefined {
    return this.last;
  }

  /** The claims file's error (from the server's claimsChanged), or undefined once it is valid again. */
  setClaimsError(error: string | undefined): void {
    this.claimsError = error;
    if (this.last) this.update(this.last);
  }

  get text(): string {
    return this.item.text;
  }

  update(status: ServerStatus): void {
    this.last = status;
    this.item.command = ClientCommands.showActions;
    if (this.claimsError && (status.state === 'ready' || status.state === 'checking' || status.state === 'starting'))
      return this.showClaimsError(this.claimsError);
    const { text, background } = render(status);
    this.item.text = text;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Consistency Checker**: ${escape(status.message)}`);
    if (status.model) tip.appendMarkdown(`\n\nModel: \`${status.model.replace(/`/g, "'")}\``);
    if (status.detail) tip.appendMarkdown(`\n\n${escape(status.detail)}`);
    tip.appendMarkdown('\n\nClick for actions.');
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `Consistency Checker: ${status.message}` };
  }

  private showClaimsError(error: string): void {
    this.item.text = '$(error) Consistency: claims file invalid';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.command = { title: 'Open claims file', command: ClientCommands.openClaimsFile };
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(
      `**Consistency Checker**: the claims file is invalid, so no claim is checked until it is fixed.\n\n${escape(error)}\n\nClick to open the claims file.`,
    );
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: 'Consistency Checker: the claims file is invalid. Open claims file' };
  }

  /** The server is not running because it was stopped (the server cannot say so itself). */
  stopped(): void {
    this.update({
      state: 'error',
      message: 'The language server is stopped',
      detail: 'Run "Consistency: Restart server" to start it again.',
    });
    this.item.text = '$(circle-slash) Consistency: stopped';
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function render(status: ServerStatus): { text: string; background?: string } {
  switch (status.state) {
    case 'starting':
      return { text: '$(loading~spin) Consistency' };
    case 'loadingModel':
      return { text: '$(loading~spin) Consistency: loading model' };
    case 'checking':
      return {
        text:
          status.total !== undefined && status.done !== undefined
            ? `$(loading~spin) Consistency: checking ${status.done} of ${status.total}`
            : '$(loading~spin) Consistency: checking',
      };
    case 'ready':
      return { text: '$(check) Consistency' };
    case 'noModel':
      return { text: '$(warning) Consistency: no model', background: 'statusBarItem.warningBackground' };
    case 'error':
      return { text: '$(error) Consistency: error', background: 'statusBarItem.errorBackground' };
    default:
      return { text: `$(info) Consistency: ${String((status as ServerStatus).state)}` };
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, '\\$&');
}
