// `consistency-check eval`: accuracy and per-label precision / recall / F1 of an NLI model on
// labelled pairs, to compare models, precisions and conversions on the same data.
import { readFileSync } from 'node:fs';
import { type NliEngineOptions } from '../../core/nli';
import { evaluatePredictions, EVAL_LABELS, parseLabelledPairs, topLabel, type EvalReport } from '../../core/model/evaluate';
import { EXIT_ERROR, EXIT_OK, parseArgs, UsageError } from '../args';
import { LABELS_USAGE } from '../labels-option';
import { loadModelForCli } from '../load-model';

export const summary = 'accuracy and per-label scores of an NLI model on labelled pairs';

const USAGE = `Usage: consistency-check eval --model M --data FILE [options]

Scores labelled pairs and prints accuracy and per-label precision, recall and F1.
FILE is JSON lines or a JSON array of {"premise", "hypothesis", "label"}; labels are
entailment / neutral / contradiction (or 0 / 1 / 2 as in MNLI); "-" and -1 rows are skipped.

Options:
  --model M             model folder, or the id of an installed catalog model
${LABELS_USAGE}
  --data FILE           labelled pairs (.jsonl or .json)
  --precision P         auto (default), int8 or fp32
  --threads N           inference threads (default: all cores)
  --limit N             evaluate the first N pairs only
  --format text|json    output format (default text)
  --cache-dir DIR       model cache for catalog ids`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['model', 'labels', 'data', 'precision', 'threads', 'limit', 'format', 'cache-dir'] });
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`eval takes no positional arguments\n\n${USAGE}`);
  const dataFile = args.get('data');
  if (!dataFile) throw new UsageError(`eval needs --data\n\n${USAGE}`);
  const format = args.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  const precision = args.get('precision') ?? 'auto';
  if (precision !== 'auto' && precision !== 'int8' && precision !== 'fp32') throw new UsageError('--precision must be auto, int8 or fp32');
  const threads = optionalPositiveInteger(args.get('threads'), '--threads');
  const limit = optionalPositiveInteger(args.get('limit'), '--limit');

  const data = parseLabelledPairs(readFileSync(dataFile, 'utf8'), dataFile);
  const pairs = limit ? data.pairs.slice(0, limit) : data.pairs;
  const engine = await loadModelForCli(args, { precision: precision as NliEngineOptions['precision'], threads });
  if (!engine) return EXIT_ERROR;
  const started = Date.now();
  let report: EvalReport;
  try {
    const scores = await engine.score(pairs);
    report = evaluatePredictions(
      pairs.map((p) => p.label),
      scores.map((s) => topLabel(s.probabilities)),
    );
  } finally {
    await engine.dispose();
  }
  const seconds = (Date.now() - started) / 1000;

  if (format === 'json') {
    process.stdout.write(
      JSON.stringify({ model: engine.modelDir, onnxFile: engine.onnxFile, data: dataFile, skipped: data.skipped, seconds, ...report }, null, 2) + '\n',
    );
    return EXIT_OK;
  }
  const out = process.stdout;
  out.write(`model: ${engine.onnxFile}\n`);
  out.write(`data: ${dataFile} (${report.total} pairs${data.skipped ? `, ${data.skipped} without a gold label skipped` : ''})\n`);
  out.write(`accuracy: ${(report.accuracy * 100).toFixed(2)}% (${report.correct}/${report.total}) in ${seconds.toFixed(1)} s\n\n`);
  out.write(`${'label'.padEnd(15)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(10)}\n`);
  const row = (name: string, m: { precision: number; recall: number; f1: number }, support: number | string) =>
    `${name.padEnd(15)}${m.precision.toFixed(4).padStart(10)}${m.recall.toFixed(4).padStart(10)}${m.f1.toFixed(4).padStart(10)}${String(support).padStart(10)}\n`;
  for (const label of EVAL_LABELS) out.write(row(label, report.labels[label], report.labels[label].support));
  out.write(row('macro average', report.macro, report.total));
  out.write(`\nconfusion (rows: gold, columns: predicted ${EVAL_LABELS.join(' / ')}):\n`);
  for (const gold of EVAL_LABELS) {
    out.write(`${gold.padEnd(15)}${EVAL_LABELS.map((p) => String(report.confusion[gold][p]).padStart(10)).join('')}\n`);
  }
  return EXIT_OK;
}

function optionalPositiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}
