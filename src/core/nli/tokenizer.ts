// Builds the pure-JS Hugging Face tokenizer from tokenizer.json. The library is imported when the
// first model loads, not with this module: a `check --cache` run whose pairs are all cached never
// loads a model and so never pays for evaluating it (6-19 ms). A static import was measured to make
// no difference to dist/cli.js or dist/server.js (within 3 kB) and to save 16 kB of
// dist/engine-worker.js (tree shaking), not worth that cost.
import { ModelError } from './model-error';
import type { JsonObject } from './model-folder';

/** The part of @huggingface/tokenizers' Tokenizer the engine uses. */
export interface TextTokenizer {
  encode(text: string, options: { add_special_tokens: false }): { ids: number[] };
  token_to_id(token: string): number | undefined;
}

export async function createTokenizer(
  tokenizerJson: JsonObject,
  tokenizerConfig: JsonObject,
  tokenizerPath: string,
): Promise<TextTokenizer> {
  const { Tokenizer } = await import('@huggingface/tokenizers');
  try {
    return new Tokenizer(tokenizerJson, tokenizerConfig);
  } catch (err) {
    throw new ModelError(
      `cannot build a tokenizer from ${tokenizerPath}: ${(err as Error).message}`,
      tokenizerPath,
      'Save the tokenizer again with a recent transformers version (tokenizer.save_pretrained).',
      { cause: err },
    );
  }
}

/** The id used to pad batches. Padded positions are masked out, but using the model's real pad
 * token keeps batched outputs identical to what transformers computes. */
export function resolvePadId(
  tokenizer: TextTokenizer,
  tokenizerJson: JsonObject,
  tokenizerConfig: JsonObject,
  config: JsonObject,
): number {
  const padding = tokenizerJson.padding as { pad_id?: unknown } | null | undefined;
  if (typeof padding?.pad_id === 'number') return padding.pad_id;
  const padToken = tokenizerConfig.pad_token;
  const padText = typeof padToken === 'string' ? padToken : (padToken as { content?: unknown } | undefined)?.content;
  const fromToken = typeof padText === 'string' ? tokenizer.token_to_id(padText) : undefined;
  if (fromToken !== undefined) return fromToken;
  return typeof config.pad_token_id === 'number' ? config.pad_token_id : 0;
}
