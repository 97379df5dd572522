// What cross mode costs, and what its candidate pairs lose.
//
//   npx tsx bench/cross.ts            (fixture model; the e5-shaped model for time, if prepared)
//   npx tsx bench/cross.ts --full-e5  (also a full smart check with the e5-shaped model: minutes)
//
// Two inputs in the fixture model's own domain (test/fixtures/tiny-bert-nli answers "The X supports
// Y." against "The X does not support Y."; 3,915 distinct one-sentence texts in its test set):
//   document:  one plain-text document of 2,000 distinct sentences, paragraphs of five;
//   workspace: 500 Markdown files of 6 sentences each (two paragraphs of three), workspace scope.
// For each: candidate pairs (smart mode) against N*(N-1)/2 and against the pairs the exclusion rules
// allow (what --pairing exhaustive scores), and the time to find them. Recall of the exhaustive mode's
// findings: every pair the task itself calls a contradiction (same subject and predicate, opposite
// polarity; model-independent, so found without scoring all pairs) is scored in both directions
// with the fixture model; the exhaustive mode flags exactly those of them the model flags, and
// smart mode finds the ones among its candidates. The fixture model also flags unrelated pairs
// (errors by its task's definition): their share among all pairs, and how many of them smart mode
// keeps, are estimated on a uniform sample. Time: the fixture model's full smart check, measured;
// the e5-small-shaped int8 model (scripts/bench-models.mjs) measured on a sample of the candidate
// pairs and extrapolated to the whole check (or measured with --full-e5).
import { existsSync } from 'node:fs';
import type { PairScorer } from '../src/core/check';
import {
  allPairs,
  candidatePairs,
  CrossChecker,
  paragraphIndexes,
  type CrossDocument,
  type CrossScope,
} from '../src/core/cross';
import type { CandidateSentence } from '../src/core/cross';
import { NliEngine, type NliPair, type NliScore } from '../src/core/nli';
import { ScoreCache } from '../src/core/score-cache';
import { segmentDocument } from '../src/core/segment';
import { combineDirections, verdictOf } from '../src/core/verdict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTaskContradiction, mulberry32, shuffle } from './lib/fixture-domain';
import { E5_MODEL, log, round, TINY_MODEL, writeResult } from './lib/report';

const VERDICT = { threshold: 0.5, margin: 0.1 };
const SAMPLE = 20_000;

class CountingScorer implements PairScorer {
  inputs = 0;
  constructor(private readonly inner: PairScorer) {}
  get modelName() {
    return this.inner.modelName;
  }
  score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    this.inputs += pairs.length;
    return this.inner.score(pairs, signal);
  }
}

function pool(): string[] {
  const pairs = JSON.parse(readFileSync(join(TINY_MODEL, 'synthetic-test.json'), 'utf8')) as Array<{
    premise: string;
    hypothesis: string;
  }>;
  return [...new Set(pairs.flatMap((p) => [p.premise, p.hypothesis]).filter((s) => !s.includes('. ')))];
}

function documentInput(texts: string[]): CrossDocument[] {
  const paragraphs: string[] = [];
  for (let i = 0; i < texts.length; i += 5) paragraphs.push(texts.slice(i, i + 5).join(' '));
  const text = paragraphs.join('\n\n') + '\n';
  return [{ relativePath: 'long.txt', text, sentences: segmentDocument(text, 'plaintext') }];
}

function workspaceInput(texts: string[]): CrossDocument[] {
  const docs: CrossDocument[] = [];
  for (let f = 0; f < 500; f++) {
    const mine = texts.slice(f * 6, f * 6 + 6);
    const text = `${mine.slice(0, 3).join(' ')}\n\n${mine.slice(3).join(' ')}\n`;
    docs.push({
      relativePath: `docs/${String(f).padStart(3, '0')}.md`,
      text,
      sentences: segmentDocument(text, 'markdown'),
    });
  }
  return docs;
}

function flatten(docs: CrossDocument[]): CandidateSentence[] {
  return docs.flatMap((doc, d) => {
    const paragraphs = paragraphIndexes(doc.text, doc.sentences);
    return doc.sentences.map((s, i) => ({ doc: d, paragraph: paragraphs[i], text: s.clean }));
  });
}

