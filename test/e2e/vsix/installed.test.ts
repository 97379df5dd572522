// The extension as a user installs it (from the .vsix, not a development folder): it activates,
// starts its bundled server and finds contradictions with its packaged onnxruntime-node.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ensureModelSetting, extension, open, waitFor, waitForFinding, waitReady } from '../helpers';

suite('Installed from the .vsix', function () {
  this.timeout(120_000);

  test('is installed as a regular extension', () => {
    const ext = extension();
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    assert.ok(
      !ext.extensionPath.startsWith(path.resolve(__dirname, '..', '..', '..')),
      `extension path ${ext.extensionPath} is not the development checkout`,
    );
    assert.equal(ext.packageJSON.name, 'consistency-checker');
  });

  test('activates, runs its server and flags a contradiction', async () => {
    await ensureModelSetting();
    await open('e2e/README.md');
    const api = await waitFor(() => extension().isActive && extension().exports, 'activation');
    assert.ok(api.activationTimes.cpuMs < 50, `activation used ${api.activationTimes.cpuMs} ms of CPU`);
    assert.ok(api.activationMs < 250, `activation took ${api.activationMs} ms`);
    await waitReady(api);
    const pid = api.serverPid();
    assert.ok(pid && pid !== process.pid);
    const claim = await vscode.commands.executeCommand<{ id: string }>('consistency.pinClaim', {
      text: 'The hotel accepts group bookings.',
    });
    assert.ok(claim?.id, 'a claim was pinned');
    const editor = await open('e2e/hotel.md');
    const diagnostic = await waitForFinding(editor.document.uri, claim.id);
    assert.equal(editor.document.getText(diagnostic.range), 'The hotel does not accept group bookings.');
  });
});
