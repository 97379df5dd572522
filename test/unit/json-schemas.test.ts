// The JSON schemas VS Code validates .consistency/claims.json and dismissed.json with:
// declared in package.json's jsonValidation, shipped in the .vsix, and in step with the
// file format (the fields the readers in src/core/claims accept, with their types).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const read = (file: string) => JSON.parse(readFileSync(path.join(REPO, file), 'utf8'));

describe('JSON schemas for the claims files', () => {
  it('are declared for both files, exist and ship in the .vsix', () => {
    const entries: Array<{ fileMatch: string; url: string }> = pkg.contributes.jsonValidation;
    assert.deepEqual(entries.map((e) => e.fileMatch).sort(), [
      '**/.consistency/claims.json',
      '**/.consistency/dismissed.json',
    ]);
    for (const entry of entries) assert.ok(existsSync(path.join(REPO, entry.url)), entry.url);
    assert.match(readFileSync(path.join(REPO, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m);
  });

  it('claims.schema.json: the fields of a claim with their types ("enabled": "yes" gets a squiggle)', () => {
    const claim = read('schemas/claims.schema.json').properties.claims.items;
    assert.deepEqual(claim.required, ['id', 'text']);
    assert.deepEqual(Object.keys(claim.properties).sort(), ['enabled', 'id', 'note', 'scope', 'source', 'text']);
    assert.equal(claim.properties.enabled.type, 'boolean');
    assert.deepEqual(Object.keys(claim.properties.source.properties).sort(), ['end', 'file', 'line', 'start']);
  });

  it('dismissed.schema.json: claimId, file and sentence required', () => {
    const finding = read('schemas/dismissed.schema.json').properties.dismissed.items;
    assert.deepEqual(finding.required, ['claimId', 'file', 'sentence']);
    assert.deepEqual(Object.keys(finding.properties).sort(), ['at', 'claimId', 'file', 'sentence']);
  });
});
