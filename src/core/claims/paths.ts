// Where the claims and dismissed files live: .consistency/ at the workspace root, so a team can
// commit them and CI reads the same claims as every editor.
import * as path from 'node:path';

export const CLAIMS_DIR = '.consistency';
export const CLAIMS_FILE = 'claims.json';
export const DISMISSED_FILE = 'dismissed.json';

export function claimsPath(workspaceRoot: string): string {
  return path.join(workspaceRoot, CLAIMS_DIR, CLAIMS_FILE);
}

export function dismissedPath(workspaceRoot: string): string {
  return path.join(workspaceRoot, CLAIMS_DIR, DISMISSED_FILE);
}

/**
 * The segments of a path from a claims file (a claim's `source.file`) when it stays inside the
 * workspace; undefined for an absolute path or one that climbs out with "..". The claims file is
 * workspace content, possibly from a stranger's repository, so its paths are not followed outside.
 */
export function workspaceRelativeSegments(file: string): string[] | undefined {
  if (/^([a-zA-Z]:)?[\\/]/.test(file)) return undefined;
  const segments = file.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  return segments.length > 0 && !segments.includes('..') ? segments : undefined;
}
