// Output formats of `consistency-check check`. Offsets are UTF-16 code units into the file's text,
// the same as `consistency-check sentences`; line and character are 1-based, as compilers print them.
import type { NliLabel } from '../core/nli';
import type { FindingSeverity } from '../core/verdict';

export interface ReportedFinding {
  file: string;
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  sentence: string;
  claimId: string;
  claim: string;
  probabilities: Record<NliLabel, number>;
  /** 'error' at or above --error-threshold, else 'warning'. */
  severity: FindingSeverity;
  /** With --direction both: [claim as premise, sentence as premise]. */
  directions?: Array<Record<NliLabel, number>>;
}

export interface ReportSummary {
  files: number;
  sentences: number;
  claims: number;
  model: string;
}

export function formatText(findings: ReportedFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.file}:${f.line}:${f.character}: ${f.severity}: Contradicts claim "${f.claim}" (${Math.round(f.probabilities.contradiction * 100)}%) [${f.claimId}]\n` +
        `    ${f.sentence.replace(/\s+/g, ' ')}\n`,
    )
    .join('');
}

export function formatJson(findings: ReportedFinding[], summary: ReportSummary): string {
  const body = {
    findings: findings.map((f) => ({
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
    })),
    summary: { ...summary, findings: findings.length },
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** SARIF 2.1.0, which GitHub code scanning and most CI dashboards read. */
export function formatSarif(findings: ReportedFinding[], summary: ReportSummary): string {
  const sarif = {
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
            ],
          },
        },
        results: findings.map((f) => ({
          ruleId: 'contradicts-claim',
          level: f.severity,
          message: { text: `Contradicts claim ${f.claimId} "${f.claim}" (${Math.round(f.probabilities.contradiction * 100)}%)` },
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
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

declare const VERSION: string;
