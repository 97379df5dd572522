// `check --write-baseline FILE` and `check --baseline FILE`: the findings a project already has,
// recorded so that CI fails only on new ones. Findings are matched like dismissals, by claim,
// workspace-relative file and sentence text (whitespace collapsed), not by line: an edit elsewhere
// in the file does not make a known finding new.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { dismissalKey, normalizeSentence } from '../core/claims/dismissal-key';
import { toPosix } from '../core/find-files';
import { writeFileAtomic } from '../core/util/atomic-write';
import { UsageError } from './args';

export const BASELINE_FLAGS = { values: ['write-baseline', 'baseline'] };

export const BASELINE_USAGE = `  --write-baseline FILE  record the current findings in FILE (exit 0 unless another error)
  --baseline FILE        report and fail only on findings that are not in FILE`;

export interface BaselineEntry {
  claimId: string;
  file: string;
  sentence: string;
}

interface BaselineDocument {
  version: 1;
  findings: BaselineEntry[];
}

/** A finding as reported (`file` relative to cwd) as the root-relative entry a baseline keeps. */
export function baselineEntry(
  f: { claimId: string; file: string; sentence: string },
  cwd: string,
  root: string,
): BaselineEntry {
  return {
    claimId: f.claimId,
    file: toPosix(path.relative(root, path.resolve(cwd, f.file))),
    sentence: normalizeSentence(f.sentence),
  };
}

export async function writeBaseline(file: string, entries: BaselineEntry[]): Promise<void> {
  const unique = new Map(entries.map((e) => [dismissalKey(e.claimId, e.file, e.sentence), e]));
  const findings = [...unique.values()].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.claimId.localeCompare(b.claimId) || a.sentence.localeCompare(b.sentence),
  );
  const doc: BaselineDocument = { version: 1, findings };
  await writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n');
}

/** The set of known findings in a baseline file; a missing or malformed file is a usage error. */
export async function readBaseline(file: string): Promise<{ has(entry: BaselineEntry): boolean; size: number }> {
  let doc: Partial<BaselineDocument>;
  try {
    doc = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `--baseline: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (doc.version !== 1 || !Array.isArray(doc.findings))
    throw new UsageError(`--baseline: ${file} is not a baseline (written by check --write-baseline)`);
  const keys = new Set(doc.findings.map((e) => dismissalKey(String(e.claimId), String(e.file), String(e.sentence))));
  return { has: (e) => keys.has(dismissalKey(e.claimId, e.file, e.sentence)), size: keys.size };
}
