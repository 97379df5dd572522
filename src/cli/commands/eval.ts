// `consistency-check eval`: accuracy and per-label precision / recall / F1 of an NLI model on
// labelled pairs, to compare models, precisions and conversions on the same data; and how well the
// checker's verdict rule (threshold, margin, direction: src/core/verdict.ts) finds the gold
// contradictions, with a threshold sweep, so a team picks its settings on its own documents.
import { readFileSync } from 'node:fs';
import {
  contradictionMetrics,
  evaluatePredictions,
  EVAL_LABELS,
  parseLabelledPairs,
  thresholdSweep,
  topLabel,
  type ContradictionMetrics,
  type EvalReport,
  type SweepRow,
} from '../../core/model/evaluate';
import { combineDirections, directedPairs, verdictOf, type Probabilities } from '../../core/verdict';
import { EXIT_ERROR, EXIT_OK, parseArgs, UsageError } from '../args';
import { choiceFlag, optionalNumberFlag, POSITIVE_INTEGER, PRECISIONS, threadsFlag } from '../option-values';
import { LABELS_USAGE } from '../labels-option';
import { loadModelForCli } from '../load-model';
import { VERDICT_FLAGS, VERDICT_USAGE, verdictOptions } from '../verdict-options';

export const summary = 'accuracy, per-label scores and contradiction precision/recall on labelled pairs';

