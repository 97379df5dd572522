// Shared assertions for the segmentation tests: the invariants every segmentation must satisfy.
import * as assert from 'node:assert/strict';
import type { Sentence } from '../../src/core/segment';

/** text === slice, trimmed, prose present, ordered and non-overlapping, clean collapsed. */
export function assertWellFormed(doc: string, sentences: Sentence[]): void {
  let lastEnd = 0;
  for (const s of sentences) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), 'integer offsets');
    assert.ok(s.start >= lastEnd, `sentences overlap or are out of order at ${s.start}`);
    assert.ok(s.end > s.start, 'non-empty');
    assert.ok(s.end <= doc.length, 'within the document');
    assert.equal(s.text, doc.slice(s.start, s.end), 'text is the exact slice');
    assert.equal(s.text, s.text.trim(), `text is trimmed: ${JSON.stringify(s.text)}`);
    assert.equal(s.clean, s.clean.trim(), `clean is trimmed: ${JSON.stringify(s.clean)}`);
    assert.ok(!/\s\s|[\t\n\r]/.test(s.clean), `clean whitespace is collapsed: ${JSON.stringify(s.clean)}`);
    assert.ok(/[\p{L}\p{N}]/u.test(s.clean), `sentence has prose: ${JSON.stringify(s.text)}`);
    lastEnd = s.end;
  }
}

export const texts = (sentences: Sentence[]): string[] => sentences.map((s) => s.text);
export const cleans = (sentences: Sentence[]): string[] => sentences.map((s) => s.clean);
