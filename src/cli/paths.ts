// Paths as the CLI shows and interprets them, shared by the commands that read documents.
import * as path from 'node:path';
import { toPosix } from '../core/find-files';

/** `.consistency/claims.json` lives at the workspace root: its grandparent folder. */
export function workspaceRootOf(claimsFile: string): string | undefined {
  const dir = path.dirname(claimsFile);
  return path.basename(dir) === '.consistency' ? path.dirname(dir) : undefined;
}

/** Relative to the current folder when inside it (like compilers print), else absolute. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return toPosix(relative.startsWith('..') ? file : relative);
}
