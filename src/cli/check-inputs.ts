// What `check` and `pairs` both start from: the claims file, the workspace root it implies, its
// claims, and the documents the operands name. Errors come back as messages for exit code 2.
import * as path from 'node:path';
import { ClaimsError, isInside, loadClaims, type Claim } from '../core/claims';
import { expandOperands } from '../core/find-files';
import { escapeControls } from '../core/text/printable';
import { DEFAULT_SETTINGS } from '../common/settings';
import { EXIT_ERROR, type ParsedArgs } from './args';
import { workspaceRootOf } from './paths';

export interface CheckInputs {
  cwd: string;
  claimsFile: string;
  /** Workspace root for claim scopes and dismissals. */
  root: string;
  claims: Claim[];
  files: string[];
}

export async function readCheckInputs(args: ParsedArgs): Promise<CheckInputs | { error: string }> {
  const cwd = process.cwd();
  const claimsFile = path.resolve(cwd, args.get('claims') ?? '.consistency/claims.json');
  const root = path.resolve(cwd, args.get('root') ?? workspaceRootOf(claimsFile) ?? '.');
  let claims: Claim[];
  try {
    // A claims file the repository provides (inside the root) is followed through links only
    // inside it; one the user names elsewhere with --claims is their own choice.
    claims = (await loadClaims(claimsFile, isInside(claimsFile, root) ? { workspace: root } : {})).claims;
  } catch (error) {
    if (error instanceof ClaimsError) return { error: error.message };
    throw error;
  }
  let files: string[];
  try {
    files = await expandOperands(args.positionals, cwd, DEFAULT_SETTINGS.include);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (files.length === 0) return { error: `no documents matched ${args.positionals.join(' ')}` };
  return { cwd, claimsFile, root, claims, files };
}

export function fail(message: string): number {
  process.stderr.write(`consistency-check: ${escapeControls(message)}\n`);
  return EXIT_ERROR;
}
