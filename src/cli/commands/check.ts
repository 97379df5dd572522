// `consistency-check check`: every sentence of the named documents against the pinned claims,
// reported like a compiler (text), as JSON, or as SARIF for code-scanning dashboards.
// Exit 0 when consistent, 1 when any contradiction is found (with --error-threshold: any error-tier
// one), 2 on usage, claims or model errors. With --evidence, supporting sentences are added as notes.
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker, type Finding } from '../../core/check';
import { ClaimsError, DismissedSet, claimAppliesTo, dismissedPath, loadDismissed, type Claim } from '../../core/claims';
import { summarizeEvidence, type SupportingSentence } from '../../core/evidence';
import { readDocumentFile } from '../../core/document-file';
import { escapeControls } from '../../core/text/printable';
import { toPosix } from '../../core/find-files';
import { languageOfFile } from '../../core/segment';
import { LineIndex } from '../../core/util/line-index';
import { detachedString } from '../../core/util/detached-string';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, parseArgs, UsageError, type ParsedArgs } from '../args';
import { choiceFlag, languageFlag, settingChoiceFlag, settingFlag, threadsFlag } from '../option-values';
import { fail, readCheckInputs } from '../check-inputs';
import { displayPath } from '../paths';
import { LABELS_USAGE } from '../labels-option';
// CI at scale: the persistent cache, changed files, shards, baselines, progress.
import {
  CACHE_FLAGS,
  CACHE_USAGE,
  cacheSummary,
  closeCliCache,
  ModelLoadFailed,
  openScoring,
  type Scoring,
} from '../check-cache';
import { checkFile } from '../check-files';
import { SELECTION_FLAGS, SELECTION_USAGE, selectFiles } from '../file-selection';
import { automationId, type Shard } from '../shard';
import { BASELINE_FLAGS, BASELINE_USAGE, baselineEntry, readBaseline, writeBaseline } from '../baseline';
import { withAutomationId } from '../sarif-runs';
import { ProgressLine } from '../progress';
import { boundHeap } from '../heap-bound';
import { BATCH_TOKEN_CACHE_ENTRIES, boundCachesForBatchRun } from '../batch-memory';
import { jsonChunks, writeChunks } from '../json-chunks';
import {
  formatText,
  jsonReport,
  sarifReport,
  type ReportedEvidence,
  type ReportedFinding,
  type ReportedSentence,
} from '../report';
import { VERDICT_FLAGS, VERDICT_USAGE, verdictOptions } from '../verdict-options';
// Checks without pinned claims: --cross and --quantities.
import { CROSS_FLAGS, CROSS_USAGE, crossSelection, normalizeCrossFlag, runCrossChecks } from '../cross-run';

export const summary = 'report sentences that contradict pinned claims';

const USAGE = `Usage: consistency-check check <files|folders|globs...> --claims FILE --model DIR|ID [options]

Options:
  --claims FILE          claims file (default: .consistency/claims.json in the current folder)
  --model DIR|ID         NLI model folder (config.json, tokenizer.json, onnx/) or catalog id
                         (default: the catalog's default model, if installed)
${LABELS_USAGE}
${VERDICT_USAGE}
  --format F             text (default), json or sarif
  --root DIR             workspace root for claim scopes and dismissals
                         (default: the folder that holds .consistency/, else the current folder)
  --language ID          treat every file as this language instead of using its extension
  --max-file-size BYTES  skip larger files (default ${DEFAULT_SETTINGS.maxFileSize}; 0 = no limit)
  --threads N            inference threads (default: all cores)
  --pairing MODE         smart (default: only pairs that share content words, numbers or names
                         with the claim) or exhaustive (every sentence against every claim)
  --no-dismissed         ignore .consistency/dismissed.json
  --evidence             also report the sentences that support each claim (notes, never a
                         failure) and, in JSON, each claim's support and contradiction counts
  --support-threshold P  a sentence supports a claim when P(entailment) >= P (default ${DEFAULT_SETTINGS.supportThreshold})
${CACHE_USAGE}
${SELECTION_USAGE}
${BASELINE_USAGE}
${CROSS_USAGE}
  --quiet                no progress line and no summary line`;

