// Precision and recall of the quantity check on its labelled set (test/fixtures/quantities/pairs.jsonl,
// built from the Linux kernel's documentation by scripts/quantities/build-set.ts).
//
//   npx tsx bench/quantities.ts [--show] [--wide]
//
// Also on a held-out set built the same way from git's documentation (pairs-git.jsonl), which
// was generated after the rule was fixed and never looked at while tuning it.
// And in the wild: the whole check (workspace scope) over the kernel's admin guide (354 files,
// when scripts/realdocs/install.sh has unpacked it), where real disagreements are rare: how many
// findings per 1,000 sentences, each listed in the result file for reading. --wide adds every rST
// file of the kernel's Documentation (document scope) and git's manual pages (workspace scope).
// A pair is predicted "disagree" when disagreement() finds a quantity the two sentences give
// different values for (src/core/quantities/compare.ts). Reported on the whole set, on its two
// halves (dev: even positions, where the rule's constants were tuned; test: odd positions), and per
// kind of pair. --show prints every error.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import { join, relative } from 'node:path';
import { disagreement, quantityFindings, quantityText } from '../src/core/quantities';
import { segmentDocument, type LanguageId } from '../src/core/segment';
import { Suppressions } from '../src/core/suppressions';
import { log, ROOT, round, writeResult } from './lib/report';

interface Pair {
  id: string;
  a: string;
  b: string;
  label: 'agree' | 'disagree';
  kind: string;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const score = (t: Tally) => ({
  pairs: t.tp + t.fp + t.fn + t.tn,
  disagreeing: t.tp + t.fn,
  precision: round(t.tp / Math.max(1, t.tp + t.fp), 3),
  recall: round(t.tp / Math.max(1, t.tp + t.fn), 3),
  ...t,
});

function evaluate(file: string, show: boolean) {
  const pairs = readFileSync(join(ROOT, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Pair);
  const all: Tally = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const halves: Record<string, Tally> = { dev: { tp: 0, fp: 0, fn: 0, tn: 0 }, test: { tp: 0, fp: 0, fn: 0, tn: 0 } };
  const kinds: Record<string, Tally> = {};
  const started = performance.now();
  pairs.forEach((p, i) => {
    const found = disagreement(quantityText(p.a), quantityText(p.b));
    const predicted = found !== undefined;
    const actual = p.label === 'disagree';
    const cell = predicted ? (actual ? 'tp' : 'fp') : actual ? 'fn' : 'tn';
    for (const t of [all, halves[i % 2 === 0 ? 'dev' : 'test'], (kinds[p.kind] ??= { tp: 0, fp: 0, fn: 0, tn: 0 })])
      t[cell]++;
    if (show && (cell === 'fp' || cell === 'fn')) {
      log(`${cell} ${p.id} ${p.kind}${found ? ` (${found.a.text} / ${found.b.text})` : ''}\n  A: ${p.a}\n  B: ${p.b}`);
    }
  });
  const ms = performance.now() - started;
  return {
    set: file,
    all: score(all),
    dev: score(halves.dev),
    test: score(halves.test),
    kinds: Object.fromEntries(Object.entries(kinds).map(([k, t]) => [k, score(t)])),
    msPerPair: round(ms / pairs.length, 3),
  };
}

const CORPORA = join(os.homedir(), '.cache/consistency-checker/realdocs/corpora');
const KERNEL_DOCS = join(CORPORA, 'linux-doc-6.1/usr/share/doc/linux-doc-6.1/Documentation');

interface WildCorpus {
  name: string;
  dir: string;
  extension: string;
  language: LanguageId;
  scope: 'workspace' | 'document';
}

const ADMIN_GUIDE: WildCorpus = {
  name: 'linux-doc-6.1 Documentation/admin-guide',
  dir: join(KERNEL_DOCS, 'admin-guide'),
  extension: '.rst',
  language: 'restructuredtext',
  scope: 'workspace',
};
/** --wide: every rST file of the kernel (each file on its own: across 3,000 files nearly every pair
 * is about different hardware) and git's manual pages as one workspace. */
const WIDE: WildCorpus[] = [
  { ...ADMIN_GUIDE, name: 'linux-doc-6.1 Documentation (each file)', dir: KERNEL_DOCS, scope: 'document' },
  {
    name: 'git-doc manual pages',
    dir: join(CORPORA, 'git-doc/usr/share/doc/git-doc'),
    extension: '.txt',
    language: 'asciidoc',
    scope: 'workspace',
  },
];

function inTheWild(corpus: WildCorpus) {
  if (!existsSync(corpus.dir)) return undefined;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat && name.endsWith(corpus.extension)) files.push(full);
    }
  };
  walk(corpus.dir);
  const docs = files.map((f) => {
    const text = readFileSync(f, 'utf8');
    return {
      relativePath: relative(corpus.dir, f),
      text,
      sentences: segmentDocument(text, corpus.language),
      suppressions: Suppressions.of(text, corpus.language),
    };
  });
  const sentences = docs.reduce((n, d) => n + d.sentences.length, 0);
  const started = performance.now();
  const found = quantityFindings(docs, { scope: corpus.scope, claims: [] });
  return {
    corpus: corpus.name,
    scope: corpus.scope,
    files: files.length,
    sentences,
    findings: found.length,
    perThousandSentences: round((found.length / sentences) * 1000, 2),
    ms: round(performance.now() - started, 0),
    list: found.map((f) => ({
      a: `${f.a.relativePath}: ${f.a.sentence.clean}`,
      b: `${f.b!.relativePath}: ${f.b!.sentence.clean}`,
      says: f.says,
      otherSays: f.otherSays,
    })),
  };
}

function main(): void {
  const show = process.argv.includes('--show');
  const kernel = evaluate('test/fixtures/quantities/pairs.jsonl', show);
  const git = evaluate('test/fixtures/quantities/pairs-git.jsonl', show);
  const wild = inTheWild(ADMIN_GUIDE);
  const wide = process.argv.includes('--wide') ? WIDE.map(inTheWild) : [];
  const file = writeResult('quantities', { kernel, heldOut: git, wild, wide });
  for (const w of [wild, ...wide])
    if (w)
      log(
        `in the wild (${w.corpus}, ${w.scope} scope): ${w.findings} findings in ${w.sentences} sentences of ${w.files} files (${w.perThousandSentences} per 1,000 sentences), ${w.ms} ms`,
      );
  for (const [name, result] of [
    ['linux-doc (labelled set)', kernel],
    ['git-doc (held out)', git],
  ] as const) {
    log(
      `${name}: precision ${result.all.precision}, recall ${result.all.recall} on ${result.all.pairs} pairs (${result.all.disagreeing} disagreeing); halves dev ${result.dev.precision}/${result.dev.recall}, test ${result.test.precision}/${result.test.recall}`,
    );
    for (const [k, t] of Object.entries(result.kinds))
      log(`  ${k}: ${t.pairs} pairs, tp ${t.tp} fp ${t.fp} fn ${t.fn} tn ${t.tn}`);
  }
  log(`-> ${file}`);
}

main();
