// Segmentation invariants under random and adversarial text, in every supported language.
// For any input: sentences in document order, non-overlapping, inside the document,
// text === slice(start, end), no leading/trailing white space, no sentence that is only white
// space or markup, and never an exception. Large adversarial inputs (1 MB lines, deep nesting,
// unterminated blocks) run in a worker thread with a deadline, so a hang is counted, not endured.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { segmentDocument, splitSentences, type LanguageId, type Sentence } from '../../src/core/segment';
import { SEED, problem, runs, tried, measure } from './figures';
import { bundleModule, removeBundles, runInWorker } from './helpers';
import { violation } from './segment-invariants';

const LANGUAGES: LanguageId[] = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'];

const PROSE = [
  'The',
  'clinic',
  'supports',
  'email',
  'alerts',
  'Dr.',
  'e.g.',
  'U.S.',
  '3.14',
  'v1.2.3',
  'i.e.',
  'etc.',
  'Mr.',
  'No.',
  'Fig.',
  'A.',
  'Über',
  'naïve',
  '日本語',
  'שלום',
  '😀',
  'e\u0301',
  'https://example.com/a.b?c=d.',
  'user@example.org',
  '...',
  '…',
  '"Quoted."',
  "'it's'",
  '(aside.)',
  '—',
  '1.',
  '2)',
  'a)',
  'Q&A',
];
const PUNCT = [
  '.',
  '. ',
  '! ',
  '? ',
  '?!',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '\r\n',
  '\r',
  ',',
  ';',
  ':',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
];
const WEIRD = [
  '\u0000',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uFEFF',
  '\u2028',
  '\u2029',
  '\u00A0',
  '\u200B',
  '\u0085',
  '\u000B',
  '\u000C',
  '\u202E',
  '\uFFFD',
  '\uFFFF',
];
const MARKUP: Record<LanguageId, string[]> = {
  markdown: [
    '# ',
    '## ',
    '###### ',
    '> ',
    '>> ',
    '- ',
    '* ',
    '+ ',
    '1. ',
    '10) ',
    '```',
    '```js\n',
    '~~~',
    '`',
    '``',
    '**',
    '__',
    '*',
    '_',
    '~~',
    '[',
    '](',
    '](http://a.b)',
    '![',
    '[^1]',
    '[^1]: ',
    '[x]: http://a.b',
    '<div>',
    '</div>',
    '<!--',
    '-->',
    '<br/>',
    '---\n',
    '+++\n',
    '***',
    '$$',
    '$',
    '\\',
    '\\*',
    '|',
    '| --- |',
    '    ',
    '<https://a.b>',
    '&amp;',
    '&#x1F600;',
    '- [ ] ',
    '===\n',
    '  \n',
  ],
  plaintext: ['- ', '* ', '1. ', '=====', '#', '>', '|'],
  latex: [
    '\\begin{',
    '\\end{',
    '}',
    '{',
    'itemize}',
    'equation}',
    'verbatim}',
    'document}',
    '\\section{',
    '\\subsection*{',
    '%',
    '\\%',
    '$',
    '$$',
    '\\[',
    '\\]',
    '\\(',
    '\\)',
    '\\emph{',
    '\\textbf{',
    '\\cite{',
    '\\ref{',
    '\\\\',
    '&',
    '\\item ',
    '\\verb|',
    '\\footnote{',
    '\\label{x}',
    '~',
    '``',
    "''",
    '\\documentclass{article}',
    '\\usepackage{x}',
    '\\newcommand{\\x}{',
    '\\def\\y{',
    '\\\n',
    '@',
  ],
  restructuredtext: [
    '.. ',
    '::',
    '::\n\n',
    '=====\n',
    '-----\n',
    '``',
    '`',
    '`_',
    '_',
    '__',
    '|',
    '* ',
    '#. ',
    '1. ',
    ':role:`x`',
    ':field: ',
    '.. code-block:: python\n',
    '.. note::\n',
    '.. |sub| image:: x\n',
    '   ',
    '>>> ',
    '[#]_',
    '.. [#] ',
    '*',
    '**',
    '+---+---+\n',
    '| a | b |\n',
    '.. _target:\n',
    '\\',
  ],
  asciidoc: [
    '= ',
    '== ',
    '=== ',
    '----\n',
    '....\n',
    '====\n',
    '****\n',
    '++++\n',
    '////\n',
    '// ',
    '[source,js]\n',
    ':attr: v\n',
    '{attr}',
    '* ',
    '** ',
    '. ',
    '.Title\n',
    'NOTE: ',
    'TIP: ',
    '`',
    '+',
    '*',
    '_',
    '#',
    '<<x>>',
    'link:x[y]',
    'image::x[]',
    '|===\n',
    '| a | b\n',
    'include::x[]\n',
    '[[id]]',
    '--\n',
    ':: ',
    ';; ',
    'pass:[x]',
    '\\',
  ],
};

