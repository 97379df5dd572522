// tokenizer.json built from vocab.txt must be the tokenizer transformers would have saved: the
// fixture's own tokenizer.json is the reference (its vocabulary written back out as vocab.txt).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import {
  bertTokenizerSettings,
  buildBertTokenizerJson,
  parseVocab,
  TokenizerBuildError,
} from '../../src/core/model/convert/wordpiece-tokenizer';
import { convertBertModel } from '../../src/core/model/convert/convert-bert';
import { TINY_MODEL_DIR } from '../helpers/model-onnx-run';

interface TokenizerJson {
  model: { vocab: Record<string, number> };
  [key: string]: unknown;
}

const fixtureTokenizer = (): TokenizerJson =>
  JSON.parse(readFileSync(join(TINY_MODEL_DIR, 'tokenizer.json'), 'utf8')) as TokenizerJson;
const fixtureTokenizerConfig = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(TINY_MODEL_DIR, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;

/** The fixture vocabulary as vocab.txt (one token per line, in id order). */
function fixtureVocabText(): string {
  const entries = Object.entries(fixtureTokenizer().model.vocab).sort((a, b) => a[1] - b[1]);
  entries.forEach(([, id], i) => assert.equal(id, i));
  return entries.map(([token]) => token).join('\n') + '\n';
}

describe('convert: tokenizer.json from vocab.txt', () => {
  it('reads vocab.txt line by line, the line number being the id', () => {
    const vocab = parseVocab('[PAD]\n[UNK]\nhello\n##s\n');
    assert.deepEqual(
      [...vocab],
      [
        ['[PAD]', 0],
        ['[UNK]', 1],
        ['hello', 2],
        ['##s', 3],
      ],
    );
  });

  it('reproduces the tokenizer.json transformers saved for bert-base-uncased', () => {
    const built = buildBertTokenizerJson(
      parseVocab(fixtureVocabText()),
      bertTokenizerSettings(fixtureTokenizerConfig()),
    );
    assert.deepEqual(built, fixtureTokenizer());
  });

  it('tokenizes the 94 tokenization.json cases exactly like the original', () => {
    const built = buildBertTokenizerJson(
      parseVocab(fixtureVocabText()),
      bertTokenizerSettings(fixtureTokenizerConfig()),
    );
    const tokenizer = new Tokenizer(built, fixtureTokenizerConfig());
    const { cases } = JSON.parse(readFileSync(join(TINY_MODEL_DIR, 'tokenization.json'), 'utf8')) as {
      cases: Array<{ text: string; ids: number[] }>;
    };
    assert.equal(cases.length, 94);
    for (const c of cases) assert.deepEqual(tokenizer.encode(c.text).ids, c.ids, JSON.stringify(c.text));
  });

  it('follows do_lower_case, strip_accents and special tokens from the configuration files', () => {
    const settings = bertTokenizerSettings(
      { do_lower_case: false, strip_accents: true, tokenize_chinese_chars: false, cls_token: '<cls>' },
      { sep_token: { content: '<sep>' } },
    );
    assert.deepEqual(settings, {
      lowercase: false,
      stripAccents: true,
      tokenizeChineseChars: false,
      unkToken: '[UNK]',
      clsToken: '<cls>',
      sepToken: '<sep>',
      padToken: '[PAD]',
      maskToken: '[MASK]',
    });
    const json = buildBertTokenizerJson(parseVocab('[PAD]\n[UNK]\n<cls>\n<sep>\n[MASK]\nhi\n'), settings) as {
      normalizer: Record<string, unknown>;
      post_processor: { special_tokens: Record<string, { ids: number[] }> };
    };
    assert.equal(json.normalizer.lowercase, false);
    assert.equal(json.normalizer.strip_accents, true);
    assert.equal(json.normalizer.handle_chinese_chars, false);
    assert.deepEqual(json.post_processor.special_tokens['<sep>'].ids, [3]);
  });

  it('names a special token the vocabulary lacks', () => {
    assert.throws(
      () => buildBertTokenizerJson(parseVocab('[PAD]\n[UNK]\n[CLS]\n[MASK]\n'), bertTokenizerSettings()),
      (err: unknown) => err instanceof TokenizerBuildError && /no separator token '\[SEP\]'/.test(err.message),
    );
  });

  it('is used by the converter when a repository has vocab.txt but no tokenizer.json', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cc-vocab-'));
    try {
      const source = join(work, 'source');
      const out = join(work, 'out');
      mkdirSync(source);
      for (const file of ['config.json', 'model.safetensors', 'tokenizer_config.json']) {
        copyFileSync(join(TINY_MODEL_DIR, file), join(source, file));
      }
      writeFileSync(join(source, 'vocab.txt'), fixtureVocabText());
      const result = await convertBertModel(source, out);
      assert.equal(result.tokenizer, 'built-from-vocab');
      assert.deepEqual(JSON.parse(readFileSync(join(out, 'tokenizer.json'), 'utf8')), fixtureTokenizer());
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
