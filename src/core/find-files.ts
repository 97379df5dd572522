// Expanding what a user names (files, folders, globs) into document paths, and walking a
// workspace for "Check workspace". Streams paths so a large tree is never held at once.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Folders never worth descending into. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.consistency']);

export interface WalkOptions {
  include: string[];
  exclude: string[];
}

/** Yields files under `root` whose root-relative path matches include and not exclude. */
export async function* walkFiles(root: string, options: WalkOptions): AsyncGenerator<string> {
  const included = picomatch(options.include, { dot: true });
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are not the user's documents
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = toPosix(path.relative(root, full));
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !excluded(relative) && !excluded(relative + '/')) pending.push(full);
      } else if (entry.isFile() && included(relative) && !excluded(relative)) {
        yield full;
      }
    }
  }
}

/**
 * Resolves command-line operands: an existing file is taken as is, a folder is walked for
 * documents matching `defaultInclude`, anything else is a glob relative to `cwd`.
 */
export async function expandOperands(operands: string[], cwd: string, defaultInclude: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const operand of operands) {
    const full = path.resolve(cwd, operand);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat?.isFile()) {
      found.add(full);
    } else if (stat?.isDirectory()) {
      for await (const file of walkFiles(full, { include: defaultInclude, exclude: [] })) found.add(file);
    } else {
      const scan = picomatch.scan(toPosix(operand));
      if (!scan.isGlob) throw new Error(`no such file or folder: ${operand}`);
      const base = path.resolve(cwd, scan.base || '.');
      for await (const file of walkFiles(base, { include: [scan.glob], exclude: [] })) found.add(file);
    }
  }
  return [...found].sort();
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