/** The flags of `check`, shared with `evidence`. */
export const CHECK_FLAGS = {
  values: [
    'claims',
    'model',
    'cache-dir',
    'labels',
    ...VERDICT_FLAGS,
    'support-threshold',
    'format',
    'root',
    'language',
    'max-file-size',
    'threads',
    'pairing',
    ...CACHE_FLAGS.values,
    ...SELECTION_FLAGS.values,
    ...BASELINE_FLAGS.values,
    ...CROSS_FLAGS.values,
  ],
  booleans: ['no-dismissed', 'evidence', ...CACHE_FLAGS.booleans, ...CROSS_FLAGS.booleans, 'quiet'],
};

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(normalizeCrossFlag(argv), CHECK_FLAGS);
  if (args.has('help')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  if (args.positionals.length === 0) throw new UsageError(`check needs at least one file, folder or glob\n\n${USAGE}`);
  const format = choiceFlag(args, 'format', ['text', 'json', 'sarif'], 'text');
  const baseline = args.has('baseline') ? await readBaseline(path.resolve(args.get('baseline')!)) : undefined;
  const run = await checkDocuments(args, args.has('evidence'));
  if (typeof run === 'number') return run;
  const { verdict, files, sentences, claims, model } = run;
  let { reported } = run;
  const quiet = args.has('quiet');
  const entry = (f: ReportedFinding) => baselineEntry(f, process.cwd(), run.root);
  if (args.has('write-baseline')) {
    await writeBaseline(path.resolve(args.get('write-baseline')!), reported.map(entry));
    process.stderr.write(
      `consistency-check: recorded ${reported.length} finding${reported.length === 1 ? '' : 's'} in ${args.get('write-baseline')}\n`,
    );
  }
  if (baseline) {
    const known = reported.filter((f) => baseline.has(entry(f))).length;
    reported = reported.filter((f) => !baseline.has(entry(f)));
    if (!quiet)
      process.stderr.write(
        `consistency-check: ${known} known finding${known === 1 ? '' : 's'} in the baseline skipped\n`,
      );
  }
  const summary = { files: files.length, sentences, claims: claims.length, model };
  if (format === 'text') {
    // Text goes to a terminal: claim texts and ids from the repository must not carry escape sequences.
    process.stdout.write(escapeControls(formatText(reported, summary, run.evidence)));
  } else {
    // In pieces: the report of a large run is megabytes of text at the run's memory peak.
    const report =
      format === 'sarif'
        ? withAutomationId(sarifReport(reported, summary, run.evidence), automationId(run.shard))
        : jsonReport(reported, summary, run.evidence);
    writeChunks(process.stdout, jsonChunks(report));
    process.stdout.write('\n');
  }
  if (run.cacheSummary && !quiet) process.stderr.write(`consistency-check: ${run.cacheSummary}\n`);
  if (args.has('write-baseline')) return EXIT_OK;
  if (format === 'text' && !quiet) {
    process.stderr.write(
      `${reported.length} contradiction${reported.length === 1 ? '' : 's'} in ${new Set(reported.map((r) => r.file)).size} of ${files.length} file${files.length === 1 ? '' : 's'} (${sentences} sentences, ${claims.filter((c) => c.enabled).length} claims${verdict.errorThreshold === null ? '' : `; ${reported.filter((r) => r.severity === 'error').length} at the error threshold`})\n`,
    );
  }
  // With an error tier, warnings are advice: only errors fail the build. Support never does.
  const failing = verdict.errorThreshold === null ? reported : reported.filter((r) => r.severity === 'error');
  return failing.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export interface CheckRun {
  reported: ReportedFinding[];
  /** With evidence: the supporting sentences and the per-claim summary. */
  evidence?: ReportedEvidence;
  verdict: ReturnType<typeof verdictOptions>;
  files: string[];
  sentences: number;
  claims: Claim[];
  model: string;
  /** Workspace root (claim scopes, dismissals, baselines). */
  root: string;
  /** --shard K/N, when given. */
  shard?: Shard;
  /** With --cache: what it saved, for the summary. */
  cacheSummary?: string;
}

/** Reads, segments and checks the documents `args` name; an exit code when it could not. */
export async function checkDocuments(args: ParsedArgs, evidence: boolean): Promise<CheckRun | number> {
  const verdict = verdictOptions(args);
  const supportThreshold = settingFlag(args, 'support-threshold', 'supportThreshold');
  const maxFileSize = settingFlag(args, 'max-file-size', 'maxFileSize', '0 = no limit');
  const threads = threadsFlag(args);
  const pairing = settingChoiceFlag(args, 'pairing', 'pairing');
  const language = languageFlag(args);

  const inputs = await readCheckInputs(args);
  if ('error' in inputs) return fail(inputs.error);
  const { cwd, claimsFile, root, claims } = inputs;
  const { files, shard } = await selectFiles(args, inputs.files, inputs);
  let dismissed: DismissedSet | undefined;
  try {
    if (!args.has('no-dismissed'))
      dismissed = new DismissedSet(await loadDismissed(dismissedPath(root), { workspace: root }));
  } catch (error) {
    if (error instanceof ClaimsError) return fail(error.message);
    throw error;
  }
  const cross = crossSelection(args);
  if (!claims.some((c) => c.enabled) && !cross.scope)
    process.stderr.write(`consistency-check: no enabled claims in ${claimsFile}\n`);

  boundCachesForBatchRun();
  const scoring: Scoring | undefined = await openScoring(
    args,
    { threads: threads ?? os.availableParallelism(), tokenCacheEntries: BATCH_TOKEN_CACHE_ENTRIES },
    {
      cwd,
      dismissedFile: dismissed ? dismissedPath(root) : undefined,
      settings: { verdict, pairing, supportThreshold: evidence ? supportThreshold : null },
    },
  );
  if (!scoring) return EXIT_ERROR;
  const engine = scoring.scorer;
  const progress = new ProgressLine(files.length, process.stderr.isTTY === true && !args.has('quiet'));
  let pairsDone = 0;
  try {
    const checker = new Checker(engine, scoring.pairs);
    const reported: ReportedFinding[] = [];
    const support: ReportedSentence[] = [];
    const checked: Parameters<typeof summarizeEvidence>[1][number][] = [];
    let sentences = 0;
    for (const [index, file] of files.entries()) {
      progress.update(index, pairsDone);
      boundHeap();
      const relativePath = toPosix(path.relative(root, file));
      const applicable = claims.filter((c) => claimAppliesTo(c, relativePath));
      const read = await readDocumentFile(file, maxFileSize);
      if (!read.ok) {
        process.stderr.write(escapeControls(`${displayPath(cwd, file)}: ${read.reason}\n`));
        continue;
      }
      const fileLanguage = languageOfFile(file, read.text, language);
      const outcome = await checkFile(
        checker,
        { text: read.text, language: fileLanguage, relativePath },
        applicable,
        { ...verdict, dismissed, pairing, supportThreshold: evidence ? supportThreshold : undefined },
        scoring.cache,
      );
      sentences += outcome.sentences;
      pairsDone += outcome.pairs;
      if (applicable.length === 0) continue;
      const lines = new LineIndex(read.text);
      const shown = displayPath(cwd, file);
      for (const finding of outcome.findings) reported.push(report(shown, finding, lines));
      for (const s of outcome.support) support.push(reportSentence(shown, s, lines));
      // Only for the evidence summary: a file's findings hold its sentences, which are slices of its
      // text, so keeping them for every file kept every document with a finding alive to the end.
      if (evidence)
        checked.push({ claimIds: applicable.map((c) => c.id), support: outcome.support, findings: outcome.findings });
    }
    if (cross.scope || cross.quantities) {
      const found = await runCrossChecks(cross, {
        files,
        cwd,
        root,
        language,
        maxFileSize,
        verdict,
        pairing,
        dismissed,
        claims,
        scorer: engine,
        cache: scoring.cache?.pairs,
      });
      reported.push(...found);
    }
    return {
      reported,
      evidence: evidence
        ? {
            support,
            claims: summarizeEvidence(
              claims.filter((c) => c.enabled),
              checked,
            ),
          }
        : undefined,
      verdict,
      files,
      sentences,
      claims,
      model: engine.modelName,
      root,
      shard,
      cacheSummary: scoring.cache && cacheSummary(scoring.cache, files.length, engine.loaded !== false),
    };
  } catch (error) {
    if (error instanceof ModelLoadFailed) return EXIT_ERROR;
    throw error;
  } finally {
    progress.done();
    await engine.dispose();
    if (scoring.cache) closeCliCache(scoring.cache);
  }
}

// Both build their object as one literal and add the optional fields by assignment: a literal that
// spreads another object (`{ ...place, severity }`) got a hidden class of its own in V8, 380 bytes of
// map and descriptors per finding, over half of what a long run's findings held (docs/benchmarks.md).
function report(file: string, finding: Finding, lines: LineIndex): ReportedFinding {
  const reported = reportSentence(file, finding, lines) as ReportedFinding;
  reported.severity = finding.severity;
  if (finding.directions) reported.directions = finding.directions;
  return reported;
}

/** Where a sentence is, what it says and how it scored against its claim. */
function reportSentence(file: string, scored: SupportingSentence, lines: LineIndex): ReportedSentence {
  const start = lines.positionAt(scored.sentence.start);
  const end = lines.positionAt(scored.sentence.end);
  const reported: ReportedSentence = {
    file,
    start: scored.sentence.start,
    end: scored.sentence.end,
    line: start.line + 1,
    character: start.character + 1,
    endLine: end.line + 1,
    endCharacter: end.character + 1,
    // Its own copy: the sentence's text is a slice of the document, which would stay alive with it.
    sentence: detachedString(scored.sentence.text),
    claimId: scored.claim.id,
    claim: scored.claim.text,
    probabilities: scored.probabilities,
  };
  if (scored.restates) reported.restates = true;
  return reported;
}
