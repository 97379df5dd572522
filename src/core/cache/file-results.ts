// The per-file layer of the persistent cache: what checking one file produced (its sentence count,
// findings and supporting sentences), keyed by everything the result depends on, so an unchanged
// file costs a hash instead of a parse:
//   content hash, language, segmentation version, tool version, workspace-relative path (claim
//   scopes and dismissals depend on it; relative so a cache restored on another runner still hits),
//   and the hash of the claims and settings that apply (claims, verdict rule, pairing, model,
//   dismissals, evidence threshold).
import { createHash } from 'node:crypto';
import type { Claim } from '../claims';
import type { Finding } from '../check';
import type { SupportingSentence } from '../evidence';
import type { Sentence } from '../segment';
import type { Probabilities } from '../verdict';
import type { RecordLog } from './record-log';

/**
 * Bump when src/core/segment or src/core/suppressions change what they produce for the same text
 * (sentences, offsets, clean text, silenced pairs): cached file results of the old version then
 * miss. The tool version is in the key too, so a release always starts afresh.
 */
export const SEGMENTATION_VERSION = 1;

export interface FileResult {
  sentences: number;
  findings: Finding[];
  support: SupportingSentence[];
}

export interface FileKeyParts {
  text: string;
  language: string;
  relativePath: string;
  /** settingsHash() of the run. */
  settings: string;
  /** The claims that apply to this file, in order. */
  claims: readonly Claim[];
}

/** One hash of the run-wide inputs of every file result (model, rule, pairing, dismissals...). */
export function settingsHash(parts: Record<string, unknown>, toolVersion: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...parts, toolVersion, segmentation: SEGMENTATION_VERSION }))
    .digest('hex');
}

export function fileResultKey(parts: FileKeyParts): string {
  // Only what the checker reads of a claim: a note or scope edit elsewhere does not invalidate.
  const claims = parts.claims.map((c) => [c.id, c.text, c.source?.file ?? null]);
  return createHash('sha256')
    .update(
      `file\u0000${parts.settings}\u0000${parts.language}\u0000${parts.relativePath}\u0000${JSON.stringify(claims)}\u0000`,
    )
    .update(parts.text)
    .digest('hex')
    .slice(0, 40);
}

/** Stored form: claims by id and sentences as tuples, so a record stays small. */
interface StoredSentence {
  c: string;
  s: [number, number, string, string];
  p: Probabilities;
  v?: Finding['severity'];
  d?: Probabilities[];
}
interface StoredResult {
  n: number;
  f: StoredSentence[];
  u: StoredSentence[];
}

export class FileResultCache {
  hits = 0;

  constructor(private readonly log: RecordLog) {}

  /** The cached result, its claims resolved against `claims`; undefined on a miss. */
  get(key: string, claims: readonly Claim[]): FileResult | undefined {
    const stored = this.log.get(key) as StoredResult | undefined;
    if (!stored || typeof stored.n !== 'number' || !Array.isArray(stored.f) || !Array.isArray(stored.u))
      return undefined;
    const byId = new Map(claims.map((c) => [c.id, c]));
    if (![...stored.f, ...stored.u].every((x) => byId.has(x.c))) return undefined;
    const sentence = (x: StoredSentence): Sentence => ({ start: x.s[0], end: x.s[1], text: x.s[2], clean: x.s[3] });
    this.hits++;
    return {
      sentences: stored.n,
      findings: stored.f.map((x) => ({
        claim: byId.get(x.c)!,
        sentence: sentence(x),
        probabilities: x.p,
        severity: x.v!,
        ...(x.d ? { directions: x.d } : {}),
      })),
      support: stored.u.map((x) => ({ claim: byId.get(x.c)!, sentence: sentence(x), probabilities: x.p })),
    };
  }

  set(key: string, result: FileResult): void {
    const stored = (x: { claim: Claim; sentence: Sentence; probabilities: Probabilities }): StoredSentence => ({
      c: x.claim.id,
      s: [x.sentence.start, x.sentence.end, x.sentence.text, x.sentence.clean],
      p: x.probabilities,
    });
    this.log.set(key, {
      n: result.sentences,
      f: result.findings.map((f) => ({ ...stored(f), v: f.severity, ...(f.directions ? { d: f.directions } : {}) })),
      u: result.support.map(stored),
    } satisfies StoredResult);
  }
}
