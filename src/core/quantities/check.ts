// The quantity check over documents: sentence pairs (in cross mode's scope) and sentences against
// pinned claims that give different values for the same quantity. Deterministic, no model: pairs
// come from an index of (dimension, context term), so only sentences that measure the same kind of
// thing and share wording are compared, or that state a rate of the same thing.
import { claimAppliesTo, type Claim, type DismissedSet } from '../claims';
import { paragraphIndexes, type CrossDocument, type CrossScope, type CrossSide } from '../cross';
import { crossDismissal } from '../cross/cross-check';
import { isSilenced } from '../suppressions';
import { describe, disagreement, namesItsSubject, quantityText, type QuantityText } from './compare';

/** `consistency-disable claim=quantity` silences the quantity check only. */
export const QUANTITY_SUPPRESSION_ID = 'quantity';

/** Postings longer than this (a context word in hundreds of sentences) do not propose pairs. */
const MAX_POSTING = 256;

export interface QuantityFinding {
  a: CrossSide;
  /** The other sentence; absent when the disagreement is with a claim. */
  b?: CrossSide;
  claim?: Claim;
  /** What a says ("up to 50 requests per second"), and what the other side says. */
  says: string;
  otherSays: string;
}

export interface QuantityOptions {
  /** Compare sentences with each other in this scope; undefined: only against claims. */
  scope?: CrossScope;
  /** Enabled claims (each applies to the documents in its scope). */
  claims: readonly Claim[];
  dismissed?: DismissedSet;
}

interface Entry {
  doc: number;
  paragraph: number;
  side: CrossSide;
  q: QuantityText;
}

/** The dismissal entry of a quantity pair (as crossDismissal, with the `quantity:` prefix). */
export function quantityDismissal(
  a: { relativePath: string; sentence: string },
  b: { relativePath: string; sentence: string },
) {
  const d = crossDismissal(a, b);
  return { ...d, claimId: d.claimId.replace(/^cross:/, 'quantity:') };
}

export function quantityFindings(docs: readonly CrossDocument[], options: QuantityOptions): QuantityFinding[] {
  const entries: Entry[] = [];
  docs.forEach((doc, d) => {
    const paragraphs = paragraphIndexes(doc.text, doc.sentences);
    const silenced = doc.suppressions?.forSentences(doc.sentences);
    doc.sentences.forEach((sentence, i) => {
      if (silenced && isSilenced(silenced[i], QUANTITY_SUPPRESSION_ID)) return;
      const q = quantityText(sentence.clean);
      if (q.mentions.length > 0)
        entries.push({ doc: d, paragraph: paragraphs[i], side: { relativePath: doc.relativePath, sentence }, q });
    });
  });
  const findings: QuantityFinding[] = [];
  if (options.scope) findings.push(...betweenSentences(entries, options.scope, options.dismissed));
  findings.push(...againstClaims(entries, options.claims, options.dismissed));
  return findings;
}

function betweenSentences(entries: Entry[], scope: CrossScope, dismissed?: DismissedSet): QuantityFinding[] {
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const keys = new Set<string>();
    for (const m of e.q.mentions) {
      const prefix = `${scope === 'document' ? e.doc : ''}\u0000${m.dimension}\u0000`;
      // A rate of things is its own subject: sentences that state one meet without shared wording.
      if (namesItsSubject(m.dimension, 'sentence')) keys.add(prefix);
      for (const k of e.q.keys) keys.add(prefix + k);
    }
    for (const key of keys) {
      const list = postings.get(key);
      if (list) list.push(i);
      else postings.set(key, [i]);
    }
  });
  const compared = new Set<string>();
  const out: QuantityFinding[] = [];
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > MAX_POSTING) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [i, j] = [list[x], list[y]];
        const id = `${i},${j}`;
        if (compared.has(id)) continue;
        compared.add(id);
        const a = entries[i];
        const b = entries[j];
        if (a.doc === b.doc && a.paragraph === b.paragraph) continue;
        const found = disagreement(a.q, b.q);
        if (!found) continue;
        const d = quantityDismissal(
          { relativePath: a.side.relativePath, sentence: a.side.sentence.text },
          { relativePath: b.side.relativePath, sentence: b.side.sentence.text },
        );
        const e = quantityDismissal(
          { relativePath: b.side.relativePath, sentence: b.side.sentence.text },
          { relativePath: a.side.relativePath, sentence: a.side.sentence.text },
        );
        if (dismissed?.has(d.claimId, d.file, d.sentence) || dismissed?.has(e.claimId, e.file, e.sentence)) continue;
        out.push({ a: a.side, b: b.side, says: describe(found.a), otherSays: describe(found.b) });
      }
    }
  }
  return out.sort((p, q) => order(p.a, entries) - order(q.a, entries) || p.a.sentence.start - q.a.sentence.start);
}

function order(side: CrossSide, entries: Entry[]): number {
  return entries.find((e) => e.side === side)?.doc ?? 0;
}

function againstClaims(entries: Entry[], claims: readonly Claim[], dismissed?: DismissedSet): QuantityFinding[] {
  const out: QuantityFinding[] = [];
  const claimTexts = claims.map((c) => ({ claim: c, q: quantityText(c.text) })).filter((c) => c.q.mentions.length > 0);
  for (const e of entries) {
    for (const { claim, q } of claimTexts) {
      if (!claimAppliesTo(claim, e.side.relativePath)) continue;
      const found = disagreement(e.q, q, { claim: true });
      if (!found) continue;
      if (dismissed?.has(`quantity:${claim.id}`, e.side.relativePath, e.side.sentence.text)) continue;
      out.push({ a: e.side, claim, says: describe(found.a), otherSays: describe(found.b) });
    }
  }
  return out;
}
