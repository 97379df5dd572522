// The server's ClaimsStore on real files: claim lines from the parsed file, reloads that tell a
// change from a reread, and which watched-file events concern it.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClaimsStore, type ClaimsSnapshot } from '../../src/server/claims-store';

describe('ClaimsStore', () => {
  let root: string;
  let changes: ClaimsSnapshot[];
  let store: ClaimsStore;
  const claimsFile = () => path.join(root, '.consistency', 'claims.json');
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cc-claims-store-'));
    mkdirSync(path.join(root, '.consistency'));
    changes = [];
    store = new ClaimsStore((s) => changes.push(s));
    store.setRoot(root);
  });
  afterEach(() => {
    store.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('knows the line of each claim from the parsed file, even when a note quotes another id', async () => {
    // A text search for "c1" or "c2" finds c1's note first.
    const text = [
      '{',
      '  "version": 1,',
      '  "claims": [',
      '    {',
      '      "id": "c1",',
      '      "text": "The clinic supports email alerts.",',
      '      "note": "Replaces \\"c2\\" and the old \\"id\\": \\"c1\\" entry."',
      '    },',
      '    {',
      '      "note": "\\"c2\\" is reviewed yearly",',
      '      "id": "c2",',
      '      "text": "The clinic opens at nine."',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    writeFileSync(claimsFile(), text);
    await store.load();
    assert.deepEqual([store.claimLine('c1'), store.claimLine('c2'), store.claimLine('c3')], [4, 10, 0]);
  });

  it('tells onChange only when the files say something new', async () => {
    writeFileSync(claimsFile(), JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'A.' }] }));
    await store.load();
    await store.load();
    assert.equal(changes.length, 1, 'a reread of the same content is no change');
    writeFileSync(claimsFile(), JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'A.' }] }, null, 4));
    await store.load();
    assert.equal(changes.length, 2, "a claim's line moved (related information points at it)");
    writeFileSync(claimsFile(), '{ "version": 1, "claims": [');
    await store.load();
    assert.equal(changes.length, 3);
    assert.ok(changes[2].error, 'a broken file is a change');
    assert.deepEqual(
      changes[2].claims.map((c) => c.text),
      ['A.'],
      'the last valid claims are kept',
    );
    await store.load();
    assert.equal(changes.length, 3, 'the same error again is no change');
    writeFileSync(
      path.join(root, '.consistency', 'dismissed.json'),
      JSON.stringify({ version: 1, dismissed: [{ claimId: 'c1', file: 'a.md', sentence: 'B.' }] }),
    );
    await store.load();
    assert.equal(changes.at(-1)!.dismissed.has('c1', 'a.md', 'B.'), true);
  });

  it('reloads for watched-file events of its own two files only', async () => {
    writeFileSync(claimsFile(), JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'A.' }] }));
    await store.load();
    writeFileSync(claimsFile(), JSON.stringify({ version: 1, claims: [{ id: 'c1', text: 'B.' }] }));
    store.filesChanged(['/elsewhere/.consistency/claims.json', path.join(root, 'doc.md')]);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(changes.length, 1);
    store.filesChanged([path.join(root, '.consistency', '..', '.consistency', 'claims.json')]);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      changes.at(-1)!.claims.map((c) => c.text),
      ['B.'],
    );
    assert.deepEqual(store.files, [claimsFile(), path.join(root, '.consistency', 'dismissed.json')]);
  });
});
