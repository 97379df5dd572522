// Issue 10 in a real editor: no stale problems after a workspace check, the broken-claims status
// bar state, "Pin as a claim" only on a selection, dismissing with the list to restore from, and
// the walkthrough's commands. Runs after extension.test.ts (files are sorted) and restores the
// claims file it breaks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ConsistencyApi } from '../../../src/client/extension';
import { activate, codeActions, ensureModelSetting, fileUri, findings, open, rangeOf, waitFor, waitReady } from '../helpers';

suite('Issue 10: every state visible, every action undoable', function () {
  this.timeout(120_000);
  let api: ConsistencyApi;

  suiteSetup(async () => {
    await ensureModelSetting();
    await open('docs/faq.md');
    api = await activate();
    await waitReady(api);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the walkthrough and the welcome view name only commands that exist', async () => {
    const pkg = JSON.parse(fs.readFileSync(vscode.extensions.getExtension('consistency-checker.consistency-checker')!.extensionPath + '/package.json', 'utf8'));
    const texts: string[] = pkg.contributes.walkthroughs.flatMap((w: { steps: { description: string }[] }) => w.steps.map((s) => s.description));
    texts.push(...pkg.contributes.viewsWelcome.map((w: { contents: string }) => w.contents));
    const named = texts.flatMap((t) => [...t.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]));
    const all = new Set(await vscode.commands.getCommands(true));
    for (const command of named) assert.ok(all.has(command), `${command} is registered`);
    assert.ok(named.includes('consistency.showDismissed'));
    for (const text of texts) assert.doesNotMatch(text, /`/, 'no literal backticks in rendered text');
  });

  test('offers "Pin as a claim" on a selection, not at a bare cursor', async () => {
    const editor = await open('docs/faq.md');
    const uri = editor.document.uri;
    const range = rangeOf(editor.document, 'The payment system does not accept credit cards.');
    const atCursor = await codeActions(uri, new vscode.Range(range.start, range.start));
    assert.ok(!atCursor.some((a) => a.title.startsWith('Pin as a claim')), atCursor.map((a) => a.title).join());
    const onSelection = await codeActions(uri, range);
    assert.ok(onSelection.some((a) => a.title.startsWith('Pin as a claim')), onSelection.map((a) => a.title).join());
  });

  test('a broken claims file turns the status bar into an error that opens the claims file', async () => {
    const file = fileUri('.consistency/claims.json').fsPath;
    const good = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, good.replace('"id": "c2",', '"id": "c2", "enabled": "yes",'));
      await waitFor(() => /claims file invalid/.test(api.statusBarText()) || undefined, 'the broken-claims status', 15_000);
    } finally {
      fs.writeFileSync(file, good);
    }
    await waitFor(() => !/claims file invalid/.test(api.statusBarText()) || undefined, 'the status back to normal', 15_000);
  });

  test('Space in the Claims view is bound to toggling the claim (keybinding declared; the toggle round-trips)', async () => {
    await vscode.commands.executeCommand('consistency.showClaims');
    const claim = api.claims().find((c) => c.id === 'c3')!;
    const pkg = JSON.parse(fs.readFileSync(vscode.extensions.getExtension('consistency-checker.consistency-checker')!.extensionPath + '/package.json', 'utf8'));
    assert.deepEqual(pkg.contributes.keybindings.map((k: { command: string; key: string }) => `${k.key} ${k.command}`), ['space consistency.toggleClaim']);
    await vscode.commands.executeCommand('consistency.toggleClaim', claim);
    await waitFor(() => api.claims().find((c) => c.id === 'c3')?.enabled === false || undefined, 'c3 disabled');
    await vscode.commands.executeCommand('consistency.toggleClaim', claim);
    await waitFor(() => api.claims().find((c) => c.id === 'c3')?.enabled === true || undefined, 'c3 enabled again');
  });

    test('"Download model" downloads nothing when consistency.model names a missing folder', async () => {
    const config = vscode.workspace.getConfiguration('consistency');
    const model = config.get<string>('model');
    await config.update('model', '/nonexistent/cc-model', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => (api.status()?.state === 'error' && /nonexistent/.test(api.status()?.detail ?? '')) || undefined, 'the model error', 20_000);
      const seen: string[] = [];
      const sub = api.onStatus((s) => seen.push(s.state));
      void vscode.commands.executeCommand('consistency.downloadModel');
      await new Promise((r) => setTimeout(r, 1500));
      sub.dispose();
      assert.ok(!seen.includes('loadingModel'), `no model was loaded: ${seen.join()}`);
      assert.equal(api.status()?.state, 'error');
    } finally {
      await config.update('model', model, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => api.status()?.state === 'ready' || undefined, 'the model back', 30_000);
  });

    test('a workspace check leaves no stale problems: disabling a claim withdraws them from closed files', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('consistency.checkWorkspace');
    const report = fileUri('paper/report.tex');
    await waitFor(() => findings(report, 'c2').length > 0 || undefined, 'c2 flagged in the closed report.tex', 30_000);
    const claim = api.claims().find((c) => c.id === 'c2')!;
    await vscode.commands.executeCommand('consistency.toggleClaim', claim);
    try {
      await waitFor(() => findings(report, 'c2').length === 0 || undefined, 'c2 withdrawn from report.tex', 15_000);
    } finally {
      await vscode.commands.executeCommand('consistency.toggleClaim', { ...claim, enabled: false });
    }
  });
});
