// Run in a fresh process by bench/paraphrase.ts: what loading the WordNet table costs, and what
// its keys cost per analysed sentence (bench/corpus, with and without concepts, same process).
import { analyzeText } from '../../src/core/pairing';
import { conceptKeys } from '../../src/core/pairing/wordnet';
import { loadCorpus } from './corpus';

const texts = loadCorpus().documents.flatMap((d) => d.sentences.map((s) => s.clean));
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const started = performance.now();
conceptKeys('table');
const loadMs = performance.now() - started;
gc?.();
const loaded = process.memoryUsage();
const time = (concepts: boolean) => {
  const t = performance.now();
  let keys = 0;
  for (const text of texts) keys += analyzeText(text, { concepts }).keys.size;
  return { ms: performance.now() - t, keys };
};
time(false);
const plain = time(false);
const first = time(true); // includes the first lookup of every word
const warm = time(true);
// What a cached analysis holds (the selector keeps the keys of 20,000 sentences): heap per sentence.
const retained = (concepts: boolean) => {
  gc?.();
  const start = process.memoryUsage().heapUsed;
  const kept = texts.map((text) => analyzeText(text, { concepts }).keys);
  gc?.();
  const bytes = (process.memoryUsage().heapUsed - start) / kept.length;
  return kept.length > 0 ? Math.round(bytes) : 0;
};
const bytesPerSentence = { withoutConcepts: retained(false), withConcepts: retained(true) };
process.stdout.write(
  JSON.stringify({
    loadMs,
    rssDeltaMB: (loaded.rss - before.rss) / 2 ** 20,
    heapDeltaMB: (loaded.heapUsed - before.heapUsed) / 2 ** 20,
    externalDeltaMB: (loaded.external - before.external) / 2 ** 20,
    sentences: texts.length,
    withoutConcepts: plain,
    withConceptsFirst: first,
    withConceptsWarm: warm,
    bytesPerSentence,
  }),
);
