import { strict as assert } from 'node:assert';
import { DismissedSet } from '../../src/core/claims';
import type { PairScorer } from '../../src/core/check';
import {
  CrossChecker,
  candidatePairs,
  crossDismissal,
  paragraphIndexes,
  type CrossDocument,
} from '../../src/core/cross';
import { NliEngine, type NliPair, type NliScore } from '../../src/core/nli';
import { segmentDocument } from '../../src/core/segment';
import { Suppressions } from '../../src/core/suppressions';
import { FIXTURE_DIR } from './nli-fixture';

const doc = (relativePath: string, text: string): CrossDocument => ({
  relativePath,
  text,
  sentences: segmentDocument(text, 'markdown'),
  suppressions: Suppressions.of(text, 'markdown'),
});

class CountingScorer implements PairScorer {
  readonly scored: NliPair[] = [];
  constructor(private readonly inner: PairScorer) {}
  get modelName() {
    return this.inner.modelName;
  }
  score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    this.scored.push(...pairs);
    return this.inner.score(pairs, signal);
  }
}

describe('cross mode: candidate pairs', () => {
  it('numbers paragraphs by blank lines', () => {
    const text = 'One. Two.\n\nThree.\n  \nFour.';
    assert.deepEqual(paragraphIndexes(text, segmentDocument(text, 'plaintext')), [0, 0, 1, 2]);
  });

  it('pairs sentences that share content, never one paragraph or identical text, at most k per sentence', () => {
    const text = [
      'The gateway supports retries. The gateway does not support retries.',
      'The gateway does not support retries.',
      'The cache stores sessions in memory.',
      'The cache does not store sessions in memory.',
      'Bananas are yellow.',
    ].join('\n\n');
    const sentences = segmentDocument(text, 'markdown');
    const paragraphs = paragraphIndexes(text, sentences);
    const pairs = candidatePairs(
      sentences.map((s, i) => ({ doc: 0, paragraph: paragraphs[i], text: s.clean })),
      { scope: 'document' },
    );
    const named = pairs.map((p) => `${sentences[p.a].text} | ${sentences[p.b].text}`);
    assert.ok(
      named.includes('The gateway supports retries. | The gateway does not support retries.'),
      named.join('\n'),
    );
    assert.ok(named.includes('The cache stores sessions in memory. | The cache does not store sessions in memory.'));
    // Not the same paragraph (indexes 0 and 1), not the identical sentence (1 and 2).
    assert.ok(!pairs.some((p) => p.a === 0 && p.b === 1));
    assert.ok(!pairs.some((p) => p.a === 1 && p.b === 2));
    assert.ok(!named.some((n) => n.includes('Bananas')));
    const one = candidatePairs(
      sentences.map((s, i) => ({ doc: 0, paragraph: i, text: s.clean })),
      { scope: 'document', perSentence: 1 },
    );
    assert.ok(one.length <= sentences.length);
  });

  it('ranks the affirmative counterpart first among many negated sentences that share the words (bench/cross.ts)', () => {
    const subjects = Array.from(
      { length: 60 },
      (_, i) => `robot${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    const texts = [
      ...subjects.map((x) => `The ${x} doesn't accept refunds.`),
      'The plugin accepts refunds.',
      "The plugin doesn't accept refunds.",
    ];
    const sentences = texts.map((text, i) => ({ doc: 0, paragraph: i, text }));
    const pairs = candidatePairs(sentences, { scope: 'document' });
    assert.ok(pairs.some((p) => p.a === 60 && p.b === 61));
    assert.ok(pairs.length <= 8 * sentences.length);
  });

  it('finds an acronym against its spelled-out form', () => {
    const sentences = [
      { doc: 0, paragraph: 0, text: 'The TTL was raised.' },
      { doc: 0, paragraph: 1, text: 'The time to live stays unchanged.' },
    ];
    assert.deepEqual(
      candidatePairs(sentences, { scope: 'document' }).map((p) => [p.a, p.b]),
      [[0, 1]],
    );
  });

  it('keeps documents apart in document scope and pairs across them in workspace scope', () => {
    const sentences = [
      { doc: 0, paragraph: 0, text: 'The printer supports duplex printing.' },
      { doc: 1, paragraph: 0, text: 'The printer does not support duplex printing.' },
    ];
    assert.equal(candidatePairs(sentences, { scope: 'document' }).length, 0);
    assert.deepEqual(
      candidatePairs(sentences, { scope: 'workspace' }).map((p) => [p.a, p.b]),
      [[0, 1]],
    );
  });
});

