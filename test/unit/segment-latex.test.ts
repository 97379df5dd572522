// LaTeX segmentation: a paper fragment, and the markup rules one by one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDocument } from '../../src/core/segment';
import { assertWellFormed, cleans, texts } from './segment-helpers';

const tex = (text: string) => segmentDocument(text, 'latex');

describe('segment: latex', () => {
  it('segments a paper: body only, sections, captions, footnotes, items; no math, citations or code', () => {
    const doc = readFileSync(join(__dirname, '..', 'fixtures', 'segment', 'paper.tex'), 'utf8');
    const sentences = tex(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(sentences.map((s) => [s.text, s.clean]), [
      ['We study consistency.', 'We study consistency.'],
      ['Our method, e.g.\\ the checker, is fast~\\cite{smith2020}.', 'Our method, e.g. the checker, is fast.'],
      ['Introduction', 'Introduction'],
      ['Large language models (LLMs) are \\emph{widely} used~\\cite{a,b}.', 'Large language models (LLMs) are widely used.'],
      ['They fail\nin subtle ways, as shown in Fig.~\\ref{fig:x}.', 'They fail in subtle ways, as shown in Fig..'],
      ['See \\url{https://x.org} for details.', 'See for details.'],
      ['We measure\naccuracy at 95\\% on $n = 1.5$ samples.', 'We measure accuracy at 95% on n = 1.5 samples.'],
      ['The cost is \\$5.', 'The cost is $5.'],
      ['Escaped \\% sign.', 'Escaped % sign.'],
      ['where $E$ is energy.', 'where E is energy.'],
      ['Display \\[ x = 1. \\] math too.', 'Display math too.'],
      ['Results of the study.', 'Results of the study.'],
      ['Higher is better.', 'Higher is better.'],
      ['First point.', 'First point.'],
      ['Still first.', 'Still first.'],
      ['Second point', 'Second point'],
      ['Related Work', 'Related Work'],
      ["Smith et al.\\ (2020) proposed ``quoted text.''", 'Smith et al. (2020) proposed “quoted text.”'],
      ['Then \\textbf{bold} and \\textit{it}.', 'Then bold and it.'],
      ["Caf\\'e and na\\\"ive and \\c{c}a.", 'Café and naïve and ça.'],
      ['Visible.', 'Visible.'],
    ]);
  });

  it('reads the whole file when there is no \\begin{document}', () => {
    assert.deepEqual(texts(tex('A fragment. Without preamble.')), ['A fragment.', 'Without preamble.']);
  });

  it('drops comments but not escaped percent signs', () => {
    const doc = 'Rates rose 5\\% today. % hidden. Not prose.\nStill the same paragraph.';
    assert.deepEqual(cleans(tex(doc)), ['Rates rose 5% today.', 'Still the same paragraph.']);
  });

  it('skips math in every form', () => {
    const doc = 'Let $a.b$ hold. Then \\(x. y\\) too. And\n\\begin{align*}\na &= 1. \\\\\n\\end{align*}\nfinally $$z. w$$ ends.';
    assert.deepEqual(cleans(tex(doc)), ['Let a.b hold.', 'Then x. y too.', 'And finally ends.']);
  });

  it('drops references, labels and graphics with their arguments', () => {
    const doc = 'See Section~\\ref{s:a}, Eq.~\\eqref{e:1} and \\cite[p.~3]{k}. \\label{x}\\includegraphics[scale=.5]{a.b.png}Done.';
    assert.deepEqual(cleans(tex(doc)), ['See Section, Eq. and.', 'Done.']);
  });

  it('reads sectioning commands as their own sentences', () => {
    const doc = '\\section{Method}Text follows. \\subsection*{Sub. Section}More text.\\paragraph{Run-in} Body.';
    assert.deepEqual(texts(tex(doc)), ['Method', 'Text follows.', 'Sub.', 'Section', 'More text.', 'Run-in', 'Body.']);
  });

  it('skips verbatim, listings and tables but keeps table captions', () => {
    const doc = 'Intro.\n\\begin{lstlisting}\nx = 1. y\n\\end{lstlisting}\n\\begin{table}\\caption{Scores. Higher is better.}\\begin{tabular}{ll} a. & b. \\\\ \\end{tabular}\\end{table}\nOutro \\verb|a. b| here.';
    assert.deepEqual(texts(tex(doc)), ['Intro.', 'Scores.', 'Higher is better.', 'Outro \\verb|a. b| here.']);
  });

  it('survives unterminated environments, groups and math', () => {
    for (const doc of ['\\begin{equation} x. y', '\\section{Open title. More', 'Text $ unclosed math. Next.', '\\textbf{{{', '\\begin{figure}\\caption{Open', '\\', '%', '{\\\\}']) {
      assertWellFormed(doc, tex(doc));
    }
    assert.deepEqual(texts(tex('Before. \\begin{verbatim} never closed. Not prose.')), ['Before.']);
  });
});
