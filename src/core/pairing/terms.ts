// Turns a sentence or a claim into the evidence the relevance filter compares: content-word stems,
// numbers, unit classes, antonym keys, acronyms, WordNet concepts (wordnet.ts). Pure and cheap (a regex pass and a few map
// lookups per word), so a 2,000-sentence document is analysed in milliseconds.
import { ANTONYMS, AUXILIARIES, GENERIC_WORDS, NUMBER_WORDS, STOP_WORDS, UNIT_CLASSES } from './lexicon';
import { stem } from './stem';
import { CONCEPT_PREFIX, conceptKeys } from './wordnet';

/** One content word (or number, or acronym) of a claim: matched if any of its keys occurs in the sentence. */
export interface Term {
  /** The first key names the term; the others are alternatives (antonym, unit class, unprefixed stem). */
  keys: string[];
  weight: number;
  /** Acronym alternatives ("write-ahead log" -> WAL) do not add to the claim's total weight. */
  alternative?: boolean;
}

export interface TextAnalysis {
  /** Deduplicated terms, in text order. */
  terms: Term[];
  /** What the text has: every key of every term (of WordNet keys, the emitted ones: wordnet.ts),
   * plus the acronyms the text's word sequences spell. */
  keys: Set<string>;
  /** Word tokens in the text, numbers included (short statements get a lower floor: selector.ts). */
  words: number;
  /** The text reads as a statement, not a heading or a label: at least three words, with an
   * auxiliary verb ("No one is singing.") or at least two content words ("The team won the match."). */
  statement: boolean;
}

export const GENERIC_WEIGHT = 0.5;

