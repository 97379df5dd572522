// Inline suppressions: parts of a document where findings are silenced by comments in it.
//   consistency-disable [claim=c1,c2]   silences from here on (every claim, or only those listed);
//   consistency-enable [claim=c1,c2]    ends it (without claim=: every disable before it);
//   consistency-ignore-next-line [claim=c1]   silences the sentences on the next non-blank line.
// A sentence is silenced by a disable region when it starts inside it, and by ignore-next-line
// when it touches that line. The comments live in the text, so they move with every edit and
// work the same in the editor and the CLI. See directives.ts for each format's comment syntax.
import type { LanguageId } from '../segment/types';
import { findDirectives, type Directive } from './directives';

export { findDirectives, type Directive, type DirectiveKind } from './directives';

interface Region {
  start: number;
  end: number;
  /** undefined: every claim. */
  claims?: ReadonlySet<string>;
  /** true: a sentence touching the range is silenced; false: one starting in it. */
  touching: boolean;
}

export class Suppressions {
  static readonly none = new Suppressions([]);

  private constructor(private readonly regions: readonly Region[]) {}

  /** The suppressions a document's comments declare; Suppressions.none when it has none. */
  static of(text: string, language: LanguageId): Suppressions {
    const directives = findDirectives(text, language);
    return directives.length === 0 ? Suppressions.none : new Suppressions(regionsOf(text, directives));
  }

  get empty(): boolean {
    return this.regions.length === 0;
  }

  /**
   * For each sentence (in document order), the claims whose findings on it are silenced: 'all',
   * a set of claim ids, or undefined. One sweep over sentences and regions sorted by offset, so a
   * document with many comments costs about (sentences + regions), not their product.
   */
  forSentences(sentences: ReadonlyArray<{ start: number; end: number }>): Array<Silenced | undefined> {
    const out: Array<Silenced | undefined> = new Array(sentences.length);
    if (this.regions.length === 0) return out;
    const regions = [...this.regions].sort((a, b) => a.start - b.start);
    let next = 0;
    let active: Region[] = [];
    sentences.forEach((s, i) => {
      while (next < regions.length && regions[next].start < s.end) active.push(regions[next++]);
      active = active.filter((r) => r.end > s.start);
      let claims: Set<string> | undefined;
      for (const r of active) {
        if (!(r.touching || s.start >= r.start)) continue;
        if (!r.claims) {
          out[i] = 'all';
          return;
        }
        claims ??= new Set();
        for (const id of r.claims) claims.add(id);
      }
      out[i] = claims;
    });
    return out;
  }
}

/** The claims silenced on one sentence. */
export type Silenced = 'all' | ReadonlySet<string>;

export function isSilenced(silenced: Silenced | undefined, claimId: string): boolean {
  return silenced === 'all' || (silenced !== undefined && silenced.has(claimId));
}

function regionsOf(text: string, directives: Directive[]): Region[] {
  const regions: Region[] = [];
  let allSince: number | undefined; // an open "disable" for every claim
  const claimSince = new Map<string, number>(); // open "disable claim=..." by claim id
  const close = (start: number, end: number, claim?: string) =>
    regions.push({ start, end, claims: claim === undefined ? undefined : new Set([claim]), touching: false });

  for (const d of directives) {
    if (d.kind === 'ignore-next-line') {
      const line = nextNonBlankLine(text, d.lineEnd);
      if (line) regions.push({ ...line, claims: d.claims && new Set(d.claims), touching: true });
    } else if (d.kind === 'disable') {
      if (!d.claims) allSince ??= d.offset;
      else for (const id of d.claims) if (!claimSince.has(id)) claimSince.set(id, d.offset);
    } else if (!d.claims) {
      if (allSince !== undefined) close(allSince, d.offset);
      for (const [id, since] of claimSince) close(since, d.offset, id);
      allSince = undefined;
      claimSince.clear();
    } else {
      for (const id of d.claims) {
        const since = claimSince.get(id);
        if (since !== undefined) close(since, d.offset, id);
        claimSince.delete(id);
      }
    }
  }
  if (allSince !== undefined) close(allSince, text.length);
  for (const [id, since] of claimSince) close(since, text.length, id);
  return regions;
}

/** The first line at or after `from` with a non-blank character, as [start, end) offsets. */
function nextNonBlankLine(text: string, from: number): { start: number; end: number } | undefined {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.slice(start, end).trim() !== '') return { start, end };
    start = end + 1;
  }
  return undefined;
}
