import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Checker, type PairScorer } from '../../src/core/check';
import { DismissedSet, type Claim } from '../../src/core/claims';
import { NliEngine, type NliPair, type NliScore } from '../../src/core/nli';
import { ScoreCache } from '../../src/core/score-cache';
import { segmentDocument } from '../../src/core/segment';

/** Says "contradiction" when the hypothesis contains "not"; records every pair it scores. */
class NegationScorer implements PairScorer {
  readonly modelName = 'negation-stub';
  readonly scored: NliPair[] = [];
  async score(pairs: NliPair[]): Promise<NliScore[]> {
    this.scored.push(...pairs);
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

const claim = (id: string, text: string, extra: Partial<Claim> = {}): Claim => ({ id, text, enabled: true, ...extra });
const doc = (text: string) => ({ relativePath: 'docs/a.md', sentences: segmentDocument(text, 'markdown') });

// These tests pin down the exhaustive algorithm; smart pairing has its own tests (pairing*.test.ts).
describe('Checker', () => {
  it('flags sentences at or above the threshold, in document order', async () => {
    const checker = new Checker(new NegationScorer());
    const text = 'The train does not use unicode. The train uses unicode. The cache is not encrypted.';
    const { findings } = await checker.check(doc(text), [claim('c1', 'The train uses unicode.')], {
      threshold: 0.5,
      pairing: 'exhaustive',
    });
    assert.deepEqual(
      findings.map((f) => f.sentence.text),
      ['The train does not use unicode.', 'The cache is not encrypted.'],
    );
    const none = await checker.check(doc(text), [claim('c1', 'The train uses unicode.')], {
      threshold: 0.95,
      pairing: 'exhaustive',
    });
    assert.equal(none.findings.length, 0);
  });

  it('never scores an unchanged sentence twice (cache by model, claim text and sentence text)', async () => {
    const scorer = new NegationScorer();
    const checker = new Checker(scorer, new ScoreCache());
    const claims = [claim('c1', 'The train uses unicode.'), claim('c2', 'The cache is encrypted.')];
    const first = await checker.check(doc('Alpha is here. Beta is not here.'), claims, {
      threshold: 0.5,
      pairing: 'exhaustive',
    });
    assert.deepEqual(first.stats, { pairs: 4, scored: 4, cached: 0 });
    const second = await checker.check(doc('Alpha is here. Beta is not here. Gamma is new.'), claims, {
      threshold: 0.5,
      pairing: 'exhaustive',
    });
    assert.deepEqual(second.stats, { pairs: 6, scored: 2, cached: 4 });
    assert.deepEqual(
      scorer.scored.slice(4).map((p) => p.hypothesis),
      ['Gamma is new.', 'Gamma is new.'],
    );
  });

  it('scores a repeated sentence once per claim', async () => {
    const scorer = new NegationScorer();
    const outcome = await new Checker(scorer).check(
      doc('Same here.\n\nSame here.\n\nSame here.'),
      [claim('c1', 'X is y.')],
      { threshold: 0.5, pairing: 'exhaustive' },
    );
    assert.equal(scorer.scored.length, 1);
    assert.equal(outcome.stats.pairs, 3);
  });

  it('never checks a sentence against the claim pinned from it', async () => {
    const scorer = new NegationScorer();
    const text = 'The API does not support pets. Other text is not relevant.';
    const pinned = claim('c1', 'The API does not support pets.', { source: { file: 'docs/a.md', start: 0, end: 30 } });
    const { findings } = await new Checker(scorer).check(doc(text), [pinned], {
      threshold: 0.5,
      pairing: 'exhaustive',
    });
    assert.deepEqual(
      findings.map((f) => f.sentence.text),
      ['Other text is not relevant.'],
    );
    assert.ok(!scorer.scored.some((p) => p.hypothesis === 'The API does not support pets.'));
  });

  it('leaves out dismissed findings, keyed by sentence text so they survive edits elsewhere', async () => {
    const dismissed = new DismissedSet({
      version: 1,
      dismissed: [{ claimId: 'c1', file: 'docs/a.md', sentence: 'Beta is not here.' }],
    });
    const { findings } = await new Checker(new NegationScorer()).check(
      doc('# New heading\n\nInserted text. Beta is not here. Delta is not there.'),
      [claim('c1', 'Beta is here.')],
      { threshold: 0.5, dismissed, pairing: 'exhaustive' },
    );
    assert.deepEqual(
      findings.map((f) => f.sentence.text),
      ['Delta is not there.'],
    );
  });

  it('scores prioritized sentences first and reports them before the rest', async () => {
    const scorer = new NegationScorer();
    const sentences = doc('One is not. Two is not. Three is not. Four is not.');
    const order: string[] = [];
    await new Checker(scorer).check(sentences, [claim('c1', 'It is.')], {
      threshold: 0.5,
      pairing: 'exhaustive',
      chunkSize: 1,
      prioritize: (s) => s.text.startsWith('Three'),
      onPartial: (partial) => order.push(`partial:${partial.map((f) => f.sentence.text).join('|')}`),
    });
    assert.equal(scorer.scored[0].hypothesis, 'Three is not.');
    assert.deepEqual(order, ['partial:Three is not.']);
  });

  it('stops between chunks when cancelled', async () => {
    const controller = new AbortController();
    const scorer = new NegationScorer();
    const text = Array.from({ length: 20 }, (_, i) => `Sentence ${i} is here.`).join(' ');
    const run = new Checker(scorer).check(doc(text), [claim('c1', 'X.')], {
      threshold: 0.5,
      pairing: 'exhaustive',
      chunkSize: 2,
      signal: controller.signal,
      onProgress: (done) => done >= 4 && controller.abort(),
    });
    await assert.rejects(run, { name: 'AbortError' });
    assert.ok(scorer.scored.length < 20);
  });

  it('finds the contradiction with the real fixture model', async () => {
    const engine = await NliEngine.load(path.resolve(__dirname, '../fixtures/tiny-bert-nli'), { threads: 1 });
    try {
      const text =
        '# Clinic\n\nThe clinic supports pets. The museum includes audio recordings. The clinic does not support email alerts.\n';
      const { findings } = await new Checker(engine).check(
        doc(text),
        [claim('c1', 'The clinic supports email alerts.')],
        { threshold: 0.5 },
      );
      assert.deepEqual(
        findings.map((f) => f.sentence.text),
        ['The clinic does not support email alerts.'],
      );
      assert.ok(findings[0].probabilities.contradiction > 0.5);
    } finally {
      await engine.dispose();
    }
  });
});
