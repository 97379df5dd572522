// Output formats of `consistency-check check`. Offsets are UTF-16 code units into the file's text,
// the same as `consistency-check sentences`; line and character are 1-based, as compilers print them.
import type { NliLabel } from '../core/nli';
import type { ClaimEvidence } from '../core/evidence';
import type { FindingSeverity } from '../core/verdict';

/** Where a sentence is in a checked file, and what it says. */
export interface ReportedPlace {
  file: string;
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  sentence: string;
}

/** A sentence of a checked file against one claim. */
export interface ReportedSentence extends ReportedPlace {
  claimId: string;
  claim: string;
  probabilities: Record<NliLabel, number>;
  /** Support only: the sentence states the claim itself (not scored). */
  restates?: boolean;
}

export interface ReportedFinding extends ReportedSentence {
  /** 'error' at or above --error-threshold, else 'warning'. */
  severity: FindingSeverity;
  /** With --direction both: [claim as premise, sentence as premise]. */
  directions?: Array<Record<NliLabel, number>>;
  /** 'claim' (absent: the same), 'cross' (two sentences contradict) or 'quantity'. */
  kind?: FindingKind;
  /** cross, and quantity between two sentences: the other sentence (claimId/claim then name it). */
  other?: ReportedPlace;
  /** quantity: what disagrees ("says 50 requests per second; the claim says 100"). */
  message?: string;
}

export type FindingKind = 'claim' | 'cross' | 'quantity';

/** `check --evidence`: the sentences that support a claim, and each enabled claim's counts. */
export interface ReportedEvidence {
  support: ReportedSentence[];
  claims: ClaimEvidence[];
}

export interface ReportSummary {
  files: number;
  sentences: number;
  claims: number;
  model: string;
}

export function formatText(findings: ReportedFinding[], _summary?: ReportSummary, evidence?: ReportedEvidence): string {
  const lines = findings.map((f) =>
    f.kind === 'cross' || f.kind === 'quantity'
      ? crossText(f)
      : `${f.file}:${f.line}:${f.character}: ${f.severity}: Contradicts claim "${f.claim}" (${percent(f.probabilities.contradiction)}) [${f.claimId}]\n` +
        `    ${oneLine(f.sentence)}\n`,
  );
  for (const s of evidence?.support ?? []) {
    lines.push(
      `${s.file}:${s.line}:${s.character}: note: Supports claim "${s.claim}" (${supportStrength(s)}) [${s.claimId}]\n    ${oneLine(s.sentence)}\n`,
    );
  }
  return lines.join('');
}

/**
 * `consistency-check evidence`: per enabled claim, its support and contradiction counts, whether
 * it is unsupported, and the sentences themselves.
 */
export function formatEvidenceTable(
  claims: ReadonlyArray<{ id: string; text: string }>,
  findings: ReportedFinding[],
  evidence: ReportedEvidence,
): string {
  const out: string[] = [];
  for (const counts of evidence.claims) {
    const claim = claims.find((c) => c.id === counts.claimId)!;
    const verdict =
      counts.documents === 0
        ? 'not in scope of any checked file'
        : counts.unsupported
          ? `UNSUPPORTED in ${counts.documents} file${counts.documents === 1 ? '' : 's'}`
          : '';
    const tally = `supported by ${counts.supportedBy} · contradicted by ${counts.contradictedBy}`;
    out.push(`${claim.id}  "${claim.text}"\n    ${tally}${verdict ? ` · ${verdict}` : ''}\n`);
    for (const s of evidence.support.filter((x) => x.claimId === claim.id)) {
      out.push(`    supports     ${s.file}:${s.line}:${s.character} (${supportStrength(s)})  ${oneLine(s.sentence)}\n`);
    }
    for (const f of findings.filter((x) => x.claimId === claim.id)) {
      out.push(
        `    contradicts  ${f.file}:${f.line}:${f.character} (${percent(f.probabilities.contradiction)})  ${oneLine(f.sentence)}\n`,
      );
    }
  }
  return out.join('');
}

/** Cross and quantity findings print both places: the sentence, then the other one (or the claim). */
function crossText(f: ReportedFinding): string {
  const where = (p: ReportedPlace) => `${p.file}:${p.line}:${p.character}`;
  const head =
    f.kind === 'cross'
      ? `Contradicts ${where(f.other!)} (${percent(f.probabilities.contradiction)}) [cross]`
      : `${f.message} [quantity${f.other ? '' : `:${f.claimId}`}]`;
  const second = f.other
    ? `    ${where(f.other)}: ${oneLine(f.other.sentence)}\n`
    : `    claim ${f.claimId}: ${oneLine(f.claim)}\n`;
  return `${where(f)}: ${f.severity}: ${head}\n    ${oneLine(f.sentence)}\n${second}`;
}

/** P(entailment), or "states it" for a sentence that says the claim itself. */
function supportStrength(s: ReportedSentence): string {
  return s.restates ? 'states it' : percent(s.probabilities.entailment);
}

function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function formatJson(findings: ReportedFinding[], summary: ReportSummary, evidence?: ReportedEvidence): string {
  return JSON.stringify(jsonReport(findings, summary, evidence), null, 2) + '\n';
}

