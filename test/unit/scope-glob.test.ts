// The linear-time scope matcher: the same answers as picomatch (dot: true) on the documented
// syntax, and no blow-up on the patterns that made picomatch exponential.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, globSyntaxProblem, MAX_GLOB_LENGTH } from '../../src/core/claims/scope-glob';
import { scopeGlobProblem } from '../../src/core/claims/scope';

describe('scope globs: linear-time matcher', () => {
  it('agrees with picomatch on random globs and paths', () => {
    const piece = fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[a-c]', '{a,b}', '{a,ab}', 'md');
    const segment = fc.oneof(
      fc.constant('**'),
      fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('').replace(/\*+/g, '*')),
    );
    // (Repeated "**/**" is one "**" for both matchers' purposes.)
    const glob = fc
      .array(segment, { minLength: 1, maxLength: 4 })
      .map((s) => s.join('/').replace(/(^|\/)\*\*(\/\*\*)+(?=\/|$)/g, '$1**'));
    const name = fc
      .array(fc.constantFrom('a', 'b', '.', 'md', 'ab'), { minLength: 1, maxLength: 4 })
      .map((s) => s.join(''))
      .filter((s) => s !== '.' && s !== '..');
    const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => {
        // "./" is removed before matching (scope.ts). picomatch lets "docs/**" match "docs" but not
        // "*/**" match "docs": ours reads a trailing "/**" as zero or more folders either way.
        const segments = g.split('/');
        fc.pre(!segments.includes('.'));
        const pm = (glob: string) => picomatch(glob, { dot: true })(p);
        const expected = g.endsWith('/**') ? pm(g) || pm(g.slice(0, -3)) : pm(g);
        assert.equal(compileGlob(g)(p), expected, `${g} on ${p}`);
      }),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('the documented examples', () => {
    const cases: Array<[string, string, boolean]> = [
      ['**/*.md', 'README.md', true],
      ['**/*.md', '.github/CONTRIBUTING.md', true],
      ['*.md', 'docs/a.md', false],
      ['docs/**', 'docs/a/b/c.rst', true],
      ['{docs,guides}/*.md', 'guides/start.md', true],
      ['docs/[a-c]?.md', 'docs/b1.md', true],
      ['docs/[!a-c]?.md', 'docs/b1.md', false],
    ];
    for (const [g, p, expected] of cases) assert.equal(compileGlob(g)(p), expected, `${g} on ${p}`);
  });

  it('refuses extglobs, overlong globs and brace bombs at validation', () => {
    assert.match(scopeGlobProblem('docs/+(*a)b.md')!, /extended glob/);
    assert.match(scopeGlobProblem('x'.repeat(MAX_GLOB_LENGTH + 1))!, /longer than/);
    assert.match(scopeGlobProblem('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}')!, /alternatives/);
    assert.equal(globSyntaxProblem('docs/**/*.md'), undefined);
  });
});
