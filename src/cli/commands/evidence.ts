// `consistency-check evidence`: per claim, the sentences that support it and those that contradict
// it, and the claims nothing supports, as a table (or JSON). The same check as `check --evidence`;
// it reports and never fails: exit 0 unless the inputs or the model are unusable (2).
import { EXIT_OK, parseArgs, UsageError } from '../args';
import { choiceFlag } from '../option-values';
import { formatEvidenceTable, formatJson } from '../report';
import { CHECK_FLAGS, checkDocuments } from './check';

export const summary = 'per claim: the sentences that support it, those that contradict it, and unsupported claims';

const USAGE = `Usage: consistency-check evidence <files|folders|globs...> --claims FILE --model DIR|ID [options]

For each enabled claim: "supported by N · contradicted by M", UNSUPPORTED when it applies to a
checked file and no sentence supports it, then each supporting and contradicting sentence.
A sentence supports a claim when the model gives P(entailment) >= --support-threshold (0.5).
Takes the options of \`check\` (see consistency-check check --help); --format text (default) or json.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, CHECK_FLAGS);
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length === 0)
    throw new UsageError(`evidence needs at least one file, folder or glob\n\n${USAGE}`);
  const format = choiceFlag(args, 'format', ['text', 'json'], 'text');
  const run = await checkDocuments(args, true);
  if (typeof run === 'number') return run;
  const evidence = run.evidence!;
  process.stdout.write(
    format === 'json'
      ? formatJson(
          run.reported,
          { files: run.files.length, sentences: run.sentences, claims: run.claims.length, model: run.model },
          evidence,
        )
      : formatEvidenceTable(run.claims, run.reported, evidence),
  );
  return EXIT_OK;
}