function documentArbitrary(language: LanguageId, maxTokens: number): fc.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PROSE) },
    { weight: 4, arbitrary: fc.constantFrom(...PUNCT) },
    { weight: 5, arbitrary: fc.constantFrom(...MARKUP[language], ...MARKUP.markdown.slice(0, 8)) },
    { weight: 1, arbitrary: fc.constantFrom(...WEIRD) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    // Any UTF-16 code unit, lone surrogates included.
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength: 6,
      }),
    },
  );
  return fc.array(token, { maxLength: maxTokens }).map((tokens) => tokens.join(''));
}

/** Runs a fast-check property, counting inputs and turning a counterexample into figures. */
function checkProperty(
  area: string,
  arbitrary: fc.Arbitrary<string>,
  language: LanguageId,
  numRuns: number,
  seed: number,
): void {
  let count = 0;
  const property = fc.property(arbitrary, (text) => {
    count++;
    let sentences: Sentence[];
    try {
      sentences = segmentDocument(text, language);
    } catch (error) {
      throw new Error(`crash: ${(error as Error).stack ?? error}`);
    }
    const broken = violation(text, sentences);
    if (broken) throw new Error(broken);
  });
  try {
    fc.assert(property, { seed, numRuns, endOnFailure: false });
  } catch (error) {
    const message = (error as Error).message;
    problem(
      area,
      message.includes('crash:') ? 'crashes' : 'failures',
      `${language}: ${message.split('\n').slice(0, 6).join(' | ')}`,
    );
    throw error;
  } finally {
    tried(area, 'inputs', count);
  }
}

describe('reliability: segmentation properties', function () {
  this.timeout(600_000);

  LANGUAGES.forEach((language, i) => {
    it(`${language}: random markup-heavy documents keep every invariant`, () => {
      checkProperty('segment/random', documentArbitrary(language, 120), language, runs(400), SEED + i);
    });
    it(`${language}: arbitrary UTF-16 (lone surrogates, NUL, control characters) keeps every invariant`, () => {
      const anyText = fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength: 400,
      });
      checkProperty('segment/utf16', anyText, language, runs(150), SEED + 100 + i);
    });
  });

  it('splitSentences on random prose: ordered, trimmed, inside the text', () => {
    let count = 0;
    try {
      fc.assert(
        fc.property(documentArbitrary('plaintext', 100), (text) => {
          count++;
          const spans = splitSentences(text);
          let end = 0;
          for (const s of spans) {
            assert.ok(
              s.start >= end && s.start < s.end && s.end <= text.length,
              `span [${s.start}, ${s.end}) after ${end}`,
            );
            assert.ok(
              !/^\s|\s$/u.test(text.slice(s.start, s.end)),
              `untrimmed span ${JSON.stringify(text.slice(s.start, s.end))}`,
            );
            end = s.end;
          }
        }),
        { seed: SEED + 200, numRuns: runs(300) },
      );
    } catch (error) {
      problem('segment/split', 'failures', (error as Error).message.split('\n').slice(0, 4).join(' | '));
      throw error;
    } finally {
      tried('segment/split', 'inputs', count);
    }
  });
});

