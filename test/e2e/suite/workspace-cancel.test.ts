// "Check workspace" on a few hundred files, cancelled with the Cancel button of its progress
// notification, clicked in the workbench by the harness (scripts/e2e/run.mjs) as a person would:
// the check stops (it does not go on to the last file), its progress ends, the summary says
// cancelled and the status bar is back to ready. Runs last (files are sorted) and removes the
// files it writes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConsistencyApi } from '../../../src/client/extension';
import type { CheckResult } from '../../../src/common/protocol';
import { activate, ensureModelSetting, open, sleep, ui, uiDriver, waitFor, waitReady, workspaceRoot } from '../helpers';

const FILES = 406;
const BULK = 'bulk-cancel';

/** One file of sentences that share words with the example claims, all different (no cache hits). */
function bulkFile(n: number): string {
  const lines = [`# Notes ${n}`, ''];
  for (let i = 0; i < 60; i++) {
    lines.push(
      `Release ${n}.${i} of the service does not support two factor authentication for group ${n * 100 + i}.`,
      `Backup ${n}.${i} of the database is not encrypted at rest in region ${n * 100 + i}.`,
      '',
    );
  }
  return lines.join('\n');
}

suite('Check workspace: Cancel on its notification', function () {
  this.timeout(240_000);
  let api: ConsistencyApi;
  const folder = () => path.join(workspaceRoot().fsPath, BULK);

  suiteSetup(async () => {
    await ensureModelSetting();
    api = await activate();
    await waitReady(api);
    await open('docs/faq.md'); // as a writer would have: an open document is checked through its buffer
    fs.mkdirSync(folder(), { recursive: true });
    for (let n = 0; n < FILES; n++)
      fs.writeFileSync(path.join(folder(), `notes-${String(n).padStart(3, '0')}.md`), bulkFile(n));
  });
  suiteTeardown(async () => {
    fs.rmSync(folder(), { recursive: true, force: true });
    await vscode.commands.executeCommand('notifications.hideList');
    await vscode.commands.executeCommand('consistency.clearDiagnostics');
  });

  test('Cancel stops the check: no file after it, progress ends, the result says cancelled, the status bar is ready', async function () {
    if (!uiDriver()) this.skip(); // needs a harness that clicks in the workbench (scripts/e2e/run.mjs)
    const total = (await vscode.workspace.findFiles('**/*.{md,markdown,txt,tex,rst,adoc}', '**/node_modules/**'))
      .length;
    assert.ok(total >= FILES, `the workspace has ${total} files`);
    const seen: { done?: number; total?: number; state: string; at: number }[] = [];
    const sub = api.onStatus((s) => seen.push({ state: s.state, done: s.done, total: s.total, at: Date.now() }));

    const running = Promise.resolve(vscode.commands.executeCommand<CheckResult>('consistency.checkWorkspace'));
    try {
      await waitFor(
        () => seen.some((s) => s.state === 'checking' && s.total === total && (s.done ?? 0) >= 20) || undefined,
        () => `the check under way (statuses: ${JSON.stringify(seen.slice(-3))})`,
        60_000,
      );
      // Toasts are off under the smoke-test driver: the progress is in the notification center.
      await vscode.commands.executeCommand('notifications.showList');
      await ui({
        click:
          '.notifications-center .notification-list-item:has-text("checking workspace") .monaco-button:has-text("Cancel")',
      });
      const clickedAt = Date.now();
      const atClick = seen.filter((s) => s.state === 'checking' && s.total === total).at(-1)!.done ?? 0;
      assert.ok(
        atClick < total - 100,
        `Cancel was clicked mid-way (${atClick} of ${total}), not after the check: the test needs more work per file`,
      );
      const result = await Promise.race([running, sleep(20_000).then(() => undefined)]);
      assert.ok(result, 'the command ended within 20 s of Cancel');
      assert.equal(result.cancelled, true, `the result says cancelled: ${JSON.stringify(result)}`);
      const timeline = () =>
        seen
          .filter((s) => s.state === 'checking')
          .map((s) => `${s.done}@${s.at - clickedAt}`)
          .join(' ');
      // The cancel goes through the workbench, the extension host and the server's message queue:
      // a few files may finish meanwhile, never the rest of the workspace.
      assert.ok(
        result.documents < atClick + 80 && result.documents < total - 50,
        `stopped soon after Cancel at ${atClick}: ${result.documents} of ${total} documents (progress, as files@ms after the click: ${timeline()})`,
      );
      console.log(
        `[e2e]     cancelled at ${atClick} of ${total} files, stopped after ${result.documents}, ${Math.max(0, (seen.filter((s) => s.state === 'checking').at(-1)?.at ?? clickedAt) - clickedAt)} ms after the click`,
      );
      await waitFor(
        () => api.status()?.state === 'ready' || undefined,
        () => `status ready (now ${JSON.stringify(api.status())})`,
        10_000,
      );
      const readyAt = seen.length;
      await sleep(3000);
      const after = seen.slice(readyAt).filter((s) => s.state === 'checking' && s.total === total);
      assert.deepEqual(after, [], 'no workspace progress after the check stopped');
      assert.doesNotMatch(api.statusBarText(), /checking/);
      const last = seen.filter((s) => s.state === 'checking' && s.total === total).at(-1)!.done ?? 0;
      assert.ok(
        last <= result.documents + 1,
        `the last progress (${last} of ${total}) is where the check stopped (${result.documents})`,
      );
      // The progress notification is gone from the notification center.
      await ui({ gone: '.notifications-center .notification-list-item:has-text("checking workspace")' });
    } finally {
      sub.dispose();
    }
  });
});
