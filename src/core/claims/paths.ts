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
