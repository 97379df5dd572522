// Sentence segmentation: public API, the sentence splitter's rules, and robustness.
import * as assert from 'node:assert/strict';
import {
  languageForPath,
  normalizeLanguageId,
  segmentDocument,
  splitSentences,
  type LanguageId,
} from '../../src/core/segment';
import { assertWellFormed, texts } from './segment-helpers';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));
const plain = (text: string) => texts(segmentDocument(text, 'plaintext'));

describe('segment: languages', () => {
  it('maps file extensions', () => {
    assert.equal(languageForPath('docs/README.md'), 'markdown');
    assert.equal(languageForPath('notes.MARKDOWN'), 'markdown');
    assert.equal(languageForPath('a/b/c.txt'), 'plaintext');
    assert.equal(languageForPath('C:\\papers\\main.tex'), 'latex');
    assert.equal(languageForPath('index.rst'), 'restructuredtext');
    assert.equal(languageForPath('guide.adoc'), 'asciidoc');
    assert.equal(languageForPath('guide.asciidoc'), 'asciidoc');
    assert.equal(languageForPath('Makefile'), undefined);
    assert.equal(languageForPath('image.png'), undefined);
    assert.equal(languageForPath('dir.md/file'), undefined);
  });

  it('normalizes VS Code ids and aliases', () => {
    const cases: Array<[string, LanguageId | undefined]> = [
      ['markdown', 'markdown'],
      ['md', 'markdown'],
      ['plaintext', 'plaintext'],
      ['text', 'plaintext'],
      ['txt', 'plaintext'],
      ['latex', 'latex'],
      ['tex', 'latex'],
      ['restructuredtext', 'restructuredtext'],
      ['rst', 'restructuredtext'],
      ['asciidoc', 'asciidoc'],
      ['adoc', 'asciidoc'],
      ['Markdown', 'markdown'],
      ['python', undefined],
      ['', undefined],
      ['constructor', undefined],
      ['__proto__', undefined],
    ];
    for (const [id, expected] of cases) assert.equal(normalizeLanguageId(id), expected, id);
  });
});

