// longest_first truncation of a sentence pair, exactly as Hugging Face tokenizers (Rust,
// utils/truncation.rs) computes it, since the reference model outputs were produced that way:
//  - if only the longer sequence needs cutting, it keeps budget - shorter tokens;
//  - if both must be cut, the shorter keeps floor(budget / 2) and the longer ceil(budget / 2);
//    on a tie the first sequence counts as the shorter one.
// Note this differs from "drop one token at a time from the longer, ties from the second"
// (transformers' old Python loop) in the odd-budget cases; Rust is what fast tokenizers use.

/** Returns how many tokens of each sequence to keep (right truncation) so that
 * firstLength + secondLength <= budget. */
export function longestFirstLengths(firstLength: number, secondLength: number, budget: number): [number, number] {
  if (firstLength + secondLength <= budget) return [firstLength, secondLength];
  if (budget <= 0) return [0, 0];
  const swap = firstLength > secondLength;
  const shorter = swap ? secondLength : firstLength;
  let keepShorter = shorter;
  let keepLonger = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
  if (keepShorter + keepLonger > budget) {
    keepShorter = Math.floor(budget / 2);
    keepLonger = keepShorter + (budget % 2);
  }
  return swap ? [keepLonger, keepShorter] : [keepShorter, keepLonger];
}
