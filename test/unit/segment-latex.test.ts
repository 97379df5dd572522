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
    assert.deepEqual(
      sentences.map((s) => [s.text, s.clean]),
      [
        ['We study consistency.', 'We study consistency.'],
        ['Our method, e.g.\\ the checker, is fast~\\cite{smith2020}.', 'Our method, e.g. the checker, is fast.'],
        ['Introduction', 'Introduction'],
        [
          'Large language models (LLMs) are \\emph{widely} used~\\cite{a,b}.',
          'Large language models (LLMs) are widely used.',
        ],
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
        ['Caf\\\'e and na\\"ive and \\c{c}a.', 'Café and naïve and ça.'],
        ['Visible.', 'Visible.'],
      ],
    );
  });

  it('reads the whole file when there is no \\begin{document}', () => {
    assert.deepEqual(texts(tex('A fragment. Without preamble.')), ['A fragment.', 'Without preamble.']);
  });

  it('drops comments but not escaped percent signs', () => {
    const doc = 'Rates rose 5\\% today. % hidden. Not prose.\nStill the same paragraph.';
    assert.deepEqual(cleans(tex(doc)), ['Rates rose 5% today.', 'Still the same paragraph.']);
  });

  it('skips math in every form', () => {
    const doc =
      'Let $a.b$ hold. Then \\(x. y\\) too. And\n\\begin{align*}\na &= 1. \\\\\n\\end{align*}\nfinally $$z. w$$ ends.';
    assert.deepEqual(cleans(tex(doc)), ['Let a.b hold.', 'Then x. y too.', 'And finally ends.']);
  });

  it('drops references, labels and graphics with their arguments', () => {
    const doc =
      'See Section~\\ref{s:a}, Eq.~\\eqref{e:1} and \\cite[p.~3]{k}. \\label{x}\\includegraphics[scale=.5]{a.b.png}Done.';
    assert.deepEqual(cleans(tex(doc)), ['See Section, Eq. and.', 'Done.']);
  });

  it('reads sectioning commands as their own sentences', () => {
    const doc = '\\section{Method}Text follows. \\subsection*{Sub. Section}More text.\\paragraph{Run-in} Body.';
    assert.deepEqual(texts(tex(doc)), ['Method', 'Text follows.', 'Sub.', 'Section', 'More text.', 'Run-in', 'Body.']);
  });

  it('skips verbatim, listings and tables but keeps table captions', () => {
    const doc =
      'Intro.\n\\begin{lstlisting}\nx = 1. y\n\\end{lstlisting}\n\\begin{table}\\caption{Scores. Higher is better.}\\begin{tabular}{ll} a. & b. \\\\ \\end{tabular}\\end{table}\nOutro \\verb|a. b| here.';
    assert.deepEqual(texts(tex(doc)), ['Intro.', 'Scores.', 'Higher is better.', 'Outro \\verb|a. b| here.']);
  });

  it('survives unterminated environments, groups and math', () => {
    for (const doc of [
      '\\begin{equation} x. y',
      '\\section{Open title. More',
      'Text $ unclosed math. Next.',
      '\\textbf{{{',
      '\\begin{figure}\\caption{Open',
      '\\',
      '%',
      '{\\\\}',
    ]) {
      assertWellFormed(doc, tex(doc));
    }
    assert.deepEqual(texts(tex('Before. \\begin{verbatim} never closed. Not prose.')), ['Before.']);
  });
});