const USAGE = `Usage: consistency-check eval --model M --data FILE [options]

Scores labelled pairs and prints accuracy and per-label precision, recall and F1, then the
precision, recall and F1 of the contradiction label under the checker's rule (the threshold,
margin and direction below, as \`check\` and the editor apply them). For checker settings, the
premise is the claim and the hypothesis the document sentence.
FILE is JSON lines or a JSON array of {"premise", "hypothesis", "label"}; labels are
entailment / neutral / contradiction (or 0 / 1 / 2 as in MNLI); "-" and -1 rows are skipped.

Options:
  --model M              model folder, or the id of an installed catalog model
${LABELS_USAGE}
  --data FILE            labelled pairs (.jsonl or .json)
  --precision P          auto (default), int8 or fp32
  --threads N            inference threads (default: all cores)
  --limit N              evaluate the first N pairs only
  --format text|json     output format (default text)
  --sweep                a table of contradiction precision/recall/F1 at thresholds 0.05..0.95
${VERDICT_USAGE}
  --cache-dir DIR        model cache for catalog ids`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['model', 'labels', 'data', 'precision', 'threads', 'limit', 'format', 'cache-dir', ...VERDICT_FLAGS],
    booleans: ['sweep'],
  });
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`eval takes no positional arguments\n\n${USAGE}`);
  const dataFile = args.get('data');
  if (!dataFile) throw new UsageError(`eval needs --data\n\n${USAGE}`);
  const format = choiceFlag(args, 'format', ['text', 'json'], 'text');
  const precision = choiceFlag(args, 'precision', PRECISIONS, 'auto');
  const threads = threadsFlag(args);
  const limit = optionalNumberFlag(args, 'limit', POSITIVE_INTEGER);
  const verdict = verdictOptions(args);

  const data = parseLabelledPairs(readFileSync(dataFile, 'utf8'), dataFile);
  const pairs = limit ? data.pairs.slice(0, limit) : data.pairs;
  const engine = await loadModelForCli(args, { precision, threads });
  if (!engine) return EXIT_ERROR;
  const started = Date.now();
  let report: EvalReport;
  let decided: Probabilities[];
  try {
    const scores = await engine.score(pairs);
    report = evaluatePredictions(
      pairs.map((p) => p.label),
      scores.map((s) => topLabel(s.probabilities)),
    );
    // The probabilities the checker decides on: with --direction both, the reversed pairs too.
    const reversed =
      verdict.direction === 'both'
        ? await engine.score(pairs.map((p) => directedPairs(p.premise, p.hypothesis, 'both')[1]))
        : [];
    decided = scores.map((s, i) =>
      combineDirections(
        reversed[i] ? [s.probabilities, reversed[i].probabilities] : [s.probabilities],
        verdict.combine,
      ),
    );
  } finally {
    await engine.dispose();
  }
  const seconds = (Date.now() - started) / 1000;
  const gold = pairs.map((p) => p.label);
  const severities = decided.map((p) => verdictOf(p, verdict));
  const contradiction = {
    ...verdict,
    flagged: contradictionMetrics(
      gold,
      severities.map((s) => s !== undefined),
    ),
    errors:
      verdict.errorThreshold === null
        ? undefined
        : contradictionMetrics(
            gold,
            severities.map((s) => s === 'error'),
          ),
  };
  const sweep = args.has('sweep') ? thresholdSweep(gold, decided, verdict.margin) : undefined;

  if (format === 'json') {
    process.stdout.write(
      JSON.stringify(
        {
          model: engine.modelDir,
          onnxFile: engine.onnxFile,
          data: dataFile,
          skipped: data.skipped,
          seconds,
          ...report,
          contradiction,
          sweep,
        },
        null,
        2,
      ) + '\n',
    );
    return EXIT_OK;
  }
  const out = process.stdout;
  out.write(`model: ${engine.onnxFile}\n`);
  out.write(
    `data: ${dataFile} (${report.total} pairs${data.skipped ? `, ${data.skipped} without a gold label skipped` : ''})\n`,
  );
  out.write(
    `accuracy: ${(report.accuracy * 100).toFixed(2)}% (${report.correct}/${report.total}) in ${seconds.toFixed(1)} s\n\n`,
  );
  out.write(
    `${'label'.padEnd(15)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(10)}\n`,
  );
  const row = (name: string, m: { precision: number; recall: number; f1: number }, support: number | string) =>
    `${name.padEnd(15)}${m.precision.toFixed(4).padStart(10)}${m.recall.toFixed(4).padStart(10)}${m.f1.toFixed(4).padStart(10)}${String(support).padStart(10)}\n`;
  for (const label of EVAL_LABELS) out.write(row(label, report.labels[label], report.labels[label].support));
  out.write(row('macro average', report.macro, report.total));
  out.write(`\nconfusion (rows: gold, columns: predicted ${EVAL_LABELS.join(' / ')}):\n`);
  for (const gold of EVAL_LABELS) {
    out.write(`${gold.padEnd(15)}${EVAL_LABELS.map((p) => String(report.confusion[gold][p]).padStart(10)).join('')}\n`);
  }
  const rule = `margin ${verdict.margin}, direction ${verdict.direction}${verdict.direction === 'both' ? ` (${verdict.combine})` : ''}`;
  out.write(`\ncontradiction as the checker flags it (${rule}):\n`);
  out.write(`  threshold ${verdict.threshold}: ${describe(contradiction.flagged)}\n`);
  if (contradiction.errors)
    out.write(`  error threshold ${verdict.errorThreshold}: ${describe(contradiction.errors)}\n`);
  if (sweep) writeSweep(out, sweep, rule);
  return EXIT_OK;
}

function describe(m: ContradictionMetrics): string {
  return `precision ${m.precision.toFixed(4)}, recall ${m.recall.toFixed(4)}, F1 ${m.f1.toFixed(4)} (${m.truePositives} of ${m.flagged} flagged are contradictions; ${m.support} gold contradictions)`;
}

function writeSweep(out: NodeJS.WritableStream, rows: SweepRow[], rule: string): void {
  out.write(`\nthreshold sweep (${rule}):\n`);
  out.write(
    `${'threshold'.padEnd(12)}${'flagged'.padStart(9)}${'precision'.padStart(11)}${'recall'.padStart(9)}${'f1'.padStart(9)}\n`,
  );
  const best = rows.reduce((a, b) => (b.f1 > a.f1 ? b : a));
  for (const r of rows) {
    const mark = r === best ? '  <- best F1' : '';
    out.write(
      `${r.threshold.toFixed(2).padEnd(12)}${String(r.flagged).padStart(9)}${r.precision.toFixed(4).padStart(11)}${r.recall.toFixed(4).padStart(9)}${r.f1.toFixed(4).padStart(9)}${mark}\n`,
    );
  }
}
