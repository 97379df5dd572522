// The benchmark corpus (bench/corpus): technical documents, the claims pinned about them, and the
// contradictions planted in them (gold.json), segmented with the product's own segmenter.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Claim } from '../../src/core/claims';
import { parseClaims } from '../../src/core/claims';
import { languageForPath, segmentDocument, type Sentence } from '../../src/core/segment';

export const CORPUS_DIR = resolve(__dirname, '..', 'corpus');

export interface CorpusDocument {
  /** Relative to the corpus root, forward slashes. */
  relativePath: string;
  text: string;
  sentences: Sentence[];
}

export interface GoldContradiction {
  claim: string;
  file: string;
  phrase: string;
  kind: 'negation' | 'value' | 'paraphrase' | 'context';
}

export interface Corpus {
  documents: CorpusDocument[];
  claims: Claim[];
  gold: GoldContradiction[];
}

export function loadCorpus(dir = CORPUS_DIR): Corpus {
  const files = walk(join(dir, 'docs'))
    .filter((f) => languageForPath(f))
    .sort();
  const documents = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const relativePath = relative(dir, file).split('\\').join('/');
    return { relativePath, text, sentences: segmentDocument(text, languageForPath(file)!) };
  });
  const claimsFile = join(dir, '.consistency', 'claims.json');
  const claims = parseClaims(readFileSync(claimsFile, 'utf8'), claimsFile).claims;
  const gold = (JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { contradictions: GoldContradiction[] })
    .contradictions;
  return { documents, claims, gold };
}

/** The sentence of `doc` that contains the gold phrase (whitespace-insensitive). */
export function goldSentence(doc: CorpusDocument, phrase: string): Sentence {
  const wanted = collapse(phrase);
  const found = doc.sentences.filter((s) => collapse(s.text).includes(wanted) || collapse(s.clean).includes(wanted));
  if (found.length !== 1)
    throw new Error(`gold phrase "${phrase}" matches ${found.length} sentences of ${doc.relativePath}`);
  return found[0];
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
