// Which documents a claim applies to. Scope globs are relative to the workspace root and matched
// against forward-slash relative paths, case-sensitively (as git and CI on Linux see them), with
// dot files included, by a linear-time matcher (scope-glob.ts). In an array, a glob starting
// with "!" excludes: a path is in scope when it
// matches at least one plain glob (or there are none) and no "!" glob.
import { compileGlob, globSyntaxProblem } from './scope-glob';
import type { Claim } from './types';

type Matcher = (path: string) => boolean;
const matcherCache = new Map<string, Matcher>();

export function claimAppliesTo(claim: Claim, relativePath: string): boolean {
  if (!claim.enabled) return false;
  if (claim.scope === undefined) return true;
  return pathInScope(claim.scope, relativePath);
}

export function pathInScope(scope: string | readonly string[], relativePath: string): boolean {
  const path = normalizeRelativePath(relativePath);
  const globs = typeof scope === 'string' ? [scope] : scope;
  const includes = globs.filter((g) => !g.startsWith('!'));
  const excludes = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  if (excludes.some((g) => matcherFor(g)(path))) return false;
  return includes.length === 0 || includes.some((g) => matcherFor(g)(path));
}

/** Backslashes to slashes, no leading "./" — the form scope globs and dismissal keys expect. */
export function normalizeRelativePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** Why a scope glob is unusable, or undefined when it is fine. */
export function scopeGlobProblem(glob: string): string | undefined {
  const body = glob.startsWith('!') ? glob.slice(1) : glob;
  if (body.trim() === '') return 'must be a non-empty glob';
  if (body.includes('\\')) return 'must use forward slashes (globs are matched against paths like "docs/api.md")';
  if (/^[A-Za-z]:/.test(body)) return 'must be relative to the workspace root, not an absolute path';
  if (/(^|\/)\.\.(\/|$)/.test(anchor(body))) return 'must not point outside the workspace ("..")';
  const syntax = globSyntaxProblem(body);
  if (syntax) return syntax;
  return undefined;
}

/** A leading "/" or "./" only restates that globs are relative to the workspace root. */
function anchor(glob: string): string {
  return glob.replace(/^(?:\.?\/)+/, '');
}

function matcherFor(glob: string): Matcher {
  let matcher = matcherCache.get(glob);
  if (!matcher) {
    matcher = compileGlob(anchor(glob));
    // Bounded: scopes come from a file that can be rewritten at will.
    if (matcherCache.size >= 10_000) matcherCache.clear();
    matcherCache.set(glob, matcher);
  }
  return matcher;
}
