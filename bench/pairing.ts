// Work avoided by smart pair selection, and what it costs in recall.
//
//   npx tsx bench/pairing.ts            (part of `npm run bench`)
//
// Part 1, bench/corpus: 8 technical documents (design doc, READMEs, a language spec, guides, a
// runbook), 20 claims about their own subjects, 21 contradictions planted and annotated by hand in
// gold.json. A full check in both modes (the real Checker and engine, counting what reaches the
// engine). "Would be flagged" is model-independent here: a perfect NLI model flags exactly the gold
// pairs, so smart mode's recall is the share of gold pairs it still sends to the model.
// Part 2, a document in the fixture model's own domain (bench/lib/fixture-domain.ts), where the
// fixture model's flags mean something: recall of the pairs the exhaustive mode flags.
// Both report pairs scored as a ratio against sentences x claims of the same run, plus a sweep of
// the filter's floor.
import { Checker, planPairs, type PairScorer } from '../src/core/check';
import type { Claim } from '../src/core/claims';
import { NliEngine, type NliPair, type NliScore } from '../src/core/nli';
import { DEFAULT_FLOOR, DEFAULT_FRACTION, PairSelector, SHORT_TEXT_WORDS } from '../src/core/pairing';
import { ScoreCache } from '../src/core/score-cache';
import { segmentDocument, type Sentence } from '../src/core/segment';
import { goldSentence, loadCorpus } from './lib/corpus';
import { fixtureDomainCorpus, isTaskContradiction } from './lib/fixture-domain';
import { log, round, TINY_MODEL, writeResult } from './lib/report';

const THRESHOLD = 0.5;

class CountingScorer implements PairScorer {
  pairs = 0;
  constructor(private readonly inner: PairScorer) {}
  get modelName() {
    return this.inner.modelName;
  }
  score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]> {
    this.pairs += pairs.length;
    return this.inner.score(pairs, signal);
  }
}

interface Doc {
  relativePath: string;
  sentences: Sentence[];
}

interface ModeRun {
  /** Pairs sent to the engine (identical texts are scored once). */
  scored: number;
  flagged: Set<string>;
  ms: number;
}

const pairId = (file: string, start: number, claimId: string) => `${file}#${start}#${claimId}`;

async function fullCheck(
  docs: Doc[],
  claims: Claim[],
  engine: NliEngine,
  pairing: 'smart' | 'exhaustive',
): Promise<ModeRun> {
  const scorer = new CountingScorer(engine);
  const checker = new Checker(scorer, new ScoreCache());
  const flagged = new Set<string>();
  const started = performance.now();
  for (const doc of docs) {
    const outcome = await checker.check(doc, claims, { threshold: THRESHOLD, pairing });
    for (const f of outcome.findings) flagged.add(pairId(doc.relativePath, f.sentence.start, f.claim.id));
  }
  return { scored: scorer.pairs, flagged, ms: performance.now() - started };
}

function selected(
  docs: Doc[],
  claims: Claim[],
  options?: { floor?: number; fraction?: number; shortWords?: number },
  only?: (claim: Claim, file: string) => boolean,
): Set<string> {
  const selector = new PairSelector(
    claims.map((c) => c.text),
    options,
  );
  const out = new Set<string>();
  for (const doc of docs) {
    claims.forEach((claim, i) => {
      if (only && !only(claim, doc.relativePath)) return;
      for (const s of doc.sentences)
        if (selector.accepts(i, s.clean)) out.add(pairId(doc.relativePath, s.start, claim.id));
    });
  }
  return out;
}

const count = (of: Iterable<string>, by: Set<string>) => [...of].filter((id) => by.has(id)).length;

