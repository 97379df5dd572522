// Which documents a claim applies to: enabled, and its scope globs (workspace-relative).
import { strict as assert } from 'node:assert';
import { claimAppliesTo, workspaceRelativeSegments, type Claim } from '../../src/core/claims';

function claim(scope?: string | string[], enabled = true): Claim {
  return scope === undefined ? { id: 'c1', text: 't', enabled } : { id: 'c1', text: 't', enabled, scope };
}

describe('claims: scope', () => {
  it('applies a claim without scope to every document', () => {
    for (const p of ['README.md', 'docs/a/b.txt', '.github/x.md']) assert.equal(claimAppliesTo(claim(), p), true, p);
  });

  it('never applies a disabled claim', () => {
    assert.equal(claimAppliesTo(claim(undefined, false), 'README.md'), false);
    assert.equal(claimAppliesTo(claim('**/*.md', false), 'README.md'), false);
  });

  it('matches **/*.md at any depth, the root included, and in dot folders', () => {
    const c = claim('**/*.md');
    assert.equal(claimAppliesTo(c, 'README.md'), true);
    assert.equal(claimAppliesTo(c, 'docs/api/v1.md'), true);
    assert.equal(claimAppliesTo(c, '.github/CONTRIBUTING.md'), true);
    assert.equal(claimAppliesTo(c, 'docs/api.txt'), false);
  });

  it('anchors globs at the workspace root: *.md is the root folder only', () => {
    const c = claim('*.md');
    assert.equal(claimAppliesTo(c, 'README.md'), true);
    assert.equal(claimAppliesTo(c, 'docs/api.md'), false);
  });

  it('matches a folder glob and brace alternatives', () => {
    assert.equal(claimAppliesTo(claim('docs/**'), 'docs/a/b/c.rst'), true);
    assert.equal(claimAppliesTo(claim('docs/**'), 'other/docs/a.md'), false);
    assert.equal(claimAppliesTo(claim('{docs,guides}/*.md'), 'guides/start.md'), true);
  });

  it('matches any glob of an array, minus "!" exclusions', () => {
    const c = claim(['docs/**', 'README.md', '!docs/drafts/**']);
    assert.equal(claimAppliesTo(c, 'README.md'), true);
    assert.equal(claimAppliesTo(c, 'docs/api.md'), true);
    assert.equal(claimAppliesTo(c, 'docs/drafts/next.md'), false);
    assert.equal(claimAppliesTo(c, 'CHANGELOG.md'), false);
  });

  it('treats exclusions alone as "everything but"', () => {
    const c = claim('!CHANGELOG.md');
    assert.equal(claimAppliesTo(c, 'CHANGELOG.md'), false);
    assert.equal(claimAppliesTo(c, 'docs/a.md'), true);
  });

  it('accepts Windows separators and a leading ./ in the path, and a leading ./ or / in the glob', () => {
    assert.equal(claimAppliesTo(claim('docs/**/*.md'), 'docs\\api\\v1.md'), true);
    assert.equal(claimAppliesTo(claim('docs/**/*.md'), './docs/api.md'), true);
    assert.equal(claimAppliesTo(claim('./docs/*.md'), 'docs/api.md'), true);
    assert.equal(claimAppliesTo(claim('/docs/*.md'), 'docs/api.md'), true);
  });

  it('is case-sensitive, like git and CI on Linux', () => {
    assert.equal(claimAppliesTo(claim('docs/*.md'), 'Docs/api.md'), false);
  });
});

describe('workspaceRelativeSegments', () => {
  it('keeps paths inside the workspace and refuses absolute or climbing ones', () => {
    assert.deepEqual(workspaceRelativeSegments('docs/api.md'), ['docs', 'api.md']);
    assert.deepEqual(workspaceRelativeSegments('./docs\\api.md'), ['docs', 'api.md']);
    for (const outside of [
      '/etc/passwd',
      '../secret.md',
      'docs/../../x.md',
      'C:\\Windows\\x.md',
      '\\\\server\\share\\x',
      '',
    ]) {
      assert.equal(workspaceRelativeSegments(outside), undefined, outside);
    }
  });
});
