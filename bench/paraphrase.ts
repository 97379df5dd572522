// Recall of the relevance filter on contradictions worded with synonyms, antonyms and hypernyms.
//
//   npx tsx bench/paraphrase.ts            (part of `npm run bench`; under a second, no model)
//
// test/fixtures/paraphrase/pairs.jsonl: sentence pairs in the style of SICK, SNLI and MNLI (see its
// README), most contradictions, some entailments and neutral pairs. A contradiction the filter
// rejects never reaches the model, so recall here bounds what any model can find. Measured three
// ways, each with the real code:
//   claims:  the premise pinned as a claim, the hypothesis a document sentence (PairSelector), and
//            the other way round (the filter is not symmetric: the claim's weight sets the floor);
//   cross:   the two sentences in two files of a workspace (candidatePairs, workspace scope).
// And what WordNet costs: loading the table in a fresh process (time, memory) and analysing the
// bench/corpus sentences with and without its keys (bench/lib/wordnet-cost.ts, three runs).
// Non-contradictions are reported too: the filter should let most of them through as well (they
// are about the same thing); it is a relevance filter, not a contradiction detector.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { candidatePairs } from '../src/core/cross';
import { PairSelector, SHORT_TEXT_WORDS } from '../src/core/pairing';
import { log, ROOT, round, writeResult } from './lib/report';

interface LabelledPair {
  premise: string;
  hypothesis: string;
  label: 'contradiction' | 'entailment' | 'neutral';
  kind?: string;
}

export const PARAPHRASE_SET = join(ROOT, 'test', 'fixtures', 'paraphrase', 'pairs.jsonl');
/** Written before the filter was tuned on the set above, and never tuned on (its README). */
export const HELD_OUT_SET = join(ROOT, 'test', 'fixtures', 'paraphrase', 'heldout.jsonl');

export function loadParaphraseSet(file = PARAPHRASE_SET): LabelledPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabelledPair);
}

export interface PassRates {
  premiseAsClaim: boolean;
  hypothesisAsClaim: boolean;
  cross: boolean;
}

/** `shortWords`: the short-statement length (src/core/pairing/selector.ts), for the sweep. */
export function passes(pair: LabelledPair, shortWords = SHORT_TEXT_WORDS): PassRates {
  const crossPairs = candidatePairs(
    [
      { doc: 0, paragraph: 0, text: pair.premise },
      { doc: 1, paragraph: 0, text: pair.hypothesis },
    ],
    { scope: 'workspace', shortWords },
  );
  return {
    premiseAsClaim: new PairSelector([pair.premise], { shortWords }).accepts(0, pair.hypothesis),
    hypothesisAsClaim: new PairSelector([pair.hypothesis], { shortWords }).accepts(0, pair.premise),
    cross: crossPairs.length === 1,
  };
}

interface SetResult {
  set: string;
  pairs: number;
  contradictions: Record<keyof PassRates, { passed: number; of: number; rate: number }>;
  nonContradictions: Record<keyof PassRates, { passed: number; of: number; rate: number }>;
  contradictionsByKind: Record<
    string,
    { total: number; premiseAsClaim: number; hypothesisAsClaim: number; cross: number }
  >;
  lost: Array<Record<string, unknown>>;
}