describe('cross mode with the fixture model', function () {
  this.timeout(120_000);
  let engine: NliEngine;
  before(async () => {
    engine = await NliEngine.load(FIXTURE_DIR, { threads: 1 });
  });
  after(async () => engine.dispose());

  const overview = 'The service supports two factor authentication.\n\nThe database is encrypted at rest.\n';
  const faq = 'Some notes on the setup.\n\nThe service does not support two factor authentication.\n';

  it('finds a contradiction between two documents in workspace scope, both directions scored', async () => {
    const scorer = new CountingScorer(engine);
    const checker = new CrossChecker(scorer);
    const { findings, stats } = await checker.check([doc('overview.md', overview), doc('faq.md', faq)], {
      scope: 'workspace',
      threshold: 0.5,
    });
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.a.relativePath, 'overview.md');
    assert.equal(f.a.sentence.text, 'The service supports two factor authentication.');
    assert.equal(f.b.relativePath, 'faq.md');
    assert.equal(f.b.sentence.text, 'The service does not support two factor authentication.');
    assert.equal(f.directions.length, 2);
    assert.ok(f.probabilities.contradiction >= 0.5);
    assert.equal(stats.exhaustive, 6);
    assert.ok(scorer.scored.some((p) => p.premise === f.a.sentence.clean && p.hypothesis === f.b.sentence.clean));
    assert.ok(scorer.scored.some((p) => p.premise === f.b.sentence.clean && p.hypothesis === f.a.sentence.clean));
  });

  it('finds nothing across documents in document scope, and the same pair within one document', async () => {
    const checker = new CrossChecker(engine);
    const apart = await checker.check([doc('overview.md', overview), doc('faq.md', faq)], {
      scope: 'document',
      threshold: 0.5,
    });
    assert.equal(apart.findings.length, 0);
    const together = await checker.check([doc('all.md', overview + '\n' + faq)], { scope: 'document', threshold: 0.5 });
    assert.equal(together.findings.length, 1);
  });

  it('never flags a sentence against its own paragraph', async () => {
    const checker = new CrossChecker(engine);
    const text =
      'The service supports two factor authentication. The service does not support two factor authentication.\n';
    for (const pairing of ['smart', 'exhaustive'] as const) {
      const { findings, stats } = await checker.check([doc('a.md', text)], {
        scope: 'document',
        threshold: 0.5,
        pairing,
      });
      assert.equal(findings.length, 0);
      assert.equal(stats.pairs, 0);
    }
  });

  it('leaves dismissed pairs, suppressed sentences and pinned claims out', async () => {
    const checker = new CrossChecker(engine);
    const docs = [doc('overview.md', overview), doc('faq.md', faq)];
    const d = crossDismissal(
      { relativePath: 'faq.md', sentence: 'The service does not support two factor authentication.' },
      { relativePath: 'overview.md', sentence: 'The service supports two factor authentication.' },
    );
    const dismissed = new DismissedSet({ version: 1, dismissed: [d] });
    assert.equal((await checker.check(docs, { scope: 'workspace', threshold: 0.5, dismissed })).findings.length, 0);
    const silenced = [
      doc('overview.md', overview),
      doc('faq.md', '<!-- consistency-disable claim=cross -->\n\n' + faq),
    ];
    assert.equal((await checker.check(silenced, { scope: 'workspace', threshold: 0.5 })).findings.length, 0);
    const claimTexts = ['The service supports two factor authentication.'];
    assert.equal((await checker.check(docs, { scope: 'workspace', threshold: 0.5, claimTexts })).findings.length, 0);
  });
});
