// plain-block.ts reads blocks without inline syntax without the inline parser: its prose view
// must be the parser's, piece for piece, on every block the scanner gives (line ends with CRLF,
// trailing spaces, hard breaks, container prefixes), and it must refuse any block with syntax.
import * as assert from 'node:assert/strict';
import { scanBlocks } from '../../src/core/segment/formats/markdown/blocks';
import { parseInline } from '../../src/core/segment/formats/markdown/inline';
import { blockProse } from '../../src/core/segment/formats/markdown/mdast-prose';
import { plainBlockProse } from '../../src/core/segment/formats/markdown/plain-block';

/** Each block of doc: [its lines, the parser's view, the direct view]. */
function views(doc: string) {
  const out: Array<{ lines: number[]; parsed: unknown; direct: unknown }> = [];
  scanBlocks(doc, 0, doc.length, (block) => {
    const children = parseInline(doc, block.lines, new Set(), block.kind === 'tableCell');
    const parsed = blockProse({ type: block.kind, start: 0, end: 0, children }, doc);
    out.push({ lines: block.lines, parsed, direct: plainBlockProse(doc, block.lines) });
  });
  return out;
}

describe('segment: markdown blocks without inline syntax', () => {
  const PLAIN = [
    'One line. Another sentence on it.',
    'First line\nsecond line\nthird line.',
    'CRLF line\r\nnext line\r\nlast.\r\n',
    'Trailing space \nand two spaces  \nand a tab\t\nand tabs and spaces \t \nend.   ',
    '# A heading\n\nSetext heading\n===\n\n| a | b |\n| - | - |\n| one cell | two |',
    '> quoted line\n> next quoted line\nlazy line\n\n- item one\n  continued\n- item two\n\n1. first\n   more',
    '   indented start\n    deeper continuation\n\tend',
    'Hard break at a quote  \n> next\n\nHard break in an item  \n  next',
    'Non-ASCII: naïve café — “quoted” ‘single’ … 中文。\nhttp without colon slash, www without dot: wwwx.',
    'Exclamation! And a question? 3.14 and e.g. this.\n\n\n\nAfter blank lines.',
  ];
  for (const doc of PLAIN) {
    it(`reads ${JSON.stringify(doc.slice(0, 40))} as the parser does`, () => {
      const blocks = views(doc);
      assert.ok(blocks.length > 0);
      for (const { lines, parsed, direct } of blocks) {
        assert.notEqual(direct, null, `block at ${lines[0]} was not read directly`);
        assert.deepEqual(direct, parsed);
      }
    });
  }

  const SYNTAX = [
    'a `code` span',
    'an *emphasis*',
    'a _word_',
    'a ~~strike~~',
    'a [link](x)',
    'a ]',
    'an \\* escape',
    'an &amp; entity',
    'a <b>tag</b>',
    'a $x$ formula',
    'mail me@example.org',
    'see http://example.org',
    'see HTTPS://example.org',
    'see www.example.org',
    'see WWW.example.org',
    'first line\nsecond with `code`',
  ];
  for (const doc of SYNTAX) {
    it(`leaves ${JSON.stringify(doc)} to the parser`, () => {
      const blocks = views(doc);
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0].direct, null);
    });
  }
});
