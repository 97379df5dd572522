// `consistency-check pairs`: the (sentence, claim) pairs a check would send to the NLI model, as
// JSON lines {"file","start","end","claimId"} (UTF-16 offsets, like `sentences`). No model needed:
// it shows what smart pair selection keeps (or, with --pairing exhaustive, every pair), so a team
// can see why a sentence was or was not checked against a claim. A summary goes to stderr.
import * as path from 'node:path';
import { planPairs } from '../../core/check';
import { claimAppliesTo } from '../../core/claims';
import { readDocumentFile } from '../../core/document-file';
import { escapeControls } from '../../core/text/printable';
import { toPosix } from '../../core/find-files';
import { languageOfFile, segmentDocument } from '../../core/segment';
import { Suppressions } from '../../core/suppressions';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { EXIT_OK, parseArgs, UsageError } from '../args';
import { languageFlag, settingChoiceFlag, settingFlag } from '../option-values';
import { fail, readCheckInputs } from '../check-inputs';
import { displayPath } from '../paths';

export const summary = 'print the sentence x claim pairs a check would score, as JSON lines';

const USAGE = `Usage: consistency-check pairs <files|folders|globs...> [--claims FILE] [options]

Prints one JSON line per pair a check would score: {"file","start","end","claimId"}
(start and end are UTF-16 offsets of the sentence in the file).

Options:
  --claims FILE          claims file (default: .consistency/claims.json in the current folder)
  --pairing MODE         smart (default: pairs that share content with the claim) or exhaustive
  --root DIR             workspace root for claim scopes
                         (default: the folder that holds .consistency/, else the current folder)
  --language ID          treat every file as this language instead of using its extension
  --max-file-size BYTES  skip larger files (default ${DEFAULT_SETTINGS.maxFileSize}; 0 = no limit)`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['claims', 'pairing', 'root', 'language', 'max-file-size'] });
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length === 0) throw new UsageError(`pairs needs at least one file, folder or glob\n\n${USAGE}`);
  const pairing = settingChoiceFlag(args, 'pairing', 'pairing');
  const language = languageFlag(args);
  const maxFileSize = settingFlag(args, 'max-file-size', 'maxFileSize', '0 = no limit');

  const inputs = await readCheckInputs(args);
  if ('error' in inputs) return fail(inputs.error);
  const { cwd, root, claims, files } = inputs;

  let selected = 0;
  let candidates = 0;
  for (const file of files) {
    const read = await readDocumentFile(file, maxFileSize);
    if (!read.ok) {
      process.stderr.write(escapeControls(`${displayPath(cwd, file)}: ${read.reason}\n`));
      continue;
    }
    const relativePath = toPosix(path.relative(root, file));
    const applicable = claims.filter((c) => claimAppliesTo(c, relativePath));
    const fileLanguage = languageOfFile(file, read.text, language);
    const sentences = segmentDocument(read.text, fileLanguage);
    const suppressions = Suppressions.of(read.text, fileLanguage);
    const { pairs, skipped } = planPairs({ relativePath, sentences, suppressions }, applicable, pairing);
    const shown = displayPath(cwd, file);
    let out = '';
    for (const p of pairs)
      out += JSON.stringify({ file: shown, start: p.sentence.start, end: p.sentence.end, claimId: p.claim.id }) + '\n';
    process.stdout.write(out);
    selected += pairs.length;
    candidates += pairs.length + skipped;
  }
  const share = candidates > 0 ? ` (${((100 * selected) / candidates).toFixed(1)}%)` : '';
  process.stderr.write(
    `${selected} of ${candidates} sentence x claim pairs${share} would be scored (${pairing} pairing, ${files.length} file${files.length === 1 ? '' : 's'})\n`,
  );
  return EXIT_OK;
}
