// Editing one sentence re-scores only that sentence: the Checker's score cache is keyed by
// (model, claim text, sentence text), and smart pair selection depends only on the two texts, so
// every unchanged sentence is either cached or still skipped. Counted with a PairScorer that
// records what reaches the model.
import { strict as assert } from 'node:assert';
import { Checker, planPairs, type PairScorer } from '../../src/core/check';
import type { NliPair, NliScore } from '../../src/core/nli';
import { ScoreCache } from '../../src/core/score-cache';
import { segmentDocument } from '../../src/core/segment';
import { loadCorpus } from '../../bench/lib/corpus';

class CountingScorer implements PairScorer {
  readonly modelName = 'counting-stub';
  readonly calls: NliPair[][] = [];
  get scored(): NliPair[] {
    return this.calls.flat();
  }
  async score(pairs: NliPair[]): Promise<NliScore[]> {
    this.calls.push(pairs);
    return pairs.map(() => ({
      labels: ['entailment', 'neutral', 'contradiction'],
      logits: [0, 0, 0],
      probabilities: { entailment: 0.3, neutral: 0.6, contradiction: 0.1 },
    }));
  }
}

describe('incremental re-checks', () => {
  const corpus = loadCorpus();
  const original = corpus.documents.find((d) => d.relativePath === 'docs/storage/design.md')!;
  const target =
    'Replicas are read-only; a write sent to a replica is rejected with an error that names the current primary.';
  // The document wraps lines; match the sentence across its line breaks.
  const edited = original.text.replace(
    new RegExp(target.split(' ').join('\\s+')),
    'Replicas do not support streaming replication and are rebuilt from backups.',
  );
  const doc = (text: string) => ({ relativePath: original.relativePath, sentences: segmentDocument(text, 'markdown') });

  for (const pairing of ['smart', 'exhaustive'] as const) {
    it(`scores only the edited sentence's pairs after an edit (${pairing} pairing)`, async () => {
      assert.notEqual(edited, original.text);
      const scorer = new CountingScorer();
      const checker = new Checker(scorer, new ScoreCache());
      const first = await checker.check(doc(original.text), corpus.claims, { threshold: 0.5, pairing });
      assert.equal(first.stats.cached, 0);
      assert.ok(first.stats.scored > 0);
      const before = scorer.scored.length;

      const after = doc(edited);
      const second = await checker.check(after, corpus.claims, { threshold: 0.5, pairing });
      const rescored = scorer.scored.slice(before);
      assert.ok(rescored.length > 0, 'the edited sentence shares words with a claim, so it is scored');
      assert.deepEqual(
        new Set(rescored.map((p) => p.hypothesis)),
        new Set(['Replicas do not support streaming replication and are rebuilt from backups.']),
      );
      // Exactly the pairs the plan holds for the edited sentence, each once.
      const planned = planPairs(after, corpus.claims, pairing).pairs.filter((p) =>
        p.sentence.clean.startsWith('Replicas do not support'),
      );
      assert.equal(rescored.length, planned.length);
      assert.equal(second.stats.scored, planned.length);
      assert.equal(second.stats.cached, second.stats.pairs - planned.length);
    });
  }

  it('a smart check sends far fewer pairs to the model than an exhaustive one, and none that exhaustive would not', async () => {
    const smart = new CountingScorer();
    const exhaustive = new CountingScorer();
    await new Checker(smart).check(doc(original.text), corpus.claims, { threshold: 0.5 });
    await new Checker(exhaustive).check(doc(original.text), corpus.claims, { threshold: 0.5, pairing: 'exhaustive' });
    const key = (p: NliPair) => `${p.premise}\u0000${p.hypothesis}`;
    const all = new Set(exhaustive.scored.map(key));
    assert.ok(
      smart.scored.length * 10 < exhaustive.scored.length,
      `${smart.scored.length} vs ${exhaustive.scored.length}`,
    );
    for (const p of smart.scored) assert.ok(all.has(key(p)));
  });

  it('an edit that changes no sentence text scores nothing', async () => {
    const scorer = new CountingScorer();
    const checker = new Checker(scorer, new ScoreCache());
    await checker.check(doc(original.text), corpus.claims, { threshold: 0.5 });
    const before = scorer.scored.length;
    // Blank lines added between paragraphs move every offset but change no sentence.
    const outcome = await checker.check(doc(original.text.replace(/\n\n/g, '\n\n\n')), corpus.claims, {
      threshold: 0.5,
    });
    assert.equal(scorer.scored.length, before);
    assert.equal(outcome.stats.scored, 0);
  });
});
