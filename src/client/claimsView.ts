// The Claims view: one row per pinned claim with an enable checkbox, "supported by N ·
// contradicted by M" (contradictions counted from the diagnostics VS Code holds, so they match the
// Problems panel; support from the server's evidence), an "unsupported" mark for a claim nothing in
// the checked documents supports, inline actions (edit, reveal source, unpin), and one child per
// supporting or contradicting sentence that opens it.
import * as vscode from 'vscode';
import type { ClaimEvidenceInfo, ClaimInfo, EvidenceSentence } from '../common/protocol';
import { Commands } from '../common/commands';
import { DIAGNOSTIC_SOURCE } from '../common/constants';
import { shortenText } from '../core/text/shorten';
import { CLAIMS_VIEW } from './ids';

/** Characters of a claim's or sentence's text in its row: what fits beside the checkbox and icon in the default side bar (about 200 px for the label). */
const ROW_LABEL_MAX = 26;

export interface ClaimsViewHandlers {
  setEnabled(claim: ClaimInfo, enabled: boolean): Promise<void>;
}

/** A child row of a claim: one sentence that supports or contradicts it. */
export interface EvidenceItem {
  evidenceOf: string;
  sentence: EvidenceSentence;
}

export type ClaimsViewElement = ClaimInfo | EvidenceItem;

function isEvidence(element: ClaimsViewElement): element is EvidenceItem {
  return 'evidenceOf' in element;
}

/** The text a tree row shows: for tests and other extensions. */
type DrawnRow = { label: string; description: string; tooltip: string };

export class ClaimsView implements vscode.TreeDataProvider<ClaimsViewElement>, vscode.Disposable {
  private claims: ClaimInfo[] = [];
  private evidence = new Map<string, ClaimEvidenceInfo>();
  private error: string | undefined;
  private loaded = false;
  private findings = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<ClaimsViewElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ClaimsViewElement>;
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
          if (!isEvidence(claim)) void this.handlers.setEnabled(claim, state === vscode.TreeItemCheckboxState.Checked);
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

  /** A claim's row as the view draws it, and its children's: for tests and other extensions. */
  row(id: string): (DrawnRow & { children: DrawnRow[] }) | undefined {
    const claim = this.claims.find((c) => c.id === id);
    if (!claim) return undefined;
    const text = (item: vscode.TreeItem) => ({
      label: String(item.label ?? ''),
      description: String(item.description ?? ''),
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : markdownAsText(item.tooltip?.value ?? ''),
    });
    return {
      ...text(this.getTreeItem(claim)),
      children: this.getChildren(claim).map((child) => text(this.getTreeItem(child))),
    };
  }

  /** What supports and contradicts each claim, as the server last reported it. */
  evidenceFor(id: string): ClaimEvidenceInfo | undefined {
    return this.evidence.get(id);
  }

  setEvidence(evidence: ClaimEvidenceInfo[]): void {
    this.evidence = new Map(evidence.map((e) => [e.claimId, e]));
    this.refresh();
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
    this.view.badge =
      total > 0
        ? { value: total, tooltip: `${total} sentence${total === 1 ? '' : 's'} contradict pinned claims` }
        : undefined;
    this.view.description = this.claims.length
      ? `${this.claims.filter((c) => c.enabled).length} of ${this.claims.length} enabled`
      : undefined;
    this.changed.fire(undefined);
  }

  async reveal(id: string): Promise<void> {
    const claim = this.claims.find((c) => c.id === id);
    if (claim && this.view.visible) await this.view.reveal(claim, { select: true, focus: false });
  }

