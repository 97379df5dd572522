// Turns (premise, hypothesis) into model input ids the way Hugging Face's fast tokenizer does
// with truncation='longest_first': tokenize each text alone, cut the pair to fit, then add the
// special tokens of the post_processor template. transformers.js instead truncates the
// flattened sequence, which on long pairs drops the hypothesis and the final [SEP].
import type { EncodedInput, PairTemplate } from './pair-template';
import type { TextTokenizer } from './tokenizer';
import { longestFirstLengths } from './truncation';
import { LruCache } from '../util/lru-cache';

/** Token lists kept by default: the editor re-checks the same sentences on every edit. */
export const DEFAULT_TOKEN_CACHE_ENTRIES = 20_000;

export class PairEncoder {
  private readonly cache: LruCache<string, readonly number[]>;

  constructor(
    private readonly tokenizer: TextTokenizer,
    private readonly template: PairTemplate,
    /** Longest model input, special tokens included. */
    readonly maxLength: number,
    cacheEntries = DEFAULT_TOKEN_CACHE_ENTRIES,
  ) {
    this.cache = new LruCache(cacheEntries);
  }

  /** Token ids of `text` without special tokens (cached). */
  tokenize(text: string): readonly number[] {
    let ids = this.cache.get(text);
    if (ids === undefined) {
      ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
      this.cache.set(text, ids);
    }
    return ids;
  }

  encodePair(first: string, second: string): EncodedInput {
    // transformers treats an empty text_pair as "no pair" (`if text_pair` is falsy) and encodes
    // the first text alone: [CLS] A [SEP], not [CLS] A [SEP] [SEP]. The reference logits rely on it.
    if (second === '') return this.encodeSingle(first);
    const a = this.tokenize(first);
    const b = this.tokenize(second);
    const [keepA, keepB] = longestFirstLengths(a.length, b.length, this.maxLength - this.template.pairSpecialCount);
    return this.template.applyPair(a.slice(0, keepA), b.slice(0, keepB));
  }

  /** Length of encodePair's result, without building it. */
  pairLength(first: string, second: string): number {
    if (second === '')
      return Math.min(this.tokenize(first).length, this.singleBudget) + this.template.singleSpecialCount;
    const a = this.tokenize(first).length;
    const b = this.tokenize(second).length;
    const [keepA, keepB] = longestFirstLengths(a, b, this.maxLength - this.template.pairSpecialCount);
    return keepA + keepB + this.template.pairSpecialCount;
  }

  /** One text with special tokens, truncated to the model length. */
  encodeSingle(text: string): EncodedInput {
    return this.template.applySingle(this.tokenize(text).slice(0, this.singleBudget));
  }

  private get singleBudget(): number {
    return Math.max(0, this.maxLength - this.template.singleSpecialCount);
  }
}
