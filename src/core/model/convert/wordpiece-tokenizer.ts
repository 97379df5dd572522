// Builds a Hugging Face `tokenizer.json` for a BERT WordPiece tokenizer from `vocab.txt` and
// `tokenizer_config.json`, for repositories that predate the fast-tokenizer format. The result is
// what `BertTokenizerFast` would save: BertNormalizer, BertPreTokenizer, WordPiece, and the
// [CLS] A [SEP] B [SEP] template with token types 0 and 1.

export interface BertTokenizerSettings {
  lowercase: boolean;
  /** null: follow `lowercase` (BERT's default); true/false force accent stripping on or off. */
  stripAccents: boolean | null;
  tokenizeChineseChars: boolean;
  unkToken: string;
  clsToken: string;
  sepToken: string;
  padToken: string;
  maskToken: string;
}

export class TokenizerBuildError extends Error {}

/** Reads vocab.txt as transformers does: one token per line, the line number is its id. */
export function parseVocab(text: string): Map<string, number> {
  const lines = text.split('\n');
  // A trailing newline ends the last line; it does not add an empty token.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const vocab = new Map<string, number>();
  lines.forEach((token, id) => vocab.set(token, id));
  return vocab;
}

/**
 * Tokenizer settings from tokenizer_config.json, with special_tokens_map.json (if any) taking
 * precedence for the special tokens, and BERT's defaults for anything unspecified.
 */
export function bertTokenizerSettings(
  tokenizerConfig: Record<string, unknown> = {},
  specialTokensMap: Record<string, unknown> = {},
): BertTokenizerSettings {
  const token = (key: string, fallback: string): string => {
    const value = specialTokensMap[key] ?? tokenizerConfig[key];
    if (typeof value === 'string') return value;
    // AddedToken objects serialize as { content: "[CLS]", ... }.
    if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
      return (value as { content: string }).content;
    }
    return fallback;
  };
  const strip = tokenizerConfig.strip_accents;
  return {
    lowercase: tokenizerConfig.do_lower_case !== false,
    stripAccents: typeof strip === 'boolean' ? strip : null,
    tokenizeChineseChars: tokenizerConfig.tokenize_chinese_chars !== false,
    unkToken: token('unk_token', '[UNK]'),
    clsToken: token('cls_token', '[CLS]'),
    sepToken: token('sep_token', '[SEP]'),
    padToken: token('pad_token', '[PAD]'),
    maskToken: token('mask_token', '[MASK]'),
  };
}

export function buildBertTokenizerJson(
  vocab: Map<string, number>,
  settings: BertTokenizerSettings,
): Record<string, unknown> {
  const idOf = (token: string, role: string): number => {
    const id = vocab.get(token);
    if (id === undefined) throw new TokenizerBuildError(`vocab.txt has no ${role} token '${token}'`);
    return id;
  };
  const specials = [
    [settings.padToken, 'padding'],
    [settings.unkToken, 'unknown'],
    [settings.clsToken, 'classification'],
    [settings.sepToken, 'separator'],
    [settings.maskToken, 'mask'],
  ] as const;
  const addedTokens = specials
    .map(([content, role]) => ({ id: idOf(content, role), content }))
    .sort((a, b) => a.id - b.id)
    .map(({ id, content }) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    }));
  const cls = settings.clsToken;
  const sep = settings.sepToken;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: settings.tokenizeChineseChars,
      strip_accents: settings.stripAccents,
      lowercase: settings.lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: sep, type_id: 1 } },
      ],
      special_tokens: {
        [cls]: { id: cls, ids: [idOf(cls, 'classification')], tokens: [cls] },
        [sep]: { id: sep, ids: [idOf(sep, 'separator')], tokens: [sep] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: settings.unkToken,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}

/** A tokenizer_config.json for transformers.js-style loaders when the source repository had none. */
export function bertTokenizerConfigJson(
  settings: BertTokenizerSettings,
  modelMaxLength: number,
): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: settings.lowercase,
    strip_accents: settings.stripAccents,
    tokenize_chinese_chars: settings.tokenizeChineseChars,
    unk_token: settings.unkToken,
    cls_token: settings.clsToken,
    sep_token: settings.sepToken,
    pad_token: settings.padToken,
    mask_token: settings.maskToken,
    model_max_length: modelMaxLength,
  };
}
