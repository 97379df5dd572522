// Acceptance tests of the NLI engine on the tiny-bert-nli fixture: PyTorch reference logits to
// 1e-4 (alone and batched), input order, cancellation, and the model's known accuracy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NliEngine, type NliLabel, type NliScore } from '../../src/core/nli';
import { copyFixture, FIXTURE_DIR, maxAbsDiff, referencePairs, removeCopy, syntheticPairs } from './nli-fixture';

const TOLERANCE = 1e-4;

describe('NliEngine (tiny-bert-nli)', () => {
  let engine: NliEngine;
  before(async () => {
    engine = await NliEngine.load(FIXTURE_DIR, { threads: 2 });
  });
  after(async () => {
    await engine.dispose();
  });

  it('describes the loaded model', () => {
    assert.equal(engine.modelDir, FIXTURE_DIR);
    assert.equal(engine.modelName, 'tiny-bert-nli');
    assert.deepEqual(engine.labels, ['entailment', 'neutral', 'contradiction']);
    assert.equal(engine.maxLength, 512);
    assert.equal(engine.onnxFile, path.join(FIXTURE_DIR, 'onnx', 'model.onnx'));
  });

  it('matches the reference logits within 1e-4, one pair at a time', async () => {
    let worst = 0;
    for (const pair of referencePairs()) {
      const [score] = await engine.score([{ premise: pair.premise, hypothesis: pair.hypothesis }]);
      const diff = maxAbsDiff(score.logits, pair.logits);
      assert.ok(
        diff <= TOLERANCE,
        `logits ${score.logits} vs ${pair.logits} for ${JSON.stringify(pair.premise.slice(0, 40))}`,
      );
      worst = Math.max(worst, diff);
    }
    assert.ok(worst <= TOLERANCE);
  });

  it('matches the reference logits within 1e-4 in one batched call, in input order', async () => {
    const pairs = referencePairs();
    const scores = await engine.score(pairs.map(({ premise, hypothesis }) => ({ premise, hypothesis })));
    assert.equal(scores.length, pairs.length);
    pairs.forEach((pair, i) => {
      const diff = maxAbsDiff(scores[i].logits, pair.logits);
      assert.ok(diff <= TOLERANCE, `pair ${i}: logits ${scores[i].logits} vs ${pair.logits}`);
    });
  });

  it('gives the same results whatever the batch size and input order', async () => {
    const pairs = referencePairs().map(({ premise, hypothesis }) => ({ premise, hypothesis }));
    const reversed = await engine.score([...pairs].reverse());
    const small = await NliEngine.load(FIXTURE_DIR, { threads: 1, batchSize: 3 });
    try {
      const bySmallBatches = await small.score(pairs);
      reversed.reverse().forEach((score, i) => {
        assert.ok(maxAbsDiff(score.logits, bySmallBatches[i].logits) <= TOLERANCE, `pair ${i}`);
      });
    } finally {
      await small.dispose();
    }
  });

  it('returns probabilities as a float64 softmax under canonical names', async () => {
    const [score] = await engine.score([{ premise: 'The cat is black.', hypothesis: 'The cat is not black.' }]);
    assert.deepEqual(score.labels, ['entailment', 'neutral', 'contradiction']);
    assertSoftmaxOf(score, ['entailment', 'neutral', 'contradiction']);
    assert.deepEqual(Object.keys(score.probabilities), ['entailment', 'neutral', 'contradiction']);
  });

  it('returns [] for no pairs', async () => {
    assert.deepEqual(await engine.score([]), []);
  });

  it('counts the tokens of a pair as the model sees them (truncated, with special tokens)', () => {
    for (const pair of referencePairs()) {
      assert.equal(engine.countTokens(pair), pair.input_ids.length);
    }
  });

  it('serves concurrent score() calls correctly', async () => {
    const pairs = referencePairs();
    const [first, second] = await Promise.all([engine.score(pairs.slice(0, 40)), engine.score(pairs.slice(40))]);
    [...first, ...second].forEach((score, i) => assert.ok(maxAbsDiff(score.logits, pairs[i].logits) <= TOLERANCE));
  });

  it('rejects with an AbortError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(engine.score(referencePairs(), controller.signal), { name: 'AbortError' });
  });

  it('rejects with an AbortError when the signal aborts between batches', async () => {
    const oneByOne = await NliEngine.load(FIXTURE_DIR, { threads: 1, batchSize: 1 });
    try {
      const controller = new AbortController();
      const pending = oneByOne.score(referencePairs(), controller.signal);
      // Abort as soon as the event loop gets a turn: after a batch or two of the 70.
      setImmediate(() => controller.abort());
      await assert.rejects(pending, { name: 'AbortError' });
      // The engine stays usable after a cancelled call.
      const [score] = await oneByOne.score([referencePairs()[0]]);
      assert.ok(maxAbsDiff(score.logits, referencePairs()[0].logits) <= TOLERANCE);
    } finally {
      await oneByOne.dispose();
    }
  });

  it('reaches the fixture card accuracy (85%) on synthetic-test.json', async () => {
    const pairs = syntheticPairs();
    assert.equal(pairs.length, 3000);
    const scores = await engine.score(pairs.map(({ premise, hypothesis }) => ({ premise, hypothesis })));
    const correct = scores.filter((score, i) => argmax(score.probabilities) === pairs[i].label).length;
    const accuracy = correct / pairs.length;
    assert.ok(accuracy >= 0.84 && accuracy <= 0.86, `accuracy ${accuracy}`);
  });

  it('rejects score() after dispose()', async () => {
    const disposable = await NliEngine.load(FIXTURE_DIR, { threads: 1 });
    await disposable.dispose();
    await disposable.dispose(); // idempotent
    await assert.rejects(disposable.score([{ premise: 'a', hypothesis: 'b' }]), /disposed/);
  });

  it('rejects invalid options', async () => {
    await assert.rejects(NliEngine.load(FIXTURE_DIR, { threads: 0 }), RangeError);
    await assert.rejects(NliEngine.load(FIXTURE_DIR, { batchSize: 1.5 }), RangeError);
    await assert.rejects(NliEngine.load(FIXTURE_DIR, { tokenCacheEntries: 0 }), RangeError);
  });

  it('scores the same with a token cache smaller than the texts it sees', async () => {
    const small = await NliEngine.load(FIXTURE_DIR, { threads: 1, tokenCacheEntries: 1 });
    try {
      const pairs = ['The sky is blue.', 'The sky is not blue.', 'Grass is green.'].map((hypothesis) => ({
        premise: 'The sky is blue.',
        hypothesis,
      }));
      assert.deepEqual(await small.score([...pairs, ...pairs]), await engine.score([...pairs, ...pairs]));
    } finally {
      await small.dispose();
    }
  });
});

