// AsciiDoc segmentation.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { assertWellFormed, texts } from './segment-helpers';

const adoc = (text: string) => segmentDocument(text, 'asciidoc');

describe('segment: asciidoc', () => {
  it('segments a manual: titles, inline markup, admonitions, lists, example blocks, tables; no listings, attributes or comments', () => {
    const doc = readFileSync(join(__dirname, '..', 'fixtures', 'segment', 'manual.adoc'), 'utf8');
    const sentences = adoc(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(sentences.map((s) => [s.text, s.clean]), [
      ['Consistency Checker Manual', 'Consistency Checker Manual'],
      ['Overview', 'Overview'],
      ['The checker reads *every* sentence.', 'The checker reads every sentence.'],
      ['It uses `nli.score()` to compare claims,\nsee link:https://example.com/docs[the docs] and <<setup,the setup section>>.', 'It uses nli.score() to compare claims, see the docs and the setup section.'],
      ['Visit https://example.com[our site] for more.', 'Visit our site for more.'],
      ['Notes are prose.', 'Notes are prose.'],
      ['They have sentences.', 'They have sentences.'],
      ['First item.', 'First item.'],
      ['Two sentences.', 'Two sentences.'],
      ['Second item\ncontinues here.', 'Second item continues here.'],
      ['Ordered item.', 'Ordered item.'],
      ['CPU', 'CPU'],
      ['The processor.', 'The processor.'],
      ['It computes.', 'It computes.'],
      ['Example block text.', 'Example block text.'],
      ['It is prose.', 'It is prose.'],
      ['Cell A', 'Cell A'],
      ['Cell B.', 'Cell B.'],
      ['Cell C', 'Cell C'],
      ['Cell D', 'Cell D'],
      ['Last paragraph with _emphasis_ and a hard break +\nhere.', 'Last paragraph with emphasis and a hard break here.'],
    ]);
  });

  it('skips source blocks marked by attributes, even without delimiters', () => {
    const doc = '[source,js]\nconst a = 1. b\n\n[listing]\n....\nx. y\n....\n\nProse. Here.';
    assert.deepEqual(texts(adoc(doc)), ['Prose.', 'Here.']);
  });

  it('skips block titles, attribute entries, comments and page breaks', () => {
    const doc = ':version: 1.2. x\n.A block title. Skipped\n// comment. x\n<<<\nBody text {version} here.';
    assert.deepEqual(texts(adoc(doc)), ['Body text {version} here.']);
  });
});
