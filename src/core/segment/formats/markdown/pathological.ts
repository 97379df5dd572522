// Guard against CommonMark's super-linear cases (found by test/reliability/segment.test.ts with
// micromark, the parser once used here): deeply nested containers (a line of 20,000 '>' took
// minutes; 500 nested list levels too) and long runs of emphasis delimiters in one paragraph
// ('a*b_' x 10,000: 20 s, growing quadratically); our scanner's container walk and delimiter
// matching have the same shape of cost. No real document looks like this, but a generated or hostile file must not
// block the language server's main thread, so such a group goes to the linear lite reader.

/** Container nesting (blockquote markers, or indentation in columns / 4) beyond this is pathological. */
const MAX_NESTING = 32;
/** Emphasis and link delimiters per parsed group beyond this are pathological. */
const MAX_DELIMITERS = 4096;

/**
 * Whether source[start, end) has a pathological shape. `delimiters`, when the caller counted
 * them already (chunks.ts does), saves a pass.
 */
export function looksPathological(
  source: string,
  start = 0,
  end = source.length,
  delimiters = countDelimiters(source, start, end),
): boolean {
  if (delimiters > MAX_DELIMITERS) return true;
  let lineStart = start;
  while (lineStart < end) {
    let depth = 0;
    let column = 0;
    let i = lineStart;
    for (; i < end; i++) {
      const c = source.charCodeAt(i);
      if (c === 62 /* > */) depth++;
      else if (c === 32) column++;
      else if (c === 9) column += 4;
      else break;
      if (depth > MAX_NESTING || column > MAX_NESTING * 4) return true;
    }
    const next = source.indexOf('\n', i);
    if (next < 0 || next >= end) break;
    lineStart = next + 1;
  }
  return false;
}

/** Emphasis and link delimiters: * _ [ ] ~ */
function countDelimiters(source: string, start: number, end: number): number {
  let delimiters = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 42 || c === 95 || c === 91 || c === 93 || c === 126) delimiters++;
  }
  return delimiters;
}
