// Which format a document is read in: extensions, editor ids, and AsciiDoc named .txt.
import { strict as assert } from 'node:assert';
import { effectiveLanguage, languageOfFile, looksLikeAsciidoc } from '../../src/core/segment/language';

describe('segment: document language', () => {
  it('reads a .txt manual page with an underlined title and sections as AsciiDoc', () => {
    const manpage =
      'git-add(1)\n==========\n\nNAME\n----\ngit-add - Add file contents to the index\n\nSYNOPSIS\n--------\n[verse]\n';
    assert.equal(looksLikeAsciidoc(manpage), true);
    assert.equal(languageOfFile('Documentation/git-add.txt', manpage), 'asciidoc');
    assert.equal(languageOfFile('guide.txt', '= Guide\n:toc:\n\nText.\n'), 'asciidoc');
    assert.equal(languageOfFile('guide.txt', '// a comment first\n= Guide\n\n== Install\n'), 'asciidoc');
  });

  it('keeps plain text, Markdown-like text and forced or declared languages as they are', () => {
    assert.equal(
      languageOfFile('notes.txt', 'Meeting notes\n=============\n\nWe met.\n'),
      'plaintext',
      'a title alone is not enough',
    );
    assert.equal(
      languageOfFile('notes.txt', 'Notes\n=====\n\nSee [docs](https://x.y).\n\nPart\n----\n'),
      'plaintext',
      'Markdown links',
    );
    assert.equal(
      languageOfFile('notes.txt', 'Title\n=====\n\nUsage\n--------------\n'),
      'plaintext',
      'underline length must match',
    );
    assert.equal(languageOfFile('a.md', '= Guide\n:toc:\n'), 'markdown');
    assert.equal(languageOfFile('a.txt', '= Guide\n:toc:\n', 'plaintext'), 'plaintext');
    assert.equal(effectiveLanguage('restructuredtext', '= Guide\n:toc:\n'), 'restructuredtext');
  });
});
