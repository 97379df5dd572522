// Incremental segmentation must give exactly what segmenting the whole document gives, or decline.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { segmentDocument, type LanguageId } from '../../src/core/segment';
import { resegment } from '../../src/server/incremental-segmentation';

const FIXTURES: Array<[string, LanguageId]> = [
  ['test/fixtures/segment/readme.md', 'markdown'],
  ['test/fixtures/segment/paper.tex', 'latex'],
  ['test/fixtures/segment/guide.rst', 'restructuredtext'],
  ['test/fixtures/segment/manual.adoc', 'asciidoc'],
  ['examples/docs/faq.md', 'markdown'],
  ['bench/corpus/docs/cache/README.md', 'markdown'],
];

const INSERTS = [
  ' very',
  '. It is not',
  ' e.g. this',
  'The API does not allow it. ',
  '\n\n',
  ' `code`',
  ' **bold**',
  '\n- item',
  ' 2.5',
  '```',
  '\n\\begin{itemize}',
  '$x$',
];

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
}

describe('incremental segmentation (server)', () => {
  for (const [file, language] of FIXTURES) {
    it(`matches a full segmentation after random edits of ${path.basename(file)}, or declines`, () => {
      const random = prng(file.length * 7919);
      let text = readFileSync(path.resolve(__dirname, '../..', file), 'utf8');
      let previous = { text, sentences: segmentDocument(text, language) };
      let reused = 0;
      const edits = 60;
      for (let i = 0; i < edits; i++) {
        const at = random(text.length + 1);
        const next =
          random(3) === 0
            ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random(12)))
            : text.slice(0, at) + INSERTS[random(INSERTS.length)] + text.slice(at);
        const full = segmentDocument(next, language);
        const incremental = resegment(previous, next, language);
        if (incremental) {
          reused++;
          assert.deepEqual(incremental, full, `edit ${i} at ${at} of ${file}`);
        }
        text = next;
        previous = { text, sentences: full };
      }
      // Random edits hit markup often; still, many land inside a Markdown paragraph and take the
      // fast path (the other formats decline more, by design, around their block constructs).
      assert.ok(
        reused > (language === 'markdown' ? edits / 3 : 5),
        `only ${reused} of ${edits} edits were incremental`,
      );
    });
  }

  it('declines when an edit opens a code fence that changes the rest of the document', () => {
    const text = 'Intro sentence here.\n\nA paragraph. Another one.\n\nLast paragraph.\n';
    const previous = { text, sentences: segmentDocument(text, 'markdown') };
    const next = text.replace('A paragraph.', '```\nA paragraph.');
    assert.equal(resegment(previous, next, 'markdown'), undefined);
  });
});
