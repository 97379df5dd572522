// The Claims view: one row per pinned claim with an enable checkbox, the number of findings
// (counted from the diagnostics VS Code holds, so it matches the Problems panel), and inline
// actions (edit, reveal source, unpin).
import * as vscode from 'vscode';
import type { ClaimInfo } from '../common/protocol';
import { CLAIMS_VIEW, Commands, DIAGNOSTIC_SOURCE } from './ids';

export interface ClaimsViewHandlers {
  setEnabled(claim: ClaimInfo, enabled: boolean): Promise<void>;
}

export class ClaimsView implements vscode.TreeDataProvider<ClaimInfo>, vscode.Disposable {
  private claims: ClaimInfo[] = [];
  private error: string | undefined;
  private loaded = false;
  private findings = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<ClaimInfo | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ClaimInfo>;
  private readonly disposables: vscode.Disposable[] = [];
  private countTimer: NodeJS.Timeout | undefined;

  constructor(private readonly handlers: ClaimsViewHandlers) {
    this.view = vscode.window.createTreeView(CLAIMS_VIEW, {
      treeDataProvider: this,
      showCollapseAll: false,
      canSelectMany: false,
      manageCheckboxStateManually: true,
    });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeCheckboxState((e) => {
        for (const [claim, state] of e.items) {
          void this.handlers.setEnabled(claim, state === vscode.TreeItemCheckboxState.Checked);
        }
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleCount()),
    );
    this.countFindings();
  }

  /** The claims as last reported by the server. */
  get all(): readonly ClaimInfo[] {
    return this.claims;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  findingsFor(id: string): number {
    return this.findings.get(id) ?? 0;
  }

  set(claims: ClaimInfo[], error?: string): void {
    this.claims = [...claims];
    this.error = error;
    this.loaded = true;
    this.refresh();
  }

  refresh(): void {
    this.view.message = this.error ? `The claims file has a problem: ${this.error}` : undefined;
    const total = this.claims.reduce((n, c) => n + this.findingsFor(c.id), 0);
    this.view.badge = total > 0 ? { value: total, tooltip: `${total} sentence${total === 1 ? '' : 's'} contradict pinned claims` } : undefined;
    this.view.description = this.claims.length ? `${this.claims.filter((c) => c.enabled).length} of ${this.claims.length} enabled` : undefined;
    this.changed.fire(undefined);
  }

  async reveal(id: string): Promise<void> {
    const claim = this.claims.find((c) => c.id === id);
    if (claim && this.view.visible) await this.view.reveal(claim, { select: true, focus: false });
  }

  getTreeItem(claim: ClaimInfo): vscode.TreeItem {
    const n = this.findingsFor(claim.id);
    const item = new vscode.TreeItem(claim.text, vscode.TreeItemCollapsibleState.None);
    item.id = claim.id;
    item.description = [n > 0 ? `${n} finding${n === 1 ? '' : 's'}` : undefined, claim.enabled ? undefined : 'disabled', claim.scope ? scopeText(claim.scope) : undefined]
      .filter(Boolean)
      .join(' · ');
    item.checkboxState = {
      state: claim.enabled ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: claim.enabled ? 'Enabled: uncheck to stop checking this claim' : 'Disabled: check to check this claim again',
      accessibilityInformation: { label: claim.enabled ? 'Enabled' : 'Disabled' },
    };
    item.iconPath =
      n > 0
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon(claim.enabled ? 'pinned' : 'pin');
    item.contextValue = `claim.${claim.enabled ? 'enabled' : 'disabled'}${claim.source ? '.hasSource' : ''}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Claim ${claim.id}**${claim.enabled ? '' : ' (disabled)'}\n\n`);
    tip.appendText(claim.text);
    if (claim.scope) tip.appendMarkdown('\n\nScope: ').appendText(scopeText(claim.scope));
    if (claim.note) tip.appendMarkdown('\n\nNote: ').appendText(claim.note);
    if (claim.source) tip.appendMarkdown('\n\nFrom: ').appendText(`${claim.source.file}${claim.source.line !== undefined ? `:${claim.source.line}` : ''}`);
    tip.appendMarkdown(`\n\n${n} finding${n === 1 ? '' : 's'} in the Problems panel.`);
    item.tooltip = tip;
    item.command = { title: 'Reveal claim source', command: Commands.revealClaim, arguments: [{ id: claim.id }] };
    item.accessibilityInformation = { label: `Claim ${claim.text}, ${claim.enabled ? 'enabled' : 'disabled'}, ${n} findings` };
    return item;
  }

  getChildren(element?: ClaimInfo): ClaimInfo[] {
    return element ? [] : this.claims;
  }

  getParent(): undefined {
    return undefined;
  }

  private scheduleCount(): void {
    if (this.countTimer) return;
    this.countTimer = setTimeout(() => {
      this.countTimer = undefined;
      this.countFindings();
    }, 200);
  }

  private countFindings(): void {
    const counts = new Map<string, number>();
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        const id = claimIdOf(d);
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const same = counts.size === this.findings.size && [...counts].every(([k, v]) => this.findings.get(k) === v);
    this.findings = counts;
    if (!same) this.refresh();
  }

  dispose(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The claim id of a Consistency diagnostic (its `code`, plain or with a link). */
export function claimIdOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

function scopeText(scope: string | string[]): string {
  return Array.isArray(scope) ? scope.join(', ') : scope;
}