describe('segment: sentence splitter', () => {
  it('returns exact, trimmed offsets', () => {
    const text = '  Hello World.   My name is Jonas.  ';
    assert.deepEqual(splitSentences(text), [
      { start: 2, end: 14 },
      { start: 17, end: 34 },
    ]);
    assert.deepEqual(splitSentences(''), []);
    assert.deepEqual(splitSentences('   \n\t '), []);
  });

  it('does not split after abbreviations and titles', () => {
    for (const s of [
      'Dr. Watson met Mr. Holmes and Mrs. Hudson at 5 p.m. on Baker St. in London.',
      'Prof. Smith and Sr. Garcia visited Mt. Rainier with Jr. staff.',
      'See Fig. 3 and No. 7 in the appendix, approx. ten pages.',
      'Apples, e.g. Gala, and pears, i.e. Bosc, are fruit.',
      'Acme Inc. and Widgets Ltd. signed the deal in Jan. of last year.',
      'The U.S. Government and the E.U. Commission agreed.',
      'Red vs. blue is the question.',
      'She was born on Feb. 29, 2000 in St. Louis.',
    ]) {
      assert.deepEqual(split(s), [s], s);
    }
  });

  it('splits after an abbreviation that ends a sentence before a typical sentence starter', () => {
    assert.deepEqual(split('I live in the U.S. How about you?'), ['I live in the U.S.', 'How about you?']);
    assert.deepEqual(split('We sold apples, pears, etc. Then we left.'), [
      'We sold apples, pears, etc.',
      'Then we left.',
    ]);
    assert.deepEqual(split('It closed at 6 p.m. Travelers left later.'), [
      'It closed at 6 p.m.',
      'Travelers left later.',
    ]);
    assert.deepEqual(split('I said no. John laughed.'), ['I said no.', 'John laughed.']);
  });

  it('keeps initials, decimals, money, versions, emails, URLs and file names together', () => {
    for (const s of [
      'My name is Jonas E. Smith and I wrote J. R. R. Tolkien a letter.',
      'Pi is about 3.14159 and the price is $100.00 today.',
      'Upgrade to version 2.3.1 or v1.2 before Friday.',
      'Write to jane.doe@example.com or visit https://example.com/a.b?x=1.2 for details.',
      'Open example.txt and config.yaml in the editor.',
      'The ratio was 1.5:1 and the IP was 10.0.0.1 yesterday.',
    ]) {
      assert.deepEqual(split(s), [s], s);
    }
    assert.deepEqual(split('The file is example.txt. Open it.'), ['The file is example.txt.', 'Open it.']);
  });

  it('handles quotations, parentheses and ellipses', () => {
    assert.deepEqual(split('He said, "Stop. Now." Then he left.'), ['He said, "Stop. Now."', 'Then he left.']);
    assert.deepEqual(split('It works (see the docs. They are long.) in most cases.'), [
      'It works (see the docs. They are long.) in most cases.',
    ]);
    assert.deepEqual(split('Wait... what happened?'), ['Wait... what happened?']);
    assert.deepEqual(split('I waited... Nothing happened.'), ['I waited...', 'Nothing happened.']);
    assert.deepEqual(split('She whispered “This is it.” and smiled.'), ['She whispered “This is it.” and smiled.']);
    assert.deepEqual(split("Don't stop. It's fine."), ["Don't stop.", "It's fine."]);
  });

  it('splits on ! and ? runs but not before lowercase', () => {
    assert.deepEqual(split('Hello!! Long time. Really?! Yes.'), ['Hello!!', 'Long time.', 'Really?!', 'Yes.']);
    assert.deepEqual(split('She works at Yahoo! in the accounting department.'), [
      'She works at Yahoo! in the accounting department.',
    ]);
  });

  it('splits inline lists', () => {
    assert.deepEqual(split('1. The first item 2. The second item'), ['1. The first item', '2. The second item']);
    assert.deepEqual(split('Steps: a) open it b) read it c) close it'), [
      'Steps:',
      'a) open it',
      'b) read it',
      'c) close it',
    ]);
    assert.deepEqual(split('For 1. above and 2. above, no fee is due.'), ['For 1. above and 2. above, no fee is due.']);
  });

  it('handles CJK full stops and other scripts', () => {
    assert.deepEqual(split('これはペンです。それはマーカーです。'), ['これはペンです。', 'それはマーカーです。']);
    assert.deepEqual(split('你好！你好吗？我很好。'), ['你好！', '你好吗？', '我很好。']);
    assert.deepEqual(split('彼は「本当に来るの？」と聞いた。私は『行きます！』と答えた。'), [
      '彼は「本当に来るの？」と聞いた。',
      '私は『行きます！』と答えた。',
    ]);
    assert.deepEqual(split('引き下げ幅は３．２９％以上です。次です。'), [
      '引き下げ幅は３．２９％以上です。',
      '次です。',
    ]);
    assert.deepEqual(split('यह पहला वाक्य है। यह दूसरा है।'), ['यह पहला वाक्य है।', 'यह दूसरा है।']);
    assert.deepEqual(split('¿Dónde está? Aquí está.'), ['¿Dónde está?', 'Aquí está.']);
  });

  it('keeps exact UTF-16 offsets around emoji and astral characters', () => {
    const text = 'Great job 🎉🎉. Next 𝒳 step! 😀 Done.';
    const spans = splitSentences(text);
    assert.deepEqual(
      spans.map((s) => text.slice(s.start, s.end)),
      ['Great job 🎉🎉.', 'Next 𝒳 step!', '😀 Done.'],
    );
    assert.equal(spans[0].end, 'Great job 🎉🎉.'.length);
  });

  it('separates paragraphs at blank lines', () => {
    assert.deepEqual(split('No period here\n\nNext paragraph'), ['No period here', 'Next paragraph']);
    assert.deepEqual(split('Line one\r\n\r\nLine two'), ['Line one', 'Line two']);
  });
});

describe('segment: plain text', () => {
  it('joins hard-wrapped lines', () => {
    const doc = 'This is a sentence\ncut off in the middle because pdf.';
    assert.deepEqual(plain(doc), [doc]);
    assert.deepEqual(
      segmentDocument(doc, 'plaintext')[0].clean,
      'This is a sentence cut off in the middle because pdf.',
    );
    assert.deepEqual(plain('It was a cold \nnight in the city.'), ['It was a cold \nnight in the city.']);
  });

  it('starts a sentence at each list marker line', () => {
    const doc = 'Shopping list\n- apples\n- pears and\n  more pears\n* plums\n• figs\n1. one\n2) two\na. three';
    assert.deepEqual(plain(doc), [
      'Shopping list',
      '- apples',
      '- pears and\n  more pears',
      '* plums',
      '• figs',
      '1. one',
      '2) two',
      'a. three',
    ]);
  });

  it('treats short unpunctuated lines as items and a short line over a paragraph as a title', () => {
    assert.deepEqual(plain('features\ncontact manager\nevents, activities\n'), [
      'features',
      'contact manager',
      'events, activities',
    ]);
    const doc = 'Release Notes\nThe new version is faster than the old one and uses less memory. It ships today.';
    assert.deepEqual(plain(doc), [
      'Release Notes',
      'The new version is faster than the old one and uses less memory.',
      'It ships today.',
    ]);
  });

  it('drops separator lines', () => {
    assert.deepEqual(plain('Title\n=====\n\nBody text.\n\n* * *\n\n-----\nEnd.'), ['Title', 'Body text.', 'End.']);
  });

  it('handles CRLF line endings', () => {
    const doc = 'First line\r\ncontinues here.\r\n\r\nSecond paragraph.\r\n';
    const sentences = segmentDocument(doc, 'plaintext');
    assert.deepEqual(texts(sentences), ['First line\r\ncontinues here.', 'Second paragraph.']);
    assert.equal(sentences[0].clean, 'First line continues here.');
  });
});

