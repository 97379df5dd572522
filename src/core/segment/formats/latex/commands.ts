// What the LaTeX reader does with each command and environment. Commands not listed here are
// dropped while their arguments are read as prose, which suits the many text-styling macros
// (\emph{x}, \textbf{x}, \mbox{x}, user macros) without listing them all.

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/** Commands whose argument is a heading: its own sentence(s). */
export const SECTIONS = set(`part chapter section subsection subsubsection paragraph subparagraph frametitle framesubtitle`);

/** Commands whose argument is prose set apart from the running text: a block of its own. */
export const SEPARATE_PROSE = set(`caption captionof subcaption footnote footnotetext thanks marginpar marginnote sidenote todo title subtitle`);

/**
 * Commands dropped together with their arguments (references, citations, layout, definitions),
 * with the number of required {} arguments they take. Optional [] arguments are dropped too.
 */
export const DROPPED: Map<string, number> = new Map([
  ...[...set(`cite citep citet citealp citealt citeauthor citeyear citeyearpar citenum parencite Parencite
    textcite Textcite autocite Autocite footcite fullcite nocite smartcite supercite Cite
    label ref eqref pageref autoref Autoref cref Cref vref nameref labelcref url nolinkurl
    includegraphics includepdf input include includeonly bibliography bibliographystyle addbibresource
    vspace hspace vskip hskip enlargethispage pagestyle thispagestyle pagenumbering graphicspath
    usepackage RequirePackage documentclass index glossary gls Gls glspl acrshort acrlong acrfull
    hypersetup captionsetup lstset geometry linespread fontsize color hyperlink hypertarget
    phantom hphantom vphantom tag cline bibitem lstinputlisting inputminted
    addcontentsline addtocontents setcounter addtocounter stepcounter refstepcounter`)].map((n): [string, number] => [n, 1]),
  ['setlength', 2], ['addtolength', 2], ['newcommand', 2], ['renewcommand', 2], ['providecommand', 2],
  ['DeclareMathOperator', 2], ['newtheorem', 2], ['newenvironment', 3], ['renewenvironment', 3],
  ['definecolor', 3], ['setcopyright', 1], ['rule', 2], ['fontsize', 2], ['multirow', 2],
]);

/** Commands dropped with no argument; the ones that end a paragraph say so. */
export const PARAGRAPH_BREAKS = set(`par item bibitem newpage clearpage cleardoublepage pagebreak maketitle
  tableofcontents listoffigures listoftables printbibliography appendix bigskip medskip smallskip vfill
  frontmatter mainmatter backmatter`);

/** Commands that stand for text. */
export const SYMBOLS: Record<string, string> = {
  ldots: '…', dots: '…', textellipsis: '…', LaTeX: 'LaTeX', LaTeXe: 'LaTeX2e', TeX: 'TeX', BibTeX: 'BibTeX',
  textbackslash: '\\', S: '§', P: '¶', copyright: '©', textcopyright: '©', textregistered: '®',
  texttrademark: '™', dag: '†', ddag: '‡', textendash: '–', textemdash: '—', textquoteleft: '‘',
  textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', textasciitilde: '~',
  textasciicircum: '^', textunderscore: '_', textbar: '|', textless: '<', textgreater: '>',
  textdollar: '$', textpercent: '%', textdegree: '°', textbullet: '•', ss: 'ß', ae: 'æ', AE: 'Æ',
  oe: 'œ', OE: 'Œ', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ', euro: '€',
  pounds: '£', textsection: '§', checkmark: '✓', etal: 'et al.', eg: 'e.g.', ie: 'i.e.', etc: 'etc.',
};

/** Commands whose first {} argument is not prose but whose later ones are: \textcolor{red}{text}. */
export const SKIP_FIRST_ARGUMENT = set(`textcolor colorbox foreignlanguage href fcolorbox hyperref`);

/** Accent commands followed by a letter: \'e -> é. */
export const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', b: '\u0331', d: '\u0323',
};

/** Environments with no prose at all (math, code, drawings, tables of data). */
export const SKIPPED_ENVIRONMENTS = set(`equation equation* align align* alignat alignat* flalign flalign*
  gather gather* multline multline* eqnarray eqnarray* math displaymath dmath dmath* dgroup split
  verbatim verbatim* Verbatim BVerbatim lstlisting minted comment alltt tikzpicture pspicture picture
  tabular tabular* tabularx tabulary longtable tabu array algorithmic filecontents filecontents*
  thebibliography forest circuitikz axis`);

/** Floats: only their captions are prose. */
export const FLOAT_ENVIRONMENTS = set(`figure figure* table table* wrapfigure wraptable subfigure subtable
  sidewaysfigure sidewaystable algorithm listing marginfigure margintable`);

/** Environments whose optional [title] argument is a heading of its own: \begin{theorem}[Main result]. */
export const TITLED_ENVIRONMENTS = set(`theorem lemma corollary proposition definition remark example proof
  claim conjecture note observation exercise problem solution assumption`);
