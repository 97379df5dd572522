// The workspace's claims and dismissals as the server holds them: loaded from .consistency/,
// reloaded when the files change on disk, and written only here (the server is the single writer).
import { watchFile, unwatchFile, promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  ClaimsError,
  DismissedSet,
  addClaim,
  addDismissal,
  assertInsideWorkspace,
  claimsPath,
  dismissedPath,
  loadClaimsWithLines,
  loadDismissed,
  dismissalKey,
  updateClaimsFile,
  updateDismissedFile,
  type Claim,
  type ClaimSource,
  type DismissedFinding,
} from '../core/claims';

export interface ClaimsSnapshot {
  claims: Claim[];
  dismissed: DismissedSet;
  /** Set while the claims file on disk is invalid; `claims` then holds the last valid ones. */
  error?: ClaimsError;
}

export class ClaimsStore {
  private snapshot: ClaimsSnapshot = { claims: [], dismissed: new DismissedSet({ version: 1, dismissed: [] }) };
  private watched: string[] = [];
  /** 0-based line of each claim's entry in claims.json, for "go to claim" and related information. */
  private lines = new Map<string, number>();

  private workspaceRoot: string | undefined;
  /** The dismissals as last read, and what the last load found, to tell a change from a reread. */
  private dismissedList: DismissedFinding[] = [];
  private signature = '';

  constructor(private readonly onChange: (snapshot: ClaimsSnapshot) => void) {}

  /** The workspace folder holding `.consistency/`; undefined when no folder is open. */
  get root(): string | undefined {
    return this.workspaceRoot;
  }

  setRoot(root: string | undefined): void {
    this.workspaceRoot = root;
  }

  get current(): ClaimsSnapshot {
    return this.snapshot;
  }

  /** Read and write options: the files are followed through links only inside the workspace. */
  private get confined(): { workspace?: string } {
    return { workspace: this.root };
  }

  get claimsFile(): string | undefined {
    return this.root ? claimsPath(this.root) : undefined;
  }

