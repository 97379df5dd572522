// A deliberately crude stemmer: strip one common English suffix, then keep at most six letters.
// Both sides of a pair go through the same function, so it only has to map the forms of a word to
// one key ("encrypted", "encryption" -> "encryp"; "replicas", "replication" -> "replic"), not to
// produce real stems. Prefix truncation is a classic cheap stemmer for retrieval; a collision
// ("general" / "generate") only makes the filter let one more pair through to the model.

const MAX_STEM = 6;
const MIN_STEM = 4;

// Longest first; each applies only if at least MIN_STEM letters remain.
const SUFFIXES = [
  'izations',
  'ization',
  'ations',
  'ation',
  'itions',
  'ition',
  'ments',
  'ment',
  'ness',
  'ities',
  'ity',
  'ings',
  'ing',
  'ions',
  'ion',
  'ies',
  'ied',
  'ers',
  'edly',
  'ed',
  'ly',
  'es',
  's',
];

export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
  if (w.length > MIN_STEM) {
    for (const suffix of SUFFIXES) {
      if (!w.endsWith(suffix) || w.length - suffix.length < MIN_STEM) continue;
      // "process", "status", "analysis": a final s that is not a plural.
      if (suffix === 's' && /(ss|us|is)$/.test(w)) break;
      w = w.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') w += 'y';
      break;
    }
  }
  // "enable" / "enabled", "cache" / "cached": drop a final e (and a final y for "expiry" / "expire").
  if (w.length > 3 && (w.endsWith('e') || w.endsWith('y'))) w = w.slice(0, -1);
  return w.slice(0, MAX_STEM);
}