async function flags(engine: PairScorer, pairs: Array<[string, string]>): Promise<boolean[]> {
  const inputs = pairs.flatMap(([a, b]) => [
    { premise: a, hypothesis: b },
    { premise: b, hypothesis: a },
  ]);
  const out: NliScore[] = [];
  for (let i = 0; i < inputs.length; i += 512) out.push(...(await engine.score(inputs.slice(i, i + 512))));
  return pairs.map(
    (_, k) =>
      verdictOf(combineDirections([out[2 * k].probabilities, out[2 * k + 1].probabilities], 'max'), VERDICT) !==
      undefined,
  );
}

async function measure(
  name: string,
  docs: CrossDocument[],
  scope: CrossScope,
  engine: NliEngine,
  e5?: NliEngine,
  fullE5 = false,
) {
  const sentences = flatten(docs);
  const n = sentences.length;
  const started = performance.now();
  const candidates = candidatePairs(sentences, { scope });
  const candidateMs = performance.now() - started;
  const candidateIds = new Set(candidates.map((p) => `${p.a},${p.b}`));
  const allowed = countAllowed(sentences, scope);

  // The task's contradictions among the allowed pairs, and which of them the exhaustive mode flags.
  const truth: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (sentences[a].doc === sentences[b].doc && sentences[a].paragraph === sentences[b].paragraph) continue;
      if (scope === 'document' && sentences[a].doc !== sentences[b].doc) continue;
      if (isTaskContradiction(sentences[a].text, sentences[b].text)) truth.push([a, b]);
    }
  }
  const truthFlags = await flags(
    engine,
    truth.map(([a, b]) => [sentences[a].text, sentences[b].text]),
  );
  const flaggedTruth = truth.filter((_, i) => truthFlags[i]);
  const keptTruth = flaggedTruth.filter(([a, b]) => candidateIds.has(`${a},${b}`));
  const truthInCandidates = truth.filter(([a, b]) => candidateIds.has(`${a},${b}`)).length;

  // All exhaustive flags, estimated on a uniform sample of allowed pairs.
  const random = mulberry32(5);
  const sample: Array<[number, number]> = [];
  while (sample.length < SAMPLE) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a >= b) continue;
    if (sentences[a].doc === sentences[b].doc && sentences[a].paragraph === sentences[b].paragraph) continue;
    if (scope === 'document' && sentences[a].doc !== sentences[b].doc) continue;
    if (sentences[a].text === sentences[b].text) continue;
    sample.push([a, b]);
  }
  const sampleFlags = await flags(
    engine,
    sample.map(([a, b]) => [sentences[a].text, sentences[b].text]),
  );
  const sampledFlagged = sample.filter((_, i) => sampleFlags[i]);
  const sampledKept = sampledFlagged.filter(([a, b]) => candidateIds.has(`${a},${b}`)).length;

  // The full smart check with the fixture model (real CrossChecker, fresh cache).
  const counting = new CountingScorer(engine);
  const checkStarted = performance.now();
  const outcome = await new CrossChecker(counting, new ScoreCache(1_000_000)).check(docs, { ...VERDICT, scope });
  const checkMs = performance.now() - checkStarted;

  let e5Time: Record<string, unknown> | undefined;
  if (e5) {
    const probe = shuffle(candidates, mulberry32(9)).slice(0, 96);
    const inputs = probe.flatMap((p) => [
      { premise: sentences[p.a].text, hypothesis: sentences[p.b].text },
      { premise: sentences[p.b].text, hypothesis: sentences[p.a].text },
    ]);
    const t = performance.now();
    for (let i = 0; i < inputs.length; i += 64) await e5.score(inputs.slice(i, i + 64));
    const perInput = (performance.now() - t) / inputs.length;
    e5Time = {
      inputsPerSecond: round(1000 / perInput, 1),
      smartCheckSeconds: round((perInput * counting.inputs) / 1000, 0),
      exhaustiveCheckSeconds: round((perInput * allowed * 2) / 1000, 0),
      basis: `${inputs.length} inputs of this input's candidate pairs, extrapolated to ${counting.inputs} (smart) and ${allowed * 2} (exhaustive) inputs`,
    };
    if (fullE5) {
      const full = performance.now();
      await new CrossChecker(e5, new ScoreCache(1_000_000)).check(docs, { ...VERDICT, scope });
      e5Time.smartCheckSecondsMeasured = round((performance.now() - full) / 1000, 0);
    }
  }

  const result = {
    sentences: n,
    files: docs.length,
    scope,
    allPairs: (n * (n - 1)) / 2,
    allowedPairs: allowed,
    candidatePairs: candidates.length,
    reductionVsAll: round((n * (n - 1)) / 2 / candidates.length, 1),
    reductionVsAllowed: round(allowed / candidates.length, 1),
    perSentence: round(candidates.length / n, 2),
    candidateMs: round(candidateMs, 0),
    taskContradictions: truth.length,
    taskContradictionsInCandidates: truthInCandidates,
    exhaustiveTrueFlags: flaggedTruth.length,
    smartTrueFlags: keptTruth.length,
    recallOfExhaustiveTrueFlags: round(keptTruth.length / Math.max(1, flaggedTruth.length), 4),
    sample: {
      pairs: SAMPLE,
      flagged: sampledFlagged.length,
      flagRate: round(sampledFlagged.length / SAMPLE, 4),
      flaggedInCandidates: sampledKept,
      estimatedExhaustiveFlags: Math.round((sampledFlagged.length / SAMPLE) * allowed),
    },
    fixtureCheck: {
      seconds: round(checkMs / 1000, 1),
      inputsScored: counting.inputs,
      findings: outcome.findings.length,
    },
    e5: e5Time,
  };
  log(
    `${name}: ${n} sentences, ${result.candidatePairs} candidate pairs of ${result.allPairs} (${result.reductionVsAll}x fewer; ${result.reductionVsAllowed}x fewer than the ${allowed} allowed) in ${result.candidateMs} ms; recall of exhaustive true flags ${keptTruth.length}/${flaggedTruth.length} = ${result.recallOfExhaustiveTrueFlags}; fixture check ${result.fixtureCheck.seconds}s${e5Time ? `; e5-shaped: ~${e5Time.smartCheckSeconds}s smart vs ~${e5Time.exhaustiveCheckSeconds}s exhaustive` : ''}`,
  );
  return result;
}

