// The longest input the model accepts: the smaller of what the tokenizer declares
// (tokenizer_config.json model_max_length) and what the position embeddings allow
// (config.json max_position_embeddings). Transformers writes a huge sentinel (1e30) for
// "unknown" model_max_length, which the min() takes care of.
import type { JsonObject } from './model-folder';

export const DEFAULT_MAX_LENGTH = 512;

export function resolveMaxLength(config: JsonObject, tokenizerConfig: JsonObject): number {
  const limits: number[] = [];
  const fromTokenizer = tokenizerConfig.model_max_length;
  if (isPositiveInteger(fromTokenizer)) limits.push(fromTokenizer);
  let positions = config.max_position_embeddings;
  if (isPositiveInteger(positions)) {
    // RoBERTa-family models reserve padding_idx + 1 positions (514 embeddings for 512 tokens);
    // only matters when tokenizer_config.json does not say 512 itself.
    if (typeof config.model_type === 'string' && /roberta|camembert/.test(config.model_type)) {
      const pad = typeof config.pad_token_id === 'number' ? config.pad_token_id : 1;
      positions -= pad + 1;
    }
    limits.push(positions);
  }
  return limits.length > 0 ? Math.min(...limits) : DEFAULT_MAX_LENGTH;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
