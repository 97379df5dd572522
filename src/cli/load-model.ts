// One way for every CLI command to turn `--model` (a folder or a catalog id; default: the
// catalog's default model) into a loaded engine, with the same messages and exit code on failure.
import { ModelError, NliEngine, type NliEngineOptions } from '../core/nli';
import type { ParsedArgs } from './args';
import { notInstalledMessage, resolveForCli } from './commands/model';

/** The engine, or undefined after printing why it could not be loaded (the caller exits 2). */
export async function loadModelForCli(args: ParsedArgs, options: NliEngineOptions): Promise<NliEngine | undefined> {
  const where = resolveForCli(args.get('model'), args);
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