describe('segment: latex environments and declarations', () => {
  const wellFormed = (doc: string) => {
    const sentences = tex(doc);
    assertWellFormed(doc, sentences);
    return sentences;
  };
  const doc = (preamble: string, body: string) =>
    `\\documentclass{article}\n${preamble}\n\\begin{document}\n${body}\n\\end{document}\nAfter the end.`;

  it('does not end the document at an \\end{document} inside a declared verbatim environment', () => {
    const d = doc(
      '\\lstnewenvironment{sourcecode}[1][]{}{}',
      'Before.\n\\begin{sourcecode}\n\\end{document}\n{ x. %\n\\end{sourcecode}\nProse after the listing.',
    );
    assert.deepEqual(texts(wellFormed(d)), ['Before.', 'Prose after the listing.']);
  });

  it('learns verbatim environments from \\newminted, \\DefineVerbatimEnvironment, +b bodies, tcolorbox listings and \\newenvironment', () => {
    const preamble = [
      '\\newminted{python}{}',
      '\\newminted[shell]{bash}{}',
      '\\DefineVerbatimEnvironment{Code}{Verbatim}{}',
      '\\NewDocumentEnvironment{demo}{O{} +b}{#2}{}',
      '\\newtcblisting{boxed}{colback=white}',
      '\\newenvironment{sample}{\\VerbatimEnvironment\\begin{Verbatim}}{\\end{Verbatim}}',
    ].join('\n');
    const body =
      ['pythoncode', 'shell', 'Code', 'demo', 'boxed', 'sample']
        .map((env, n) => `Text ${n}.\n\\begin{${env}}\nhidden. \\end{document} {\n\\end{${env}}`)
        .join('\n') + '\nLast.';
    assert.deepEqual(texts(wellFormed(doc(preamble, body))), [
      'Text 0.',
      'Text 1.',
      'Text 2.',
      'Text 3.',
      'Text 4.',
      'Text 5.',
      'Last.',
    ]);
  });

  it('guesses that undeclared environments named for code or listings are verbatim', () => {
    const d = doc(
      '',
      'One.\n\\begin{latexcode}\n\\end{document}\n\\end{latexcode}\n\\begin{mylisting}\nx = {\n\\end{mylisting}\nTwo.',
    );
    assert.deepEqual(texts(wellFormed(d)), ['One.', 'Two.']);
  });

  it('reads an undeclared example environment as prose unless it holds a sample document or opens with code', () => {
    const d = doc(
      '',
      '\\begin{example}[Sizes]\n\\label{ex:a}\nA \\emph{small} example.\n\\end{example}\n\\begin{example}\n\\documentclass{article}\n\\begin{document}\nSample.\n\\end{document}\n\\end{example}\n\\begin{example}\n  \\chemsetup{option = value}\n  \\ch{H2O} is water.\n\\end{example}\nOutro.',
    );
    assert.deepEqual(texts(wellFormed(d)), ['Sizes', '\\label{ex:a}\nA \\emph{small} example.', 'Outro.']);
  });

  it('does not trust an \\end{document} inside an environment it does not know', () => {
    const d = doc(
      '',
      'Start.\n\\begin{dispExample}\n\\end{document}\n\\end{dispExample}\n\\begin{tcbcode}\n\\end{tcbcode}\nStill here.',
    );
    assert.deepEqual(texts(wellFormed(d)).slice(-1), ['Still here.']);
  });

  it('reads inline verbatim raw: \\verb, \\lstinline, \\mintinline, \\url and declared inline commands', () => {
    const d = doc(
      '\\newmintinline{python}{}',
      'Use \\verb|%{| and \\verb*+\\end{document}+ here. Try \\lstinline{a%b} or \\mintinline{c}{x{}} now. See \\url{http://x.org/a%20b#c} too. Run \\pythoninline|f(x)| ok.',
    );
    assert.deepEqual(cleans(wellFormed(d)), [
      'Use %{ and \\end{document} here.',
      'Try a%b or x{} now.',
      'See too.',
      'Run f(x) ok.',
    ]);
  });

  it('honours \\MakeShortVerb characters, and reads |\\foo| as code in manuals that never declare it', () => {
    const d = doc(
      '\\MakeShortVerb{\\+}',
      'The +\\end{document}+ line. Then |\\begin{document}| and |\\par| work.\n\\DeleteShortVerb{\\+}\nA + B.',
    );
    assert.deepEqual(cleans(wellFormed(d)), [
      'The \\end{document} line.',
      'Then \\begin{document} and \\par work.',
      'A + B.',
    ]);
  });

  it('skips \\iffalse blocks with nested conditionals, and reads their \\else branch', () => {
    const d = doc(
      '\\DoNotIndex{\\iftrue,\\iffalse,\\fi}',
      'First. \\iffalse hidden \\ifx\\a\\b nested \\fi still hidden. \\fi Bee. \\iffalse no \\else Yes. \\fi',
    );
    assert.deepEqual(cleans(wellFormed(d)), ['First.', 'Bee.', 'Yes.']);
  });

  it('reads description labels and short section titles as blocks, drops list markers', () => {
    const d = doc(
      '',
      '\\section[Short title]{A longer title}\n\\begin{description}\n\\item[Preliminary declarations] come first.\n\\item[(a)] Marked item.\n\\end{description}',
    );
    assert.deepEqual(texts(wellFormed(d)), [
      'Short title',
      'A longer title',
      'Preliminary declarations',
      'come first.',
      'Marked item.',
    ]);
  });

  it('expands macros the document defines as plain text and drops other definitions', () => {
    const d = doc(
      '\\newcommand{\\tool}{ConsistencyChecker\\xspace}\n\\newcommand\\pkg[1]{\\textsf{#1}}\n\\def\\hidden#1{Never. #1}',
      'The \\tool{} reads \\pkg{amsmath} files. \\def\\x{Not prose.}\\let\\a=\\b Done.',
    );
    assert.deepEqual(cleans(wellFormed(d)), ['The ConsistencyChecker reads amsmath files.', 'Done.']);
  });

  it('shows ltxdoc code names as single pieces', () => {
    const d = doc(
      '',
      'Use \\cs{newcommand} with \\marg{name} and \\oarg{n}, or \\meta{code}. \\DescribeMacro{\\foo} Then stop.',
    );
    assert.deepEqual(cleans(wellFormed(d)), ['Use \\newcommand with {⟨name⟩} and [⟨n⟩], or ⟨code⟩.', 'Then stop.']);
  });

  it('reads bibliography entries, one per \\bibitem', () => {
    const d = doc(
      '',
      '\\begin{thebibliography}{9}\n\\bibitem[Knu84]{knuth} D. Knuth.\n\\newblock \\emph{The TeXbook}.\n\\bibitem{lamport} L. Lamport.\n\\end{thebibliography}',
    );
    assert.deepEqual(cleans(wellFormed(d)), ['D. Knuth.', 'The TeXbook.', 'L. Lamport.']);
  });

  it('skips nested drawings and expl3 code, and environment options', () => {
    const d = doc(
      '',
      'A.\n\\begin{tikzpicture}\\begin{tikzpicture}x.\\end{tikzpicture} y. \\end{tikzpicture}\nB. \\ExplSyntaxOn \\cs_new:Npn \\x: { Not prose. } \\ExplSyntaxOff C.\n\\begin{enumerate}[label=(\\alph*)]\n\\item D.\n\\end{enumerate}\n\\begin{minipage}[t]{0.5\\linewidth}\nE.\n\\end{minipage}',
    );
    assert.deepEqual(cleans(wellFormed(d)), ['A.', 'B. C.', 'D.', 'E.']);
  });

  it('lets a \\label on its own line belong to the sentence next to it', () => {
    const d = doc('', '\\section{Title}\n\\label{sec:t}\n\nText.\n\\begin{lemma}\\label{l:x}\nA lemma.\n\\end{lemma}');
    assert.deepEqual(texts(wellFormed(d)), ['Title}\n\\label{sec:t}', 'Text.', '\\label{l:x}\nA lemma.']);
  });

  it('treats a file whose \\begin{document} is only in a comment or verbatim as a fragment', () => {
    assert.deepEqual(texts(wellFormed('% \\begin{document}\nFirst. \\verb|\\begin{document}| second.')), [
      'First.',
      '\\verb|\\begin{document}| second.',
    ]);
  });

  it('stays linear on many unclosed environments, groups and conditionals', () => {
    const d = doc(
      '',
      '\\begin{tabular}{l} x\n\n'.repeat(2000) +
        '\\footnote{a '.repeat(2000) +
        ' \\iffalse'.repeat(100) +
        '\\begin{itemize}'.repeat(2000) +
        '\\end{none}'.repeat(2000) +
        Array.from({ length: 2000 }, (_, n) => `\\verb${String.fromCharCode(0x4e00 + n)}`).join(''),
    );
    const t = Date.now();
    wellFormed(d);
    assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
  });
});

