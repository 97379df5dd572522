// Unit tests of the NLI engine's pure parts: truncation, templates, labels, lengths, batching.
import * as assert from 'node:assert/strict';
import { planBatches } from '../../src/core/nli/batching';
import { readLabels } from '../../src/core/nli/labels';
import { resolveMaxLength } from '../../src/core/nli/max-length';
import { ModelError } from '../../src/core/nli/model-error';
import { readPairTemplate } from '../../src/core/nli/pair-template';
import { softmax } from '../../src/core/nli/softmax';
import { LruCache } from '../../src/core/util/lru-cache';
import { longestFirstLengths } from '../../src/core/nli/truncation';

describe('longestFirstLengths', () => {
  it('matches the Hugging Face tokenizers (Rust) table for max_length 7', () => {
    // From tokenizers/src/utils/truncation.rs, truncate_encodings_longest_first.
    const table: [number, number, number, number][] = [
      [0, 0, 0, 0],
      [0, 2, 0, 2],
      [0, 4, 0, 4],
      [0, 8, 0, 7],
      [2, 0, 2, 0],
      [2, 2, 2, 2],
      [2, 4, 2, 4],
      [2, 8, 2, 5],
      [4, 0, 4, 0],
      [4, 2, 4, 2],
      [4, 4, 3, 4],
      [4, 8, 3, 4],
      [8, 0, 7, 0],
      [8, 2, 5, 2],
      [8, 4, 4, 3],
      [8, 8, 3, 4],
    ];
    for (const [a, b, keepA, keepB] of table) {
      assert.deepEqual(longestFirstLengths(a, b, 7), [keepA, keepB], `(${a}, ${b})`);
    }
  });

  it('truncates only the longer side when that is enough', () => {
    assert.deepEqual(longestFirstLengths(700, 4, 509), [505, 4]);
    assert.deepEqual(longestFirstLengths(4, 700, 509), [4, 505]);
  });

  it('splits an even budget evenly and gives the odd token to the longer side', () => {
    assert.deepEqual(longestFirstLengths(600, 700, 510), [255, 255]);
    assert.deepEqual(longestFirstLengths(600, 700, 509), [254, 255]);
    assert.deepEqual(longestFirstLengths(700, 600, 509), [255, 254]);
    assert.deepEqual(longestFirstLengths(600, 600, 509), [254, 255]);
  });

  it('keeps pairs that fit and handles a zero budget', () => {
    assert.deepEqual(longestFirstLengths(3, 4, 7), [3, 4]);
    assert.deepEqual(longestFirstLengths(3, 4, 0), [0, 0]);
  });
});

describe('readPairTemplate', () => {
  const bertTemplate = {
    type: 'TemplateProcessing',
    single: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
    ],
    pair: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } },
      { SpecialToken: { id: '[SEP]', type_id: 1 } },
    ],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] },
    },
  };

  it('TemplateProcessing (BERT): [CLS] A [SEP] B [SEP] with type ids 0/1', () => {
    const t = readPairTemplate({ post_processor: bertTemplate }, 'tokenizer.json');
    assert.equal(t.pairSpecialCount, 3);
    assert.equal(t.singleSpecialCount, 2);
    assert.deepEqual(t.applyPair([5, 6], [7]), { ids: [101, 5, 6, 102, 7, 102], typeIds: [0, 0, 0, 0, 1, 1] });
    assert.deepEqual(t.applySingle([5]), { ids: [101, 5, 102], typeIds: [0, 0, 0] });
  });

  it('BertProcessing', () => {
    const t = readPairTemplate(
      { post_processor: { type: 'BertProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101] } },
      'x',
    );
    assert.deepEqual(t.applyPair([5], [7]), { ids: [101, 5, 102, 7, 102], typeIds: [0, 0, 0, 1, 1] });
  });

  it('RobertaProcessing, also inside a Sequence with ByteLevel: <s> A </s></s> B </s>, all type 0', () => {
    const roberta = {
      type: 'RobertaProcessing',
      sep: ['</s>', 2],
      cls: ['<s>', 0],
      trim_offsets: true,
      add_prefix_space: true,
    };
    for (const post_processor of [roberta, { type: 'Sequence', processors: [{ type: 'ByteLevel' }, roberta] }]) {
      const t = readPairTemplate({ post_processor }, 'x');
      assert.equal(t.pairSpecialCount, 4);
      assert.deepEqual(t.applyPair([5], [7]), { ids: [0, 5, 2, 2, 7, 2], typeIds: [0, 0, 0, 0, 0, 0] });
    }
  });

  it('no post_processor: the bare sequences', () => {
    const t = readPairTemplate({ post_processor: null }, 'x');
    assert.equal(t.pairSpecialCount, 0);
    assert.deepEqual(t.applyPair([5], [7]), { ids: [5, 7], typeIds: [0, 1] });
  });

  it('unknown processors and special tokens without ids are ModelErrors naming the file', () => {
    assert.throws(
      () => readPairTemplate({ post_processor: { type: 'Nope' } }, '/m/tokenizer.json'),
      (e: unknown) => {
        return e instanceof ModelError && e.path === '/m/tokenizer.json' && /Nope/.test(e.message);
      },
    );
    const broken = { ...bertTemplate, special_tokens: {} };
    assert.throws(() => readPairTemplate({ post_processor: broken }, 'x'), ModelError);
  });
});

