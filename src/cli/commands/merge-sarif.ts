// `consistency-check merge-sarif a.sarif b.sarif ...`: the shards of a CI run as one report.
// It merges `check --format json` reports the same way (findings concatenated, file, sentence and
// finding counts summed); the kind is read from the inputs, which must all be of one kind.
import { promises as fs } from 'node:fs';
import { EXIT_OK, parseArgs, UsageError } from '../args';
import { fail } from '../check-inputs';
import { isSarifLog, mergeSarif } from '../sarif-runs';

export const summary = 'merge the SARIF (or JSON) reports of several check shards into one';

const USAGE = `Usage: consistency-check merge-sarif <report files...> [--out FILE] [--id ID]

Joins the SARIF reports that \`check --shard K/N --format sarif\` wrote into one SARIF log (one run,
automation id ID, default consistency/merged). Reports from \`check --format json\` are merged too:
findings concatenated and summary counts summed. Writes to stdout unless --out is given.`;

interface JsonReport {
  findings: unknown[];
  support?: unknown[];
  summary: Record<string, unknown>;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['out', 'id'] });
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length === 0) throw new UsageError(`merge-sarif needs at least one report file\n\n${USAGE}`);
  const inputs: unknown[] = [];
  for (const file of args.positionals) {
    try {
      inputs.push(JSON.parse(await fs.readFile(file, 'utf8')));
    } catch (error) {
      return fail(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  let merged: unknown;
  if (inputs.every(isSarifLog)) merged = mergeSarif(inputs, args.get('id') ?? 'consistency/merged');
  else if (inputs.every(isJsonReport)) merged = mergeJson(inputs);
  else return fail('every input must be a SARIF 2.1.0 log, or every input a `check --format json` report');
  const text = JSON.stringify(merged, null, 2) + '\n';
  if (args.has('out')) await fs.writeFile(args.get('out')!, text);
  else process.stdout.write(text);
  return EXIT_OK;
}

function isJsonReport(value: unknown): value is JsonReport {
  const v = value as JsonReport;
  return typeof v === 'object' && v !== null && Array.isArray(v.findings) && typeof v.summary === 'object';
}

function mergeJson(reports: JsonReport[]): JsonReport {
  // Shards split the files; the claims and the model are the same in each.
  const summed = new Set(['files', 'sentences', 'findings']);
  const summary: Record<string, unknown> = {};
  for (const report of reports) {
    for (const [key, value] of Object.entries(report.summary)) {
      const sum = summed.has(key) && typeof value === 'number' && typeof summary[key] === 'number';
      summary[key] = sum ? (summary[key] as number) + (value as number) : (summary[key] ?? value);
    }
  }
  const support = reports.some((r) => r.support) ? { support: reports.flatMap((r) => r.support ?? []) } : {};
  return { findings: reports.flatMap((r) => r.findings), ...support, summary };
}
