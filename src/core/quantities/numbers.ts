// Numbers written out in words ("one hundred", "twenty-five", "half a", "a dozen"), so that
// "one hundred requests" and "100 requests" are the same quantity.
import { CARDINALS as SMALL, SCALES } from '../text/number-words';

/**
 * The value of a run of number words starting at words[i], and how many words it used; undefined
 * when words[i] does not start one. "a hundred" and "a thousand" count; "a" alone does not.
 */
export function spelledNumber(words: readonly string[], i: number): { value: number; length: number } | undefined {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  const lower = (k: number) => words[k]?.toLowerCase();
  if ((lower(j) === 'a' || lower(j) === 'one') && SCALES[lower(j + 1) ?? ''] !== undefined) {
    current = 1;
    j++;
    any = true;
  }
  if (lower(j) === 'a' && lower(j + 1) === 'dozen') return { value: 12, length: j + 2 - i };
  if (lower(j) === 'half' && (lower(j + 1) === 'a' || lower(j + 1) === 'an')) return { value: 0.5, length: 2 };
  while (j < words.length) {
    const w = lower(j)!;
    const parts = w.split('-');
    if (parts.every((p) => SMALL[p] !== undefined) && parts.length <= 2) {
      current += parts.reduce((sum, p) => sum + SMALL[p], 0);
      any = true;
      j++;
      continue;
    }
    if (any && SCALES[w] !== undefined) {
      current = Math.max(current, 1) * SCALES[w];
      if (SCALES[w] >= 1000) {
        total += current;
        current = 0;
      }
      j++;
      continue;
    }
    if (any && w === 'and' && SMALL[lower(j + 1)?.split('-')[0] ?? ''] !== undefined) {
      j++;
      continue;
    }
    break;
  }
  if (!any) return undefined;
  return { value: total + current, length: j - i };
}