describe('segment: robustness', () => {
  const languages: LanguageId[] = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'];

  const nasty: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace', ' \n\t\r\n  '],
    ['lone surrogates', 'A \ud800 lone high. A \udc00 lone low. End \ud83d'],
    ['NUL bytes', 'Null\0byte here. Another\0 one.\0'],
    ['only punctuation', '... !!! ??? ... . . .'],
    ['unterminated fence', '# Title\n\n```js\nconst x = 1. Not prose.\n\nStill code.'],
    ['unterminated math', 'Text $x + y and more. $$ unclosed\n\nNext.'],
    ['LaTeX without end', '\\begin{document}\n\\begin{equation} x = 1. \\section{Lost'],
    ['unbalanced braces', '\\textbf{{{ open. \\emph{ never closed'],
    ['deep blockquote', '>'.repeat(5000) + ' deep quote. Here.'],
    ['deep list', Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- item ' + i + '.').join('\n')],
    ['deep emphasis', '*'.repeat(3000) + 'word.' + '*'.repeat(3000)],
    ['many brackets', '['.repeat(5000) + 'text. More.' + ']'.repeat(5000)],
    ['many quotes', '"'.repeat(3000) + ' Quote. ' + "'".repeat(3000)],
    ['rst directive at end', '.. note::'],
    ['adoc open delimiters', '----\n====\n|===\n'],
    ['mixed', '\ufeff# Ti\u0000tle\n\n| a |\n|---|\n| b. c |\n\n<div>\n\n</div>\n\n$$\n\n[link](<>) \\'],
  ];

  for (const [name, doc] of nasty) {
    it(`never throws on ${name}`, () => {
      for (const language of languages) {
        const sentences = segmentDocument(doc, language);
        assertWellFormed(doc, sentences);
      }
      splitSentences(doc);
    });
  }

  it('never throws on random input (fuzz)', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = [
      'a',
      'B',
      ' ',
      '\n',
      '\n\n',
      '.',
      '!',
      '?',
      '"',
      "'",
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '*',
      '_',
      '`',
      '```',
      '$',
      '$$',
      '\\',
      '%',
      '#',
      '>',
      '-',
      '|',
      '<',
      '>',
      '&amp;',
      '1.',
      ':',
      '::',
      '..',
      '=',
      '~',
      '+',
      '\\begin{equation}',
      '\\end{equation}',
      '\\section{',
      '\\cite{x}',
      'http://x.y/',
      '🎉',
      '\ud800',
      '。',
      'Mr.',
      'U.S.',
      ' The',
      ' word',
      'e.g.',
      '----',
      '....',
      '|===',
      ':attr:',
      '.. note::',
    ];
    for (let round = 0; round < 300; round++) {
      let doc = '';
      const length = Math.floor(random() * 80);
      for (let i = 0; i < length; i++) doc += alphabet[Math.floor(random() * alphabet.length)];
      for (const language of languages) {
        assertWellFormed(doc, segmentDocument(doc, language));
      }
    }
  });

  it('handles a 1 MB line quickly', function () {
    this.timeout(60000);
    const line = 'word '.repeat(200_000) + 'end. ' + 'Next sentence here. '.repeat(2000);
    for (const language of languages) {
      const start = Date.now();
      const sentences = segmentDocument(line, language);
      assertWellFormed(line, sentences);
      assert.ok(sentences.length >= 2000, `${language}: ${sentences.length}`);
      assert.ok(Date.now() - start < 20000, `${language} took ${Date.now() - start} ms`);
    }
  });

  it('stays linear on adversarial punctuation', function () {
    this.timeout(60000);
    for (const unit of ['Mr. ', 'a.b. ', '(x. ', '"y. ', '$', '`', '[', '<a ', '\\x{', '. . . ', '1. ', '• ']) {
      const doc = unit.repeat(Math.ceil(300_000 / unit.length));
      for (const language of languages) {
        const start = Date.now();
        assertWellFormed(doc, segmentDocument(doc, language));
        assert.ok(Date.now() - start < 15000, `${JSON.stringify(unit)} in ${language} took ${Date.now() - start} ms`);
      }
    }
  });
});
