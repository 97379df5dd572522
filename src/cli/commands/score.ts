// `consistency-check score`: the NLI engine as a filter, for scripting, evaluation and debugging
// a model folder. JSON lines in ({"premise","hypothesis"}), one score line out per input line, in
// order. Input is scored in chunks as it streams in, so a huge file never has to fit in memory.
import { once } from 'node:events';
import * as readline from 'node:readline';
import type { NliEngine, NliEngineOptions, NliPair, NliScore } from '../../core/nli';
import { EXIT_ERROR, EXIT_OK, parseArgs, UsageError } from '../args';
import { choiceFlag, optionalNumberFlag, POSITIVE_INTEGER, PRECISIONS, threadsFlag } from '../option-values';
import { LABELS_USAGE } from '../labels-option';
import { loadModelForCli } from '../load-model';

export const summary = 'score JSON-line pairs from stdin with the NLI model';

const USAGE = `Usage: consistency-check score --model DIR [options] < pairs.jsonl

Reads one {"premise": "...", "hypothesis": "..."} object per line (blank lines are skipped) and
writes one {"labels": [...], "logits": [...], "probabilities": {...}} line per pair, in order.
The premise is the claim, the hypothesis the document sentence.

Options:
  --model DIR|ID         NLI model folder (config.json, tokenizer.json, onnx/) or catalog id
                         (default: the catalog's default model, if installed)
${LABELS_USAGE}
  --threads N            inference threads (default: all cores)
  --batch-size N         pairs per model call (default 16)
  --precision P          auto (default: int8 if onnx/model_quantized.onnx exists), int8 or fp32`;

/** Lines scored per model round trip: big enough to batch well, small enough to stream. */
const CHUNK_LINES = 256;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['model', 'labels', 'threads', 'batch-size', 'precision'] });
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length > 0) throw new UsageError(`score takes no arguments (pairs come on stdin)\n\n${USAGE}`);
  const options: NliEngineOptions = {
    threads: threadsFlag(args),
    batchSize: optionalNumberFlag(args, 'batch-size', POSITIVE_INTEGER),
    precision: choiceFlag(args, 'precision', PRECISIONS),
  };

  const engine = await loadModelForCli(args, options);
  if (!engine) return EXIT_ERROR;
  try {
    return await scoreStream(engine, process.stdin, process.stdout);
  } finally {
    await engine.dispose();
  }
}

async function scoreStream(engine: NliEngine, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<number> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  // A reader that went away (`score ... | head`) ends the run quietly, like other Unix filters.
  let outputError: Error | undefined;
  const stopReading = (): void => {
    lines.close();
    input.destroy(); // an open stdin would otherwise keep the process alive
  };
  output.on('error', (err: Error) => {
    outputError = err;
    stopReading();
  });
  let pending: NliPair[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0 || outputError) return;
    const scores = await engine.score(pending);
    pending = [];
    if (!output.write(scores.map(formatScore).join(''))) await once(output, 'drain').catch(() => undefined);
  };
  const outcome = (code: number): number => {
    if (outputError && (outputError as NodeJS.ErrnoException).code !== 'EPIPE') throw outputError;
    return code;
  };

  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parsePairLine(line);
    if (typeof parsed === 'string') {
      // Everything before the bad line is still answered, so the output stays a clean prefix.
      await flush();
      process.stderr.write(`consistency-check: stdin line ${lineNumber}: ${parsed}\n`);
      stopReading();
      return outcome(EXIT_ERROR);
    }
    pending.push(parsed);
    if (pending.length >= CHUNK_LINES) await flush();
    if (outputError) break;
  }
  await flush();
  return outcome(EXIT_OK);
}

/** The pair on a line, or a description of what is wrong with it. */
function parsePairLine(line: string): NliPair | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `invalid JSON (${(err as Error).message})`;
  }
  const pair = value as Partial<Record<keyof NliPair, unknown>> | null;
  if (
    pair === null ||
    typeof pair !== 'object' ||
    typeof pair.premise !== 'string' ||
    typeof pair.hypothesis !== 'string'
  ) {
    return 'expected an object {"premise": string, "hypothesis": string}';
  }
  return { premise: pair.premise, hypothesis: pair.hypothesis };
}

function formatScore(score: NliScore): string {
  const { entailment, neutral, contradiction } = score.probabilities;
  return (
    JSON.stringify({
      labels: score.labels,
      logits: score.logits,
      probabilities: { entailment, neutral, contradiction },
    }) + '\n'
  );
}
