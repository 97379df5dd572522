// Tokenization parity with the Hugging Face fast tokenizer (tokenizer.json of bert-base-uncased):
// the model only reproduces the reference logits if it sees exactly the same ids.
import * as assert from 'node:assert/strict';
import { readModelFolder } from '../../src/core/nli/model-folder';
import { resolveMaxLength } from '../../src/core/nli/max-length';
import { PairEncoder } from '../../src/core/nli/pair-encoder';
import { readPairTemplate, type PairTemplate } from '../../src/core/nli/pair-template';
import { createTokenizer } from '../../src/core/nli/tokenizer';
import { FIXTURE_DIR, referencePairs, tokenizationCases } from './nli-fixture';

describe('tokenizer parity (tiny-bert-nli)', () => {
  let encoder: PairEncoder;
  let template: PairTemplate;
  before(async () => {
    const folder = await readModelFolder(FIXTURE_DIR);
    const tokenizer = await createTokenizer(folder.tokenizerJson, folder.tokenizerConfig, folder.tokenizerPath);
    template = readPairTemplate(folder.tokenizerJson, folder.tokenizerPath);
    encoder = new PairEncoder(tokenizer, template, resolveMaxLength(folder.config, folder.tokenizerConfig));
  });

  it('reproduces the ids of all tokenization.json strings exactly', () => {
    const cases = tokenizationCases();
    assert.equal(cases.length, 94);
    for (const c of cases) {
      // tokenization.json is untruncated tokenizer output (one case is longer than 512 tokens).
      const ids = template.applySingle(encoder.tokenize(c.text)).ids;
      assert.ok(sameIds(ids, c.ids), `ids differ for ${JSON.stringify(c.text.slice(0, 80))}`);
    }
  });

  it('truncates a single text to the model length', () => {
    const long = tokenizationCases().find((c) => c.ids.length > 512);
    assert.ok(long, 'fixture has a string longer than 512 tokens');
    assert.deepEqual(encoder.encodeSingle(long.text).ids, [...long.ids.slice(0, 511), 102]);
  });

  it('reproduces reference.json input_ids and token_type_ids exactly (longest_first to 512)', () => {
    const pairs = referencePairs();
    assert.equal(pairs.length, 70);
    for (const p of pairs) {
      const encoded = encoder.encodePair(p.premise, p.hypothesis);
      const label = `pair ${JSON.stringify(p.premise.slice(0, 40))} / ${JSON.stringify(p.hypothesis.slice(0, 40))}`;
      assert.deepEqual(encoded.ids, p.input_ids, label);
      assert.deepEqual(encoded.typeIds, p.token_type_ids, label);
      assert.equal(encoder.pairLength(p.premise, p.hypothesis), p.input_ids.length, label);
    }
  });

  it('keeps the hypothesis and the final [SEP] when a long premise is truncated', () => {
    const long = referencePairs().find((p) => p.input_ids.length === 512);
    assert.ok(long, 'fixture has a pair truncated to 512 tokens');
    const { ids, typeIds } = encoder.encodePair(long.premise, long.hypothesis);
    assert.equal(ids.length, 512);
    assert.equal(ids[ids.length - 1], 102);
    const hypothesisIds = encoder.tokenize(long.hypothesis);
    assert.deepEqual(ids.slice(512 - 1 - hypothesisIds.length, 511), [...hypothesisIds]);
    assert.equal(typeIds.filter((t) => t === 1).length, hypothesisIds.length + 1);
  });

  it('truncates a long hypothesis too, and both sides when both are long', () => {
    const words = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ');
    const longHypothesis = encoder.encodePair('short claim', words(600, 'cat'));
    assert.equal(longHypothesis.ids.length, 512);
    assert.deepEqual(longHypothesis.ids.slice(0, 5), [101, 2460, 4366, 102, 4937]);
    const both = encoder.encodePair(words(600, 'dog'), words(700, 'cat'));
    assert.equal(both.ids.length, 512);
    // budget 509 = 254 (shorter side, premise) + 255 (longer side), as HF tokenizers does
    assert.equal(both.typeIds.filter((t) => t === 0).length, 1 + 254 + 1);
    assert.equal(both.typeIds.filter((t) => t === 1).length, 255 + 1);
  });

  it('encodes an empty hypothesis as a single sequence, like transformers', () => {
    assert.deepEqual(encoder.encodePair('Short.', '').ids, [101, 2460, 1012, 102]);
    assert.deepEqual(encoder.encodePair('', 'Short.').ids, [101, 102, 2460, 1012, 102]);
    assert.equal(encoder.pairLength('Short.', ''), 4);
  });
});

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