  getTreeItem(element: ClaimsViewElement): vscode.TreeItem {
    if (isEvidence(element)) return evidenceItem(element);
    const claim = element;
    const n = this.findingsFor(claim.id);
    const evidence = claim.enabled ? this.evidence.get(claim.id) : undefined;
    // The row shows the claim's start (the default side bar is narrow) and its state; the whole
    // text is in the tooltip and the screen-reader label.
    const item = new vscode.TreeItem(
      shortenText(claim.text, ROW_LABEL_MAX),
      evidence?.sentences.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = claim.id;
    const tally = evidence
      ? `supported by ${evidence.supportedBy} · contradicted by ${n}`
      : n > 0
        ? `${n} finding${n === 1 ? '' : 's'}`
        : undefined;
    item.description = [
      tally,
      evidence?.unsupported ? 'unsupported' : undefined,
      claim.enabled ? undefined : 'disabled',
      claim.scope ? scopeText(claim.scope) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.checkboxState = {
      state: claim.enabled ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: claim.enabled
        ? 'Enabled: uncheck to stop checking this claim'
        : 'Disabled: check to check this claim again',
      accessibilityInformation: { label: claim.enabled ? 'Enabled' : 'Disabled' },
    };
    item.iconPath =
      n > 0
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : evidence?.unsupported
          ? new vscode.ThemeIcon('question', new vscode.ThemeColor('list.deemphasizedForeground'))
          : new vscode.ThemeIcon(claim.enabled ? 'pinned' : 'pin');
    item.contextValue = `claim.${claim.enabled ? 'enabled' : 'disabled'}${claim.source ? '.hasSource' : ''}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Claim ${claim.id}**${claim.enabled ? '' : ' (disabled)'}\n\n`);
    tip.appendText(claim.text);
    if (claim.scope) tip.appendMarkdown('\n\nScope: ').appendText(scopeText(claim.scope));
    if (claim.note) tip.appendMarkdown('\n\nNote: ').appendText(claim.note);
    if (claim.source)
      tip
        .appendMarkdown('\n\nFrom: ')
        .appendText(`${claim.source.file}${claim.source.line !== undefined ? `:${claim.source.line}` : ''}`);
    tip.appendMarkdown(`\n\n${n} finding${n === 1 ? '' : 's'} in the Problems panel.`);
    if (evidence) {
      tip.appendMarkdown(
        evidence.unsupported
          ? `\n\n**Unsupported**: no sentence in the ${evidence.documents} checked document${evidence.documents === 1 ? '' : 's'} in its scope supports it.`
          : `\n\nSupported by ${evidence.supportedBy} sentence${evidence.supportedBy === 1 ? '' : 's'} in the checked documents.`,
      );
    }
    item.tooltip = tip;
    item.command = { title: 'Reveal claim source', command: Commands.revealClaim, arguments: [{ id: claim.id }] };
    item.accessibilityInformation = {
      label: `Claim ${claim.text}, ${claim.enabled ? 'enabled' : 'disabled'}, ${evidence ? `supported by ${evidence.supportedBy}, ` : ''}${n} findings${evidence?.unsupported ? ', unsupported' : ''}`,
    };
    return item;
  }

  getChildren(element?: ClaimsViewElement): ClaimsViewElement[] {
    if (!element) return this.claims;
    if (isEvidence(element) || !element.enabled) return [];
    return (this.evidence.get(element.id)?.sentences ?? []).map((sentence) => ({ evidenceOf: element.id, sentence }));
  }

  getParent(element: ClaimsViewElement): ClaimInfo | undefined {
    return isEvidence(element) ? this.claims.find((c) => c.id === element.evidenceOf) : undefined;
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

/** A supporting or contradicting sentence; selecting it opens the sentence in its document. */
function evidenceItem(element: EvidenceItem): vscode.TreeItem {
  const e = element.sentence;
  const uri = vscode.Uri.parse(e.uri);
  const item = new vscode.TreeItem(shortenText(e.sentence, ROW_LABEL_MAX), vscode.TreeItemCollapsibleState.None);
  item.id = `${element.evidenceOf}\u0000${e.kind}\u0000${e.uri}\u0000${e.range.start.line}:${e.range.start.character}`;
  const percent = `${Math.round(e.probability * 100)}%`;
  const how = e.restates ? 'states it' : `${e.kind} ${percent}`;
  item.description = `${how} · ${vscode.workspace.asRelativePath(uri)}:${e.range.start.line + 1}`;
  item.iconPath =
    e.kind === 'supports'
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = `evidence.${e.kind}`;
  const why = e.restates
    ? 'States the claim itself (the sentence it was pinned from, or the same words)'
    : `${e.kind === 'supports' ? 'Supports' : 'Contradicts'} the claim (${e.kind === 'supports' ? 'entailment' : 'contradiction'} ${percent})`;
  item.tooltip = `${e.sentence.replace(/\s+/g, ' ')}\n\n${why}`;
  const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
  item.command = {
    title: 'Open sentence',
    command: 'vscode.open',
    arguments: [uri, { selection: range, preview: true }],
  };
  item.accessibilityInformation = { label: `${e.kind} ${percent}: ${e.sentence}` };
  return item;
}

function scopeText(scope: string | string[]): string {
  return Array.isArray(scope) ? scope.join(', ') : scope;
}

/** What a reader sees of a MarkdownString built with appendText: no escapes, no &nbsp;. */
function markdownAsText(value: string): string {
  return value
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, '$1')
    .replace(/\*\*/g, '');
}
