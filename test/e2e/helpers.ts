// Helpers shared by the real-editor suites. They use only the public VS Code API (plus the
// extension's exported API), so the suites run under any host: code-server here,
// @vscode/test-electron or @vscode/test-cli elsewhere.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConsistencyApi } from '../../src/client/extension';

export const EXTENSION_ID = 'consistency-checker.consistency-checker';
export const SOURCE = 'Consistency';

export function extension(): vscode.Extension<ConsistencyApi> {
  const ext = vscode.extensions.getExtension<ConsistencyApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (a copy of examples/, see test/e2e/README.md)');
  return folder.uri;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/**
 * The fixture model: $CONSISTENCY_E2E_MODEL, else test/fixtures/tiny-bert-nli of the extension
 * under test (a development checkout), else of the repository the tests were built in.
 */
export function fixtureModel(): string {
  const candidates = [
    process.env.CONSISTENCY_E2E_MODEL,
    path.join(extension().extensionPath, 'test', 'fixtures', 'tiny-bert-nli'),
    path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'tiny-bert-nli'),
    path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'tiny-bert-nli'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'config.json')));
  assert.ok(found, `fixture model not found in ${candidates.join(', ')}`);
  return found;
}

/** Uses the fixture model unless the user settings already name a model folder. */
export async function ensureModelSetting(): Promise<string> {
  const config = vscode.workspace.getConfiguration('consistency');
  const current = config.get<string>('model');
  if (current && fs.existsSync(current)) return current;
  const model = fixtureModel();
  await config.update('model', model, vscode.ConfigurationTarget.Global);
  return model;
}

export async function activate(): Promise<ConsistencyApi> {
  const ext = extension();
  const api = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(api && typeof api.ready === 'function', 'the extension exports its API');
  return api;
}

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${last ? ` (last error: ${String(last)})` : ''}`,
      );
    }
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until the server reports it is ready (model loaded). */
export async function waitReady(api: ConsistencyApi, timeoutMs = 90_000): Promise<void> {
  await api.ready();
  await waitFor(
    () => api.status()?.state === 'ready',
    () => `server status "ready" (now: ${JSON.stringify(api.status())})`,
    timeoutMs,
  );
}

export function findings(uri: vscode.Uri, claimId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (claimId === undefined || codeOf(d) === claimId));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The range of the first occurrence of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string, from = 0): vscode.Range {
  const index = document.getText().indexOf(text, from);
  assert.ok(index >= 0, `"${text}" not found in ${document.uri.fsPath}`);
  return new vscode.Range(document.positionAt(index), document.positionAt(index + text.length));
}

/** The range of the last occurrence of `text` in the document. */
export function lastRangeOf(document: vscode.TextDocument, text: string): vscode.Range {
  const index = document.getText().lastIndexOf(text);
  assert.ok(index >= 0, `"${text}" not found in ${document.uri.fsPath}`);
  return new vscode.Range(document.positionAt(index), document.positionAt(index + text.length));
}

export async function waitForFinding(
  uri: vscode.Uri,
  claimId: string,
  range?: vscode.Range,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic> {
  return waitFor(
    () => findings(uri, claimId).find((d) => !range || d.range.intersection(range) !== undefined),
    () =>
      `a ${SOURCE} diagnostic for claim ${claimId} in ${path.basename(uri.fsPath)}${range ? ` at ${show(range)}` : ''} (now: ${describe(uri)})`,
    timeoutMs,
  );
}

export async function waitForNoFinding(uri: vscode.Uri, claimId: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    () => findings(uri, claimId).length === 0,
    () => `no diagnostic for claim ${claimId} in ${path.basename(uri.fsPath)} (now: ${describe(uri)})`,
    timeoutMs,
  );
}

export function describe(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return all.length ? all.map((d) => `${codeOf(d)}@${show(d.range)}`).join(', ') : 'none';
}

export function show(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
  );
  return (result ?? []).filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

/** Runs a code action the way the editor does: its edit, then its command. */
export async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

export function readClaimsFile(): { claims: { id: string; text: string; enabled?: boolean }[] } {
  const file = path.join(workspaceRoot().fsPath, '.consistency', 'claims.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Whether a harness that performs UI actions in the workbench runs these suites (scripts/e2e/run.mjs does). */
export function uiDriver(): string | undefined {
  const dir = process.env.CONSISTENCY_E2E_UI;
  return dir && fs.existsSync(dir) ? dir : undefined;
}

export interface UiAction {
  /** CSS/Playwright selector to wait for before anything else. */
  waitFor?: string;
  /** Selector of the element to click (the first visible match). */
  click?: string;
  /** A key to press in the page, Playwright's names ("Space", "Delete"). */
  press?: string;
  /** Selector that must disappear (or never be there). */
  gone?: string;
  /** Selector whose every match must lie inside its nearest clipping ancestor (a label not cut off). */
  fits?: string;
  timeoutMs?: number;
}

/**
 * Has the harness do `action` in the workbench page with Playwright (a real click or key press,
 * as a person would), and waits for it to be done. Throws with the harness's error when the
 * selector never appeared.
 */
export async function ui(action: UiAction): Promise<void> {
  const dir = uiDriver();
  assert.ok(dir, 'UI actions need the harness of scripts/e2e/run.mjs (CONSISTENCY_E2E_UI)');
  // Each suite file bundles its own copy of this module: the id must be unique across them.
  const id = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
  const answer = path.join(dir, `${id}.json`);
  console.log(`[e2e-ui] ${JSON.stringify({ id, ...action })}`);
  const outcome = await waitFor(
    () =>
      fs.existsSync(answer)
        ? (JSON.parse(fs.readFileSync(answer, 'utf8')) as { ok: boolean; error?: string })
        : undefined,
    `the harness to do ${JSON.stringify(action)}`,
    (action.timeoutMs ?? 10_000) + 15_000,
  );
  fs.rmSync(answer, { force: true });
  assert.ok(outcome.ok, `UI action ${JSON.stringify(action)} failed: ${outcome.error}`);
}
