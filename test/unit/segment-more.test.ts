// Further English cases beyond the 48 golden rules: pySBD's own test suite (tests/lang/
// test_english_clean.py), restricted to cases whose expected sentences are slices of the input
// up to whitespace. Run through the plain-text path, like `consistency-check sentences x.txt`.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { assertWellFormed, texts } from './segment-helpers';

interface Case {
  text: string;
  expected: string[];
}

const { cases } = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'segment', 'more-cases-en.json'), 'utf8'),
) as {
  cases: Case[];
};
const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('segment: more English cases (pySBD test suite)', () => {
  it('passes nearly all of them', () => {
    const failures: string[] = [];
    for (const { text, expected } of cases) {
      const sentences = segmentDocument(text, 'plaintext');
      assertWellFormed(text, sentences);
      const got = texts(sentences).map(normalize);
      if (JSON.stringify(got) !== JSON.stringify(expected.map(normalize))) {
        failures.push(
          `${JSON.stringify(text).slice(0, 100)}\n    got      ${JSON.stringify(got)}\n    expected ${JSON.stringify(expected)}`,
        );
      }
    }
    const passed = cases.length - failures.length;
    console.log(`      pySBD cases: ${passed}/${cases.length}`);
    if (failures.length > 0) console.log(`      failing:\n      ${failures.join('\n      ')}`);
    assert.ok(passed >= cases.length - 3, `only ${passed}/${cases.length}:\n${failures.join('\n')}`);
  });
});
