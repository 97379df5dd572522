// AsciiDoc segmentation: which text is prose is decided as Asciidoctor decides it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { assertWellFormed, cleans, texts } from './segment-helpers';

const FIXTURES = join(__dirname, '..', 'fixtures', 'segment');

/** Segments and checks the invariants every segmentation must satisfy. */
function adoc(text: string) {
  const sentences = segmentDocument(text, 'asciidoc');
  assertWellFormed(text, sentences);
  return sentences;
}
const read = (text: string) => texts(adoc(text));

describe('segment: asciidoc', () => {
  it('segments a manual: titles, inline markup, admonitions, lists, example blocks, tables; no listings, attributes or comments', () => {
    const doc = readFileSync(join(FIXTURES, 'manual.adoc'), 'utf8');
    assert.deepEqual(
      adoc(doc).map((s) => [s.text, s.clean]),
      [
        ['Consistency Checker Manual', 'Consistency Checker Manual'],
        ['Overview', 'Overview'],
        ['The checker reads *every* sentence.', 'The checker reads every sentence.'],
        [
          'It uses `nli.score()` to compare claims,\nsee link:https://example.com/docs[the docs] and <<setup,the setup section>>.',
          'It uses nli.score() to compare claims, see the docs and the setup section.',
        ],
        ['Visit https://example.com[our site] for more.', 'Visit our site for more.'],
        ['Notes are prose.', 'Notes are prose.'],
        ['They have sentences.', 'They have sentences.'],
        ['Example title', 'Example title'],
        ['First item.', 'First item.'],
        ['Two sentences.', 'Two sentences.'],
        ['Second item\ncontinues here.', 'Second item continues here.'],
        ['Ordered item.', 'Ordered item.'],
        ['CPU', 'CPU'],
        ['The processor.', 'The processor.'],
        ['It computes.', 'It computes.'],
        ['Example block text.', 'Example block text.'],
        ['It is prose.', 'It is prose.'],
        ['Cell A', 'Cell A'],
        ['Cell B.', 'Cell B.'],
        ['Cell C', 'Cell C'],
        ['Cell D', 'Cell D'],
        [
          'Last paragraph with _emphasis_ and a hard break +\nhere.',
          'Last paragraph with emphasis and a hard break here.',
        ],
      ],
    );
  });

  it('reads a Git manual page: two-line titles, no synopsis, conditionals, description lists with indented definitions, continuations', () => {
    const doc = readFileSync(join(FIXTURES, 'asciidoc', 'manpage.txt'), 'utf8');
    assert.deepEqual(read(doc), [
      'git-frob(1)',
      'NAME',
      'git-frob - Frobnicate the working tree',
      'SYNOPSIS', // its verse block is command syntax: not read
      'DESCRIPTION',
      'This command frobnicates the files found in\nthe working tree.',
      'It never touches the index.',
      'Extra builds frobnicate twice.',
      'OPTIONS',
      '-n',
      '--dry-run',
      "Don't actually frobnicate the file(s), just show\n\twhat would happen.",
      'The output lists one path a line.',
      '--force',
      'Allow frobnicating otherwise ignored files.',
      'EXAMPLES',
      'Frobnicates all `*.c` files:',
      'Note that the asterisk is quoted from the shell.',
      'The literal output above is not prose.',
      'This is.',
      'GIT',
      'Part of the linkgit:git[1] suite',
    ]);
  });

  describe('section titles', () => {
    it('reads a title over an underline within one character of its length, for each underline character', () => {
      for (const ch of ['=', '-', '~', '^', '+']) {
        assert.deepEqual(
          read(`Intro\n\nTitle here\n${ch.repeat(10)}\nBody text.`),
          ['Intro', 'Title here', 'Body text.'],
          ch,
        );
        assert.deepEqual(
          read(`Intro\n\nTitle here\n${ch.repeat(11)}\nBody text.`),
          ['Intro', 'Title here', 'Body text.'],
          ch,
        );
      }
    });

    it('takes an underline two characters off for the start of a listing block', () => {
      assert.deepEqual(read('Intro.\n\nExample\n---------\ncode. here\n---------\nAfter.'), [
        'Intro.',
        'Example',
        'After.',
      ]);
    });

    it('reads one-line titles with = and # markers, with or without closing markers', () => {
      assert.deepEqual(read('= Document\n\n== Section One\n\nText.\n\n=== Deeper ===\n\n## Markdown style\n\nMore.'), [
        'Document',
        'Section One',
        'Text.',
        'Deeper',
        'Markdown style',
        'More.',
      ]);
    });

    it('needs a space after the marker and no indentation', () => {
      assert.deepEqual(read('==Not a title\n\n  == indented'), ['==Not a title']);
    });

    it('does not end a paragraph at a title line: Asciidoctor reads it as paragraph text', () => {
      assert.deepEqual(read('Some text\n== not a title here.'), ['Some text\n== not a title here.']);
    });

    it('reads a [discrete] heading as a title', () => {
      assert.deepEqual(read('[discrete]\n=== Floating\n\nText.'), ['Floating', 'Text.']);
    });
  });

  describe('document header and attributes', () => {
    it('skips the author and revision lines and attribute entries under the document title', () => {
      const doc =
        '= The Title\nJane Doe <jane@example.com>\nv1.0, 2024-01-01: First cut\n:toc: left\n:description: Not prose. Here.\n\nFirst paragraph.';
      assert.deepEqual(read(doc), ['The Title', 'First paragraph.']);
    });

    it('skips attribute entries in the body, including values continued over lines', () => {
      const doc =
        'Before.\n\n:long-value: first part \\\n  second part. Not prose \\\n  third part\n:!unset:\nAfter {long-value} here.';
      assert.deepEqual(read(doc), ['Before.', 'After {long-value} here.']);
    });
  });

  describe('preprocessor directives', () => {
    it('skips conditional lines and reads what they enclose, in every branch', () => {
      const doc =
        'ifdef::backend-html5[]\nShown in HTML.\nendif::backend-html5[]\nifndef::env-github[]\nShown elsewhere.\nendif::[]\nifeval::[{sectnum} > 2]\nShown late.\nendif::[]';
      assert.deepEqual(read(doc), ['Shown in HTML.', 'Shown elsewhere.', 'Shown late.']);
    });

    it('reads the text of a one-line ifdef', () => {
      const doc = 'ifdef::env-github[Read this on GitHub.]';
      assert.deepEqual(read(doc), ['Read this on GitHub.']);
    });

    it('drops include lines and never follows them', () => {
      assert.deepEqual(read('Before.\n\ninclude::other.adoc[]\n\nAfter.'), ['Before.', 'After.']);
      assert.deepEqual(cleans(adoc('A paragraph\ninclude::part.adoc[lines=1..3]\ngoes on.')), ['A paragraph goes on.']);
    });

    it('lets an include under block metadata stand for the block, so the metadata does not fall on the next paragraph', () => {
      assert.deepEqual(read('.Example code\n[source,ruby]\ninclude::example.rb[]\n\nThis paragraph is prose.'), [
        'Example code',
        'This paragraph is prose.',
      ]);
    });
  });

  describe('delimited blocks', () => {
    it('skips listing, literal, passthrough, comment and fenced blocks, whatever their length', () => {
      const doc = [
        'One.',
        '',
        '----',
        'listing. x',
        '----',
        '',
        '--------',
        'long listing. x',
        '--------',
        '',
        '....',
        'literal. x',
        '....',
        '',
        '++++',
        '<p>pass. x</p>',
        '++++',
        '',
        '////',
        'comment. x',
        '////',
        '',
        '```ruby',
        'fenced. x',
        '```',
        '',
        'Two.',
      ].join('\n');
      assert.deepEqual(read(doc), ['One.', 'Two.']);
    });

    it('closes a block only at a delimiter of the same length', () => {
      assert.deepEqual(read('------\ncode\n----\nstill code. x\n------\nAfter.'), ['After.']);
    });

    it('reads sidebar, example, quote and open blocks as blocks of prose', () => {
      const doc =
        '****\nSidebar text.\n****\n\n====\nExample text.\n====\n\n[quote, Someone]\n____\nQuoted text.\n____\n\n--\nOpen text.\n--';
      assert.deepEqual(read(doc), ['Sidebar text.', 'Example text.', 'Quoted text.', 'Open text.']);
    });

    it('parses blocks nested in compound blocks, listings included', () => {
      const doc = '====\nIntro.\n\n----\nnested code. x\n----\n\n* an item\n====';
      assert.deepEqual(read(doc), ['Intro.', 'an item']);
    });

    it('lets a style turn a block into another kind', () => {
      const doc =
        '[source]\n--\nsource in an open block. x\n--\n\n[verse]\n____\nA verse\nof two lines.\n____\n\n[literal]\n----\nliteral. x\n----\n\n[comment]\n--\ncomment. x\n--';
      assert.deepEqual(read(doc), ['A verse\nof two lines.']);
    });

    it('skips paragraphs styled as source, listing, literal, pass or comment, up to the blank line', () => {
      const doc =
        '[source,js]\nconst a = 1. b\n* not a list\n\n[pass]\n<b>raw. x</b>\n\n[comment]\nNot shown. x\n\nProse. Here.';
      assert.deepEqual(read(doc), ['Prose.', 'Here.']);
    });

    it('reads verse as prose, stanza by stanza', () => {
      assert.deepEqual(read('[verse, Poet]\nThe first line\nand the second.\n\nA new stanza.'), [
        'The first line\nand the second.',
        'A new stanza.',
      ]);
    });

    it('reads an unterminated verbatim block to the end of the document, as Asciidoctor does', () => {
      assert.deepEqual(read('Before.\n\n----\ncode. x\n\nNot prose either.'), ['Before.']);
    });
  });

  describe('admonitions', () => {
    it('reads NOTE: paragraphs without their label, and [NOTE] paragraphs and blocks', () => {
      const doc =
        'TIP: A tip. Two sentences.\n\n[WARNING]\nA warning.\n\n[IMPORTANT]\n====\nAn important block.\n\n----\ncode. x\n----\n====';
      assert.deepEqual(read(doc), ['A tip.', 'Two sentences.', 'A warning.', 'An important block.']);
    });
  });

  describe('lists', () => {
    it('reads unordered, ordered and checklist items and their adjacent lines', () => {
      const doc =
        '* First item\ncontinued.\n- Dash item.\n\n. Ordered.\n2. Numbered.\na. Lettered.\n\n* [x] Done item.\n* [ ] Open item.';
      assert.deepEqual(read(doc), [
        'First item\ncontinued.',
        'Dash item.',
        'Ordered.',
        'Numbered.',
        'Lettered.',
        'Done item.',
        'Open item.',
      ]);
    });

    it('reads nested lists, by marker depth or kind', () => {
      const doc = '* Outer.\n** Inner.\n*** Innermost.\n* Outer again.\n. Ordered inside.';
      assert.deepEqual(read(doc), ['Outer.', 'Inner.', 'Innermost.', 'Outer again.', 'Ordered inside.']);
    });

    it('attaches blocks to an item with a "+" continuation; a blank line ends the list', () => {
      const doc = '* Item.\n+\n----\nattached code. x\n----\n+\nAttached paragraph.\n\nAfter the list.';
      assert.deepEqual(read(doc), ['Item.', 'Attached paragraph.', 'After the list.']);
    });

    it('reads an indented paragraph adjacent to an item as its text, and one after a blank line as a literal block', () => {
      assert.deepEqual(read('* Item\n  indented text.'), ['Item\n  indented text.']);
      assert.deepEqual(read('* Item.\n\n  literal. x\n\nAfter.'), ['Item.', 'After.']);
    });

    it('ends an item paragraph at a line that starts another item', () => {
      assert.deepEqual(read('* One\n* Two'), ['One', 'Two']);
    });

    it('does not start a list inside a paragraph outside lists', () => {
      assert.deepEqual(read('Some text\n* not a list'), ['Some text\n* not a list']);
    });

    it('reads callout lists', () => {
      assert.deepEqual(read('----\nputs 1 # <1>\n----\n<1> Prints one.'), ['Prints one.']);
    });
  });

  describe('description lists', () => {
    it('reads terms and definitions on the same line and on the next lines', () => {
      const doc = 'CPU:: The processor.\nIt computes.\nRAM::\nThe memory.\n\nAfter.';
      assert.deepEqual(read(doc), ['CPU', 'The processor.', 'It computes.', 'RAM', 'The memory.', 'After.']);
    });

    it('reads an indented paragraph under a term as its definition, even after a blank line', () => {
      assert.deepEqual(read('--dry-run::\n\tDo not act,\n\tjust show.\n\n--force::\n\n    Act anyway.'), [
        '--dry-run',
        'Do not act,\n\tjust show.',
        '--force',
        'Act anyway.',
      ]);
    });

    it('groups consecutive terms over one definition, and attaches continued blocks', () => {
      const doc = '-n::\n--dry-run::\n\tShow only.\n+\n----\ncode. x\n----\n+\nMore about it.';
      assert.deepEqual(read(doc), ['-n', '--dry-run', 'Show only.', 'More about it.']);
    });

    it('reads nested description lists and ;; items', () => {
      const doc = 'Fruit::\n  Apple::: A red fruit.\n  Pear::: A green fruit.\nLeaf;; A green thing.';
      assert.deepEqual(read(doc), [
        'Fruit',
        'Apple',
        'A red fruit.',
        'Pear',
        'A green fruit.',
        'Leaf',
        'A green thing.',
      ]);
    });

    it('reads a literal paragraph offset by a blank line inside a definition as a literal block', () => {
      assert.deepEqual(read('term:: Definition.\n\n    literal. x\n\nAfter.'), ['term', 'Definition.', 'After.']);
    });
  });

  describe('indented literal paragraphs', () => {
    it('skips an indented paragraph outside lists up to the blank line', () => {
      assert.deepEqual(read('Text.\n\n  $ make install. x\n  done. x\n\nMore text.'), ['Text.', 'More text.']);
    });
  });

  describe('tables', () => {
    it('reads each cell of a table, across lines, without cell specifiers', () => {
      const doc =
        '[cols="1,2"]\n|===\n|Name |Description\n\n|frob\n|Frobnicates the tree.\nIt is fast.\n2+|Spanning cell.\n|===';
      assert.deepEqual(read(doc), [
        'Name',
        'Description',
        'frob',
        'Frobnicates the tree.',
        'It is fast.',
        'Spanning cell.',
      ]);
    });

    it('parses AsciiDoc cells as blocks and skips literal cells', () => {
      const doc = '|===\na|A paragraph.\n\n----\ncell code. x\n----\nl|literal cell. x\n|Plain cell.\n|===';
      assert.deepEqual(read(doc), ['A paragraph.', 'Plain cell.']);
    });

    it('applies column styles from cols', () => {
      const doc = '[cols="1a,1l"]\n|===\n|* listed item\n|literal. x\n|===';
      assert.deepEqual(read(doc), ['listed item']);
    });

    it('reads CSV and DSV tables cell by cell', () => {
      assert.deepEqual(read(',===\nApples,"Red, round"\n,==='), ['Apples', '"Red, round"']);
      assert.deepEqual(read(':===\nPears:Green\n:==='), ['Pears', 'Green']);
    });

    it('keeps an escaped separator in the cell text', () => {
      assert.deepEqual(read('|===\n|a \\| b |c\n|==='), ['a \\| b', 'c']);
    });
  });

  describe('metadata lines', () => {
    it('reads block titles as titles; skips attribute lists, anchors, comments and breaks', () => {
      const doc =
        ":version: 1.2. x\n.A block title\n[[anchor]]\n[#id.role]\n// comment. x\n<<<\n'''\nBody text {version} here.";
      assert.deepEqual(read(doc), ['A block title', 'Body text {version} here.']);
    });

    it('ends a paragraph at an attribute line and skips block macros', () => {
      assert.deepEqual(
        read(
          'One paragraph\n[NOTE]\nA note.\n\nimage::diagram.png[A diagram]\n\ntoc::[]\n\nplantuml::flow.puml[format=svg]',
        ),
        ['One paragraph', 'A note.'],
      );
    });

    it('drops comment lines inside a paragraph', () => {
      assert.deepEqual(read('First line\n// a comment. x\nsecond line.'), [
        'First line\n// a comment. x\nsecond line.',
      ]);
      assert.deepEqual(cleans(adoc('First line\n// a comment. x\nsecond line.')), ['First line second line.']);
    });
  });

  describe('inline markup', () => {
    it('reads link and xref text, or the target when there is none', () => {
      assert.deepEqual(cleans(adoc('See xref:install.adoc[the install guide] and xref:usage.adoc[].')), [
        'See the install guide and usage.adoc.',
      ]);
    });

    it('keeps references to attributes the document does not define, and reads hard line breaks as spaces', () => {
      assert.deepEqual(cleans(adoc('Version {version} +\nis out.')), ['Version {version} is out.']);
    });

    it('reads references to attributes the document defines as their values, links included', () => {
      const doc =
        ':product: Frobnicator Pro\n:url-repo: https://example.com/repo\n:url-base: {url-repo}/blob\n\n{product} is on {url-repo}[GitHub], see {url-base}/README.adoc[the readme]{nbsp}now.';
      assert.deepEqual(cleans(adoc(doc)), ['Frobnicator Pro is on GitHub, see the readme now.']);
    });

    it('does not let an attribute entry in a conditional branch override an earlier value', () => {
      const doc =
        ':where: here\nifdef::env-site[:where: there]\nifndef::x[]\n:where: elsewhere\nendif::[]\n\nIt is {where}.';
      assert.deepEqual(cleans(adoc(doc)), ['It is here.']);
    });

    it("reads 'text' as emphasis and ``text'' as quoted text in compatibility mode (an underlined document title)", () => {
      assert.deepEqual(cleans(adoc("Title\n=====\n\nThe 'git add' command, see ``Interactive mode''.")), [
        'Title',
        'The git add command, see Interactive mode.',
      ]);
      assert.deepEqual(cleans(adoc("= Title\n\nThe 'git add' command.")), ['Title', "The 'git add' command."]);
    });

    it('reads inline markup that spans the lines of a paragraph', () => {
      assert.deepEqual(cleans(adoc('Some *bold\ntext* and link:https://x.org[a link\nover lines].')), [
        'Some bold text and a link over lines.',
      ]);
    });

    it('reads a Markdown-style blockquote as prose', () => {
      assert.deepEqual(read('> Quoted line one\n> and two.'), ['Quoted line one\n> and two.']);
    });
  });

  describe('robustness', () => {
    it('stays exact on CRLF line ends, tabs and a byte order mark', () => {
      const doc = '\ufeff= Title\r\n\r\nA paragraph\r\nover lines.\r\n\r\n* Item\r\n';
      assert.deepEqual(read(doc), ['Title', 'A paragraph\r\nover lines.', 'Item']);
    });

    it('is fast and well formed on pathological input', function () {
      this.timeout(30000);
      const inputs = [
        Array.from({ length: 1500 }, (_, k) => `${'*'.repeat((k % 60) + 1)} item ${k}`).join('\n'),
        Array.from({ length: 1000 }, (_, k) => (k % 2 ? '====' : '=====') + '\n' + 'text.').join('\n'),
        Array.from({ length: 1500 }, (_, k) => `term${k}::\n+\n`).join('\n'),
        '|===\n|' + 'a|'.repeat(25000),
        ('x'.repeat(200) + ' ').repeat(2500),
        Array.from({ length: 1500 }, () => '--').join('\n'),
        Array.from({ length: 2000 }, (_, k) => `${' '.repeat(k % 7)}- nested ${k}\n+\n--`).join('\n'),
      ];
      for (const doc of inputs) {
        const t0 = performance.now();
        adoc(doc);
        assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
      }
    });
  });

  it("skips a manual page's SYNOPSIS verse (command syntax) and keeps verse elsewhere", () => {
    const doc =
      "git-add(1)\n==========\n\nSYNOPSIS\n--------\n[verse]\n'git add' [--verbose | -v] [--dry-run | -n]\n\t  [--] [<pathspec>...]\n\nDESCRIPTION\n-----------\nThis command updates the index.\n\n[verse]\nRoses are red,\nviolets are blue.\n";
    const sentences = segmentDocument(doc, 'asciidoc');
    assertWellFormed(doc, sentences);
    assert.deepEqual(texts(sentences), [
      'git-add(1)',
      'SYNOPSIS',
      'DESCRIPTION',
      'This command updates the index.',
      'Roses are red,\nviolets are blue.',
    ]);
  });
});
