// The claims file schema: what parses, what is refused (with line:column), what is written back.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  CLAIMS_DIR,
  CLAIMS_FILE,
  ClaimsError,
  DISMISSED_FILE,
  addClaim,
  claimsPath,
  dismissedPath,
  parseClaims,
  serializeClaims,
  type ClaimsDocument,
  type ClaimsProblem,
} from '../../src/core/claims';
import { detectJsonFormat } from '../../src/core/claims/json-format';

const FILE = '.consistency/claims.json';

function errorOf(text: string): ClaimsError {
  try {
    parseClaims(text, FILE);
  } catch (err) {
    assert.ok(err instanceof ClaimsError, `expected ClaimsError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ClaimsError');
}

/** A claims file with one claim per line, the claim objects given as JSON text. */
function fileWith(...claims: string[]): string {
  return `{\n  "version": 1,\n  "claims": [\n${claims.map((c) => `    ${c}`).join(',\n')}\n  ]\n}\n`;
}

describe('claims file: paths', () => {
  it('lives in .consistency/ at the workspace root', () => {
    assert.equal(CLAIMS_DIR, '.consistency');
    assert.equal(CLAIMS_FILE, 'claims.json');
    assert.equal(DISMISSED_FILE, 'dismissed.json');
    assert.equal(claimsPath('/ws'), path.join('/ws', '.consistency', 'claims.json'));
    assert.equal(dismissedPath('/ws'), path.join('/ws', '.consistency', 'dismissed.json'));
  });
});

describe('claims file: parsing', () => {
  it('accepts the minimal file: enabled by default, no scope', () => {
    const doc = parseClaims('{"version":1,"claims":[{"id":"c1","text":"The API is versioned."}]}', FILE);
    assert.deepEqual(doc, { version: 1, claims: [{ id: 'c1', text: 'The API is versioned.', enabled: true }] });
  });

  it('accepts an empty claims list', () => {
    assert.deepEqual(parseClaims('{"version": 1, "claims": []}', FILE), { version: 1, claims: [] });
  });

  it('reads every optional field', () => {
    const doc = parseClaims(
      fileWith(
        '{"id": "c1", "text": "Rate limit is 100 requests per minute.", "enabled": false, "scope": "docs/**/*.md", ' +
          '"source": {"file": "docs/api.md", "start": 120, "end": 168, "line": 4}, "note": "from the SLA"}',
        '{"id": "c2", "text": "Tokens expire after 1 hour.", "scope": ["docs/**", "!docs/drafts/**"], "source": {"file": "README.md", "start": 0, "end": 27}}',
      ),
      FILE,
    );
    assert.deepEqual(doc.claims, [
      {
        id: 'c1',
        text: 'Rate limit is 100 requests per minute.',
        enabled: false,
        scope: 'docs/**/*.md',
        source: { file: 'docs/api.md', start: 120, end: 168, line: 4 },
        note: 'from the SLA',
      },
      {
        id: 'c2',
        text: 'Tokens expire after 1 hour.',
        enabled: true,
        scope: ['docs/**', '!docs/drafts/**'],
        source: { file: 'README.md', start: 0, end: 27 },
      },
    ]);
  });

  it('keeps claim text exactly as written (no trimming)', () => {
    assert.equal(
      parseClaims(fileWith('{"id": "c1", "text": " spaced  text "}'), FILE).claims[0]!.text,
      ' spaced  text ',
    );
  });
});

describe('claims file: schema errors', () => {
  it('reports blank text at the value, in the documented format', () => {
    const e = errorOf(fileWith('{"id": "c1", "text": "ok"}', '{"id": "c2", "text": "  "}'));
    assert.equal(e.message, `${FILE}:5:26: claims[1].text must be a non-empty string`);
    assert.deepEqual([e.file, e.line, e.column, e.detail], [FILE, 5, 26, 'claims[1].text must be a non-empty string']);
  });

  it('reports missing text and id at the claim', () => {
    assert.equal(errorOf(fileWith('{"id": "c1"}')).message, `${FILE}:4:5: claims[0] is missing "text"`);
    assert.equal(errorOf(fileWith('{"text": "x"}')).message, `${FILE}:4:5: claims[0] is missing "id"`);
  });

  it('reports wrong types, saying what was found', () => {
    const cases: [string, string][] = [
      ['{"id": 3, "text": "x"}', '4:12: claims[0].id must be a non-empty string (found the number 3)'],
      ['{"id": "c1", "text": ["x"]}', '4:26: claims[0].text must be a non-empty string (found an array)'],
      [
        '{"id": "c1", "text": "x", "enabled": "yes"}',
        '4:42: claims[0].enabled must be true or false (found the string "yes")',
      ],
      [
        '{"id": "c1", "text": "x", "scope": 5}',
        '4:40: claims[0].scope must be a glob string or an array of glob strings (found the number 5)',
      ],
      [
        '{"id": "c1", "text": "x", "scope": ["a/**", 7]}',
        '4:49: claims[0].scope[1] must be a glob string like "docs/**/*.md" (found the number 7)',
      ],
      [
        '{"id": "c1", "text": "x", "scope": []}',
        '4:40: claims[0].scope must not be an empty array (leave "scope" out to apply the claim everywhere)',
      ],
      [
        '{"id": "c1", "text": "x", "scope": "docs\\\\*.md"}',
        '4:40: claims[0].scope must use forward slashes (globs are matched against paths like "docs/api.md")',
      ],
      [
        '{"id": "c1", "text": "x", "scope": "../other/**"}',
        '4:40: claims[0].scope must not point outside the workspace ("..")',
      ],
      ['{"id": "c1", "text": "x", "note": null}', '4:39: claims[0].note must be a string (found null)'],
      [
        '{"id": "c1", "text": "x", "source": "docs/api.md"}',
        '4:41: claims[0].source must be an object like {"file": "docs/api.md", "start": 120, "end": 168} (found the string "docs/api.md")',
      ],
      [
        '{"id": "c1", "text": "x", "source": {"file": "a.md", "start": -1, "end": 2}}',
        '4:67: claims[0].source.start must be a non-negative integer (found the number -1)',
      ],
      [
        '{"id": "c1", "text": "x", "source": {"file": "a.md", "start": 5, "end": 2}}',
        '4:77: claims[0].source.end (2) must not be less than start (5)',
      ],
      [
        '{"id": "c1", "text": "x", "source": {"file": "a.md", "start": 1, "end": 2, "line": 0}}',
        '4:88: claims[0].source.line must be a positive integer (lines count from 1; found the number 0)',
      ],
      ['{"id": "c1", "text": "x", "source": {"start": 1, "end": 2}}', '4:41: claims[0].source is missing "file"'],
      ['{"id": " c1", "text": "x"}', '4:12: claims[0].id must not start or end with spaces'],
      [
        '"just text"',
        '4:5: claims[0] must be an object like {"id": "c1", "text": "..."} (found the string "just text")',
      ],
    ];
    for (const [claim, expected] of cases) assert.equal(errorOf(fileWith(claim)).message, `${FILE}:${expected}`, claim);
  });

  it('names both lines of a duplicate id', () => {
    const e = errorOf(fileWith('{"id": "c1", "text": "a"}', '{"id": "c2", "text": "b"}', '{"id": "c1", "text": "c"}'));
    assert.equal(
      e.message,
      `${FILE}:6:12: duplicate claim id "c1" in claims[2] (line 6); claims[0] (line 4) already uses it`,
    );
  });

  it('reports a duplicate id even when the first claim has other problems', () => {
    const e = errorOf(fileWith('{"id": "c1", "text": ""}', '{"id": "c1", "text": "b"}'));
    assert.deepEqual(
      e.problems.map((p) => p.message),
      [
        `${FILE}:4:26: claims[0].text must be a non-empty string`,
        `${FILE}:5:12: duplicate claim id "c1" in claims[1] (line 5); claims[0] (line 4) already uses it`,
      ],
    );
  });

  it('reports a key given twice in one claim', () => {
    assert.equal(
      errorOf(fileWith('{"id": "c1", "text": "a", "text": "b"}')).message,
      `${FILE}:4:31: claims[0] has "text" twice (also on line 4)`,
    );
  });

  it('refuses a newer version with an "update" message, and nothing else', () => {
    const e = errorOf('{\n  "version": 2,\n  "claims": {"new": "shape"}\n}');
    assert.equal(
      e.message,
      `${FILE}:2:14: written by a newer Consistency Checker (format version 2); this one reads version 1 — update Consistency Checker to use this file`,
    );
    assert.equal(e.problems.length, 1);
  });

  it('refuses a missing or wrong version', () => {
    assert.equal(errorOf('{"claims": []}').message, `${FILE}:1:1: missing "version" (this format is "version": 1)`);
    assert.equal(
      errorOf('{"version": "1", "claims": []}').message,
      `${FILE}:1:13: version must be 1 (found the string "1")`,
    );
    assert.equal(
      errorOf('{"version": 0, "claims": []}').message,
      `${FILE}:1:13: version must be 1 (found the number 0)`,
    );
    assert.equal(
      errorOf('{"version": 1.5, "claims": []}').message,
      `${FILE}:1:13: version must be 1 (found the number 1.5)`,
    );
  });

  it('refuses claims that are missing or not an array', () => {
    assert.equal(errorOf('{"version": 1}').message, `${FILE}:1:1: missing "claims" (an array, possibly empty)`);
    assert.equal(
      errorOf('{"version": 1, "claims": {"c1": "x"}}').message,
      `${FILE}:1:26: claims must be an array (found an object)`,
    );
  });

  it('refuses a top level that is not an object', () => {
    assert.equal(
      errorOf('[]').message,
      `${FILE}:1:1: the top level must be a JSON object like {"version": 1, "claims": []} (found an array)`,
    );
  });

  it('lists every problem, one "file:line:col: what" per line, in file order', () => {
    const e = errorOf(fileWith('{"id": "c1", "text": ""}', '{"id": "c2"}', '{"id": "c3", "text": "x", "enabled": 1}'));
    assert.equal(
      e.message,
      [
        `${FILE}:4:26: claims[0].text must be a non-empty string`,
        `${FILE}:5:5: claims[1] is missing "text"`,
        `${FILE}:6:42: claims[2].enabled must be true or false (found the number 1)`,
      ].join('\n'),
    );
    assert.deepEqual([e.line, e.column], [4, 26]);
    assert.equal(e.problems.length, 3);
  });
});

describe('claims file: unknown fields', () => {
  const text = fileWith(
    '{"id": "c1", "text": "a", "severity": "error", "source": {"file": "a.md", "start": 0, "end": 1, "hash": "ab12"}}',
  ).replace('"version": 1,', '"version": 1,\n  "generator": {"name": "cc", "v": 3},');

  it('warns about each unknown field with its position, and still parses', () => {
    const warnings: ClaimsProblem[] = [];
    const doc = parseClaims(text, FILE, { onWarning: (w) => warnings.push(w) });
    assert.equal(doc.claims[0]!.text, 'a');
    assert.deepEqual(
      warnings.map((w) => w.message),
      [
        `${FILE}:3:3: unknown field "generator" in the top level (kept as is; it may come from a newer Consistency Checker)`,
        `${FILE}:5:31: unknown field "severity" in claims[0] (kept as is; it may come from a newer Consistency Checker)`,
        `${FILE}:5:101: unknown field "hash" in claims[0].source (kept as is; it may come from a newer Consistency Checker)`,
      ],
    );
  });

  it('keeps them on save, also through a spread copy of the claim', () => {
    const doc = parseClaims(text, FILE);
    doc.claims[0] = { ...doc.claims[0]!, text: 'b' };
    const saved = JSON.parse(serializeClaims(doc)) as Record<string, unknown> & { claims: Record<string, unknown>[] };
    assert.deepEqual(saved.generator, { name: 'cc', v: 3 });
    assert.equal(saved.claims[0]!.severity, 'error');
    assert.equal(saved.claims[0]!.text, 'b');
    assert.deepEqual(saved.claims[0]!.source, { file: 'a.md', start: 0, end: 1, hash: 'ab12' });
  });

  it('hides them from JSON.stringify and Object.keys (LSP messages, ClaimInfo mapping)', () => {
    const claim = parseClaims(text, FILE).claims[0]!;
    assert.deepEqual(Object.keys(claim), ['id', 'text', 'enabled', 'source']);
    assert.equal(JSON.stringify(claim).includes('severity'), false);
  });

  it('does not write properties added at runtime', () => {
    const doc = parseClaims(fileWith('{"id": "c1", "text": "a"}'), FILE);
    Object.assign(doc.claims[0]!, { findings: 3 });
    assert.equal(serializeClaims(doc).includes('findings'), false);
  });
});

describe('claims file: serializing', () => {
  it('writes known fields in a fixed order with 2-space indentation and a final newline', () => {
    const doc: ClaimsDocument = {
      version: 1,
      claims: [
        {
          note: 'n',
          source: { line: 2, end: 5, start: 1, file: 'a.md' },
          scope: '**/*.md',
          enabled: false,
          text: 't',
          id: 'c1',
        },
      ],
    };
    assert.equal(
      serializeClaims(doc),
      '{\n  "version": 1,\n  "claims": [\n    {\n      "id": "c1",\n      "text": "t",\n      "enabled": false,\n      "scope": "**/*.md",\n' +
        '      "source": {\n        "file": "a.md",\n        "start": 1,\n        "end": 5,\n        "line": 2\n      },\n      "note": "n"\n    }\n  ]\n}\n',
    );
  });

  it('round-trips what it writes', () => {
    const doc = parseClaims(fileWith('{"id": "c1", "text": "x", "scope": ["a/**"], "note": "y"}'), FILE);
    const text = serializeClaims(doc);
    assert.equal(serializeClaims(parseClaims(text, FILE)), text);
  });

  it('keeps tabs, 4 spaces, CRLF, a missing final newline and a BOM', () => {
    const doc = parseClaims('{"version": 1, "claims": []}', FILE);
    assert.equal(
      serializeClaims(doc, detectJsonFormat('{\n\t"version": 1\n}\n')),
      '{\n\t"version": 1,\n\t"claims": []\n}\n',
    );
    assert.equal(
      serializeClaims(doc, detectJsonFormat('{\r\n    "version": 1\r\n}')),
      '{\r\n    "version": 1,\r\n    "claims": []\r\n}',
    );
    assert.equal(
      serializeClaims(doc, detectJsonFormat('\uFEFF{\n  "version": 1\n}\n')),
      '\uFEFF{\n  "version": 1,\n  "claims": []\n}\n',
    );
    // A one-line file gives no indentation to follow: the default (2 spaces) applies.
    assert.equal(
      serializeClaims(doc, detectJsonFormat('{"version": 1, "claims": []}\n')),
      '{\n  "version": 1,\n  "claims": []\n}\n',
    );
  });
});

describe('claims file: addClaim', () => {
  it('assigns c1 to the first claim, enabled by default, and mutates the document', () => {
    const doc: ClaimsDocument = { version: 1, claims: [] };
    const claim = addClaim(doc, { text: 'Rate limit is 100.' });
    assert.deepEqual(claim, { id: 'c1', text: 'Rate limit is 100.', enabled: true });
    assert.equal(doc.claims[0], claim);
  });

  it('takes one above the highest c<N>, ignoring other ids and gaps', () => {
    const doc = parseClaims(
      fileWith('{"id": "c2", "text": "a"}', '{"id": "c7", "text": "b"}', '{"id": "pricing", "text": "c"}'),
      FILE,
    );
    assert.equal(addClaim(doc, { text: 'd' }).id, 'c8');
  });

  it('copies optional fields and leaves out undefined ones', () => {
    const doc: ClaimsDocument = { version: 1, claims: [] };
    const claim = addClaim(doc, {
      text: 'x',
      scope: 'docs/**',
      source: { file: 'a.md', start: 1, end: 3, line: 1 },
      note: undefined,
      enabled: false,
    });
    assert.deepEqual(claim, {
      id: 'c1',
      text: 'x',
      enabled: false,
      scope: 'docs/**',
      source: { file: 'a.md', start: 1, end: 3, line: 1 },
    });
    assert.equal('note' in claim, false);
  });

  it('refuses a taken id and blank text', () => {
    const doc: ClaimsDocument = { version: 1, claims: [{ id: 'c1', text: 'a', enabled: true }] };
    assert.throws(() => addClaim(doc, { id: 'c1', text: 'b' }), {
      name: 'ClaimsError',
      message: 'claim id "c1" is already used',
    });
    assert.throws(() => addClaim(doc, { text: ' \n ' }), {
      name: 'ClaimsError',
      message: 'claim text must be a non-empty string',
    });
    assert.equal(doc.claims.length, 1);
  });
});

describe('ClaimsError', () => {
  it('takes a formatted message and a file, and derives the detail', () => {
    const e = new ClaimsError(`${FILE}:2:3: bad`, FILE, 2, 3);
    assert.ok(e instanceof Error);
    assert.deepEqual(
      [e.name, e.message, e.file, e.line, e.column, e.detail],
      ['ClaimsError', `${FILE}:2:3: bad`, FILE, 2, 3, 'bad'],
    );
    assert.equal(e.problems.length, 1);
  });

  it('formats from parts with ClaimsError.at, and keeps a cause', () => {
    const cause = new Error('EACCES');
    const e = ClaimsError.at(FILE, 'cannot read', undefined, undefined, cause);
    assert.equal(e.message, `${FILE}: cannot read`);
    assert.equal(e.cause, cause);
    assert.equal(e.line, undefined);
  });
});
