// reStructuredText segmentation.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { directiveKind } from '../../src/core/segment/formats/rst/directives';
import { assertWellFormed, cleans, texts } from './segment-helpers';

const rst = (text: string) => segmentDocument(text, 'restructuredtext');
/** Sentences of a document, checked for exact offsets and order first. */
const read = (doc: string) => {
  const sentences = rst(doc);
  assertWellFormed(doc, sentences);
  return sentences;
};

describe('segment: restructuredtext', () => {
  it('segments a guide: titles, fields, inline markup, admonitions, lists, tables; no directives, comments or literal blocks', () => {
    const doc = readFileSync(join(__dirname, '..', 'fixtures', 'segment', 'guide.rst'), 'utf8');
    const sentences = rst(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(
      sentences.map((s) => [s.text, s.clean]),
      [
        ['Consistency Guide', 'Consistency Guide'],
        ['Jane Doe', 'Jane Doe'],
        ['1.2', '1.2'],
        ['Introduction', 'Introduction'],
        ['The checker reads *every* sentence.', 'The checker reads every sentence.'],
        [
          'It uses ``nli.score()`` to compare\nclaims, see `the docs <https://example.com/docs>`_ and :ref:`Setup <setup>`.',
          'It uses nli.score() to compare claims, see the docs and Setup.',
        ],
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
        ['Cell A | Cell B.', 'Cell A Cell B.'],
        ['The footnote text.', 'The footnote text.'],
      ],
    );
  });

  describe('literal blocks', () => {
    it('drops a literal block introduced by a lone "::" and keeps "Text::" as "Text:"', () => {
      const doc = 'Paragraph. Then\n\n::\n\n    code. here.\n\nRun this::\n\n    $ make. all\n\nAfter.';
      assert.deepEqual(texts(read(doc)), ['Paragraph.', 'Then', 'Run this:', 'After.']);
    });

    it('reads "Text ::" as "Text" (partially minimized form)', () => {
      assert.deepEqual(texts(read('Run this ::\n\n    make all\n\nAfter.')), ['Run this', 'After.']);
    });

    it('expands tabs: a tab-indented literal block is skipped and the next paragraph reads whole', () => {
      const doc =
        'Some text::\n\n\tstruct foo {\n\t\t__u64 last_dp;\n\t};\n\nFor a given STATE, whether the lock is ever acquired in that STATE\ncontext and whether that STATE is enabled.\n';
      assert.deepEqual(texts(read(doc)), [
        'Some text:',
        'For a given STATE, whether the lock is ever acquired in that STATE\ncontext and whether that STATE is enabled.',
      ]);
    });

    it('compares tab-expanded columns: a tab and eight spaces are the same indentation', () => {
      const doc = '- Item text::\n\n\t    x = 1;\n        \ty = 2;\n\n  Still the item.\n';
      assert.deepEqual(texts(read(doc)), ['Item text:', 'Still the item.']);
    });

    it('skips a quoted literal block: unindented lines starting with the same punctuation', () => {
      const doc = 'The session::\n\n> $ make\n> done\n\nAfter the quote.\n';
      assert.deepEqual(texts(read(doc)), ['The session:', 'After the quote.']);
    });

    it('skips a literal block whose lines start with "|" and reads the following paragraphs whole', () => {
      const doc =
        'Layout::\n\n  | a | b |\n  |---+---|\n\nThe first line of a paragraph\nthat goes on here.\n\nAnother paragraph\nwith two lines.\n';
      assert.deepEqual(texts(read(doc)), [
        'Layout:',
        'The first line of a paragraph\nthat goes on here.',
        'Another paragraph\nwith two lines.',
      ]);
    });

    it('takes a list item\'s lines as indented as far as its text, so an item\'s "::" block is literal', () => {
      const doc =
        '3) By passing a mutable object::\n\n      >>> def f(a):\n      ...     a[0] = 1\n\n4) By passing a dictionary.\n';
      assert.deepEqual(texts(read(doc)), ['By passing a mutable object:', 'By passing a dictionary.']);
    });

    it('skips doctest blocks', () => {
      assert.deepEqual(texts(read('Example.\n\n>>> print("a. b.")\na. b.\n\nAfter.')), ['Example.', 'After.']);
    });
  });

  describe('line blocks, block quotes and paragraphs', () => {
    it('reads each line of a line block, with its indented continuation', () => {
      const doc = '| Line one of a block\n| Line two\n  continues here.\n';
      assert.deepEqual(texts(read(doc)), ['Line one of a block', 'Line two\n  continues here.']);
    });

    it('reads block quotes as prose, however deep', () => {
      const doc = 'Intro.\n\n    Quoted text. More.\n\n        Deeper quote.\n';
      assert.deepEqual(texts(read(doc)), ['Intro.', 'Quoted text.', 'More.', 'Deeper quote.']);
    });

    it('keeps a paragraph whole when a line inside it looks like a list item', () => {
      assert.deepEqual(texts(read('Some text about\n- dashes in the middle.\n')), [
        'Some text about\n- dashes in the middle.',
      ]);
    });

    it('reads "1. text" followed by an unindented line as a paragraph, not a list', () => {
      assert.deepEqual(cleans(read('2. Einstein wrote\nthis letter.\n')), ['2. Einstein wrote this letter.']);
    });

    it('handles CRLF line ends', () => {
      const doc =
        'Title\r\n=====\r\n\r\nA paragraph\r\nthat wraps. Second one.\r\n\r\n::\r\n\r\n   code\r\n\r\nEnd.\r\n';
      assert.deepEqual(cleans(read(doc)), ['Title', 'A paragraph that wraps.', 'Second one.', 'End.']);
    });

    it('treats a line of Unicode spaces as blank', () => {
      assert.deepEqual(texts(read('Para.\n\u2009\n.. tip::\n\n  Tip text.\n')), ['Para.', 'Tip text.']);
    });
  });

  describe('sections and transitions', () => {
    it('reads titles with and without overlines, and skips transitions', () => {
      const doc = '=========\n Overline\n=========\n\nUnder\n-----\n\nText.\n\n----------\n\nMore text.\n';
      assert.deepEqual(texts(read(doc)), ['Overline', 'Under', 'Text.', 'More text.']);
    });

    it('keeps a short underline that is shorter than its text as text', () => {
      assert.deepEqual(cleans(read('A longer line\n--\n')), ['A longer line --']);
    });
  });

  describe('lists', () => {
    it('reads field bodies but not field names', () => {
      const doc = ':param name: The name\n   to use.\n:returns: Nothing.\n';
      assert.deepEqual(cleans(read(doc)), ['The name to use.', 'Nothing.']);
    });

    it('reads option descriptions but not the options', () => {
      const doc = '-a, --all      Show all entries.\n--file=<path>  Read from a file.\n-v\n    Be verbose.\n';
      assert.deepEqual(texts(read(doc)), ['Show all entries.', 'Read from a file.', 'Be verbose.']);
    });

    it('reads "-1" without a description as text', () => {
      assert.deepEqual(texts(read(':Default: -1\n')), ['-1']);
    });

    it('reads definition list terms (without classifiers) and definitions', () => {
      const doc = 'term : classifier\n    The definition. Two sentences.\n\nother\n    Another definition.\n';
      assert.deepEqual(texts(read(doc)), ['term', 'The definition.', 'Two sentences.', 'other', 'Another definition.']);
    });

    it('reads nested bullet and enumerated lists', () => {
      const doc = '- Outer item.\n\n  #. Inner one.\n  #. Inner two.\n\n- (a) Lettered.\n';
      assert.deepEqual(texts(read(doc)), ['Outer item.', 'Inner one.', 'Inner two.', 'Lettered.']);
    });
  });

  describe('tables', () => {
    it('reads grid table rows of short cells and a plain last cell as records, multi-line cells as one paragraph', () => {
      const doc = [
        '+--------+----------------------+',
        '| Name   | Description          |',
        '+========+======================+',
        '| alpha  | The first letter of  |',
        '|        | the Greek alphabet.  |',
        '+--------+----------------------+',
        '| Spanning cell of the row.     |',
        '+-------------------------------+',
        '',
      ].join('\n');
      assert.deepEqual(cleans(read(doc)), [
        'Name Description',
        'alpha The first letter of the Greek alphabet.',
        'Spanning cell of the row.',
      ]);
    });

    it('reads a cell as body elements when a row is not a record, and a record from a first paragraph', () => {
      const doc = [
        '+--------+----------------------+',
        '| alpha  | - A bullet item.     |',
        '|        | - Another one.       |',
        '+--------+----------------------+',
        '| beta   | First paragraph.     |',
        '|        |                      |',
        '|        | Second paragraph.    |',
        '+--------+----------------------+',
        '',
      ].join('\n');
      assert.deepEqual(cleans(read(doc)), [
        'alpha',
        'A bullet item.',
        'Another one.',
        'beta First paragraph.',
        'Second paragraph.',
      ]);
    });

    it('reads a multi-line cell line by line where its neighbours have text on the lines it spans', () => {
      const doc =
        '+-----------+-----------+\n| left cell | right one |\n| goes on   | goes on   |\n+-----------+-----------+\n';
      const sentences = read(doc);
      assert.deepEqual(cleans(sentences), ['left cell', 'right one', 'goes on', 'goes on']);
    });

    it('reads a row of one-value columns over several lines line by line, and "-" or "..." cells in a record', () => {
      const doc = [
        '=========  ==== ==== ===',
        'byte   0:  bit7 bit6 ...',
        'byte 255:  bit7 bit6 rp1',
        '           cp1  cp0',
        '           cp3  cp2',
        'fan1       -    0xe4',
        '=========  ==== ==== ===',
      ].join('\n');
      assert.deepEqual(cleans(read(doc)), [
        'byte 0: bit7 bit6 ...',
        'byte 255: bit7 bit6 rp1',
        'cp1 cp0',
        'cp3 cp2',
        'fan1 - 0xe4',
      ]);
    });

    it('reads simple tables with tabs: a row starts at text in the first column and takes the lines below', () => {
      const doc = [
        '=======\t=======\t==============',
        'ACPI\tScan',
        'event\tcode\tNotes',
        '=======\t=======\t==============',
        '0x1001\t0x00\t-',
        '',
        '0x1003\t0x02\tMany IBM models always report',
        '\t\tthis hot key, even with hot keys',
        '\t\tdisabled.',
        '=======\t=======\t==============',
        '',
        'After the table.',
      ].join('\n');
      assert.deepEqual(cleans(read(doc)), [
        'ACPI Scan',
        'event code Notes',
        '0x1001 0x00 -',
        '0x1003 0x02 Many IBM models always report this hot key, even with hot keys disabled.',
        'After the table.',
      ]);
    });

    it('reads a simple table nested in a cell, whose indented borders do not end the outer table', () => {
      const doc = [
        '========   =================================',
        'debug:0    clear debug flags',
        'debug:#x   set debug flags',
        '',
        '           #x combines these values:',
        '',
        '           ===========  ====',
        '           DEBUG_ALLOC  0x1',
        '           ===========  ====',
        '========   =================================',
        '',
        '  You can play safely with this. However, some flags may',
        '  generate messages.',
      ].join('\n');
      assert.deepEqual(cleans(read(doc)), [
        'debug:0 clear debug flags',
        'debug:#x set debug flags',
        '#x combines these values:',
        'DEBUG_ALLOC 0x1',
        'You can play safely with this.',
        'However, some flags may generate messages.',
      ]);
    });

    it('reads a row whose first cell is an option without description as a record', () => {
      const doc = '====  ===================\n-1    no request. Use the\n      default.\n====  ===================\n';
      assert.deepEqual(cleans(read(doc)), ['-1 no request.', 'Use the default.']);
    });

    it('reads a line whose first column is indented as a row of its own', () => {
      const doc = '===  ======\nBit  Reason\n===  ======\n  0  proprietary module\n  1  forced load\n===  ======\n';
      assert.deepEqual(cleans(read(doc)), ['Bit Reason', '0 proprietary module', '1 forced load']);
    });
  });

  describe('explicit markup', () => {
    it('skips comments, including multi-line ones and their indented block after a blank line', () => {
      const doc = '.. A comment. Not prose.\n   Still the comment.\n\n   Also the comment.\n\nProse.\n';
      assert.deepEqual(texts(read(doc)), ['Prose.']);
    });

    it('reads the block after an empty comment as a block quote', () => {
      assert.deepEqual(texts(read('..\n\n   Quoted prose.\n')), ['Quoted prose.']);
    });

    it('skips targets, anonymous targets and substitution definitions', () => {
      const doc =
        '.. _target: https://example.com/\n   continued-url\n.. |logo| image:: logo.png\n   :alt: Logo. Not prose.\n__ https://example.com\n\n.. _`a name`:\n\nProse.\n';
      assert.deepEqual(texts(read(doc)), ['Prose.']);
    });

    it('ends a hyperlink target at a blank line, so an indented block after it is a quote', () => {
      assert.deepEqual(texts(read('__ https://example.com/\n\n  Quoted after the target.\n')), [
        'Quoted after the target.',
      ]);
    });

    it('reads footnotes and citations', () => {
      const doc = '.. [1] A footnote.\n.. [#note] Auto-numbered.\n.. [CIT2002] A citation\n   on two lines.\n';
      assert.deepEqual(cleans(read(doc)), ['A footnote.', 'Auto-numbered.', 'A citation on two lines.']);
    });

    it('reads roles as their text and code roles as code', () => {
      const s = read('Use :class:`Foo` with :ref:`the guide <guide>` and :math:`x^2` here.');
      assert.deepEqual(cleans(s), ['Use Foo with the guide and x^2 here.']);
    });

    it('reads object references as the name Sphinx shows, never split inside', () => {
      const s = read('Call :func:`os.path.join`. Then :meth:`~email.header.Header.append` and :c:func:`!kmalloc`.');
      assert.deepEqual(cleans(s), ['Call os.path.join.', 'Then append and kmalloc.']);
      assert.deepEqual(cleans(read(':class:`Iterator`   :class:`Iterable`\n')), ['Iterator Iterable']);
      assert.deepEqual(texts(read('Run :file:`setup.py` or press :kbd:`Ctrl+C`.')), [
        'Run :file:`setup.py` or press :kbd:`Ctrl+C`.',
      ]);
      assert.deepEqual(texts(read(':file:`setup.py`\n')), []);
    });
  });

  describe('directives', () => {
    it('skips directive bodies until the indentation ends', () => {
      const doc =
        '.. image:: a.png\n   :alt: An image. Not prose.\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n   usage\n\nBack to prose.';
      assert.deepEqual(texts(read(doc)), ['Back to prose.']);
    });

    it('reads admonition arguments and bodies, skipping their options', () => {
      const doc = '.. warning:: Do not panic.\n   :class: big\n\n.. admonition:: Custom title\n\n   Body text. More.\n';
      assert.deepEqual(texts(read(doc)), ['Do not panic.', 'Custom title', 'Body text.', 'More.']);
    });

    it('reads Sphinx object descriptions: the body is prose, the signature and options are not', () => {
      const doc = [
        '.. function:: spam(eggs, ham=None)',
        '              spam(eggs)',
        '   :noindex:',
        '',
        '   Return spam. Uses *eggs*.',
        '',
        '   .. versionchanged:: 3.2 Now takes *ham*.',
        '',
        '   .. deprecated:: 3.4',
        '      Use :func:`bacon` instead.',
        '',
        '   .. deprecated-removed:: 3.4 3.6 Gone.',
        '',
        '.. py:class:: Foo(a, \\',
        '                  b)',
        '',
        '   A class.',
        '',
        '   .. method:: bar()',
        '',
        '      A method.',
        '',
      ].join('\n');
      assert.deepEqual(cleans(read(doc)), [
        'Return spam.',
        'Uses eggs.',
        'Now takes ham.',
        'Use bacon instead.',
        'Gone.',
        'A class.',
        'A method.',
      ]);
    });

    it('reads unknown directives as prose but never code directives', () => {
      const doc = [
        '.. my-extension:: argument',
        '',
        '   Extension prose.',
        '',
        '.. code-block:: c',
        '',
        '   int x = 1; /* Not prose. */',
        '',
        '.. kernel-doc:: drivers/foo.c',
        '   :functions: foo',
        '',
        '.. math::',
        '',
        '   E = mc^2. Not prose.',
        '',
        '.. figure:: diagram.png',
        '   :width: 50%',
        '',
        '   The caption.',
        '',
        '.. csv-table:: Sizes',
        '   :header: "Name", "Size"',
        '',
        '   "small box", 1',
        '   "big box", 10',
      ].join('\n');
      assert.deepEqual(texts(read(doc)), [
        'Extension prose.',
        'The caption.',
        'Sizes',
        'small box',
        '1',
        'big box',
        '10',
      ]);
    });

    it('keeps the list of code-like directives in one place', () => {
      for (const name of [
        'code-block',
        'sourcecode',
        'literalinclude',
        'highlight',
        'productionlist',
        'doctest',
        'testcode',
        'testoutput',
        'math',
        'graphviz',
        'raw',
        'kernel-doc',
        'kernel-abi',
        'kernel-feat',
        'kernel-include',
        'toctree',
        'autoclass',
        'automodule',
        'parsed-literal',
        'image',
        'include',
        'kernel-render',
      ]) {
        assert.equal(directiveKind(name).body, 'code', name);
      }
      for (const name of [
        'note',
        'function',
        'py:method',
        'c:function',
        'versionchanged',
        'figure',
        'only',
        'flat-table',
      ]) {
        assert.equal(directiveKind(name).body, 'prose', name);
      }
    });
  });

  describe('robustness', () => {
    it('stays fast and well-formed on pathological input', function () {
      this.timeout(30_000);
      const deep = Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + '- item ' + i).join('\n');
      const wide =
        '+' + '-+'.repeat(400) + '\n' + ('|' + 'x|'.repeat(400) + '\n+' + '-+'.repeat(400) + '\n').repeat(40);
      const longLine = 'word '.repeat(100_000) + '::\n\n' + '\tcode\n'.repeat(10_000);
      const markers = ('.. |a| replace:: x\n:field: `unclosed\n| line\n' + '=== ===\n').repeat(5_000);
      for (const doc of [deep, wide, longLine, markers]) {
        // CPU time, not wall time: the bound is about the algorithm, not a busy machine.
        const before = process.cpuUsage();
        read(doc);
        const used = process.cpuUsage(before);
        const ms = (used.user + used.system) / 1000;
        assert.ok(ms < 2000, `took ${Math.round(ms)} ms of CPU`);
      }
    });
  });
});
