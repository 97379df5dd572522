// A linear-time matcher for scope globs. Both a scope and the file names it is matched against
// come from the repository, and a backtracking regex (picomatch) is exponential on patterns like
// `*a*a*a*a*a*a*b` or the extglob `+(*a)b` against a long run of `a`s: one hostile claim froze the
// language server for minutes. Here every match is a wildcard match without nested backtracking:
// O(pattern x path) per alternative. Supported: `*` (within a folder), `**` (any number of
// folders), `?`, `[abc]` / `[a-z]` / `[!abc]`, `{a,b}` (nested, at most MAX_ALTERNATIVES in all).

/** Longest scope glob accepted (picomatch itself refuses input over 65,536 characters mid-check). */
export const MAX_GLOB_LENGTH = 1024;
/** Brace alternatives a glob may expand to. */
const MAX_ALTERNATIVES = 256;

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; test: (c: string) => boolean };
type Segment = { kind: 'globstar' } | { kind: 'tokens'; tokens: Token[] };

export type GlobMatcher = (path: string) => boolean;

/** Why `glob` cannot be used, or undefined. */
export function globSyntaxProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters`;
  if (/[+@!*?]\(/.test(glob))
    return 'uses an extended glob like +(...) or @(...), which is not supported (use {a,b} alternatives)';
  if (expandBraces(glob) === undefined) return `expands to more than ${MAX_ALTERNATIVES} {a,b} alternatives`;
  return undefined;
}

/** Compiles a glob whose globSyntaxProblem is undefined; a problem glob matches nothing. */
export function compileGlob(glob: string): GlobMatcher {
  if (globSyntaxProblem(glob) !== undefined) return () => false;
  const alternatives = expandBraces(glob)!.map(parseSegments);
  return (path) => {
    const parts = path.split('/');
    return alternatives.some((segments) => matchSegments(segments, parts));
  };
}

/** `a{b,c{d,e}}` -> [ab, acd, ace]; undefined past MAX_ALTERNATIVES. An unmatched brace is literal. */
function expandBraces(glob: string): string[] | undefined {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  // The matching close and the top-level commas between.
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) {
    // Not an alternative list: keep the "{" literal and expand what follows it.
    const rest = expandBraces(glob.slice(open + 1));
    return rest?.map((r) => glob.slice(0, open + 1) + r);
  }
  const bounds = [open, ...commas, close];
  const options: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const expanded = expandBraces(glob.slice(bounds[k] + 1, bounds[k + 1]));
    if (!expanded) return undefined;
    options.push(...expanded);
    if (options.length > MAX_ALTERNATIVES) return undefined;
  }
  const tails = expandBraces(glob.slice(close + 1));
  if (!tails || options.length * tails.length > MAX_ALTERNATIVES) return undefined;
  const head = glob.slice(0, open);
  return options.flatMap((o) => tails.map((t) => head + o + t));
}

function parseSegments(glob: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of glob.split('/')) {
    if (part === '**') {
      if (segments[segments.length - 1]?.kind !== 'globstar') segments.push({ kind: 'globstar' });
    } else segments.push({ kind: 'tokens', tokens: parseTokens(part) });
  }
  return segments;
}

function parseTokens(part: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const end = part.indexOf(']', i + 2);
      if (end < 0) tokens.push({ kind: 'char', char: c });
      else {
        tokens.push(parseClass(part.slice(i + 1, end)));
        i = end;
      }
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

function parseClass(body: string): Token {
  const negated = body[0] === '!' || body[0] === '^';
  const chars = negated ? body.slice(1) : body;
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      ranges.push([chars[i]!, chars[i + 2]!]);
      i += 2;
    } else ranges.push([chars[i]!, chars[i]!]);
  }
  const inSet = (c: string) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return { kind: 'class', negated, test: (c) => c !== '/' && inSet(c) !== negated };
}

function tokenMatches(token: Token, c: string): boolean {
  if (token.kind === 'char') return token.char === c;
  if (token.kind === 'any') return true;
  if (token.kind === 'class') return token.test(c);
  return false;
}

/** Wildcard match of one path segment: `*` is the star, a token matches one character. */
function matchTokens(tokens: Token[], text: string): boolean {
  return matchWithStars(
    tokens,
    text.length,
    (t) => t.kind === 'star',
    (token, i) => tokenMatches(token, text[i]!),
  );
}

/** The same algorithm one level up: `**` is the star, a segment match is the character test. */
function matchSegments(segments: Segment[], parts: string[]): boolean {
  return matchWithStars(
    segments,
    parts.length,
    (s) => s.kind === 'globstar',
    (segment, i) => segment.kind === 'tokens' && matchTokens(segment.tokens, parts[i]!),
  );
}

/**
 * The classic two-pointer wildcard match. On a mismatch only the most recent star is retried one
 * position further, which is enough (an earlier star could not do better) and bounds the work by
 * pattern x input. `matches(item, i)` tests a non-star item against input position i.
 */
function matchWithStars<T>(
  pattern: T[],
  length: number,
  isStar: (item: T) => boolean,
  matches: (item: T, i: number) => boolean,
): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < length) {
    const item = pattern[p];
    if (item !== undefined && !isStar(item) && matches(item, t)) {
      t++;
      p++;
    } else if (item !== undefined && isStar(item)) {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p])) p++;
  return p === pattern.length;
}
