// Dismissed findings: the file's schema, and keys that survive whitespace changes and edits elsewhere.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ClaimsError,
  DismissedSet,
  addDismissal,
  dismissalKey,
  dismissedPath,
  loadDismissed,
  parseDismissed,
  serializeDismissed,
  updateDismissedFile,
  type DismissedDocument,
} from '../../src/core/claims';

const FILE = '.consistency/dismissed.json';

function errorOf(text: string): ClaimsError {
  try {
    parseDismissed(text, FILE);
  } catch (err) {
    assert.ok(err instanceof ClaimsError);
    return err;
  }
  assert.fail('expected a ClaimsError');
}

describe('dismissed file: parsing', () => {
  it('reads the documented shape', () => {
    const doc = parseDismissed(
      '{"version": 1, "dismissed": [{"claimId": "c1", "file": "docs/api.md", "sentence": "Limit is 50.", "at": "2024-05-01T12:00:00.000Z"}, ' +
        '{"claimId": "c2", "file": "README.md", "sentence": "x"}]}',
      FILE,
    );
    assert.deepEqual(doc, {
      version: 1,
      dismissed: [
        { claimId: 'c1', file: 'docs/api.md', sentence: 'Limit is 50.', at: '2024-05-01T12:00:00.000Z' },
        { claimId: 'c2', file: 'README.md', sentence: 'x' },
      ],
    });
  });

  it('reports schema errors with line:column', () => {
    const text =
      '{\n  "version": 1,\n  "dismissed": [\n    {"claimId": "c1", "file": "a.md", "sentence": " "},\n    {"claimId": "c1", "sentence": "s", "at": "yesterday"}\n  ]\n}';
    const e = errorOf(text);
    assert.equal(
      e.message,
      [
        `${FILE}:4:51: dismissed[0].sentence must be a non-empty string`,
        `${FILE}:5:5: dismissed[1] is missing "file"`,
        `${FILE}:5:46: dismissed[1].at must be an ISO date like "2024-05-01T12:00:00.000Z" (found "yesterday")`,
      ].join('\n'),
    );
  });

  it('refuses a newer version and reports JSON errors like the claims file', () => {
    assert.match(
      errorOf('{"version": 3, "dismissed": []}').message,
      /^\.consistency\/dismissed\.json:1:13: written by a newer Consistency Checker/,
    );
    assert.equal(errorOf('{"version": 1, "dismissed": [}').message, `${FILE}:1:30: unexpected '}', expected a value`);
  });

  it('keeps unknown fields on save', () => {
    const doc = parseDismissed(
      '{"version": 1, "dismissed": [{"claimId": "c1", "file": "a.md", "sentence": "s", "by": "ana"}]}',
      FILE,
    );
    assert.match(serializeDismissed(doc), /"by": "ana"/);
  });
});

describe('dismissed findings: keys', () => {
  const sentence = 'The rate limit is 50 requests per minute.';

  it('ignores whitespace differences: re-wrapped lines, tabs, doubled and no-break spaces, edges', () => {
    const key = dismissalKey('c1', 'docs/api.md', sentence);
    for (const variant of [
      'The rate limit is\n50 requests per minute.',
      '  The rate  limit is 50\trequests per minute.\n',
      'The rate limit is 50\u00a0requests per\r\nminute.',
    ]) {
      assert.equal(dismissalKey('c1', 'docs/api.md', variant), key, JSON.stringify(variant));
    }
  });

  it('treats composed and decomposed accents alike (NFC)', () => {
    assert.equal(dismissalKey('c1', 'a.md', 'caf\u00e9 is open'), dismissalKey('c1', 'a.md', 'cafe\u0301 is open'));
  });

  it('normalizes the path to forward slashes without a leading ./', () => {
    assert.equal(dismissalKey('c1', 'docs\\api.md', sentence), dismissalKey('c1', './docs/api.md', sentence));
  });

  it('distinguishes claim, file and wording', () => {
    const key = dismissalKey('c1', 'docs/api.md', sentence);
    assert.notEqual(dismissalKey('c2', 'docs/api.md', sentence), key);
    assert.notEqual(dismissalKey('c1', 'docs/other.md', sentence), key);
    assert.notEqual(dismissalKey('c1', 'docs/api.md', 'The rate limit is 60 requests per minute.'), key);
    assert.notEqual(dismissalKey('c1', 'docs/api.md', sentence.toLowerCase()), key);
  });

  it('cannot be confused by separators inside the parts', () => {
    assert.notEqual(dismissalKey('c1', 'a|b', 'c'), dismissalKey('c1|a', 'b', 'c'));
  });

  it('DismissedSet finds a dismissal after the sentence moved and was re-wrapped', () => {
    const doc: DismissedDocument = { version: 1, dismissed: [{ claimId: 'c1', file: 'docs/api.md', sentence }] };
    const set = new DismissedSet(doc);
    // Same sentence, now at a different offset (text added above it) and wrapped differently.
    assert.equal(set.has('c1', 'docs/api.md', 'The rate limit is 50 requests\n   per minute.'), true);
    assert.equal(set.has('c2', 'docs/api.md', sentence), false);
    assert.equal(set.size, 1);
  });
});

