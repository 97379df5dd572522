// Checks at load time that a model folder's config and tokenizer agree with its ONNX graph. A
// folder whose config.json says 4096 positions while the graph has 512, or whose tokenizer has ids
// beyond the graph's vocabulary, used to load and then fail at inference with a raw ORT message
// ("Gather ... indices element out of data bounds") on some documents only. Two probe runs, the
// longest input and the highest token id, turn that into one error at load naming the file to fix.
import type { OnnxClassifier } from './onnx-classifier';
import { ModelError } from './model-error';
import type { JsonObject } from './model-folder';

export interface ProbeFiles {
  onnxFile: string;
  configPath: string;
  tokenizerPath: string;
}

/** The highest token id tokenizer.json can produce (vocabulary and added tokens), if it says. */
export function highestTokenId(tokenizerJson: JsonObject): number | undefined {
  let highest = -1;
  const model = tokenizerJson.model as { vocab?: unknown } | undefined;
  const vocab = model?.vocab;
  if (Array.isArray(vocab))
    highest = vocab.length - 1; // Unigram: [token, score] pairs
  else if (vocab && typeof vocab === 'object') {
    for (const id of Object.values(vocab as Record<string, unknown>))
      if (typeof id === 'number' && id > highest) highest = id;
  }
  const added = tokenizerJson.added_tokens;
  if (Array.isArray(added))
    for (const t of added)
      if (typeof (t as { id?: unknown })?.id === 'number') highest = Math.max(highest, (t as { id: number }).id);
  return highest >= 0 ? highest : undefined;
}

export async function probeModelLimits(
  classifier: OnnxClassifier,
  limits: { maxLength: number; highestId: number | undefined; padId: number },
  files: ProbeFiles,
): Promise<void> {
  if (limits.highestId !== undefined) {
    const ids = [limits.highestId, limits.highestId, limits.highestId];
    const failure = await runProbe(classifier, ids);
    if (failure) {
      throw new ModelError(
        `${files.tokenizerPath}: the tokenizer has token ids up to ${limits.highestId}, but ${files.onnxFile} rejects id ${limits.highestId} (${failure})`,
        files.tokenizerPath,
        'The tokenizer does not belong to this model (its vocabulary is larger than the embedding table): use the tokenizer.json saved with the model, or convert the checkpoint again.',
      );
    }
  }
  const failure = await runProbe(classifier, new Array<number>(limits.maxLength).fill(limits.padId));
  if (failure) {
    throw new ModelError(
      `${files.configPath}: config.json and tokenizer_config.json allow inputs of ${limits.maxLength} tokens, but ${files.onnxFile} rejects an input that long (${failure})`,
      files.configPath,
      'Set max_position_embeddings in config.json and model_max_length in tokenizer_config.json to the length the model was trained with (often 512).',
    );
  }
}

/** The first line of ORT's error (without its colour codes), or undefined when the run worked. */
async function runProbe(classifier: OnnxClassifier, ids: number[]): Promise<string | undefined> {
  try {
    await classifier.classify([{ ids, typeIds: new Array<number>(ids.length).fill(0) }]);
    return undefined;
  } catch (error) {
    if (error instanceof ModelError) throw error;
    return String((error as Error).message ?? error)
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')[0]
      .slice(0, 300);
  }
}
