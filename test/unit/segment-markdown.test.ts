// Markdown segmentation: real-world README structure through our CommonMark/GFM scanner, and the
// lite reader used for pathological input.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { markdownSentences } from '../../src/core/segment/formats/markdown';
import { assertWellFormed, cleans, texts } from './segment-helpers';

const md = (text: string) => segmentDocument(text, 'markdown');
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'segment', name), 'utf8');

describe('segment: markdown', () => {
  const readme = fixture('readme.md');

  const README_SENTENCES: Array<[text: string, clean: string]> = [
    ['Consistency Checker', 'Consistency Checker'],
    // Badges read as their alt text, the words a reader is shown (and a screen reader says).
    [
      '[![Build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example.com) [![npm](https://img.shields.io/npm/v/x.svg)](https://npmjs.com/x)',
      'Build npm',
    ],
    [
      'Consistency Checker flags sentences that *contradict* the claims you pin.',
      'Consistency Checker flags sentences that contradict the claims you pin.',
    ],
    [
      'It runs a **local** NLI model, e.g. a small BERT, so nothing leaves your machine.',
      'It runs a local NLI model, e.g. a small BERT, so nothing leaves your machine.',
    ],
    ['See [the documentation](https://example.com/docs/index.html) for details.', 'See the documentation for details.'],
    ['Run `npm run build` first.', 'Run npm run build first.'],
    ['Installation', 'Installation'],
    ['Then add a claim:', 'Then add a claim:'],
    ['Features', 'Features'],
    [
      'Checks Markdown, LaTeX, reStructuredText and AsciiDoc.',
      'Checks Markdown, LaTeX, reStructuredText and AsciiDoc.',
    ],
    ['Plain text too.', 'Plain text too.'],
    ['Works offline', 'Works offline'],
    ['Fast: about 100 sentences/s on a laptop (v1.2.3).', 'Fast: about 100 sentences/s on a laptop (v1.2.3).'],
    ['Pin a claim.', 'Pin a claim.'],
    ['Write your docs.', 'Write your docs.'],
    ['**Note:** The model is approximate.', 'Note: The model is approximate.'],
    ['Review each finding.', 'Review each finding.'],
    ['Format', 'Format'],
    ['Supported', 'Supported'],
    ['Notes', 'Notes'],
    ['Markdown', 'Markdown'],
    ['Yes', 'Yes'],
    ['Via micromark.', 'Via micromark.'],
    ['Uses GFM.', 'Uses GFM.'],
    ['LaTeX', 'LaTeX'],
    ['Yes', 'Yes'],
    ['Math is skipped.', 'Math is skipped.'],
    ['The price is $5 per seat and $10 per team.', 'The price is $5 per seat and $10 per team.'],
    ['Inline math $x^2 + y^2$ is kept.', 'Inline math x^2 + y^2 is kept.'],
    [
      'Contact us at <support@example.com> or https://example.com/contact.',
      'Contact us at support@example.com or https://example.com/contact.',
    ],
    ['Hidden *details* here.', 'Hidden details here.'],
    ['They are prose too.', 'They are prose too.'],
    ['Footnotes work[^1].', 'Footnotes work.'],
    ['Escapes like \\*this\\* &amp; entities too.', 'Escapes like *this* & entities too.'],
    ['The footnote is a sentence.', 'The footnote is a sentence.'],
  ];

  it('segments a README: headings, paragraphs, lists, tables, quotes; skips code, HTML, front matter; badges as alt text', () => {
    const sentences = md(readme);
    assertWellFormed(readme, sentences);
    assert.deepEqual(
      sentences.map((s) => [s.text, s.clean]),
      README_SENTENCES,
    );
  });

  it('reads the README the same way with the lite reader', () => {
    const lite = markdownSentences(readme, 0);
    assertWellFormed(readme, lite);
    assert.deepEqual(
      lite.map((s) => [s.text, s.clean]),
      README_SENTENCES,
    );
  });

  it('never splits inside inline code, and code alone is not a sentence', () => {
    const doc = 'Call `a.b(). Then c()` now. Next.\n\n`just.code()`\n\n- `only code`\n';
    assert.deepEqual(texts(md(doc)), ['Call `a.b(). Then c()` now.', 'Next.']);
  });

  it('skips fenced, indented and unterminated code', () => {
    const doc =
      'Before.\n\n```\nIn fence. Not prose.\n```\n\n    indented. code.\n\nAfter.\n\n~~~\nnever closed. Not prose.\n';
    assert.deepEqual(texts(md(doc)), ['Before.', 'After.']);
  });

  it("keeps link text and images' alt text, drops destinations and reference definitions", () => {
    const doc =
      'Read [the guide][g] and ![the logo](x.png) [this](https://a.b/c.d "Title. Here"). ![](empty.png)\n\n' +
      '![Sign-in dialog][shot]\n\n[g]: https://example.com/guide\n[shot]: https://example.com/s.png';
    const sentences = md(doc);
    assert.deepEqual(cleans(sentences), ['Read the guide and the logo this.', 'Sign-in dialog']);
    assert.deepEqual(cleans(markdownSentences(doc, 0)), cleans(sentences));
    assert.equal(
      sentences[0].text,
      'Read [the guide][g] and ![the logo](x.png) [this](https://a.b/c.d "Title. Here").',
    );
  });

  it('reads an HTML image by its alt text, entities decoded, and any other tag as nothing', () => {
    const doc =
      'Badges: <a href="https://x"><img src="v.svg" alt="NPM Version"></a>\n' +
      "<a href='y'><img alt='Chat &amp; Discord' src=\"z\" /></a>\n\n" +
      '<a name="anchor"></a> <img src="no-alt.png"> <img alt=" " src="blank.png">\n\nEnd.';
    for (const sentences of [md(doc), markdownSentences(doc, 0)]) {
      assertWellFormed(doc, sentences);
      assert.deepEqual(cleans(sentences), ['Badges: NPM Version Chat & Discord', 'End.']);
    }
  });

  it('keeps each table cell, list item and heading separate', () => {
    const doc =
      '# Title without period\nText under it.\n\n| Fast. Really | C |\n|---|---|\n| d | Done. Yes |\n\n- one\n- two\n  1. nested\n';
    assert.deepEqual(texts(md(doc)), [
      'Title without period',
      'Text under it.',
      'Fast.',
      'Really',
      'C',
      'd',
      'Done.',
      'Yes',
      'one',
      'two',
      'nested',
    ]);
  });

  it('handles setext headings, block quotes and hard breaks', () => {
    const doc = 'Heading\n=======\n\n> Quoted one.\n> Quoted\n> two.\n\nLine one\\\nline two.  \nEnd';
    const sentences = md(doc);
    assert.deepEqual(texts(sentences), ['Heading', 'Quoted one.', 'Quoted\n> two.', 'Line one\\\nline two.', 'End']);
    assert.deepEqual(cleans(sentences), ['Heading', 'Quoted one.', 'Quoted two.', 'Line one line two.', 'End']);
  });

  it('skips HTML, math blocks and TOML front matter', () => {
    const doc =
      '+++\ntitle = "x. y"\n+++\n\n<!-- a comment. -->\n\n$$\nx = 1. y\n$$\n\n<p>HTML block. Skipped.</p>\n\nText <b>bold</b> here.';
    const sentences = md(doc);
    assert.deepEqual(texts(sentences), ['Text <b>bold</b> here.']);
    assert.deepEqual(cleans(sentences), ['Text bold here.']);
  });

  it('keeps exact offsets with CJK, emoji and CRLF', () => {
    const doc = '# 見出し\r\n\r\nこれはペンです。それは🎉マーカーです。\r\n\r\n- 一つ目。二つ目。\r\n';
    const sentences = md(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(texts(sentences), [
      '見出し',
      'これはペンです。',
      'それは🎉マーカーです。',
      '一つ目。',
      '二つ目。',
    ]);
  });

  it('reads CommonMark containers and GFM inline syntax as micromark did', () => {
    // Nested and lazy list items, a lazy block quote line, an escaped pipe inside a table cell's
    // code span, autolinks and GFM literals, and an ordered list whose delimiter changes.
    const doc =
      '- One item.\n  - A nested item.\n    More of it\nlazily continued.\n- Next.\n\n> Quoted\ntext, lazily.\n\n' +
      '| Option | Meaning |\n|---|---|\n| `a\\|b` | Either. Or. |\n\n' +
      'See <https://x.io>, www.example.com and me@example.org today.\n\n1. First\n2) Other list.\n';
    const sentences = md(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(texts(sentences), [
      'One item.',
      'A nested item.',
      'More of it\nlazily continued.',
      'Next.',
      'Quoted\ntext, lazily.',
      'Option',
      'Meaning',
      'Either.',
      'Or.',
      'See <https://x.io>, www.example.com and me@example.org today.',
      'First',
      'Other list.',
    ]);
    assert.equal(sentences[9].clean, 'See https://x.io, www.example.com and me@example.org today.');
  });

  it('copies reference definitions into every parsed group of a large document', () => {
    const filler = 'A paragraph with a [link][docs] in it.\n\n'.repeat(2000);
    const doc = filler + '[docs]: https://example.com\n';
    const sentences = md(doc);
    assertWellFormed(doc, sentences);
    assert.equal(sentences.length, 2000);
    assert.ok(sentences.every((s) => s.clean === 'A paragraph with a link in it.'));
  });

  it('reads Markdown past the parser budget with the lite reader, linearly', function () {
    this.timeout(120000);
    const unit = readme.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter only counts at the start
    let doc = '';
    while (doc.length < 1_000_000) doc += unit;
    const started = Date.now();
    const sentences = md(doc);
    assertWellFormed(doc, sentences);
    const copies = Math.round(doc.length / unit.length);
    assert.equal(sentences.length, copies * README_SENTENCES.length);
    assert.deepEqual(
      texts(sentences.slice(-README_SENTENCES.length)),
      README_SENTENCES.map(([t]) => t),
    );
    assert.ok(Date.now() - started < 60000, `took ${Date.now() - started} ms`);
  });

  it('skips fenced code opened on a CRLF line, in the parser and past its budget', () => {
    // A README saved with mixed line endings: the fence line ends in "\r\n", the code in "\n".
    const doc =
      '# Details\r\nThe package ships types.\r\n````ts\r\nexport = debug;\n\ndeclare var x: number;\n````\r\n\r\nThe end is prose.\r\n';
    for (const sentences of [md(doc), markdownSentences(doc, 0)]) {
      assertWellFormed(doc, sentences);
      assert.deepEqual(texts(sentences), ['Details', 'The package ships types.', 'The end is prose.']);
    }
  });
});
