// Inline suppression comments: each format's syntax, claim-limited regions, ignore-next-line, and
// the pairs the checker then leaves out.
import { strict as assert } from 'node:assert';
import { planPairs } from '../../src/core/check';
import type { Claim } from '../../src/core/claims';
import { segmentDocument, type LanguageId } from '../../src/core/segment';
import { findDirectives, Suppressions } from '../../src/core/suppressions';

const claim = (id: string, text: string): Claim => ({ id, text, enabled: true });
const CLAIMS = [claim('c1', 'The service supports logins.'), claim('c2', 'The service supports exports.')];

/** The (sentence, claim id) pairs a check would score, as "sentence|claim" strings. */
function scored(text: string, language: LanguageId): string[] {
  const sentences = segmentDocument(text, language);
  const { pairs } = planPairs(
    { relativePath: 'a', sentences, suppressions: Suppressions.of(text, language) },
    CLAIMS,
    'exhaustive',
  );
  return pairs.map((p) => `${p.sentence.clean}|${p.claim.id}`);
}

const both = (sentence: string) => [`${sentence}|c1`, `${sentence}|c2`];

describe('inline suppressions', () => {
  it('reads disable/enable in each format’s own comment syntax', () => {
    const docs: Record<Exclude<LanguageId, 'plaintext'>, string> = {
      markdown:
        'One is here.\n\n<!-- consistency-disable -->\n\nTwo is here.\n\n<!-- consistency-enable -->\n\nThree is here.\n',
      restructuredtext:
        'One is here.\n\n.. consistency-disable\n\nTwo is here.\n\n.. consistency-enable\n\nThree is here.\n',
      asciidoc: 'One is here.\n\n// consistency-disable\n\nTwo is here.\n\n// consistency-enable\n\nThree is here.\n',
      latex: 'One is here.\n\n% consistency-disable\n\nTwo is here.\n\n% consistency-enable\n\nThree is here.\n',
    };
    for (const [language, text] of Object.entries(docs)) {
      assert.deepEqual(
        scored(text, language as LanguageId),
        [...both('One is here.'), ...both('Three is here.')].sort(byClaim),
        language,
      );
    }
  });

  it('limits a region to the claims named with claim=', () => {
    const text =
      'One is here.\n\n<!-- consistency-disable claim=c2 -->\n\nTwo is here.\n\n<!-- consistency-enable claim=c2 -->\n\nThree is here.\n';
    assert.deepEqual(scored(text, 'markdown'), [
      'One is here.|c1',
      'Two is here.|c1',
      'Three is here.|c1',
      'One is here.|c2',
      'Three is here.|c2',
    ]);
    const several = Suppressions.of('% consistency-disable claim=c1, c2\nText.', 'latex');
    assert.deepEqual(
      several.forSentences([{ start: 36, end: 41 }]).map((s) => s !== 'all' && s && [...s]),
      [['c1', 'c2']],
    );
  });

  it('a disable without enable runs to the end; enable without claim= ends every region', () => {
    assert.deepEqual(
      scored('One is here.\n\n.. consistency-disable\n\nTwo is here. Three is here.\n', 'restructuredtext'),
      both('One is here.').sort(byClaim),
    );
    const text =
      '% consistency-disable claim=c1\n% consistency-disable claim=c2\nTwo is here.\n\n% consistency-enable\nThree is here.\n';
    assert.deepEqual(scored(text, 'latex'), both('Three is here.'));
  });

  it('ignore-next-line silences the sentences touching the next non-blank line only', () => {
    const text =
      'One is here.\n\n<!-- consistency-ignore-next-line -->\n\nTwo is here, and it goes on\nover a second line. Three is here.\n\nFour is here.\n';
    // "Three is here." starts on the second line of the paragraph, which the comment does not name.
    assert.deepEqual(
      scored(text, 'markdown'),
      [...both('One is here.'), ...both('Three is here.'), ...both('Four is here.')].sort(byClaim),
    );
    const limited = '// consistency-ignore-next-line claim=c1\nTwo is here.\n';
    assert.deepEqual(scored(limited, 'asciidoc'), ['Two is here.|c2']);
  });

  it('ignores look-alikes: plain text, code examples, escaped percent signs, other words', () => {
    assert.deepEqual(findDirectives('<!-- consistency-disable -->\n// consistency-disable\n', 'plaintext'), []);
    const fenced = '```md\n<!-- consistency-disable -->\n```\n\nOne is here.\n';
    assert.deepEqual(findDirectives(fenced, 'markdown'), []);
    const listing = '----\n// consistency-disable\n----\n\nOne is here.\n';
    assert.deepEqual(findDirectives(listing, 'asciidoc'), []);
    assert.deepEqual(findDirectives('Rates rose 5\\% consistency-disable here.\n', 'latex'), []);
    assert.deepEqual(
      findDirectives('<!-- consistency-disabled -->\n<!-- consistency-disable now -->\n', 'markdown'),
      [],
    );
    assert.equal(findDirectives('Text. % consistency-disable\n', 'latex').length, 1);
  });

  it('handles a document with thousands of comments in one sweep', () => {
    const block = 'A sentence is here.\n\n<!-- consistency-ignore-next-line -->\nB sentence is here.\n\n';
    const text = block.repeat(5000);
    const silenced = Suppressions.of(text, 'markdown').forSentences(segmentDocument(text, 'markdown'));
    assert.equal(silenced.length, 10000);
    assert.equal(silenced.filter((s) => s === 'all').length, 5000);
    assert.ok(silenced.every((s, i) => (s === 'all') === (i % 2 === 1)));
  });
});

function byClaim(a: string, b: string): number {
  return a.split('|')[1].localeCompare(b.split('|')[1]);
}
