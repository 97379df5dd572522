// Keeping the claims files inside the workspace. A repository is untrusted input and git commits
// symlinks: `.consistency/` or `claims.json` may be a link to the user's other files, to a device
// or to another project. Links are followed only while they stay inside the workspace folder (a
// claims file linked from a shared folder of the same workspace still works).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ClaimsError } from './errors';
import { errorCode } from '../util/io-error';

/**
 * Throws ClaimsError when `file`, with every link resolved, is not inside `workspace`. A file that
 * does not exist yet is judged by its nearest existing folder (where a save would create it).
 */
export async function assertInsideWorkspace(file: string, workspace: string): Promise<void> {
  const root = await realpathOr(path.resolve(workspace));
  const outside = await resolvesOutside(path.resolve(file), root, 0);
  if (outside) {
    const what =
      outside.via === path.resolve(file)
        ? 'is a link'
        : `is under ${path.relative(root, outside.via) || outside.via}, a link`;
    throw ClaimsError.at(
      file,
      `${what} to ${outside.target}, outside the workspace ${root}; links out of the workspace are not followed`,
    );
  }
}

/** Where `file` leads outside `root` (the path that links out, and its target), or undefined. */
async function resolvesOutside(
  file: string,
  root: string,
  depth: number,
): Promise<{ via: string; target: string } | undefined> {
  let probe = file;
  for (;;) {
    try {
      const real = await fs.realpath(probe);
      return isInside(real, root) ? undefined : { via: probe, target: real };
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw ClaimsError.at(file, `cannot resolve the path: ${(err as Error).message}`);
    }
    // Not resolvable: a dangling link, or one to something realpath cannot name (/dev/stdin on a
    // pipe resolves to "pipe:[...]"). Judge the link by where it points.
    const target = await fs.readlink(probe).catch(() => undefined);
    if (target !== undefined) {
      const resolved = path.resolve(path.dirname(probe), target);
      if (depth >= 40) return { via: probe, target: resolved };
      const beyond = await resolvesOutside(resolved, root, depth + 1);
      return beyond ? { via: probe, target: beyond.target } : undefined;
    }
    const parent = path.dirname(probe);
    if (parent === probe) return undefined;
    probe = parent;
  }
}

export function isInside(candidate: string, folder: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative));
}

async function realpathOr(dir: string): Promise<string> {
  try {
    return await fs.realpath(dir);
  } catch {
    return dir;
  }
}
