// A model call that fails for one chunk of pairs must not hide the other pairs' findings:
// the failed pairs stay unscored and the check reports them.
import { strict as assert } from 'node:assert';
import { Checker, type PairScorer } from '../../src/core/check';
import type { NliPair, NliScore } from '../../src/core/nli';
import { segmentDocument } from '../../src/core/segment';

/** Fails any call that contains a sentence with "BROKEN"; else "not" means contradiction. */
class PartlyBrokenScorer implements PairScorer {
  readonly modelName = 'partly-broken';
  async score(pairs: NliPair[]): Promise<NliScore[]> {
    if (pairs.some((p) => p.hypothesis.includes('BROKEN')))
      throw new Error('Gather: indices element out of data bounds');
    return pairs.map(({ hypothesis }) => {
      const c = /\bnot\b/.test(hypothesis) ? 0.9 : 0.05;
      return {
        labels: ['entailment', 'neutral', 'contradiction'],
        logits: [0, 0, 0],
        probabilities: { entailment: 0.05, neutral: 0.95 - c, contradiction: c },
      };
    });
  }
}

describe('Checker: a failing model call', () => {
  it('leaves its pairs unscored, keeps every other finding, and reports the failure', async () => {
    const text = 'The train does not use unicode. BROKEN train is not here. The cache is not encrypted.';
    const doc = { relativePath: 'a.md', sentences: segmentDocument(text, 'markdown') };
    const claims = [{ id: 'c1', text: 'The train uses unicode.', enabled: true }];
    const outcome = await new Checker(new PartlyBrokenScorer()).check(doc, claims, {
      threshold: 0.5,
      pairing: 'exhaustive',
      chunkSize: 1,
    });
    assert.deepEqual(
      outcome.findings.map((f) => f.sentence.text),
      ['The train does not use unicode.', 'The cache is not encrypted.'],
    );
    assert.equal(outcome.stats.failed, 1);
    assert.match(outcome.stats.failure!, /out of data bounds/);
  });

  it('a cancelled check still rejects (an abort is not a failure)', async () => {
    const controller = new AbortController();
    const scorer: PairScorer = {
      modelName: 'aborting',
      score: async () => {
        controller.abort();
        const error = new Error('aborted');
        error.name = 'AbortError';
        throw error;
      },
    };
    const doc = { relativePath: 'a.md', sentences: segmentDocument('The train does not use unicode.', 'markdown') };
    await assert.rejects(
      new Checker(scorer).check(doc, [{ id: 'c1', text: 'The train uses unicode.', enabled: true }], {
        threshold: 0.5,
        pairing: 'exhaustive',
        signal: controller.signal,
      }),
      { name: 'AbortError' },
    );
  });
});
