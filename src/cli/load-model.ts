// One way for every CLI command to turn `--model` (a folder or a catalog id; default: the
// catalog's default model) into a loaded engine, with the same messages and exit code on failure.
import { ModelNotFoundError } from '../core/model';
import { ModelError, NliEngine, type NliEngineOptions } from '../core/nli';
import type { ParsedArgs } from './args';
import { notInstalledMessage, resolveForCli } from './commands/model';

/** The engine, or undefined after printing why it could not be loaded (the caller exits 2). */
export async function loadModelForCli(args: ParsedArgs, options: NliEngineOptions): Promise<NliEngine | undefined> {
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
  try {
    return await NliEngine.load(where.dir, options);
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    process.stderr.write(`consistency-check: ${err.message}\n${err.hint}\n`);
    return undefined;
  }
}

const MODEL_HINT =
  'Use a folder in the transformers.js layout (config.json, tokenizer.json, onnx/model.onnx or onnx/model_quantized.onnx) or a catalog id from `consistency-check model list`.';