function countAllowed(sentences: CandidateSentence[], scope: CrossScope): number {
  if (sentences.length <= 3000) return allPairs(sentences, scope).length;
  let count = 0;
  const lower = sentences.map((s) => s.text.toLowerCase());
  for (let a = 0; a < sentences.length; a++) {
    for (let b = a + 1; b < sentences.length; b++) {
      if (sentences[a].doc === sentences[b].doc && sentences[a].paragraph === sentences[b].paragraph) continue;
      if (scope === 'document' && sentences[a].doc !== sentences[b].doc) continue;
      if (lower[a] !== lower[b]) count++;
    }
  }
  return count;
}

async function main(): Promise<void> {
  const texts = shuffle(pool(), mulberry32(14));
  const engine = await NliEngine.load(TINY_MODEL, {});
  const e5 = existsSync(join(E5_MODEL, 'config.json')) ? await NliEngine.load(E5_MODEL, {}) : undefined;
  if (!e5) log('e5-shaped model not prepared (node scripts/bench-models.mjs): no e5 timing');
  try {
    const document = await measure(
      'document',
      documentInput(texts.slice(0, 2000)),
      'document',
      engine,
      e5,
      process.argv.includes('--full-e5'),
    );
    const workspace = await measure(
      'workspace',
      workspaceInput(shuffle(texts, mulberry32(3)).slice(0, 3000)),
      'workspace',
      engine,
      e5,
      process.argv.includes('--full-e5'),
    );
    const file = writeResult('cross', { verdict: VERDICT, document, workspace });
    log(`-> ${file}`);
  } finally {
    await engine.dispose();
    await e5?.dispose();
  }
}

void main();
