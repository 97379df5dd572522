// Evidence: where each claim is supported, where it is contradicted, and which claims nothing
// supports. Support comes from the scores the checker already computes (a sentence supports a
// claim when the model says one entails the other with P(entailment) >= supportThreshold), so it
// costs no model call beyond the pairs the checker scores; pairs that smart pairing skips share no
// content word, number or name with the claim and are not scored for support either. A sentence
// that states the claim itself (the sentence it was pinned from, or the same words elsewhere) is
// never scored against it, and is support by definition.
import type { Claim } from './claims';
import type { Sentence } from './segment';
import type { Probabilities } from './verdict';

export interface SupportingSentence {
  claim: Claim;
  sentence: Sentence;
  /** The distribution with the larger P(entailment) among the scored directions (1 when it restates). */
  probabilities: Probabilities;
  /** The sentence states the claim itself (its source, or the same words): not scored, always support. */
  restates?: boolean;
}

/**
 * With direction 'both', the direction that entails more: the sentence entailing the claim (a more
 * specific restatement) counts as support as well as the claim entailing the sentence.
 */
export function supportingDirection(directions: readonly Probabilities[]): Probabilities {
  return directions.reduce((best, p) => (p.entailment > best.entailment ? p : best));
}

export interface ClaimEvidence {
  claimId: string;
  supportedBy: number;
  contradictedBy: number;
  /** Documents checked in which the claim applies (enabled and in scope). */
  documents: number;
  /** In scope of at least one checked document, and no sentence of them supports it. */
  unsupported: boolean;
}

/** Per-claim counts over the checked documents, in the order of `claims`. */
export function summarizeEvidence(
  claims: readonly Claim[],
  checked: ReadonlyArray<{
    claimIds: readonly string[];
    support: ReadonlyArray<{ claim: { id: string } }>;
    findings: ReadonlyArray<{ claim: { id: string } }>;
  }>,
): ClaimEvidence[] {
  const count = (id: string, list: ReadonlyArray<{ claim: { id: string } }>) =>
    list.filter((x) => x.claim.id === id).length;
  return claims.map((claim) => {
    const documents = checked.filter((d) => d.claimIds.includes(claim.id)).length;
    const supportedBy = checked.reduce((n, d) => n + count(claim.id, d.support), 0);
    const contradictedBy = checked.reduce((n, d) => n + count(claim.id, d.findings), 0);
    return {
      claimId: claim.id,
      supportedBy,
      contradictedBy,
      documents,
      unsupported: documents > 0 && supportedBy === 0,
    };
  });
}
