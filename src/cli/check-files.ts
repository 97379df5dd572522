// One document of a `check` run: from its text to its sentence count, findings and supporting
// sentences, through the per-file cache when there is one (an unchanged file costs a hash, not a
// parse and not a model call).
import { Checker, type CheckOptions } from '../core/check';
import type { Claim } from '../core/claims';
import { fileResultKey, type FileResult, type FileResultCache } from '../core/cache';
import { segmentDocument, type LanguageId } from '../core/segment';
import { Suppressions } from '../core/suppressions';

export interface FileToCheck {
  text: string;
  language: LanguageId;
  /** Workspace-relative, forward slashes. */
  relativePath: string;
}

export interface FileCacheContext {
  files: FileResultCache;
  /** settingsHash() of this run's claims-independent inputs. */
  settings: string;
}

export interface CheckedFile extends FileResult {
  /** Pairs this file needed (scored or reused), for the progress line. */
  pairs: number;
}

export async function checkFile(
  checker: Checker,
  doc: FileToCheck,
  applicable: Claim[],
  options: CheckOptions,
  cache?: FileCacheContext,
): Promise<CheckedFile> {
  const key = cache && fileResultKey({ ...doc, settings: cache.settings, claims: applicable });
  const hit = key ? cache.files.get(key, applicable) : undefined;
  if (hit) return { ...hit, pairs: 0 };
  const sentences = segmentDocument(doc.text, doc.language);
  let result: CheckedFile = { sentences: sentences.length, findings: [], support: [], pairs: 0 };
  if (applicable.length > 0) {
    const outcome = await checker.check(
      { relativePath: doc.relativePath, sentences, suppressions: Suppressions.of(doc.text, doc.language) },
      applicable,
      options,
    );
    result = {
      sentences: sentences.length,
      findings: outcome.findings,
      support: outcome.support,
      pairs: outcome.stats.pairs,
    };
  }
  if (key) cache.files.set(key, result);
  return result;
}