describe('NliEngine label order from config.json id2label', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture();
  });
  afterEach(() => removeCopy(dir));

  function relabel(id2label: Record<string, string>): void {
    const configPath = path.join(dir, 'config.json');
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    fs.writeFileSync(configPath, JSON.stringify({ ...config, id2label }));
  }

  it('maps a cross-encoder order [contradiction, entailment, neutral], case-insensitively', async () => {
    relabel({ 0: 'CONTRADICTION', 1: 'Entailment', 2: 'neutral' });
    const engine = await NliEngine.load(dir, { threads: 1 });
    try {
      assert.deepEqual(engine.labels, ['CONTRADICTION', 'Entailment', 'neutral']);
      const [score] = await engine.score([referencePairs()[0]]);
      assert.deepEqual(score.labels, ['CONTRADICTION', 'Entailment', 'neutral']);
      assertSoftmaxOf(score, ['contradiction', 'entailment', 'neutral']);
    } finally {
      await engine.dispose();
    }
  });
});

function assertSoftmaxOf(score: NliScore, order: NliLabel[]): void {
  const max = Math.max(...score.logits);
  const exps = score.logits.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  order.forEach((label, i) => assert.ok(Math.abs(score.probabilities[label] - exps[i] / sum) < 1e-12, label));
  const total = Object.values(score.probabilities).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-12);
}

function argmax(probabilities: Record<NliLabel, number>): NliLabel {
  return (Object.entries(probabilities) as [NliLabel, number][]).reduce((best, x) => (x[1] > best[1] ? x : best))[0];
}
