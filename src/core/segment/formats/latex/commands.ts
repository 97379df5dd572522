// What the LaTeX reader does with each command and environment. Commands not listed here are
// dropped while their arguments are read as prose, which suits the many text-styling macros
// (\emph{x}, \textbf{x}, \mbox{x}, user macros) without listing them all.

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/** Commands whose argument is a heading: its own sentence(s). */
export const SECTIONS = set(
  `part chapter section subsection subsubsection paragraph subparagraph frametitle framesubtitle`,
);

/** Commands whose argument is prose set apart from the running text: a block of its own. */
export const SEPARATE_PROSE = set(
  `caption captionof subcaption footnote footnotetext thanks marginpar marginnote sidenote todo title subtitle`,
);

/**
 * Commands dropped together with their arguments (references, citations, layout, definitions),
 * with the number of required {} arguments they take. Optional [] arguments are dropped too.
 */
export const DROPPED: Map<string, number> = new Map([
  ...[
    ...set(`cite citep citet citealp citealt citeauthor citeyear citeyearpar citenum parencite Parencite
    textcite Textcite autocite Autocite footcite fullcite nocite smartcite supercite Cite
    label ref eqref pageref autoref Autoref cref Cref vref nameref labelcref
    includegraphics includepdf input include includeonly bibliography bibliographystyle addbibresource
    vspace hspace vskip hskip enlargethispage pagestyle thispagestyle pagenumbering graphicspath
    usepackage RequirePackage documentclass index glossary gls Gls glspl acrshort acrlong acrfull
    hypersetup captionsetup lstset geometry linespread fontsize color hyperlink hypertarget
    phantom hphantom vphantom tag cline lstinputlisting inputminted
    addcontentsline addtocontents setcounter addtocounter stepcounter refstepcounter
    DescribeMacro DescribeEnv DescribeOption SpecialUsageIndex SpecialEnvIndex SpecialMainIndex changes
    lstdefinestyle lstdefinelanguage setminted setmintedinline tcbset pgfplotsset tikzset usetikzlibrary
    ProvidesPackage ProvidesClass ProvidesFile NeedsTeXFormat PassOptionsToPackage setkeys`),
  ].map((n): [string, number] => [n, 1]),
  ['setlength', 2],
  ['addtolength', 2],
  ['newcommand', 2],
  ['renewcommand', 2],
  ['providecommand', 2],
  ['DeclareMathOperator', 2],
  ['newtheorem', 2],
  ['newenvironment', 3],
  ['renewenvironment', 3],
  ['definecolor', 3],
  ['setcopyright', 1],
  ['rule', 2],
  ['fontsize', 2],
  ['multirow', 2],
]);

/** Commands dropped with no argument; the ones that end a paragraph say so. */
export const PARAGRAPH_BREAKS = set(`par item bibitem newpage clearpage cleardoublepage pagebreak maketitle
  tableofcontents listoffigures listoftables printbibliography appendix bigskip medskip smallskip vfill
  frontmatter mainmatter backmatter`);

/** Commands that stand for text. */
export const SYMBOLS: Record<string, string> = {
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2e',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  textbackslash: '\\',
  S: '§',
  P: '¶',
  copyright: '©',
  textcopyright: '©',
  textregistered: '®',
  texttrademark: '™',
  dag: '†',
  ddag: '‡',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textasciitilde: '~',
  textasciicircum: '^',
  textunderscore: '_',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  textdollar: '$',
  textpercent: '%',
  textdegree: '°',
  textbullet: '•',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  euro: '€',
  pounds: '£',
  textsection: '§',
  checkmark: '✓',
  etal: 'et al.',
  eg: 'e.g.',
  ie: 'i.e.',
  etc: 'etc.',
};

/** Commands whose first {} argument is not prose but whose later ones are: \textcolor{red}{text}. */
export const SKIP_FIRST_ARGUMENT = set(`textcolor colorbox foreignlanguage fcolorbox hyperref`);

/** Commands whose argument is a URL or path, read raw (it may hold "%" and "#"): dropped. */
export const URL_COMMANDS = set(`url nolinkurl path`);

/**
 * ltxdoc/l3doc markup for code names inside prose, shown as code: \cs{foo} is "\foo", \meta{file}
 * is "⟨file⟩", \marg{arg} is "{⟨arg⟩}".
 */
export const CODE_ARGUMENTS: Record<string, [string, string]> = {
  cs: ['\\', ''],
  tn: ['\\', ''],
  cmd: ['', ''],
  meta: ['⟨', '⟩'],
  marg: ['{⟨', '⟩}'],
  oarg: ['[⟨', '⟩]'],
  parg: ['(⟨', '⟩)'],
};

