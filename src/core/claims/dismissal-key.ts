// Matching findings against dismissals. A dismissal names the claim, the file and the sentence
// text, not offsets, so it survives edits elsewhere in the document; whitespace inside the
// sentence is normalized so that re-wrapping a paragraph does not resurrect a finding.
import { normalizeRelativePath } from './scope';
import type { DismissedDocument, DismissedFinding } from './types';

/** Collapses runs of whitespace (line breaks, tabs, no-break spaces) to one space, trims, and applies NFC. */
export function normalizeSentence(sentence: string): string {
  return sentence.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** An opaque, unambiguous key for one (claim, file, sentence). */
export function dismissalKey(claimId: string, file: string, sentence: string): string {
  return JSON.stringify([claimId, normalizeRelativePath(file), normalizeSentence(sentence)]);
}

/** The dismissals of a document, for fast lookups while checking. */
export class DismissedSet {
  private readonly keys = new Set<string>();

  constructor(doc: DismissedDocument) {
    for (const d of doc.dismissed) this.keys.add(dismissalKey(d.claimId, d.file, d.sentence));
  }

  has(claimId: string, file: string, sentence: string): boolean {
    return this.keys.has(dismissalKey(claimId, file, sentence));
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * Records a dismissal unless an equivalent one exists; returns whether it added one. Stores
 * the normalized path and sentence (readable in a diff, one line per sentence) and the current
 * time when `at` is not given.
 */
export function addDismissal(doc: DismissedDocument, finding: DismissedFinding): boolean {
  const key = dismissalKey(finding.claimId, finding.file, finding.sentence);
  if (doc.dismissed.some((d) => dismissalKey(d.claimId, d.file, d.sentence) === key)) return false;
  doc.dismissed.push({
    claimId: finding.claimId,
    file: normalizeRelativePath(finding.file),
    sentence: normalizeSentence(finding.sentence),
    at: finding.at ?? new Date().toISOString(),
  });
  return true;
}
