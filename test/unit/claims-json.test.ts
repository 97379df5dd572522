// Syntax errors in .consistency/claims.json: each names the exact line and column.
import { strict as assert } from 'node:assert';
import { ClaimsError, parseClaims } from '../../src/core/claims';
import { decodeJsonBytes } from '../../src/core/claims/json-source';

const FILE = '.consistency/claims.json';

/** Parses and returns the error message, failing the test if parsing succeeds. */
function errorOf(text: string): ClaimsError {
  try {
    parseClaims(text, FILE);
  } catch (err) {
    assert.ok(err instanceof ClaimsError, `expected ClaimsError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ClaimsError');
}

describe('claims file: JSON syntax errors', () => {
  it('reports a trailing comma in an object at the comma', () => {
    const e = errorOf('{\n  "version": 1,\n  "claims": [],\n}\n');
    assert.equal(
      e.message,
      `${FILE}:3:15: trailing comma before '}' (JSON does not allow a comma after the last property)`,
    );
    assert.deepEqual([e.file, e.line, e.column], [FILE, 3, 15]);
    assert.equal(e.detail, "trailing comma before '}' (JSON does not allow a comma after the last property)");
  });

  it('reports a trailing comma in an array at the comma', () => {
    const e = errorOf('{\n  "version": 1,\n  "claims": [\n    { "id": "c1", "text": "a" },\n  ]\n}\n');
    assert.equal(
      e.message,
      `${FILE}:4:32: trailing comma before ']' (JSON does not allow a comma after the last element)`,
    );
  });

  it('reports a truncated file at the end, naming the bracket left open', () => {
    const e = errorOf('{\n  "version": 1,\n  "claims": [\n    { "id": "c1", "text": "x" }');
    assert.equal(
      e.message,
      `${FILE}:4:32: unexpected end of file, expected ',' or ']': the '[' at 3:13 is never closed`,
    );
  });

  it('reports a file truncated inside a string with where the string starts', () => {
    const e = errorOf('{"version": 1, "claims": [{"id": "c1", "text": "abc');
    assert.equal(e.message, `${FILE}:1:52: unexpected end of file inside the string that starts at 1:48`);
  });

  it('reports binary garbage at its first byte', () => {
    const e = errorOf('\u0000\u0001\u0002garbage');
    assert.equal(e.message, `${FILE}:1:1: unexpected U+0000, expected a JSON value`);
  });

  it('reports bytes that are not UTF-8 (a PNG header) with line, column and byte', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    assert.throws(() => decodeJsonBytes(png, FILE), {
      name: 'ClaimsError',
      message: `${FILE}:1:1: not valid UTF-8 (byte 0x89 at byte offset 0); save the file as UTF-8`,
    });
  });

  it('reports a Latin-1 byte inside claim text instead of turning it into U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from('{\n  "version": 1,\n  "claims": [{"id": "c1", "text": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}]}'),
    ]);
    assert.throws(() => decodeJsonBytes(bytes, FILE), {
      message: `${FILE}:3:39: not valid UTF-8 (byte 0xE9 at byte offset 56); save the file as UTF-8`,
    });
  });

  it('keeps a genuine U+FFFD that was properly encoded', () => {
    const text = '{"version": 1, "claims": [{"id": "c1", "text": "\uFFFD"}]}';
    assert.equal(decodeJsonBytes(Buffer.from(text, 'utf8'), FILE), text);
  });

  it('refuses UTF-16 files (as PowerShell writes them) at 1:1', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"version":1}', 'utf16le')]);
    assert.throws(() => decodeJsonBytes(utf16, FILE), {
      message: `${FILE}:1:1: the file is UTF-16 encoded; save it as UTF-8`,
    });
  });

  it('reports an empty file at 1:1', () => {
    assert.equal(errorOf('').message, `${FILE}:1:1: the file is empty; expected a JSON object`);
  });

  it('reports a whitespace-only file where the content would start', () => {
    assert.equal(errorOf('\n\n  ').message, `${FILE}:3:3: the file is empty; expected a JSON object`);
  });

  it('accepts a leading byte-order mark and does not count it in columns', () => {
    const doc = parseClaims('\uFEFF{"version": 1, "claims": [{"id": "c1", "text": "x"}]}', FILE);
    assert.equal(doc.claims[0]!.text, 'x');
    const e = errorOf('\uFEFF{"version": 1, "claims": [}');
    assert.equal(e.message, `${FILE}:1:27: unexpected '}', expected a value`);
  });

  it('reports a byte-order mark anywhere but the start', () => {
    const e = errorOf('{\n  \uFEFF"version": 1, "claims": []}');
    assert.equal(e.message, `${FILE}:2:3: unexpected U+FEFF (byte-order mark), expected a double-quoted property name`);
  });

  it('counts CRLF and lone CR as one line break each', () => {
    assert.equal(
      errorOf('{\r\n  "version": 1,\r\n  "claims": [,]\r\n}').message,
      `${FILE}:3:14: unexpected ',', expected a value`,
    );
    assert.equal(errorOf('{\r"version": 1,\r"claims": x}').line, 3);
  });

  it('reports a missing comma between properties', () => {
    const e = errorOf('{\n  "version": 1\n  "claims": []\n}');
    assert.equal(e.message, `${FILE}:3:3: unexpected '"', expected ',' or '}' after a property value`);
  });

  it('reports comments, single quotes, bare words and bad numbers precisely', () => {
    assert.equal(
      errorOf('{\n  // pinned by Ana\n}').message,
      `${FILE}:2:3: comments are not allowed in JSON (use a claim's "note" field instead)`,
    );
    assert.equal(
      errorOf("{'version': 1}").message,
      `${FILE}:1:2: property names must use double quotes, not single quotes`,
    );
    assert.equal(errorOf('{version: 1}').message, `${FILE}:1:2: property names must be double-quoted strings`);
    assert.equal(
      errorOf('{"claims": [yes]}').message,
      `${FILE}:1:13: unexpected word 'yes' (strings must be double-quoted; literals are true, false and null)`,
    );
    assert.equal(errorOf('{"version": 01}').message, `${FILE}:1:13: invalid number '01'`);
    assert.equal(errorOf('{"version": 1.}').message, `${FILE}:1:13: invalid number '1.'`);
  });

  it('reports a line break inside a string (a missing closing quote)', () => {
    const e = errorOf('{\n  "claims": [{"id": "c1", "text": "unterminated\n  }]\n}');
    assert.equal(
      e.message,
      `${FILE}:2:48: line break inside a string (missing closing quote? write \\n for a newline)`,
    );
  });

  it('reports invalid escapes at the backslash', () => {
    assert.equal(errorOf('{"a": "x\\qy"}').message, `${FILE}:1:9: invalid escape sequence '\\q' in string`);
    assert.equal(errorOf('{"a": "\\u12G4"}').message, `${FILE}:1:8: invalid \\u escape: expected four hex digits`);
  });

  it('reports content after the document', () => {
    assert.equal(
      errorOf('{"version": 1, "claims": []}\n{}').message,
      `${FILE}:2:1: unexpected '{' after the end of the JSON document`,
    );
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const e = errorOf('['.repeat(100_000));
    assert.match(e.message, /^\.consistency\/claims\.json:1:257: nesting deeper than 256 levels$/);
  });

  it('decodes escapes, including surrogate pairs, like JSON.parse', () => {
    const text = '{"version": 1, "claims": [{"id": "c1", "text": "tab\\there \\"q\\" \\u00e9 \\ud83d\\ude00 \\/"}]}';
    assert.equal(
      parseClaims(text, FILE).claims[0]!.text,
      (JSON.parse(text) as { claims: { text: string }[] }).claims[0]!.text,
    );
  });

  it('counts columns in UTF-16 code units, as editors do', () => {
    // The emoji is two UTF-16 code units, so the trailing comma after it is at column 53
    // (it would be 52 counting code points).
    const e = errorOf('{"version": 1, "claims": [{"id": "c1", "text": "\u{1F600}"},]}');
    assert.deepEqual([e.line, e.column], [1, 53]);
  });
});