  /**
   * Reads both files; tells onChange only when what they say changed (claims, dismissals, an
   * error, a claim's line), so a reload that finds the same content re-checks nothing.
   */
  async load(): Promise<void> {
    if (!this.root) return;
    let { claims } = this.snapshot;
    let error: ClaimsError | undefined;
    let lines = this.lines;
    try {
      const loaded = await loadClaimsWithLines(claimsPath(this.root), this.confined);
      claims = loaded.doc.claims;
      lines = loaded.lines;
    } catch (e) {
      error = asClaimsError(e, claimsPath(this.root));
    }
    let dismissed = this.snapshot.dismissed;
    let dismissedList = this.dismissedList;
    try {
      dismissedList = (await loadDismissed(dismissedPath(this.root), this.confined)).dismissed;
      dismissed = new DismissedSet({ version: 1, dismissed: dismissedList });
    } catch (e) {
      error ??= asClaimsError(e, dismissedPath(this.root));
    }
    const signature = JSON.stringify([claims, dismissedList, error?.message, [...lines]]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.lines = lines;
    this.dismissedList = dismissedList;
    this.snapshot = { claims, dismissed, error };
    this.onChange(this.snapshot);
  }

  /** The two files the store reads, for the editor to watch (workspace/didChangeWatchedFiles). */
  get files(): string[] {
    return this.root ? [claimsPath(this.root), dismissedPath(this.root)] : [];
  }

  /**
   * Polls the two files, for editors that do not watch them for the server: works before they
   * exist and survives editors that replace files.
   */
  watch(): void {
    if (!this.root || this.watched.length > 0) return;
    for (const file of this.files) {
      watchFile(file, { interval: 700, persistent: false }, () => void this.load());
      this.watched.push(file);
    }
  }

  /** The editor watches the files now (its watcher is registered): polling stops. */
  stopPolling(): void {
    for (const file of this.watched) unwatchFile(file);
    this.watched = [];
  }

  /** workspace/didChangeWatchedFiles: reloads when one of the two files was created, changed or deleted. */
  filesChanged(changed: readonly string[]): void {
    const ours = new Set(this.files.map((f) => path.resolve(f)));
    if (changed.some((file) => ours.has(path.resolve(file)))) void this.load();
  }

  /** Removes temp files that saves killed midway left beside the claims files. */
  cleanUp(): void {
    if (this.root) void removeStaleTempFiles(path.dirname(claimsPath(this.root)), this.root);
  }

  dispose(): void {
    this.stopPolling();
  }

  async pin(text: string, options: { source?: ClaimSource; note?: string; scope?: string }): Promise<Claim> {
    const file = this.requireRoot('pin a claim');
    let pinned: Claim | undefined;
    await updateClaimsFile(
      claimsPath(file),
      (doc) => {
        // Idempotent (a save may be retried after a concurrent edit): the same text is pinned once.
        pinned =
          doc.claims.find((c) => c.text === text.trim()) ??
          addClaim(doc, { text: text.trim(), source: options.source, note: options.note, scope: options.scope });
      },
      this.confined,
    );
    await this.load();
    return pinned!;
  }

  async unpin(id: string): Promise<boolean> {
    const root = this.requireRoot('unpin a claim');
    let removed = false;
    await updateClaimsFile(
      claimsPath(root),
      (doc) => {
        const before = doc.claims.length;
        doc.claims = doc.claims.filter((c) => c.id !== id);
        removed = doc.claims.length < before;
      },
      this.confined,
    );
    // Ids can be reused by a later pin: its findings must not inherit this claim's dismissals.
    await updateDismissedFile(
      dismissedPath(root),
      (doc) => {
        doc.dismissed = doc.dismissed.filter((d) => d.claimId !== id);
      },
      this.confined,
    );
    await this.load();
    return removed;
  }

  async update(
    id: string,
    change: { text?: string; enabled?: boolean; scope?: string | null; note?: string | null },
  ): Promise<Claim> {
    const file = this.requireRoot('edit a claim');
    let updated: Claim | undefined;
    await updateClaimsFile(
      claimsPath(file),
      (doc) => {
        const claim = doc.claims.find((c) => c.id === id);
        if (!claim) throw new Error(`No claim with id "${id}".`);
        if (change.text !== undefined) {
          if (!change.text.trim()) throw new Error('A claim needs a non-empty text.');
          claim.text = change.text.trim();
        }
        if (change.enabled !== undefined) claim.enabled = change.enabled;
        if (change.scope !== undefined) setOptional(claim, 'scope', change.scope);
        if (change.note !== undefined) setOptional(claim, 'note', change.note);
        updated = { ...claim };
      },
      this.confined,
    );
    await this.load();
    return updated!;
  }

  async dismiss(claimId: string, relativePath: string, sentence: string): Promise<void> {
    const root = this.requireRoot('dismiss a finding');
    await updateDismissedFile(
      dismissedPath(root),
      (doc) => {
        addDismissal(doc, { claimId, file: relativePath, sentence });
      },
      this.confined,
    );
    await this.load();
  }

  /** The dismissed findings as the file lists them (for the "Dismissed findings" list). */
  async listDismissed(): Promise<DismissedFinding[]> {
    if (!this.root) return [];
    return (await loadDismissed(dismissedPath(this.root), this.confined)).dismissed;
  }

  /** Takes a dismissal back (restore, or undo right after dismissing); false when there was none. */
  async restore(claimId: string, relativePath: string, sentence: string): Promise<boolean> {
    const root = this.requireRoot('restore a dismissed finding');
    const key = dismissalKey(claimId, relativePath, sentence);
    let removed = false;
    await updateDismissedFile(
      dismissedPath(root),
      (doc) => {
        const kept = doc.dismissed.filter((d) => dismissalKey(d.claimId, d.file, d.sentence) !== key);
        removed = kept.length < doc.dismissed.length;
        doc.dismissed = kept;
      },
      this.confined,
    );
    await this.load();
    return removed;
  }

  claimLine(id: string): number {
    return this.lines.get(id) ?? 0;
  }

  private requireRoot(action: string): string {
    if (!this.root)
      throw new Error(
        `Open a folder to ${action}: claims are stored in .consistency/claims.json at the workspace root.`,
      );
    if (this.snapshot.error && this.snapshot.error.file === claimsPath(this.root)) {
      throw new Error(`Cannot ${action} while the claims file is invalid: ${this.snapshot.error.message}`);
    }
    return this.root;
  }
}

/**
 * A save killed midway (a crashed or killed process) leaves its temp file beside claims.json.
 * Nothing ever reads them; remove those old enough that no live save can still own them.
 */
async function removeStaleTempFiles(dir: string, root: string): Promise<void> {
  // A .consistency/ that links out of the workspace is not ours to clean.
  if (
    !(await assertInsideWorkspace(dir, root).then(
      () => true,
      () => false,
    ))
  )
    return;
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - 60_000;
  for (const name of entries) {
    if (!/^\.(claims|dismissed)\.json\..*\.tmp(\.previous)?$/.test(name)) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true }).catch(() => undefined);
  }
}

function setOptional(claim: Claim, key: 'scope' | 'note', value: string | null): void {
  if (value === null || value === '') delete claim[key];
  else claim[key] = value;
}

function asClaimsError(error: unknown, file: string): ClaimsError {
  if (error instanceof ClaimsError) return error;
  return new ClaimsError(`${file}: ${error instanceof Error ? error.message : String(error)}`, file);
}
