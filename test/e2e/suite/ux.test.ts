// In a real editor: no stale problems after a workspace check, the broken-claims status
// bar state, "Pin as a claim" only on a selection, dismissing with the list to restore from, and
// the walkthrough's commands. Runs after extension.test.ts (files are sorted) and restores the
// claims file it breaks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ConsistencyApi } from '../../../src/client/extension';
import {
  activate,
  codeActions,
  ensureModelSetting,
  fileUri,
  findings,
  open,
  rangeOf,
  sleep,
  ui,
  uiDriver,
  waitFor,
  waitReady,
} from '../helpers';

suite('Every state visible, every action undoable', function () {
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
    const pkg = JSON.parse(
      fs.readFileSync(
        vscode.extensions.getExtension('consistency-checker.consistency-checker')!.extensionPath + '/package.json',
        'utf8',
      ),
    );
    const texts: string[] = pkg.contributes.walkthroughs.flatMap((w: { steps: { description: string }[] }) =>
      w.steps.map((s) => s.description),
    );
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
    assert.ok(
      onSelection.some((a) => a.title.startsWith('Pin as a claim')),
      onSelection.map((a) => a.title).join(),
    );
  });

  test('a broken claims file turns the status bar into an error that opens the claims file', async () => {
    const file = fileUri('.consistency/claims.json').fsPath;
    const good = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, good.replace('"id": "c2",', '"id": "c2", "enabled": "yes",'));
      await waitFor(
        () => /claims file invalid/.test(api.statusBarText()) || undefined,
        'the broken-claims status',
        15_000,
      );
    } finally {
      fs.writeFileSync(file, good);
    }
    await waitFor(
      () => !/claims file invalid/.test(api.statusBarText()) || undefined,
      'the status back to normal',
      15_000,
    );
  });

  test('Claims view keys, pressed in the view: Space toggles the selected claim without opening it, F2 edits it, Delete unpins it with Undo', async function () {
    if (!uiDriver()) this.skip(); // needs a harness that presses keys in the workbench (scripts/e2e/run.mjs)
    const pkg = JSON.parse(
      fs.readFileSync(
        vscode.extensions.getExtension('consistency-checker.consistency-checker')!.extensionPath + '/package.json',
        'utf8',
      ),
    );
    assert.deepEqual(
      pkg.contributes.keybindings.map(
        (k: { command: string; key: string; when: string }) => `${k.key} ${k.command} ${k.when}`,
      ),
      ['space consistency.toggleClaim', 'delete consistency.unpinClaim', 'f2 consistency.editClaim'].map(
        (k) => `${k} focusedView == consistency.claims && !inputFocus`,
      ),
    );
    const claimsFile = fileUri('.consistency/claims.json').fsPath;
    const original = fs.readFileSync(claimsFile, 'utf8');
    const c3 = api.claims().find((c) => c.id === 'c3')!;
    const row = `.monaco-list-row[aria-label^="Claim ${c3.text}"]`;
    // Select c3's row with a click (which opens its entry, as a click on a row does), then give
    // the view the keyboard back with nothing open.
    const selectRow = async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor(() => vscode.window.visibleTextEditors.length === 0 || undefined, 'no editor open');
      await vscode.commands.executeCommand('consistency.claims.focus');
      await ui({ click: row });
      await waitFor(
        () => vscode.window.activeTextEditor?.document.uri.fsPath === claimsFile || undefined,
        'the click to open the claim in claims.json',
      );
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor(() => vscode.window.visibleTextEditors.length === 0 || undefined, 'no editor open again');
      await vscode.commands.executeCommand('consistency.claims.focus');
      await sleep(300);
      // No editor is open, so a key that missed the view could not type anywhere.
      assert.equal(vscode.window.activeTextEditor, undefined);
    };
    try {
      await selectRow();
      await ui({ press: 'Space' });
      await waitFor(
        () => api.claims().find((c) => c.id === 'c3')?.enabled === false || undefined,
        'Space to disable c3',
      );
      assert.equal(vscode.window.activeTextEditor, undefined, 'Space did not open the claim');
      // The view redraws the row (its checkbox and icon) before the next key.
      await sleep(1000);
      await ui({ press: 'Space' });
      await waitFor(
        () => api.claims().find((c) => c.id === 'c3')?.enabled === true || undefined,
        'Space to enable c3 again',
      );

      await ui({ press: 'F2' });
      await ui({ waitFor: `.quick-input-widget:has-text("Edit claim c3")` });
      await ui({ press: 'Escape' });

      await selectRow();
      await ui({ press: 'Delete' });
      await waitFor(() => !api.claims().some((c) => c.id === 'c3') || undefined, 'Delete to unpin c3');
      await vscode.commands.executeCommand('notifications.showList');
      await ui({
        click:
          '.notifications-center .notification-list-item:has-text("Unpinned claim c3") .monaco-button:has-text("Undo")',
      });
      const again = await waitFor(() => api.claims().find((c) => c.text === c3.text), 'Undo to pin c3 again');
      assert.equal(again.scope, c3.scope);
      assert.equal(again.enabled, true);
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
      fs.writeFileSync(claimsFile, original);
      await waitFor(() => api.claims().some((c) => c.id === 'c3') || undefined, 'the claims file restored');
    }
  });

  test('Claims view rows fit the default side bar: the label is the start of the claim, the whole text is in the tooltip', async function () {
    if (!uiDriver()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('consistency.claims.focus');
    // Escape clears the selection, then the view loses focus: no row shows its inline actions
    // (a selected, focused or hovered row does, over the end of its label).
    await ui({ press: 'Escape' });
    await open('docs/faq.md');
    for (const claim of api.claims()) {
      const row = api.claimRow(claim.id)!;
      assert.ok(row.label.length <= 26, `"${row.label}" is short`);
      assert.ok(claim.text.startsWith(row.label.replace(/…$/, '')), `"${row.label}" starts the claim "${claim.text}"`);
      assert.ok(row.tooltip.includes(claim.text.replace(/\.$/, '')), `the tooltip has the whole claim: ${row.tooltip}`);
    }
    // In the workbench: no claim's label runs past the edge of its row.
    await ui({ fits: '.monaco-list-row[aria-label^="Claim "] .label-name' });
  });

  test('"Download model" downloads nothing when consistency.model names a missing folder', async () => {
    const config = vscode.workspace.getConfiguration('consistency');
    const model = config.get<string>('model');
    await config.update('model', '/nonexistent/cc-model', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        () => (api.status()?.state === 'error' && /nonexistent/.test(api.status()?.detail ?? '')) || undefined,
        'the model error',
        20_000,
      );
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
