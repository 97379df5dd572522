// What a batch run keeps in memory (src/cli/batch-memory.ts and the caches it bounds): the bounds
// change how much is remembered, never an answer.
import { strict as assert } from 'node:assert';
import { analyzeSentence, analyzeText, limitPairingCaches, PairSelector } from '../../src/core/pairing';
import { ScoreCache } from '../../src/core/score-cache';
import type { NliScore } from '../../src/core/nli';

const score = (contradiction: number): NliScore => ({
  labels: ['entailment', 'neutral', 'contradiction'],
  logits: [0, 0, contradiction],
  probabilities: { entailment: 0, neutral: 1 - contradiction, contradiction },
});

describe('batch memory', () => {
  it('the score cache tells pairs apart by model, premise and hypothesis, and stays bounded', () => {
    const cache = new ScoreCache(3);
    cache.set('m', 'The API allows 100 requests.\u0000Clients may send 50.', score(0.9));
    cache.set('m', 'The API allows 100 requests.\u0000Clients may send 100.', score(0.1));
    assert.equal(
      cache.get('m', 'The API allows 100 requests.\u0000Clients may send 50.')?.probabilities.contradiction,
      0.9,
    );
    assert.equal(
      cache.get('m', 'The API allows 100 requests.\u0000Clients may send 100.')?.probabilities.contradiction,
      0.1,
    );
    assert.equal(cache.get('other-model', 'The API allows 100 requests.\u0000Clients may send 50.'), undefined);
    // The same characters split differently between model and pair, or premise and hypothesis.
    cache.set('m\u0001a', 'b\u0000c', score(0.2));
    assert.equal(cache.get('m', 'a\u0001b\u0000c'), undefined);
    assert.equal(cache.get('m\u0001a', 'b c'), undefined);
    cache.set('m', 'x\u0000y', score(0.3));
    assert.equal(cache.size, 3);
    assert.equal(
      cache.get('m', 'The API allows 100 requests.\u0000Clients may send 50.'),
      undefined,
      'least recent went',
    );
  });

  it('bounded pairing caches give the same answers, and a sentence keeps its keys as a list', () => {
    const claims = ['The cache is encrypted at rest.', 'Requests time out after 30 seconds.'];
    const sentences = [
      'The cache is not encrypted.',
      'Requests never time out.',
      'Policemen arrested the thief.',
      'Timeouts are 45 seconds long.',
      'The weather was fine.',
    ];
    const fresh = sentences.map((s) => new PairSelector(claims).acceptsAll(s));
    try {
      limitPairingCaches({ sentences: 2, words: 3 });
      const selector = new PairSelector(claims);
      for (let round = 0; round < 3; round++) {
        assert.deepEqual(
          sentences.map((s) => selector.acceptsAll(s)),
          fresh,
        );
      }
      const keys = analyzeSentence(sentences[0]).keys;
      assert.ok(Array.isArray(keys));
      assert.deepEqual([...keys].sort(), [...analyzeText(sentences[0]).keys].sort());
    } finally {
      limitPairingCaches({ sentences: 20_000, words: 50_000 }); // the editor's sizes, for the other tests
    }
  });
});
