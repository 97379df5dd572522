// reStructuredText segmentation.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { assertWellFormed, texts } from './segment-helpers';

const rst = (text: string) => segmentDocument(text, 'restructuredtext');

describe('segment: restructuredtext', () => {
  it('segments a guide: titles, fields, inline markup, admonitions, lists, tables; no directives, comments or literal blocks', () => {
    const doc = readFileSync(join(__dirname, '..', 'fixtures', 'segment', 'guide.rst'), 'utf8');
    const sentences = rst(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(sentences.map((s) => [s.text, s.clean]), [
      ['Consistency Guide', 'Consistency Guide'],
      ['Jane Doe', 'Jane Doe'],
      ['1.2', '1.2'],
      ['Introduction', 'Introduction'],
      ['The checker reads *every* sentence.', 'The checker reads every sentence.'],
      ['It uses ``nli.score()`` to compare\nclaims, see `the docs <https://example.com/docs>`_ and :ref:`Setup <setup>`.', 'It uses nli.score() to compare claims, see the docs and Setup.'],
      ['Call :func:`check_all` first.', 'Call check_all first.'],
      ['This is a reference_ to something [1]_.', 'This is a reference to something.'],
      ['Notes are prose.', 'Notes are prose.'],
      ['They have sentences.', 'They have sentences.'],
      ['A second paragraph of the note.', 'A second paragraph of the note.'],
      ['Example:', 'Example:'],
      ['First item.', 'First item.'],
      ['Two sentences.', 'Two sentences.'],
      ['Second item\n  continues here.', 'Second item continues here.'],
      ['Numbered item.', 'Numbered item.'],
      ['Term', 'Term'],
      ['Definition of the term.', 'Definition of the term.'],
      ['Cell A', 'Cell A'],
      ['Cell B.', 'Cell B.'],
      ['The footnote text.', 'The footnote text.'],
    ]);
  });

  it('drops a literal block introduced by a lone "::" and keeps "Text::" as "Text:"', () => {
    const doc = 'Paragraph. Then\n\n::\n\n    code. here.\n\nRun this::\n\n    $ make. all\n\nAfter.';
    const sentences = rst(doc);
    assert.deepEqual(texts(sentences), ['Paragraph.', 'Then', 'Run this:', 'After.']);
  });

  it('skips directive bodies until the indentation ends', () => {
    const doc = '.. image:: a.png\n   :alt: An image. Not prose.\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n   usage\n\nBack to prose.';
    assert.deepEqual(texts(rst(doc)), ['Back to prose.']);
  });

  it('reads admonition arguments and bodies, skipping their options', () => {
    const doc = '.. warning:: Do not panic.\n   :class: big\n\n.. admonition:: Custom title\n\n   Body text. More.\n';
    assert.deepEqual(texts(rst(doc)), ['Do not panic.', 'Custom title', 'Body text.', 'More.']);
  });
});
