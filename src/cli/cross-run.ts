// `check --cross [document|workspace]` and `--quantities`: the checks that need no pinned
// claim, run after the claim check over the same files. Reads and segments the files again (cheap
// next to the model), scores the candidate pairs through the same scorer and score cache, and
// reports each finding once, at its earlier side, with the other side in `other`.
import * as path from 'node:path';
import type { PairScorer } from '../core/check';
import type { Claim, DismissedSet } from '../core/claims';
import { quantityFindings } from '../core/quantities';
import { CrossChecker, type CrossDocument, type CrossFinding, type CrossScope, type CrossSide } from '../core/cross';
import { readDocumentFile } from '../core/document-file';
import { toPosix } from '../core/find-files';
import type { ScoreCache } from '../core/score-cache';
import { languageOfFile, segmentDocument, type LanguageId } from '../core/segment';
import { Suppressions } from '../core/suppressions';
import { LineIndex } from '../core/util/line-index';
import type { VerdictOptions } from '../core/verdict';
import { choiceFlag } from './option-values';
import { displayPath } from './paths';
import type { ReportedFinding, ReportedPlace } from './report';

export const CROSS_USAGE = `  --cross [SCOPE]        also report sentences that contradict each other, no claim needed:
                         workspace (default: across all the files) or document (within each
                         file); --claims is then optional
  --quantities           also report numbers that disagree (on with --cross; --no-quantities
                         turns it off)`;

export const CROSS_FLAGS = { values: ['cross'], booleans: ['quantities', 'no-quantities'] };

/**
 * `--cross` takes an optional scope: `--cross`, `--cross workspace`, `--cross=document`. The strict
 * parser knows only flags with and without values, so a bare `--cross` (or one followed by anything
 * but a scope) is rewritten to `--cross=workspace` first.
 */
export function normalizeCrossFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (argv[i] !== '--cross') {
      out.push(argv[i]);
      continue;
    }
    const next = argv[i + 1];
    if (next === 'document' || next === 'workspace') {
      out.push(`--cross=${next}`);
      i++;
    } else out.push('--cross=workspace');
  }
  return out;
}

export interface CrossSelection {
  scope?: CrossScope;
  quantities: boolean;
}

const CROSS_SCOPES: readonly CrossScope[] = ['document', 'workspace'];

export function crossSelection(args: {
  get(name: string): string | undefined;
  has(name: string): boolean;
}): CrossSelection {
  const scope = choiceFlag(args, 'cross', CROSS_SCOPES);
  const quantities = !args.has('no-quantities') && (args.has('quantities') || scope !== undefined);
  return { scope, quantities };
}

export interface CrossRunContext {
  files: string[];
  cwd: string;
  root: string;
  language?: LanguageId;
  maxFileSize: number;
  verdict: VerdictOptions;
  pairing: 'smart' | 'exhaustive';
  dismissed?: DismissedSet;
  /** Enabled claims' texts: sentences that state one are left to the claim check. */
  claimTexts: string[];
  scorer: PairScorer;
  cache?: ScoreCache;
}

interface ReadDocument extends CrossDocument {
  shown: string;
  lines: LineIndex;
}

/** Reads and segments the files; unreadable ones were already reported by the claim check. */
export async function readCrossDocuments(context: CrossRunContext): Promise<ReadDocument[]> {
  const docs: ReadDocument[] = [];
  for (const file of context.files) {
    const read = await readDocumentFile(file, context.maxFileSize);
    if (!read.ok) continue;
    const language = languageOfFile(file, read.text, context.language);
    docs.push({
      relativePath: toPosix(path.relative(context.root, file)),
      text: read.text,
      sentences: segmentDocument(read.text, language),
      suppressions: Suppressions.of(read.text, language),
      shown: displayPath(context.cwd, file),
      lines: new LineIndex(read.text),
    });
  }
  return docs;
}

/** Cross findings, as the report formats take them. */
export async function crossFindings(
  docs: ReadDocument[],
  scope: CrossScope,
  context: CrossRunContext,
): Promise<ReportedFinding[]> {
  const checker = new CrossChecker(context.scorer, context.cache);
  const { findings } = await checker.check(docs, {
    ...context.verdict,
    scope,
    pairing: context.pairing,
    dismissed: context.dismissed,
    claimTexts: context.claimTexts,
  });
  const byPath = new Map(docs.map((d) => [d.relativePath, d]));
  return findings.map((f) => reportCross(f, byPath));
}

function reportCross(f: CrossFinding, docs: Map<string, ReadDocument>): ReportedFinding {
  const here = placeOf(f.a, docs);
  const other = placeOf(f.b, docs);
  return {
    ...here,
    kind: 'cross',
    // A stable identity for baselines: the other side's file and sentence (as a pair dismissal).
    claimId: `cross:${toPosix(f.b.relativePath)}:${f.b.sentence.text.replace(/\s+/g, ' ')}`,
    claim: f.b.sentence.text,
    probabilities: f.probabilities,
    severity: f.severity,
    directions: f.directions,
    other,
  };
}

export function placeOf(side: CrossSide, docs: Map<string, ReadDocument>): ReportedPlace {
  const doc = docs.get(side.relativePath)!;
  const start = doc.lines.positionAt(side.sentence.start);
  const end = doc.lines.positionAt(side.sentence.end);
  return {
    file: doc.shown,
    start: side.sentence.start,
    end: side.sentence.end,
    line: start.line + 1,
    character: start.character + 1,
    endLine: end.line + 1,
    endCharacter: end.character + 1,
    sentence: side.sentence.text,
  };
}

/** Everything --cross and --quantities add to a run, after the claim check. */
export async function runCrossChecks(
  selection: CrossSelection,
  context: Omit<CrossRunContext, 'claimTexts'> & { claims: Claim[] },
): Promise<ReportedFinding[]> {
  const enabled = context.claims.filter((c) => c.enabled);
  const full: CrossRunContext = { ...context, claimTexts: enabled.map((c) => c.text) };
  const docs = await readCrossDocuments(full);
  const out: ReportedFinding[] = [];
  if (selection.scope) out.push(...(await crossFindings(docs, selection.scope, full)));
  if (selection.quantities) out.push(...reportQuantities(docs, selection.scope, enabled, full));
  return out;
}

/**
 * Quantities that disagree: between sentences in the --cross scope, and against the claims that
 * apply. Deterministic, so a warning (no probabilities from a model: they read 0/1/0).
 */
function reportQuantities(
  docs: ReadDocument[],
  scope: CrossScope | undefined,
  claims: Claim[],
  context: CrossRunContext,
): ReportedFinding[] {
  const byPath = new Map(docs.map((d) => [d.relativePath, d]));
  return quantityFindings(docs, { scope, claims, dismissed: context.dismissed }).map((f) => {
    const here = placeOf(f.a, byPath);
    const other = f.b ? placeOf(f.b, byPath) : undefined;
    const where = other ? `${other.file}:${other.line}:${other.character}` : '';
    return {
      ...here,
      kind: 'quantity' as const,
      claimId: f.claim
        ? f.claim.id
        : `quantity:${toPosix(f.b!.relativePath)}:${f.b!.sentence.text.replace(/\s+/g, ' ')}`,
      claim: f.claim ? f.claim.text : f.b!.sentence.text,
      probabilities: { entailment: 0, neutral: 0, contradiction: 1 },
      severity: 'warning' as const,
      message: f.claim
        ? `Says ${f.says}; the claim says ${f.otherSays}`
        : `Says ${f.says}; ${where} says ${f.otherSays}`,
      ...(other ? { other } : {}),
    };
  });
}