// A number with thousands separators ("10,000"), or a word, possibly joined to more words by
// hyphens, dots, apostrophes or underscores: "write-ahead", "node.js", "doesn't", "0.9", "AES-256-GCM".
const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:[-_.'’][\p{L}\p{N}]+)*/gu;
const NUMBER = /^\d+(?:[.,_]\d+)*$/;
const HAS_LETTER = /\p{L}/u;
const PLAIN_WORD = /^[a-z]{2,}$/;

const ANTONYM_KEY = new Map<string, string>();
for (const [a, b] of ANTONYMS) {
  const key = `!${stem(a)}`;
  if (!ANTONYM_KEY.has(stem(a))) ANTONYM_KEY.set(stem(a), key);
  ANTONYM_KEY.set(stem(b), ANTONYM_KEY.get(stem(a))!);
}
const NEGATING_PREFIX = /^(un|non-?)(?=\p{L}{4})/u;

export interface AnalyzeOptions {
  /** Add WordNet concept keys (default true). The relevance filter wants every paraphrase; a rule
   * that needs the same words ("same subject" for quantities) turns them off. */
  concepts?: boolean;
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): TextAnalysis {
  const withConcepts = options.concepts ?? true;
  const terms: Term[] = [];
  const seen = new Set<string>();
  const keys = new Set<string>();
  const initials: Array<string | undefined> = []; // per word, for acronym windows; undefined breaks a window
  const stops: boolean[] = [];
  const conceptsOf = new Map<Term, Set<string>>(); // per term, the WordNet keys its words emit
  let words = 0;
  let auxiliary = false;

  /** `hasKeys`: the caller has added what the text has (see the WordNet keys below). */
  const addTerm = (term: Term, hasKeys = false) => {
    if (!hasKeys) for (const key of term.keys) keys.add(key);
    if (seen.has(term.keys[0])) return;
    seen.add(term.keys[0]);
    terms.push(term);
  };

  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    words++;
    if (NUMBER.test(raw)) {
      addTerm({ keys: [`#${normalizeNumber(raw)}`], weight: 1 });
      initials.push(undefined);
      stops.push(false);
      continue;
    }
    const lower = raw.toLowerCase().replace(/’/g, "'");
    if (AUXILIARIES.has(lower.split("'")[0])) auxiliary = true;
    const parts = lower.split(/[-_.']/).filter((p) => p.length > 0 && HAS_LETTER.test(p) && !STOP_WORDS.has(p));
    const isAllCaps = raw.length >= 2 && raw.length <= 6 && /^[A-Z]+[0-9]*$/.test(raw);
    initials.push(HAS_LETTER.test(lower[0]) ? lower[0] : undefined);
    stops.push(STOP_WORDS.has(lower));
    if (parts.length === 0) continue;

    const number = parts.length === 1 ? NUMBER_WORDS[parts[0]] : undefined;
    if (number !== undefined) {
      addTerm({ keys: [`#${number}`], weight: 1 });
      continue;
    }
    const joined = parts.join('');
    const termKeys = [stem(joined)];
    if (parts.length > 1) for (const p of parts) termKeys.push(stem(p));
    for (const part of parts) {
      const unit = UNIT_CLASSES[part];
      if (unit) termKeys.push(`~${unit}`);
      const antonym = ANTONYM_KEY.get(stem(part));
      if (antonym) termKeys.push(antonym);
      const prefix = NEGATING_PREFIX.exec(part);
      if (prefix) {
        const rest = stem(part.slice(prefix[0].length));
        termKeys.push(rest);
        const restAntonym = ANTONYM_KEY.get(rest);
        if (restAntonym) termKeys.push(restAntonym);
      }
    }
    // WordNet concepts (synonyms, one level of hypernyms, antonyms): paraphrases share no stem.
    // Not for acronyms and names in capitals ("WAL", "TLS"), whose letters may spell an unrelated word.
    const ownKeys = termKeys.length;
    let emitted: readonly string[] = [];
    if (withConcepts && !isAllCaps) {
      for (const word of parts.length > 1 ? [joined, ...parts] : parts) {
        if (!PLAIN_WORD.test(word)) continue;
        const concepts = conceptKeys(word);
        if (concepts.lookup.length === 0) continue;
        for (const key of concepts.lookup) termKeys.push(key);
        emitted = emitted.length === 0 ? concepts.emitted : [...emitted, ...concepts.emitted];
      }
    }
    if (isAllCaps) termKeys.push(`@${lower}`, `^${lower}`);
    const generic = parts.every((p) => GENERIC_WORDS.has(p));
    const term: Term = { keys: termKeys, weight: generic ? GENERIC_WEIGHT : 1 };
    if (emitted.length > 0) {
      if (!seen.has(termKeys[0])) conceptsOf.set(term, new Set(emitted));
      for (const key of emitted) keys.add(key);
    }
    // A term's WordNet keys are what it is found by; the text has the ones conceptKeys emits.
    for (let i = 0; i < termKeys.length; i++)
      if (i < ownKeys || !termKeys[i].startsWith(CONCEPT_PREFIX)) keys.add(termKeys[i]);
    addTerm(term, true);
  }
  if (conceptsOf.size > 1) dropInnerRelations(conceptsOf);

  // Acronyms the text spells ("time to live" -> @ttl) match an all-caps word on the other side
  // (key ^ttl), and the other way round. Windows of 2 to 4 words that start and end on a content word.
  for (let i = 0; i < initials.length; i++) {
    if (initials[i] === undefined || stops[i]) continue;
    let letters = initials[i]!;
    for (let j = i + 1; j < Math.min(i + 4, initials.length); j++) {
      if (initials[j] === undefined) break;
      letters += initials[j];
      if (stops[j]) continue;
      keys.add(`@${letters}`);
      const key = `^${letters}`;
      if (!seen.has(key)) {
        seen.add(key);
        terms.push({ keys: [key], weight: 1, alternative: true });
      }
    }
  }
  const contentTerms = terms.filter((t) => !t.alternative).length;
  return { terms, keys, words, statement: words >= 3 && (auxiliary || contentTerms >= 2) };
}

/**
 * A term's WordNet keys that another term of the same text emits are dropped from it. In "Refunds
 * are issued to the original payment method" a refund is a kind of payment: with the key, every
 * sentence that says "payment" would match both terms, twice the evidence for one shared word (on
 * bench/corpus such claims were most of the pairs WordNet added). A word still finds its own
 * synonyms, hypernyms and antonyms.
 */
function dropInnerRelations(conceptsOf: Map<Term, Set<string>>): void {
  const emitters = new Map<string, number>();
  for (const emitted of conceptsOf.values()) for (const key of emitted) emitters.set(key, (emitters.get(key) ?? 0) + 1);
  for (const [term, emitted] of conceptsOf) {
    term.keys = term.keys.filter(
      (key) => !key.startsWith(CONCEPT_PREFIX) || (emitters.get(key) ?? 0) - (emitted.has(key) ? 1 : 0) === 0,
    );
  }
}

function normalizeNumber(raw: string): string {
  // "10,000" and "10_000" are ten thousand; "0.9" stays a decimal (and a version number).
  const compact = raw.replace(/[,_](?=\d{3}(?:\D|$))/g, '');
  const value = Number(compact);
  return Number.isFinite(value) ? String(value) : compact;
}