/** What formatJson writes, as a value (for writing it in pieces: json-chunks.ts). */
export function jsonReport(findings: ReportedFinding[], summary: ReportSummary, evidence?: ReportedEvidence): object {
  return {
    findings: findings.map((f) => ({
      kind: f.kind ?? 'claim',
      file: f.file,
      start: f.start,
      end: f.end,
      line: f.line,
      character: f.character,
      sentence: f.sentence,
      claimId: f.claimId,
      claim: f.claim,
      probabilities: f.probabilities,
      severity: f.severity,
      ...(f.directions ? { directions: f.directions } : {}),
      ...(f.other
        ? {
            other: {
              file: f.other.file,
              start: f.other.start,
              end: f.other.end,
              line: f.other.line,
              character: f.other.character,
              sentence: f.other.sentence,
            },
          }
        : {}),
      ...(f.message ? { message: f.message } : {}),
    })),
    ...(evidence
      ? {
          support: evidence.support.map((s) => ({
            file: s.file,
            start: s.start,
            end: s.end,
            line: s.line,
            character: s.character,
            sentence: s.sentence,
            claimId: s.claimId,
            claim: s.claim,
            probabilities: s.probabilities,
            ...(s.restates ? { restates: true } : {}),
          })),
          evidence: evidence.claims,
        }
      : {}),
    summary: { ...summary, findings: findings.length },
  };
}

/** SARIF 2.1.0, which GitHub code scanning and most CI dashboards read. */
export function formatSarif(findings: ReportedFinding[], summary: ReportSummary, evidence?: ReportedEvidence): string {
  return JSON.stringify(sarifReport(findings, summary, evidence), null, 2) + '\n';
}

/** What formatSarif writes, as a value. */
export function sarifReport(findings: ReportedFinding[], summary: ReportSummary, evidence?: ReportedEvidence) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'consistency-check',
            version: VERSION,
            rules: [
              {
                id: 'contradicts-claim',
                name: 'ContradictsClaim',
                shortDescription: { text: 'A sentence contradicts a pinned claim' },
                properties: { model: summary.model },
              },
              ...(findings.some((f) => f.kind === 'cross')
                ? [
                    {
                      id: SARIF_RULES.cross,
                      name: 'ContradictsSentence',
                      shortDescription: { text: 'Two sentences contradict each other' },
                    },
                  ]
                : []),
              ...(findings.some((f) => f.kind === 'quantity')
                ? [
                    {
                      id: SARIF_RULES.quantity,
                      name: 'QuantityMismatch',
                      shortDescription: { text: 'Two statements give different values for the same quantity' },
                    },
                  ]
                : []),
              ...(evidence
                ? [
                    {
                      id: 'supports-claim',
                      name: 'SupportsClaim',
                      shortDescription: { text: 'A sentence supports a pinned claim' },
                      defaultConfiguration: { level: 'note' },
                    },
                  ]
                : []),
            ],
          },
        },
        results: findings
          .map((f) => ({
            ruleId: SARIF_RULES[f.kind ?? 'claim'],
            level: f.severity as string,
            message: {
              text:
                f.kind === 'cross' || f.kind === 'quantity'
                  ? crossText(f)
                      .split('\n')[0]
                      .replace(/^.*?: (warning|error): /, '')
                  : `Contradicts claim ${f.claimId} "${f.claim}" (${Math.round(f.probabilities.contradiction * 100)}%)`,
            },
            ...(f.other
              ? {
                  relatedLocations: [
                    { id: 1, ...sarifLocation(f.other), message: { text: oneLine(f.other.sentence) } },
                  ],
                }
              : {}),
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.file },
                  region: {
                    startLine: f.line,
                    startColumn: f.character,
                    endLine: f.endLine,
                    endColumn: f.endCharacter,
                    charOffset: f.start,
                    charLength: f.end - f.start,
                  },
                },
              },
            ],
            partialFingerprints: { claimSentence: `${f.claimId}:${f.sentence.replace(/\s+/g, ' ')}` },
            properties: { claimId: f.claimId, probabilities: f.probabilities },
          }))
          .concat(
            (evidence?.support ?? []).map((s) => ({
              ruleId: 'supports-claim',
              // A note: evidence never fails a build or a code-scanning gate.
              level: 'note' as string,
              message: { text: `Supports claim ${s.claimId} "${s.claim}" (${supportStrength(s)})` },
              locations: [sarifLocation(s)],
              partialFingerprints: { claimSentence: `${s.claimId}:${oneLine(s.sentence)}:supports` },
              properties: { claimId: s.claimId, probabilities: s.probabilities },
            })),
          ),
      },
    ],
  };
}

const SARIF_RULES: Record<FindingKind, string> = {
  claim: 'contradicts-claim',
  cross: 'contradicts-sentence',
  quantity: 'quantity-mismatch',
};

function sarifLocation(s: ReportedPlace) {
  return {
    physicalLocation: {
      artifactLocation: { uri: s.file },
      region: {
        startLine: s.line,
        startColumn: s.character,
        endLine: s.endLine,
        endColumn: s.endCharacter,
        charOffset: s.start,
        charLength: s.end - s.start,
      },
    },
  };
}

declare const VERSION: string;