function measureSet(file: string): SetResult {
  const pairs = loadParaphraseSet(file);
  const results = pairs.map((p) => ({ pair: p, pass: passes(p) }));
  const summarize = (label: string) => {
    const of = results.filter((r) =>
      label === 'contradiction' ? r.pair.label === 'contradiction' : r.pair.label !== 'contradiction',
    );
    const rate = (key: keyof PassRates) => ({
      passed: of.filter((r) => r.pass[key]).length,
      of: of.length,
      rate: round(of.filter((r) => r.pass[key]).length / of.length, 4),
    });
    return {
      premiseAsClaim: rate('premiseAsClaim'),
      hypothesisAsClaim: rate('hypothesisAsClaim'),
      cross: rate('cross'),
    };
  };
  const byKind: SetResult['contradictionsByKind'] = {};
  for (const r of results) {
    if (r.pair.label !== 'contradiction') continue;
    const k = (byKind[r.pair.kind ?? 'other'] ??= { total: 0, premiseAsClaim: 0, hypothesisAsClaim: 0, cross: 0 });
    k.total++;
    if (r.pass.premiseAsClaim) k.premiseAsClaim++;
    if (r.pass.hypothesisAsClaim) k.hypothesisAsClaim++;
    if (r.pass.cross) k.cross++;
  }
  const lost = results
    .filter(
      (r) => r.pair.label === 'contradiction' && !(r.pass.premiseAsClaim && r.pass.hypothesisAsClaim && r.pass.cross),
    )
    .map((r) => ({ premise: r.pair.premise, hypothesis: r.pair.hypothesis, kind: r.pair.kind, ...r.pass }));
  return {
    set: relative(ROOT, file),
    pairs: pairs.length,
    contradictions: summarize('contradiction'),
    nonContradictions: summarize('other'),
    contradictionsByKind: byKind,
    lost,
  };
}

function main(): void {
  const started = performance.now();
  const tuned = measureSet(PARAPHRASE_SET);
  const heldOut = measureSet(HELD_OUT_SET);
  const ms = performance.now() - started;
  // Recall (premise as the claim, and the worst of the three ways) and the non-contradictions let
  // through, per short-statement length; 0 turns the rule off.
  const shortSweep = [0, 8, 10, SHORT_TEXT_WORDS, 14, 16].map((shortWords) => {
    const row: Record<string, number> = { shortWords };
    for (const [name, file] of [
      ['set', PARAPHRASE_SET],
      ['heldOut', HELD_OUT_SET],
    ] as const) {
      const all = loadParaphraseSet(file).map((p) => ({ p, pass: passes(p, shortWords) }));
      const c = all.filter((r) => r.p.label === 'contradiction');
      const n = all.filter((r) => r.p.label !== 'contradiction');
      const worst = Math.min(
        ...(['premiseAsClaim', 'hypothesisAsClaim', 'cross'] as const).map(
          (k) => c.filter((r) => r.pass[k]).length / c.length,
        ),
      );
      row[`${name}Recall`] = round(c.filter((r) => r.pass.premiseAsClaim).length / c.length, 4);
      row[`${name}WorstRecall`] = round(worst, 4);
      row[`${name}NonContradictions`] = round(n.filter((r) => r.pass.premiseAsClaim).length / n.length, 4);
    }
    return row;
  });
  const costRuns = [0, 1, 2].map(
    () =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench', 'lib', 'wordnet-cost.ts')],
          { cwd: ROOT, encoding: 'utf8' },
        ),
      ) as Record<string, number>,
  );
  const result = {
    command: 'npx tsx bench/paraphrase.ts',
    cost: costRuns,
    ...tuned,
    heldOut,
    shortSweep,
    ms: round(ms, 0),
  };
  const file = writeResult('paraphrase', result);
  log(JSON.stringify({ ...result, lost: undefined, heldOut: { ...heldOut, lost: undefined } }, null, 2));
  for (const r of [tuned, heldOut]) {
    const c = r.contradictions;
    const n = r.nonContradictions;
    log(
      `${r.set}: contradictions let through ${c.premiseAsClaim.rate} premise-as-claim, ${c.hypothesisAsClaim.rate} hypothesis-as-claim, ${c.cross.rate} cross (of ${c.cross.of}); non-contradictions ${n.premiseAsClaim.rate} / ${n.hypothesisAsClaim.rate} / ${n.cross.rate} (of ${n.cross.of})`,
    );
  }
  log('short statements: words -> recall premise-as-claim (worst of three), non-contradictions: set | held-out');
  for (const r of shortSweep)
    log(
      `  ${r.shortWords} -> ${r.setRecall} (${r.setWorstRecall}) ${r.setNonContradictions} | ${r.heldOutRecall} (${r.heldOutWorstRecall}) ${r.heldOutNonContradictions}`,
    );
  log(`wrote ${file}`);
}

if (require.main === module) main();