/** Adversarial documents, each large or deep; built lazily so the suite does not hold them all. */
const ADVERSARIAL: Array<{ name: string; make: () => string }> = [
  { name: '1 MB line without punctuation', make: () => 'word '.repeat(200_000) },
  { name: '1 MB of short sentences', make: () => 'The cat sat on the mat. '.repeat(43_000) },
  { name: '1 MB line of one character', make: () => 'x'.repeat(1_000_000) },
  { name: 'NUL bytes between sentences', make: () => 'Hello\u0000 world. Second\u0000 sentence.\u0000'.repeat(5000) },
  {
    name: 'lone surrogates everywhere',
    make: () => 'Lone \uD800 surrogate. Another \uDC00 one. \uDBFF\uDBFF.'.repeat(5000),
  },
  { name: 'unterminated code fence', make: () => '```\ncode\n' + 'More text here. '.repeat(20_000) },
  { name: '\\begin without \\end', make: () => '\\begin{itemize}\n\\item ' + 'Item text here. '.repeat(20_000) },
  {
    name: '\\begin{verbatim} without \\end',
    make: () => 'Before. \\begin{verbatim}\n' + 'Inside text. '.repeat(20_000),
  },
  { name: 'unclosed braces', make: () => '\\emph{'.repeat(10_000) + 'Text. '.repeat(1000) },
  { name: 'deep blockquote (2,000 levels)', make: () => '>'.repeat(2000) + ' A quote. Another one.' },
  { name: 'deep blockquote (20,000 levels, one line)', make: () => '>'.repeat(20_000) + ' A quote.' },
  {
    name: 'deep nested list (500 levels)',
    make: () => Array.from({ length: 500 }, (_, i) => ' '.repeat(i * 2) + '- Item number ' + i + '.').join('\n'),
  },
  { name: 'deep nested emphasis and links', make: () => '*_['.repeat(3000) + 'text' + ']_*'.repeat(3000) },
  { name: 'emphasis delimiter storm (8 KB, one paragraph)', make: () => 'a*b_'.repeat(2000) },
  { name: 'bracket storm (100 KB)', make: () => '['.repeat(100_000) },
  { name: 'backtick storm (100 KB)', make: () => '`'.repeat(100_000) },
  { name: 'dollar storm (100 KB)', make: () => '$'.repeat(100_000) },
  { name: 'HTML comment never closed', make: () => '<!--\n' + 'Hidden text. '.repeat(20_000) },
  { name: 'front matter never closed', make: () => '---\ntitle: x\n' + 'Body text. '.repeat(20_000) },
  { name: '100,000 empty lines', make: () => '\n'.repeat(100_000) + 'End.' },
  { name: 'CR-only line endings', make: () => 'One.\rTwo.\rThree.\r'.repeat(20_000) },
  { name: 'rst: directive never dedented', make: () => '.. note::\n\n' + '   Indented text. '.repeat(20_000) },
  { name: 'asciidoc: delimited block never closed', make: () => '----\n' + 'Listing text. '.repeat(20_000) },
  { name: 'abbreviation storm', make: () => 'Dr. A. B. e.g. i.e. U.S. 3.14 No. 5 etc. '.repeat(20_000) },
];

/** Per-case deadline. Generous: the CI machine may be slow and shared; a linear segmenter is far below it. */
const DEADLINE_MS = Number(process.env.RELIABILITY_SEGMENT_DEADLINE_MS ?? 20_000);

describe('reliability: segmentation of adversarial documents (worker thread, deadline per case)', function () {
  this.timeout(0);
  let bundle: string;
  before(async () => {
    bundle = await bundleModule('src/core/segment/index.ts');
  });
  after(() => removeBundles());

  for (const { name, make } of ADVERSARIAL) {
    it(`${name}: every language, no crash, no hang, invariants hold`, async () => {
      const text = make();
      const broken: string[] = [];
      for (const language of LANGUAGES) {
        tried('segment/adversarial', 'inputs');
        const outcome = await runInWorker<Sentence[]>(
          bundle,
          '(m, d) => m.segmentDocument(d.text, d.language)',
          { text, language },
          DEADLINE_MS,
        );
        measure(`segment ${name} / ${language} (ms)`, outcome.ms);
        if (outcome.kind === 'hang') {
          problem('segment/adversarial', 'hangs', `${name} / ${language}: no result after ${DEADLINE_MS} ms`);
          broken.push(`${language}: hang (> ${DEADLINE_MS} ms)`);
        } else if (outcome.kind === 'crash') {
          problem('segment/adversarial', 'crashes', `${name} / ${language}: ${outcome.error}`);
          broken.push(`${language}: crash ${outcome.error.split('\n')[0]}`);
        } else {
          const v = violation(text, outcome.value);
          if (v) {
            problem('segment/adversarial', 'failures', `${name} / ${language}: ${v}`);
            broken.push(`${language}: ${v}`);
          }
        }
      }
      assert.deepEqual(broken, []);
    });
  }
});
