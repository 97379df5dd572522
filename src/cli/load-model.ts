// One way for every CLI command to turn `--model` (a folder or a catalog id; default: the
// catalog's default model) into a loaded engine, with the same messages and exit code on failure.
import { catalogLabelOrder, ModelNotFoundError } from '../core/model';
import { ModelError, NliEngine, type LabelOrder, type NliEngineOptions } from '../core/nli';
import type { ParsedArgs } from './args';
import { labelsOption } from './labels-option';
import { notInstalledMessage, resolveForCli } from './commands/model';

/** An installed model folder and the label order to load it with. */
export interface ResolvedModel {
  dir: string;
  labels?: LabelOrder;
}

/** The engine, or undefined after printing why it could not be loaded (the caller exits 2). */
export async function loadModelForCli(args: ParsedArgs, options: NliEngineOptions): Promise<NliEngine | undefined> {
  const model = resolveModelForCli(args);
  return model && loadResolvedModel(model, options);
}

/** Where `--model` points, or undefined after printing why it cannot be used. Loads nothing. */
export function resolveModelForCli(args: ParsedArgs): ResolvedModel | undefined {
  let where;
  try {
    where = resolveForCli(args.get('model'), args);
  } catch (err) {
    if (!(err instanceof ModelNotFoundError)) throw err;
    process.stderr.write(`consistency-check: ${err.message}\n${MODEL_HINT}\n`);
    return undefined;
  }
  if (where.kind === 'needs-download') {
    process.stderr.write(`consistency-check: ${notInstalledMessage(where.entry)}\n`);
    return undefined;
  }
  // --labels names the outputs of a folder whose config.json says LABEL_0..2; a catalog model's
  // order comes from the catalog (for folders pulled before config.json was relabelled).
  return { dir: where.dir, labels: labelsOption(args) ?? (where.entry && catalogLabelOrder(where.entry)) };
}

/** The engine, or undefined after printing the model error (the caller exits 2). */
export async function loadResolvedModel(
  model: ResolvedModel,
  options: NliEngineOptions,
): Promise<NliEngine | undefined> {
  try {
    return await NliEngine.load(model.dir, { ...options, labels: model.labels });
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    process.stderr.write(`consistency-check: ${err.message}\n${err.hint}\n`);
    return undefined;
  }
}

const MODEL_HINT =
  'Use a folder in the transformers.js layout (config.json, tokenizer.json, onnx/model.onnx or onnx/model_quantized.onnx) or a catalog id from `consistency-check model list`.';
