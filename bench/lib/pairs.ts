// Realistic (claim, sentence) pairs for throughput measurements, drawn (seeded) from the prose of
// bench/corpus: claims are corpus sentences of 8-25 words (pinned claims are sentences of the
// documents they guard), document sentences are those of 5-60 words.
import { loadCorpus, wordCount } from './corpus';
import { mulberry32 } from './fixture-domain';
import type { NliPair } from '../../src/core/nli';

export function realisticPairs(count: number, seed = 11): NliPair[] {
  const { documents } = loadCorpus();
  const texts = [...new Set(documents.flatMap((d) => d.sentences.map((s) => s.clean)))];
  const claims = texts.filter((t) => between(wordCount(t), 8, 25));
  const sentences = texts.filter((t) => between(wordCount(t), 5, 60));
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => ({
    premise: claims[Math.floor(random() * claims.length)],
    hypothesis: sentences[Math.floor(random() * sentences.length)],
  }));
}

function between(n: number, low: number, high: number): boolean {
  return n >= low && n <= high;
}
