// Findings as LSP diagnostics: one per (sentence, claim), source "Consistency", code = claim id,
// the claim and its probability in the message, and a link to the claim as related information.
import { DiagnosticSeverity, type Diagnostic, type Location } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/check';
import type { FindingData } from '../common/protocol';
import type { ConsistencySettings } from '../common/settings';
import { DIAGNOSTIC_SOURCE } from '../common/constants';

const SEVERITY: Record<ConsistencySettings['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function findingMessage(finding: Finding): string {
  return `Contradicts claim "${finding.claim.text}" (${percent(finding.probabilities.contradiction)})`;
}

export function toDiagnostic(
  document: Pick<TextDocument, 'positionAt'>,
  finding: Finding,
  severity: ConsistencySettings['severity'],
  claimLocation?: Location,
): Diagnostic {
  const data: FindingData = {
    claimId: finding.claim.id,
    sentence: finding.sentence.text,
    probabilities: finding.probabilities,
  };
  return {
    range: { start: document.positionAt(finding.sentence.start), end: document.positionAt(finding.sentence.end) },
    // consistency.severity is the warning tier's; the error tier (consistency.errorThreshold) is always an error.
    severity: SEVERITY[finding.severity === 'error' ? 'error' : severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.claim.id,
    message: findingMessage(finding),
    // The message already quotes the claim (and the hover shows it): the link names only where it is.
    relatedInformation: claimLocation
      ? [{ location: claimLocation, message: `Claim ${finding.claim.id} in .consistency/claims.json` }]
      : undefined,
    data,
  };
}

/** The most severe, then most confident findings, at most `max`, back in document order. */
export function capFindings(findings: Finding[], max: number): Finding[] {
  if (findings.length <= max) return findings;
  const rank = (f: Finding) => (f.severity === 'error' ? 1 : 0);
  return [...findings]
    .sort((a, b) => rank(b) - rank(a) || b.probabilities.contradiction - a.probabilities.contradiction)
    .slice(0, max)
    .sort((a, b) => a.sentence.start - b.sentence.start);
}

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}
