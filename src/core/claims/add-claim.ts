// Adding a claim to a document with the next free id.
import { ClaimsError } from './errors';
import type { Claim, ClaimsDocument } from './types';

export type NewClaim = Omit<Claim, 'id' | 'enabled'> & { id?: string; enabled?: boolean };

/**
 * Appends a claim (enabled unless said otherwise) and returns it. Without an id it gets
 * "c<N>", N one above the highest in use rather than the first gap, so the id of a claim
 * deleted from the middle is never handed to a new one (its leftover dismissals would apply
 * to the new claim). The highest id does come back once its own claim is deleted, which is
 * why unpinning should also drop the claim's dismissals. Throws ClaimsError (with an empty
 * file) for a taken or malformed id or blank text.
 */
export function addClaim(doc: ClaimsDocument, claim: NewClaim): Claim {
  const id = claim.id ?? nextClaimId(doc);
  if (id.trim() === '' || id.trim() !== id)
    throw ClaimsError.at('', `claim id "${id}" must be non-empty without surrounding spaces`);
  if (doc.claims.some((c) => c.id === id)) throw ClaimsError.at('', `claim id "${id}" is already used`);
  if (typeof claim.text !== 'string' || claim.text.trim() === '')
    throw ClaimsError.at('', 'claim text must be a non-empty string');
  const added: Claim = { id, text: claim.text, enabled: claim.enabled ?? true };
  if (claim.scope !== undefined) added.scope = Array.isArray(claim.scope) ? [...claim.scope] : claim.scope;
  if (claim.source !== undefined) added.source = { ...claim.source };
  if (claim.note !== undefined) added.note = claim.note;
  doc.claims.push(added);
  return added;
}

/**
 * Ids are "c<N>" with N one above the highest plain number in use. Any id may sit in a file
 * (`c9007199254740992`, a 400-digit `c999...`), so only numbers a double holds exactly are counted
 * and the candidate is checked against every id: the result is never one that exists.
 */
export function nextClaimId(doc: ClaimsDocument): string {
  const used = new Set(doc.claims.map((c) => c.id));
  let highest = 0;
  for (const id of used) {
    const match = /^c(\d{1,15})$/.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  let next = highest + 1;
  while (used.has(`c${next}`)) next++;
  return `c${next}`;
}
