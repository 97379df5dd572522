// Keeping the claims files inside the workspace. A repository is untrusted input and git commits
// symlinks: `.consistency/` or `claims.json` may be a link to the user's other files, to a device
// or to another project. Links are followed only while they stay inside the workspace folder (a
// claims file linked from a shared folder of the same workspace still works).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ClaimsError } from './errors';
import { errorCode } from './file-io';

/**
 * Throws ClaimsError when `file`, with every link resolved, is not inside `workspace`. A file that
 * does not exist yet is judged by its nearest existing folder (where a save would create it).
 */
export async function assertInsideWorkspace(file: string, workspace: string): Promise<void> {
  const root = await realpathOr(path.resolve(workspace));
  let probe = path.resolve(file);
  let real: string | undefined;
  for (;;) {
    try {
      real = await fs.realpath(probe);
      break;
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw ClaimsError.at(file, `cannot resolve the path: ${(err as Error).message}`);
      const parent = path.dirname(probe);
      if (parent === probe) return;
      probe = parent;
    }
  }
  if (!isInside(real, root)) {
    const what = probe === path.resolve(file) ? 'is a link' : `is under ${path.relative(root, probe) || probe}, a link`;
    throw ClaimsError.at(file, `${what} to ${real}, outside the workspace ${root}; links out of the workspace are not followed`);
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