describe('segment: latex floats', () => {
  it('reads sub-captions, not the figures they caption', () => {
    const d =
      '\\begin{figure}\n\\subfloat[Left side.\\label{a}]{\\includegraphics{x} Not prose.}\n\\subcaptionbox{Right side.}{\\fbox{Box text.}}\n\\caption{Both sides.}\n\\label{fig:both}\n\\end{figure}\nAfter.';
    const sentences = tex(d);
    assertWellFormed(d, sentences);
    assert.deepEqual(texts(sentences), ['Left side.', 'Right side.', 'Both sides.', 'After.']);
  });

  it("reads text a float sets itself and every kind of caption, not layout commands' arguments", () => {
    const d =
      '\\begin{figure}[ht]\n\\centering\nAlso available on CTAN:\n\\url{https://ctan.org/pkg/x}\\par\nDistributed with TeX Live.\n\n\\figbox[4in]{Regular figure \\ref{a}}\n\\smilesobabel*[width=40mm]{CC(C(=O)O)N}\n\\topcaption{Top caption.}\n\\captionbox{Boxed caption.}[\\linewidth]{\\fbox{Not prose.}}\n\\end{figure}\nAfter.';
    const sentences = tex(d);
    assertWellFormed(d, sentences);
    assert.deepEqual(cleans(sentences), [
      'Also available on CTAN:',
      'Distributed with TeX Live.',
      'Top caption.',
      'Boxed caption.',
      'After.',
    ]);
  });

  it("skips a declared environment named like code that sets typewriter type (LyX's lyxcode)", () => {
    const d =
      '\\documentclass{article}\n\\newenvironment{lyxcode}{\\par\\begin{list}{}{}\\item[]\\normalfont\\ttfamily}{\\end{list}}\n\\newenvironment{mycode}{\\par\\itshape}{\\par}\n\\begin{document}\nEntering\n\\begin{lyxcode}\n\\textbackslash usepackage\\{numerica\\}\n\\end{lyxcode}\nin the preamble.\n\\begin{mycode}\nProse in italics.\n\\end{mycode}\n\\end{document}';
    assert.deepEqual(texts(wellFormedTex(d)), ['Entering', 'in the preamble.', 'Prose in italics.']);
  });

  it('an alias of \\lstinline in the preamble does not swallow the document', () => {
    const d =
      '\\documentclass{article}\n\\newcommand\\verbinline{\\lstinline[basicstyle=\\normalsize\\ttfamily]}\n\\newcommand\\colorise{\\color{violet}}\n\\begin{document}\nUse it here.\n\\end{document}';
    assert.deepEqual(texts(wellFormedTex(d)), ['Use it here.']);
  });

  it('a \\begin{document} quoted after words on its line is not the start of the document', () => {
    // A chapter included into a manual: its only \begin{document} lines are quoted or in examples.
    const d =
      'It defines the type at `\\begin{document}` only.\n\\begin{examplecode}\n\\begin{document}\nx\n\\end{document}\n\\end{examplecode}\nMore text.';
    assert.deepEqual(texts(wellFormedTex(d)), ['It defines the type at `\\begin{document}` only.', 'More text.']);
  });

  it('an \\end{document} quoted mid-line, with the real one later, does not end the document', () => {
    // seminar.sty's manual quotes commands with a short verbatim character its class declares.
    const doc =
      '\\begin{document}\nYou are missing an "\\end{document}" on the main file.\n\nMore prose follows.\n\\end{document}\nNot typeset.\n';
    const sentences = tex(doc);
    assertWellFormed(doc, sentences);
    assert.deepEqual(texts(sentences), [
      'You are missing an "\\end{document}" on the main file.',
      'More prose follows.',
    ]);
  });
});

function wellFormedTex(d: string) {
  const sentences = tex(d);
  assertWellFormed(d, sentences);
  return sentences;
}