describe('readLabels', () => {
  it('keeps the model order and maps names case-insensitively', () => {
    const { labels, canonical } = readLabels(
      { id2label: { 2: 'Neutral', 0: 'CONTRADICTION', 1: 'entailment' } },
      'config.json',
    );
    assert.deepEqual(labels, ['CONTRADICTION', 'entailment', 'Neutral']);
    assert.deepEqual(canonical, ['contradiction', 'entailment', 'neutral']);
  });

  it('rejects missing, generic, duplicate or gapped labels', () => {
    for (const id2label of [
      undefined,
      { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' },
      { 0: 'entailment', 1: 'entailment', 2: 'contradiction' },
      { 0: 'entailment', 1: 'neutral', 3: 'contradiction' },
      { 0: 'entailment', 1: 'contradiction' },
    ]) {
      assert.throws(() => readLabels({ id2label }, 'config.json'), ModelError, JSON.stringify(id2label));
    }
  });
});

describe('resolveMaxLength', () => {
  it('takes the smaller of model_max_length and max_position_embeddings', () => {
    assert.equal(resolveMaxLength({ max_position_embeddings: 512 }, { model_max_length: 512 }), 512);
    assert.equal(resolveMaxLength({ max_position_embeddings: 512 }, { model_max_length: 1e30 }), 512);
    assert.equal(resolveMaxLength({ max_position_embeddings: 2048 }, { model_max_length: 256 }), 256);
    assert.equal(resolveMaxLength({}, {}), 512);
  });

  it('subtracts the RoBERTa position offset when only config.json tells', () => {
    assert.equal(resolveMaxLength({ model_type: 'roberta', max_position_embeddings: 514, pad_token_id: 1 }, {}), 512);
  });
});

describe('planBatches', () => {
  it('sorts by length, batches neighbours, and covers every index once', () => {
    const lengths = [50, 10, 40, 10, 20, 30, 60];
    const batches = planBatches(lengths, { maxBatchSize: 3, maxBatchTokens: 10_000 });
    assert.deepEqual(batches, [[1, 3, 4], [5, 2, 0], [6]]);
  });

  it('respects the padded-token budget, running an oversize input alone', () => {
    const batches = planBatches([512, 100, 100, 100, 600], { maxBatchSize: 16, maxBatchTokens: 300 });
    assert.deepEqual(batches, [[1, 2, 3], [0], [4]]);
  });

  it('handles no input', () => {
    assert.deepEqual(planBatches([], { maxBatchSize: 16, maxBatchTokens: 4096 }), []);
  });
});

describe('softmax', () => {
  it('is stable for large logits and sums to 1', () => {
    const p = softmax([1000, 1000, -1000]);
    assert.deepEqual(p, [0.5, 0.5, 0]);
    const q = softmax([-2.2342185974121094, 4.3695807456970215, -3.176971435546875]);
    assert.ok(Math.abs(q.reduce((a, b) => a + b, 0) - 1) < 1e-15);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1); // a is now the most recent
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.size, 2);
  });

  it('shrinks to a new bound by dropping the least recently used entries, and keeps it', () => {
    const cache = new LruCache<string, number>(4);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, i);
    cache.get('a');
    cache.resize(2);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('c'), undefined);
    assert.equal(cache.get('a'), 0);
    assert.equal(cache.get('d'), 3);
    cache.set('e', 4);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), undefined);
  });
});
