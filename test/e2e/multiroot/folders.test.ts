// A multi-root workspace (a .code-workspace with folders alpha and beta, both copies of
// examples/; beta's .vscode/settings.json sets consistency.threshold to 1): the server asks for
// each folder's settings, so the same contradiction is flagged in alpha and not in beta, until
// beta's folder setting changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, ensureModelSetting, findings, sleep, waitFor, waitForFinding, waitReady } from '../helpers';

suite('Multi-root workspace: settings per folder', function () {
  this.timeout(120_000);

  test("a folder setting (threshold in beta/.vscode/settings.json) applies to that folder's documents only", async () => {
    await ensureModelSetting();
    const api = await activate();
    await waitReady(api);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(
      folders.map((f) => f.name),
      ['alpha', 'beta'],
    );
    const [alpha, beta] = folders;
    assert.equal(
      vscode.workspace.getConfiguration('consistency', beta.uri).get('threshold'),
      1,
      "the fixture sets beta's threshold",
    );
    const inAlpha = vscode.Uri.joinPath(alpha.uri, 'docs', 'faq.md');
    const inBeta = vscode.Uri.joinPath(beta.uri, 'docs', 'faq.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(inAlpha), { preview: false });
    await waitForFinding(inAlpha, 'c1', undefined, 60_000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(inBeta), { preview: false });
    await sleep(3000);
    assert.deepEqual(findings(inBeta), [], 'threshold 1 in beta: nothing flagged there');
    // The same file is flagged in beta once its folder's threshold is the default again.
    const config = vscode.workspace.getConfiguration('consistency', beta.uri);
    await config.update('threshold', 0.5, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await waitForFinding(inBeta, 'c1', undefined, 30_000);
      assert.ok(findings(inAlpha, 'c1').length > 0, 'alpha still flagged');
    } finally {
      await config.update('threshold', 1, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor(() => findings(inBeta).length === 0 || undefined, 'beta back to nothing flagged');
  });
});
