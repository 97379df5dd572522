// The subset of a Hugging Face `config.json` that defines a BERT-family classifier's graph,
// validated up front so that an unsupported model fails with a message naming the reason,
// not with a shape error halfway through conversion.

export class UnsupportedModelError extends Error {}

export type HiddenActivation = 'gelu' | 'gelu_tanh' | 'relu';

export interface BertConfig {
  modelType: string;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  vocabSize: number;
  maxPositions: number;
  typeVocabSize: number;
  layerNormEps: number;
  activation: HiddenActivation;
  /** Label names in output order (index i is logits[i]). */
  labels: string[];
}

/** model_type values whose checkpoints use the BERT layout (word + position + token-type embeddings). */
const BERT_LAYOUT_TYPES = new Set(['bert']);

const ACTIVATIONS: Record<string, HiddenActivation> = {
  gelu: 'gelu',
  gelu_python: 'gelu',
  gelu_new: 'gelu_tanh',
  gelu_fast: 'gelu_tanh',
  gelu_pytorch_tanh: 'gelu_tanh',
  relu: 'relu',
};

export function parseBertConfig(raw: Record<string, unknown>): BertConfig {
  const modelType = String(raw.model_type ?? '');
  if (!BERT_LAYOUT_TYPES.has(modelType)) {
    const hint =
      modelType.startsWith('deberta') || modelType.includes('roberta')
        ? ' Use a ready ONNX export of it instead (catalog format "onnx").'
        : '';
    throw new UnsupportedModelError(
      `model_type '${modelType || '(missing)'}' is not supported by the converter; it handles BERT-layout models ` +
        `(model_type 'bert': BERT, e5, bge, MiniLM).${hint}`,
    );
  }
  const architectures = Array.isArray(raw.architectures) ? (raw.architectures as string[]) : [];
  if (architectures.length > 0 && !architectures.includes('BertForSequenceClassification')) {
    throw new UnsupportedModelError(
      `architecture ${architectures.join(', ')} is not a sequence classifier; the converter needs BertForSequenceClassification ` +
        `(an NLI cross-encoder with a classification head)`,
    );
  }
  const positionType = raw.position_embedding_type ?? 'absolute';
  if (positionType !== 'absolute') {
    throw new UnsupportedModelError(
      `position_embedding_type '${String(positionType)}' is not supported (only 'absolute')`,
    );
  }
  const actName = String(raw.hidden_act ?? 'gelu');
  const activation = ACTIVATIONS[actName];
  if (!activation) {
    throw new UnsupportedModelError(
      `hidden_act '${actName}' is not supported (supported: ${Object.keys(ACTIVATIONS).join(', ')})`,
    );
  }
  const config: BertConfig = {
    modelType,
    hiddenSize: requireInt(raw, 'hidden_size'),
    numLayers: requireInt(raw, 'num_hidden_layers'),
    numHeads: requireInt(raw, 'num_attention_heads'),
    intermediateSize: requireInt(raw, 'intermediate_size'),
    vocabSize: requireInt(raw, 'vocab_size'),
    maxPositions: requireInt(raw, 'max_position_embeddings'),
    typeVocabSize: optionalInt(raw, 'type_vocab_size', 2),
    layerNormEps: typeof raw.layer_norm_eps === 'number' ? raw.layer_norm_eps : 1e-12,
    activation,
    labels: parseLabels(raw),
  };
  if (config.hiddenSize % config.numHeads !== 0) {
    throw new UnsupportedModelError(
      `hidden_size ${config.hiddenSize} is not divisible by num_attention_heads ${config.numHeads}`,
    );
  }
  return config;
}

/** Labels from id2label, in index order; falls back to LABEL_i when only num_labels is given. */
function parseLabels(raw: Record<string, unknown>): string[] {
  const id2label = raw.id2label as Record<string, string> | undefined;
  if (id2label && Object.keys(id2label).length > 0) {
    const entries = Object.entries(id2label).map(([id, label]) => [Number(id), String(label)] as const);
    entries.sort((a, b) => a[0] - b[0]);
    entries.forEach(([id], i) => {
      if (id !== i) throw new UnsupportedModelError(`id2label is not a contiguous 0..n-1 mapping (missing id ${i})`);
    });
    return entries.map(([, label]) => label);
  }
  const count = optionalInt(raw, 'num_labels', 0);
  if (count <= 0)
    throw new UnsupportedModelError('config.json has neither id2label nor num_labels; cannot tell the label order');
  return Array.from({ length: count }, (_, i) => `LABEL_${i}`);
}

function requireInt(raw: Record<string, unknown>, key: string): number {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new UnsupportedModelError(`config.json: '${key}' is missing or not a positive integer`);
  }
  return value;
}

function optionalInt(raw: Record<string, unknown>, key: string, fallback: number): number {
  return raw[key] === undefined ? fallback : requireInt(raw, key);
}