describe('dismissed findings: addDismissal', () => {
  it('adds once, normalized, with a timestamp', () => {
    const doc: DismissedDocument = { version: 1, dismissed: [] };
    assert.equal(addDismissal(doc, { claimId: 'c1', file: 'docs\\api.md', sentence: ' Limit\n is 50. ' }), true);
    assert.equal(addDismissal(doc, { claimId: 'c1', file: 'docs/api.md', sentence: 'Limit is  50.' }), false);
    assert.equal(doc.dismissed.length, 1);
    const [d] = doc.dismissed;
    assert.deepEqual([d!.claimId, d!.file, d!.sentence], ['c1', 'docs/api.md', 'Limit is 50.']);
    assert.ok(!Number.isNaN(Date.parse(d!.at!)));
  });
});

describe('dismissed file: on disk', () => {
  let workspace: string;
  beforeEach(() => (workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-dismissed-'))));
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('treats a missing file as nothing dismissed', async () => {
    assert.deepEqual(await loadDismissed(dismissedPath(workspace)), { version: 1, dismissed: [] });
  });

  it('saves a dismissal that still matches after the document is re-wrapped', async () => {
    const file = dismissedPath(workspace);
    await updateDismissedFile(
      file,
      (doc) =>
        void addDismissal(doc, {
          claimId: 'c1',
          file: 'docs/api.md',
          sentence: 'Limit is\n  50.',
          at: '2024-05-01T12:00:00.000Z',
        }),
    );
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      '{\n  "version": 1,\n  "dismissed": [\n    {\n      "claimId": "c1",\n      "file": "docs/api.md",\n' +
        '      "sentence": "Limit is 50.",\n      "at": "2024-05-01T12:00:00.000Z"\n    }\n  ]\n}\n',
    );
    const set = new DismissedSet(await loadDismissed(file));
    assert.equal(set.has('c1', 'docs/api.md', 'Limit  is 50.'), true);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['dismissed.json']);
  });

  it('merges a dismissal made elsewhere while saving', async () => {
    const file = dismissedPath(workspace);
    let calls = 0;
    await updateDismissedFile(file, (doc) => {
      if (++calls === 1) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(
          file,
          '{"version": 1, "dismissed": [{"claimId": "c2", "file": "a.md", "sentence": "theirs"}]}',
        );
      }
      addDismissal(doc, { claimId: 'c1', file: 'a.md', sentence: 'mine' });
    });
    assert.deepEqual(
      (await loadDismissed(file)).dismissed.map((d) => d.sentence),
      ['theirs', 'mine'],
    );
  });

  it('refuses to overwrite an invalid file', async () => {
    const file = dismissedPath(workspace);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '{"version": 1, "dismissed": [');
    await assert.rejects(
      updateDismissedFile(file, (doc) => void addDismissal(doc, { claimId: 'c1', file: 'a.md', sentence: 's' })),
      {
        name: 'ClaimsError',
        message: `${file}:1:30: unexpected end of file, expected a value: the '[' at 1:29 is never closed`,
      },
    );
    assert.equal(fs.readFileSync(file, 'utf8'), '{"version": 1, "dismissed": [');
  });
});
