// A document in the fixture model's own domain, so that what the model flags means something:
// test/fixtures/tiny-bert-nli answers "The <subject> <predicate> <object>." against its negation
// reliably (85% on its test set) and arbitrarily on anything else, such as real prose.
// 20 affirmative claims drawn (seeded) from the contradiction pairs of synthetic-test.json, and a
// plain-text document of 600 distinct sentences from the same file that includes each claim's
// contradicting sentence, so exhaustive mode has real contradictions to find among many sentences
// about the same subjects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim } from '../../src/core/claims';
import { TINY_MODEL } from './report';

interface LabelledPair {
  premise: string;
  hypothesis: string;
  label: 'entailment' | 'neutral' | 'contradiction';
}

export interface FixtureDomainCorpus {
  text: string;
  claims: Claim[];
  /** Claim id -> the sentence planted to contradict it. */
  planted: Map<string, string>;
}

export function fixtureDomainCorpus(claimCount = 20, sentenceCount = 600, seed = 7): FixtureDomainCorpus {
  const pairs = JSON.parse(readFileSync(join(TINY_MODEL, 'synthetic-test.json'), 'utf8')) as LabelledPair[];
  const random = mulberry32(seed);
  const negated = /\bnot\b|n't\b/;
  const single = (s: string) => !s.includes('. ');
  const candidates = shuffle(
    pairs.filter(
      (p) => p.label === 'contradiction' && single(p.premise) && single(p.hypothesis) && !negated.test(p.premise),
    ),
    random,
  );
  const claims: Claim[] = [];
  const planted = new Map<string, string>();
  const used = new Set<string>();
  for (const p of candidates) {
    if (claims.length === claimCount) break;
    if (used.has(p.premise) || used.has(p.hypothesis)) continue;
    const id = `f${String(claims.length + 1).padStart(2, '0')}`;
    claims.push({ id, text: p.premise, enabled: true });
    planted.set(id, p.hypothesis);
    used.add(p.premise).add(p.hypothesis);
  }
  const others = shuffle(
    [...new Set(pairs.flatMap((p) => [p.premise, p.hypothesis]).filter(single))].filter((s) => !used.has(s)),
    random,
  ).slice(0, sentenceCount - planted.size);
  const sentences = shuffle([...planted.values(), ...others], random);
  // One sentence per line, in paragraphs of five, like a plain-text note.
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(' '));
  return { text: paragraphs.join('\n\n') + '\n', claims, planted };
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The synthetic task's own label, independent of any model: "The <subject> <predicate> <object>."
 * contradicts the same sentence negated ("does not", "is not", "doesn't", "isn't") and nothing
 * else. Undefined when a sentence is not of that form.
 */
export function isTaskContradiction(claim: string, sentence: string): boolean | undefined {
  const a = parseTaskSentence(claim);
  const b = parseTaskSentence(sentence);
  if (!a || !b) return undefined;
  return a.subject === b.subject && a.predicate === b.predicate && a.negated !== b.negated;
}

const VERBS = ['support', 'include', 'accept', 'provide', 'allow', 'use', 'require', 'store'];

export function parseTaskSentence(text: string): { subject: string; predicate: string; negated: boolean } | undefined {
  const t = text
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/doesn't/g, 'does not')
    .replace(/isn't/g, 'is not');
  const words = t.split(' ');
  if (words[0] !== 'the') return undefined;
  for (let i = 2; i < words.length; i++) {
    const w = words[i];
    const rest = words.slice(i + 1);
    const subject = words.slice(1, i).join(' ');
    if (w === 'does' && rest[0] === 'not' && VERBS.includes(rest[1]))
      return { subject, predicate: rest.slice(1).join(' '), negated: true };
    if (w === 'is' && rest[0] === 'not') return { subject, predicate: `is ${rest.slice(1).join(' ')}`, negated: true };
    if (w === 'is') return { subject, predicate: `is ${rest.join(' ')}`, negated: false };
    if (w.endsWith('s') && VERBS.includes(w.slice(0, -1)))
      return { subject, predicate: [w.slice(0, -1), ...rest].join(' '), negated: false };
  }
  return undefined;
}
