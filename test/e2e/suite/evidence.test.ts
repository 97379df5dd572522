// Evidence in the Claims view of a real editor: with docs/security.md and docs/faq.md of the
// examples open, each claim says what supports and contradicts it, its children are the sentences,
// and the claim nothing supports is marked unsupported. Runs before the other suite (files are
// sorted) and closes what it opened, so that suite starts from no open documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConsistencyApi } from '../../../src/client/extension';
import { ensureModelSetting, extension, open, waitFor, waitReady } from '../helpers';

suite('Evidence in the Claims view', function () {
  this.timeout(120_000);
  let api: ConsistencyApi;

  suiteSetup(async () => {
    await ensureModelSetting();
    await open('docs/security.md');
    api = await waitFor(
      () => extension().isActive && extension().exports,
      'the extension to activate on a Markdown file',
    );
    await waitReady(api);
    await open('docs/faq.md');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('shows "supported by · contradicted by" per claim, with the sentences as children', async () => {
    // c1 is stated in security.md (the sentence it was pinned from) and contradicted in the FAQ.
    const c1 = await waitFor(
      () => {
        const row = api.claimRow('c1');
        // The tally counts the diagnostics VS Code holds; the children come with the server's evidence
        // notification (sent at most every 300 ms): wait for both.
        return row?.description.startsWith('supported by 1 · contradicted by 1') && row.children.length === 2 && row;
      },
      () => `c1 "supported by 1 · contradicted by 1" (now: ${JSON.stringify(api.claimRow('c1'))})`,
      90_000,
    );
    assert.deepEqual(
      c1.children.map((child) => [child.label, child.description.replace(/\d+%/, 'N%')]),
      [
        ['The service supports two…', 'states it · docs/security.md:5'],
        ['The service does not…', 'contradicts N% · docs/faq.md:9'],
      ],
    );
    // The row is short enough for the side bar; the whole sentence is in its tooltip.
    assert.match(
      c1.children[1].tooltip,
      /^The service does not support two factor authentication, so we recommend a long password\.\n\nContradicts the claim/,
    );
    assert.equal(c1.label, 'The service supports two…');
    assert.match(c1.tooltip, /The service supports two factor authentication\./);
    // c2 is stated in both files, and nothing open contradicts it.
    const c2 = await waitFor(
      () => api.claimRow('c2')?.description.startsWith('supported by 2 · contradicted by 0') && api.claimRow('c2'),
      'c2 supported by 2',
    );
    assert.equal(c2.children.length, 2);
  });

  test('marks the claim that no sentence supports as unsupported', async () => {
    // c3's one mention adds "only over TLS 1.3"; the FAQ contradicts it.
    const c3 = await waitFor(
      () =>
        api.claimRow('c3')?.description.includes('unsupported') &&
        api.claimRow('c3')!.children.length > 0 &&
        api.claimRow('c3'),
      () => `c3 unsupported (now: ${JSON.stringify(api.claimRow('c3'))})`,
    );
    assert.match(c3.description, /^supported by 0 · contradicted by 1 · unsupported · docs\/\*\*$/);
    assert.deepEqual(
      c3.children.map((child) => child.description.replace(/\d+%/, 'N%')),
      ['contradicts N% · docs/faq.md:18'],
    );
  });
});
