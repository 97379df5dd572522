// Finds and reads the files of a model folder in the transformers.js layout:
//   config.json, tokenizer.json, tokenizer_config.json (optional), onnx/model[_quantized].onnx
// Local files only: the engine never downloads anything. Every failure is a ModelError that
// names the file and says what to do, because "model not found" is the most common support issue.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { ModelError } from './model-error';
import type { NliEngineOptions } from './types';

export type JsonObject = Record<string, unknown>;

export interface ModelFolder {
  /** Absolute path of the folder. */
  dir: string;
  config: JsonObject;
  configPath: string;
  tokenizerJson: JsonObject;
  tokenizerPath: string;
  /** {} when the folder has no tokenizer_config.json. */
  tokenizerConfig: JsonObject;
  /** Absolute path of the ONNX file chosen for the requested precision. */
  onnxFile: string;
}

const LAYOUT_HINT =
  'Use a folder in the transformers.js layout: config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx (or onnx/model_quantized.onnx).';

export async function readModelFolder(
  modelDir: string,
  precision: NliEngineOptions['precision'] = 'auto',
): Promise<ModelFolder> {
  const dir = path.resolve(modelDir);
  const kind = await fileKind(dir);
  if (kind === 'missing') throw new ModelError(`model folder not found: ${dir}`, dir, LAYOUT_HINT);
  if (kind !== 'dir') throw new ModelError(`model path is not a folder: ${dir}`, dir, LAYOUT_HINT);

  const configPath = path.join(dir, 'config.json');
  if ((await fileKind(configPath)) !== 'file') {
    throw new ModelError(
      `model folder has no config.json: ${configPath}`,
      configPath,
      `The model's config.json (with id2label) is needed. ${LAYOUT_HINT}`,
    );
  }
  const tokenizerPath = path.join(dir, 'tokenizer.json');
  if ((await fileKind(tokenizerPath)) !== 'file') {
    throw new ModelError(
      `model folder has no tokenizer.json: ${tokenizerPath} (a fast-tokenizer tokenizer.json is needed; vocab.txt alone is not enough)`,
      tokenizerPath,
      'Save the tokenizer with transformers (AutoTokenizer.from_pretrained(...).save_pretrained(dir) writes tokenizer.json), or produce the folder with `consistency-check model convert`.',
    );
  }
  const tokenizerConfigPath = path.join(dir, 'tokenizer_config.json');
  const hasTokenizerConfig = (await fileKind(tokenizerConfigPath)) === 'file';

  return {
    dir,
    config: await readJsonObject(configPath),
    configPath,
    tokenizerJson: await readJsonObject(tokenizerPath),
    tokenizerPath,
    tokenizerConfig: hasTokenizerConfig ? await readJsonObject(tokenizerConfigPath) : {},
    onnxFile: await chooseOnnxFile(dir, precision),
  };
}

async function chooseOnnxFile(dir: string, precision: NliEngineOptions['precision']): Promise<string> {
  const int8 = path.join(dir, 'onnx', 'model_quantized.onnx');
  const fp32 = path.join(dir, 'onnx', 'model.onnx');
  const candidates = precision === 'int8' ? [int8] : precision === 'fp32' ? [fp32] : [int8, fp32];
  for (const file of candidates) {
    if ((await fileKind(file)) === 'file') return file;
  }
  const wanted = candidates.map((f) => path.relative(dir, f)).join(' or ');
  throw new ModelError(
    `model folder has no ONNX model: expected ${wanted} in ${dir}`,
    candidates[candidates.length - 1],
    precision === 'auto'
      ? 'Export the model to ONNX (e.g. with optimum or `consistency-check model convert`) and place it at onnx/model.onnx.'
      : `Use precision 'auto', or add ${wanted} to the folder.`,
  );
}

async function readJsonObject(file: string): Promise<JsonObject> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ModelError(`cannot read ${file}: ${(err as Error).message}`, file, 'Check the file permissions.', {
      cause: err,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ModelError(
      `${file} is not valid JSON: ${(err as Error).message}`,
      file,
      'The file is damaged or incomplete (an interrupted download?); download or save the model folder again.',
      { cause: err },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelError(`${file} does not contain a JSON object`, file, 'Download or save the model folder again.');
  }
  return value as JsonObject;
}

async function fileKind(p: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
  try {
    const s = await stat(p);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}