async function main(): Promise<void> {
  const engine = await NliEngine.load(TINY_MODEL, { threads: 1 });
  try {
    // ---- Part 1: realistic corpus, hand-annotated contradictions.
    const corpus = loadCorpus();
    const docs: Doc[] = corpus.documents.map((d) => ({ relativePath: d.relativePath, sentences: d.sentences }));
    const sentences = docs.reduce((n, d) => n + d.sentences.length, 0);
    const allPairs = sentences * corpus.claims.length;
    const gold = corpus.gold.map((g) => {
      const doc = corpus.documents.find((d) => d.relativePath === g.file)!;
      return { ...g, id: pairId(g.file, goldSentence(doc, g.phrase).start, g.claim) };
    });
    const goldIds = new Set(gold.map((g) => g.id));
    log(
      `corpus: ${docs.length} documents, ${sentences} sentences, ${corpus.claims.length} claims, ${gold.length} planted contradictions`,
    );

    const exhaustive = await fullCheck(docs, corpus.claims, engine, 'exhaustive');
    const smart = await fullCheck(docs, corpus.claims, engine, 'smart');
    const smartSelected = new Set<string>();
    for (const doc of docs) {
      for (const p of planPairs(doc, corpus.claims, 'smart').pairs)
        smartSelected.add(pairId(doc.relativePath, p.sentence.start, p.claim.id));
    }
    const goldLost = gold.filter((g) => !smartSelected.has(g.id));
    const byKind: Record<string, { total: number; selected: number }> = {};
    for (const g of gold) {
      byKind[g.kind] ??= { total: 0, selected: 0 };
      byKind[g.kind].total++;
      if (smartSelected.has(g.id)) byKind[g.kind].selected++;
    }
    // The claims' own documents (where their contradictions are planted): every sentence there is
    // about the claim's subject, the hardest case for a lexical filter.
    const home = new Map(corpus.gold.map((g) => [g.claim, g.file]));
    const own = (claim: Claim, file: string) => home.get(claim.id) === file;
    const ownPairs = corpus.claims.reduce(
      (n, c) => n + (docs.find((d) => d.relativePath === home.get(c.id))?.sentences.length ?? 0),
      0,
    );

    // ---- Part 2: the fixture model's own domain.
    const domain = fixtureDomainCorpus();
    const domainDoc: Doc = { relativePath: 'fixture-domain.txt', sentences: segmentDocument(domain.text, 'plaintext') };
    const domainAll = domainDoc.sentences.length * domain.claims.length;
    const domainExhaustive = await fullCheck([domainDoc], domain.claims, engine, 'exhaustive');
    const domainSmart = await fullCheck([domainDoc], domain.claims, engine, 'smart');
    const plantedIds = new Set(
      domain.claims.map((c) => {
        const s = domainDoc.sentences.find((x) => x.clean === domain.planted.get(c.id));
        if (!s) throw new Error(`planted sentence for ${c.id} not found`);
        return pairId(domainDoc.relativePath, s.start, c.id);
      }),
    );
    // The task's own labels (model-independent): which pairs of this document are contradictions.
    const truth = new Set<string>();
    for (const c of domain.claims) {
      for (const s of domainDoc.sentences)
        if (isTaskContradiction(c.text, s.clean)) truth.add(pairId(domainDoc.relativePath, s.start, c.id));
    }
    // The fixture model also flags many unrelated pairs whose sentence is negated (false positives
    // by its own task's definition); the recall that matters is over its true flags.
    const trueFlags = new Set([...domainExhaustive.flagged].filter((id) => truth.has(id)));
    const domainLost = [...domainExhaustive.flagged].filter((id) => !domainSmart.flagged.has(id));
    const describe = (id: string) => {
      const [, start, claimId] = id.split('#');
      return {
        claim: domain.claims.find((c) => c.id === claimId)!.text,
        sentence: domainDoc.sentences.find((s) => s.start === Number(start))!.clean,
      };
    };

    // ---- Sweep of the floor (selection only, no model calls).
    const sweep = [1, 1.5, 2, 2.5, 3].flatMap((floor) =>
      [0.34, 0.5, 0.67].map((fraction) => {
        const options = { floor, fraction };
        const all = selected(docs, corpus.claims, options);
        const ownSelected = selected(docs, corpus.claims, options, own).size;
        const domainSelected = selected([domainDoc], domain.claims, options);
        return {
          floor,
          fraction,
          corpusReduction: round(allPairs / all.size, 1),
          ownDocumentReduction: round(ownPairs / ownSelected, 1),
          goldRecall: round(count(goldIds, all) / goldIds.size, 3),
          fixtureDomainReduction: round(domainAll / domainSelected.size, 1),
          fixtureDomainTrueFlagRecall: round(count(trueFlags, domainSelected) / trueFlags.size, 3),
          fixtureDomainAllFlagRecall: round(
            count(domainExhaustive.flagged, domainSelected) / domainExhaustive.flagged.size,
            3,
          ),
        };
      }),
    );

    // ---- Sweep of the short-statement length (the default floor and fraction; 0 turns the rule off).
    const shortSweep = [0, 8, 10, SHORT_TEXT_WORDS, 14, 16].map((shortWords) => {
      const all = selected(docs, corpus.claims, { shortWords });
      const domainSelected = selected([domainDoc], domain.claims, { shortWords });
      return {
        shortWords,
        corpusReduction: round(allPairs / all.size, 1),
        ownDocumentReduction: round(ownPairs / selected(docs, corpus.claims, { shortWords }, own).size, 1),
        goldRecall: round(count(goldIds, all) / goldIds.size, 3),
        fixtureDomainReduction: round(domainAll / domainSelected.size, 1),
        fixtureDomainTrueFlagRecall: round(count(trueFlags, domainSelected) / trueFlags.size, 3),
      };
    });

    const result = {
      command: 'npx tsx bench/pairing.ts',
      filter: { floor: DEFAULT_FLOOR, fraction: DEFAULT_FRACTION, shortWords: SHORT_TEXT_WORDS },
      corpus: {
        documents: docs.length,
        sentences,
        claims: corpus.claims.length,
        sentencesTimesClaims: allPairs,
        exhaustive: { pairsScored: exhaustive.scored, ms: round(exhaustive.ms, 0) },
        smart: { pairsScored: smart.scored, ms: round(smart.ms, 0) },
        reduction: round(allPairs / smart.scored, 1),
        reductionVsExhaustiveScored: round(exhaustive.scored / smart.scored, 1),
        ownDocuments: { pairs: ownPairs, selected: selected(docs, corpus.claims, undefined, own).size },
        gold: {
          total: gold.length,
          selectedBySmart: gold.length - goldLost.length,
          recall: round((gold.length - goldLost.length) / gold.length, 3),
          byKind,
          lost: goldLost.map(({ claim, file, phrase, kind }) => ({ claim, file, phrase, kind })),
          flaggedByFixtureModel: count(goldIds, exhaustive.flagged),
        },
        fixtureModelOnRealProse: {
          note: 'outside its synthetic domain the fixture model flags arbitrary pairs; shown for completeness only',
          exhaustiveFlags: exhaustive.flagged.size,
          keptBySmart: count(exhaustive.flagged, smart.flagged),
          goldFlagsKept: `${count(goldIds, smart.flagged)} of ${count(goldIds, exhaustive.flagged)}`,
        },
      },
      fixtureDomain: {
        sentences: domainDoc.sentences.length,
        claims: domain.claims.length,
        sentencesTimesClaims: domainAll,
        exhaustive: { pairsScored: domainExhaustive.scored, flagged: domainExhaustive.flagged.size },
        smart: { pairsScored: domainSmart.scored, flagged: domainSmart.flagged.size },
        reduction: round(domainAll / domainSmart.scored, 1),
        taskContradictions: truth.size,
        exhaustiveTrueFlags: trueFlags.size,
        exhaustiveFalseFlags: domainExhaustive.flagged.size - trueFlags.size,
        smartTrueFlags: count(trueFlags, domainSmart.flagged),
        trueFlagRecall: round(count(trueFlags, domainSmart.flagged) / trueFlags.size, 4),
        taskContradictionsSelectedBySmart: count(truth, new Set(selected([domainDoc], domain.claims))),
        allFlagRecall: round((domainExhaustive.flagged.size - domainLost.length) / domainExhaustive.flagged.size, 4),
        plantedFlaggedByExhaustive: count(plantedIds, domainExhaustive.flagged),
        plantedFlaggedBySmart: count(plantedIds, domainSmart.flagged),
        lostTrueFlags: domainLost.filter((id) => truth.has(id)).map(describe),
        lostFalseFlagsSample: domainLost
          .filter((id) => !truth.has(id))
          .slice(0, 5)
          .map(describe),
        extraFlagsInSmart: [...domainSmart.flagged].filter((id) => !domainExhaustive.flagged.has(id)).length,
      },
      sweep,
      shortSweep,
    };
    (result.corpus.ownDocuments as Record<string, unknown>).reduction = round(
      ownPairs / result.corpus.ownDocuments.selected,
      1,
    );
    const file = writeResult('pairing', result);
    log(JSON.stringify({ ...result, sweep: undefined, shortSweep: undefined }, null, 2));
    log(
      'sweep: floor fraction -> corpus x, own-doc x, gold recall | fixture-domain x, true-flag recall, all-flag recall',
    );
    for (const s of sweep) {
      log(
        `  ${s.floor} ${s.fraction} -> ${s.corpusReduction}x ${s.ownDocumentReduction}x ${s.goldRecall} | ${s.fixtureDomainReduction}x ${s.fixtureDomainTrueFlagRecall} ${s.fixtureDomainAllFlagRecall}`,
      );
    }
    log('short statements: words -> corpus x, own-doc x, gold recall | fixture-domain x, true-flag recall');
    for (const s of shortSweep) {
      log(
        `  ${s.shortWords} -> ${s.corpusReduction}x ${s.ownDocumentReduction}x ${s.goldRecall} | ${s.fixtureDomainReduction}x ${s.fixtureDomainTrueFlagRecall}`,
      );
    }
    log(`wrote ${file}`);
  } finally {
    await engine.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