/** Accent commands followed by a letter: \'e -> é. */
export const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  b: '\u0331',
  d: '\u0323',
};

/**
 * Environments read verbatim: LaTeX finds their end by the literal text "\end{name}", so nothing
 * inside them (braces, "%", "\end{document}") means anything. Documents add their own (definitions.ts).
 */
export const VERBATIM_ENVIRONMENTS = set(`verbatim verbatim* Verbatim Verbatim* BVerbatim BVerbatim* LVerbatim
  LVerbatim* SaveVerbatim VerbatimOut lstlisting minted comment filecontents filecontents* macrocode macrocode*
  macro-code tcblisting tcboutputlisting sourcecode alltt spverbatim boxedverbatim verbatimtab listingcont
  Example CenterExample SideBySideExample PCenterExample PSideBySideExample rawhtml LTXexample`);

/** Environments with no prose at all (math, drawings, tables of data). They nest: \begin{tikzpicture} in one. */
export const SKIPPED_ENVIRONMENTS = set(`equation equation* align align* alignat alignat* flalign flalign*
  gather gather* multline multline* eqnarray eqnarray* math displaymath dmath dmath* dgroup dgroup* split
  tikzpicture pspicture picture tikzcd xy
  tabular tabular* tabularx tabulary longtable longtable* tabu array algorithmic tblr longtblr supertabular xtabular
  forest circuitikz axis`);

/**
 * Names that say "code" without being declared anywhere the reader sees (a class or package defines
 * them): a documented heuristic. An environment the document declares itself is read as declared.
 */
export const CODE_ENVIRONMENT_NAME = /code|listing|verbatim/i;
/** Names that say "example": in manuals a sample of LaTeX source, in papers a theorem-like block. */
export const EXAMPLE_ENVIRONMENT_NAME = /example/i;

/** Text environments with arguments that are not prose: how many {..} to skip after the name. */
export const ENVIRONMENT_ARGUMENTS: Record<string, number> = {
  minipage: 1,
  multicols: 1,
  'multicols*': 1,
  list: 2,
  otherlanguage: 1,
  'otherlanguage*': 1,
  adjustbox: 1,
  column: 1,
  columns: 0,
  thebibliography: 1,
  tcolorbox: 0,
  mdframed: 0,
  framed: 0,
  letter: 1,
  trivlist: 0,
  parcolumns: 1,
  turn: 1,
  rotate: 1,
  lrbox: 1,
  raggedleft: 0,
  spacing: 1,
  colorbox: 1,
  fcolorbox: 2,
  figwindow: 1,
};

/** Beamer frames and blocks: their first {..} argument is a title. */
export const TITLE_ARGUMENT_ENVIRONMENTS = set(`frame block exampleblock alertblock`);

/** Floats: only their captions are prose. */
export const FLOAT_ENVIRONMENTS = set(`figure figure* table table* wrapfigure wraptable subfigure subtable
  sidewaysfigure sidewaystable algorithm listing marginfigure margintable`);

/** Environments whose optional [title] argument is a heading of its own: \begin{theorem}[Main result]. */
export const TITLED_ENVIRONMENTS = set(`theorem lemma corollary proposition definition remark proof
  claim conjecture note observation exercise problem solution assumption thm lem cor prop defn dfn rem
  notation hypothesis fact axiom question answer`);

/**
 * Environments known to hold prose. The reader trusts an \end{document} inside them; inside an
 * environment it knows nothing about (a package's verbatim environment, say) it does not.
 */
export const TEXT_ENVIRONMENTS = set(
  `itemize enumerate description list trivlist center flushleft flushright
  quote quotation verse abstract minipage multicols multicols* titlepage small footnotesize scriptsize large
  Large LARGE huge Huge normalsize tiny otherlanguage otherlanguage* selectlanguage sloppypar raggedright
  raggedleft frame block exampleblock alertblock columns column onlyenv overlayarea tcolorbox mdframed framed
  shaded leftbar compactitem compactenum compactdesc inparaenum asparaenum asparaitem dinglist
  spacing singlespace onehalfspace doublespace letter appendix appendices subappendices acknowledgments
  acknowledgements keywords IEEEkeywords CCSXML widetext landscape adjustbox parcolumns paracol
  latexonly htmlonly rawlatex samepage thebibliography lrbox turn rotate sideways noindent` +
    ' ' +
    [...TITLED_ENVIRONMENTS].join(' '),
);
