// Which of the documents the operands name this run checks: only those a list or a git diff names
// (--files-from, --changed-since), then this CI job's slice of them (--shard K/N).
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError, type ParsedArgs } from './args';
import { displayPath } from './paths';
import { parseShard, shardSlice, type Shard } from './shard';

export const SELECTION_FLAGS = { values: ['files-from', 'changed-since', 'shard'] };

export const SELECTION_USAGE = `  --files-from FILE|-    check only the listed paths (one a line; - reads stdin), within the operands
  --changed-since REF    check only files changed since the git ref (git diff --name-only REF);
                         a change under .consistency/ (claims, dismissals) means every file
  --shard K/N            check the K-th of N slices (sorted paths, balanced by size) for N CI jobs`;

export interface Selection {
  files: string[];
  shard?: Shard;
}

/** Validates the selection flags before any work (usage errors exit 2). */
export function selectionShard(args: ParsedArgs): Shard | undefined {
  const value = args.get('shard');
  return value === undefined ? undefined : parseShard(value);
}

/**
 * Narrows `files` (absolute, from the operands) to the listed or changed ones, then to the shard.
 * Listed paths outside the operands are ignored with one notice. `root` holds `.consistency/`.
 */
export async function selectFiles(
  args: ParsedArgs,
  files: string[],
  context: { cwd: string; root: string; claimsFile: string },
): Promise<Selection> {
  const shard = selectionShard(args);
  let selected = files;
  const listed = new Set<string>();
  let narrowed = false;
  const fromFile = args.get('files-from');
  if (fromFile !== undefined) {
    narrowed = true;
    for (const p of readList(fromFile, context.cwd)) listed.add(p);
  }
  const ref = args.get('changed-since');
  if (ref !== undefined) {
    const changed = changedSince(ref, context.cwd);
    const settingsChanged = changed.some(
      (p) => p === context.claimsFile || isInside(path.join(context.root, '.consistency'), p),
    );
    if (settingsChanged) {
      process.stderr.write(`consistency-check: claims or settings changed since ${ref}: checking every file\n`);
    } else {
      // With both flags, a file must be listed and changed.
      const previous = narrowed ? new Set(listed) : undefined;
      listed.clear();
      for (const p of changed) if (!previous || previous.has(p)) listed.add(p);
      narrowed = true;
    }
  }
  if (narrowed) {
    const known = new Set(files);
    selected = files.filter((f) => listed.has(f));
    const outside = [...listed].filter(
      (p) => !known.has(p) && !p.startsWith(context.root + path.sep + '.consistency' + path.sep),
    );
    if (outside.length > 0) {
      const shown = outside
        .slice(0, 3)
        .map((p) => displayPath(context.cwd, p))
        .join(', ');
      process.stderr.write(
        `consistency-check: ignored ${outside.length} listed path${outside.length === 1 ? '' : 's'} outside the checked files or not documents (${shown}${outside.length > 3 ? ', ...' : ''})\n`,
      );
    }
  }
  if (shard) selected = shardSlice(await withSizes(selected), shard);
  return { files: selected, shard };
}

/** Paths of a --files-from list, absolute; blank lines and surrounding spaces are ignored. */
function readList(source: string, cwd: string): string[] {
  let text: string;
  try {
    text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(path.resolve(cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(`--files-from: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => path.resolve(cwd, line));
}

/** Files added, copied, modified or renamed between REF and the working tree, absolute. */
function changedSince(ref: string, cwd: string): string[] {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since needs a git ref, not '${ref}'`);
  const git = (gitArgs: string[]) =>
    execFileSync('git', gitArgs, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  let names: string;
  try {
    // --relative: paths relative to cwd (and only those under it), so symlinked checkouts compare
    // equal to the operands' paths, which are resolved against cwd too.
    names = git(['diff', '--name-only', '-z', '--relative', '--no-renames', '--diff-filter=ACMRT', ref, '--']);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message)
      .trim()
      .split('\n')[0];
    throw new UsageError(`--changed-since ${ref}: ${stderr}`);
  }
  return names
    .split('\0')
    .filter((n) => n.length > 0)
    .map((n) => path.resolve(cwd, n));
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function withSizes(files: string[]): Promise<Array<{ file: string; size: number }>> {
  return Promise.all(
    files.map(async (file) => ({ file, size: (await fs.stat(file).catch(() => ({ size: 0 }))).size })),
  );
}
