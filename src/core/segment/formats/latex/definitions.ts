// What a document declares about itself, read as the reader meets the declarations: verbatim
// environments (\lstnewenvironment, \newminted, \DefineVerbatimEnvironment, a \NewDocumentEnvironment
// with a +b body, \newtcblisting, a \newenvironment whose begin code starts a verbatim), theorem-like
// environments (\newtheorem), short verbatim characters (\MakeShortVerb{\|}), inline verbatim
// commands, and macros that stand for plain text (\newcommand{\tool}{ConsistencyChecker}).
// Each handler skips the whole declaration and returns where reading continues.

import { CODE_ENVIRONMENT_NAME, TITLED_ENVIRONMENTS, VERBATIM_ENVIRONMENTS } from './commands';
import type { LatexScanner } from './scanner';

export class Definitions {
  readonly verbatimEnvironments = new Set(VERBATIM_ENVIRONMENTS);
  /** Environments whose optional [..] argument is a title: \begin{theorem}[Main result]. */
  readonly titledEnvironments = new Set(TITLED_ENVIRONMENTS);
  /** Environments the document declares with a body that is not verbatim: their content is prose. */
  readonly proseEnvironments = new Set<string>();
  /** Macros without arguments whose definition is plain text, with that text. */
  readonly textMacros = new Map<string, string>();

  /** Whether the document declared the environment itself (so no name-based guess applies). */
  declared(name: string): boolean {
    return this.proseEnvironments.has(name) || this.titledEnvironments.has(name) || this.verbatimEnvironments.has(name);
  }
}

type Handler = (s: LatexScanner, defs: Definitions, k: number, to: number) => number;

/** Begin code that switches to verbatim reading: fancyvrb's \VerbatimEnvironment, \verbatim, \comment. */
const VERBATIM_BEGIN =
  /\\(VerbatimEnvironment|verbatim|Verbatim|BVerbatim|LVerbatim|VerbatimOut|SaveVerbatim|lstlisting|minted|comment)(?![A-Za-z])|\\begin\s*\{(verbatim|Verbatim|BVerbatim|LVerbatim|VerbatimOut|SaveVerbatim|lstlisting|minted|comment)\*?\}/;

const HANDLERS: Record<string, Handler> = {
  newcommand: command,
  renewcommand: command,
  providecommand: command,
  DeclareRobustCommand: command,
  def: tex,
  gdef: tex,
  edef: tex,
  xdef: tex,
  let: letCommand,
  futurelet: letCommand,
  newenvironment: environment,
  renewenvironment: environment,
  provideenvironment: environment,
  NewDocumentEnvironment: documentEnvironment,
  RenewDocumentEnvironment: documentEnvironment,
  ProvideDocumentEnvironment: documentEnvironment,
  DeclareDocumentEnvironment: documentEnvironment,
  NewDocumentCommand: documentCommand,
  RenewDocumentCommand: documentCommand,
  ProvideDocumentCommand: documentCommand,
  DeclareDocumentCommand: documentCommand,
  lstnewenvironment: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  DefineVerbatimEnvironment: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  RecustomVerbatimEnvironment: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  CustomVerbatimEnvironment: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  newtcblisting: (s, d, k, to) => verbatimEnvironment(s, d, s.skipOptional(k, to), to, 1),
  renewtcblisting: (s, d, k, to) => verbatimEnvironment(s, d, s.skipOptional(k, to), to, 1),
  DeclareTCBListing: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  NewTCBListing: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  RenewTCBListing: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  ProvideTCBListing: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 2),
  excludecomment: (s, d, k, to) => verbatimEnvironment(s, d, k, to, 0),
  includecomment: (s, d, k, to) => proseEnvironment(s, d, k, to, 0),
  newminted: minted,
  newmintinline: mintInline,
  newmintedfile: (s, _d, k, to) => s.skipTokenArguments(k, to, 2),
  newtheorem: theorem,
  renewtheorem: theorem,
  spnewtheorem: theorem,
  declaretheorem: theorem,
  newmdtheoremenv: theorem,
  newtcbtheorem: (s, d, k, to) => proseEnvironment(s, d, s.skipOptional(k, to), to, 3),
  newmdenv: (s, d, k, to) => proseEnvironment(s, d, s.skipOptional(k, to), to, 0),
  MakeShortVerb: (s, _d, k, to) => shortVerb(s, k, to, true),
  DefineShortVerb: (s, _d, k, to) => shortVerb(s, k, to, true),
  DeleteShortVerb: (s, _d, k, to) => shortVerb(s, k, to, false),
  UndefineShortVerb: (s, _d, k, to) => shortVerb(s, k, to, false),
  lstMakeShortInline: (s, _d, k, to) => shortInline(s, k, to, true),
  lstDeleteShortInline: (s, _d, k, to) => shortInline(s, k, to, false),
  newcounter: (s, _d, k, to) => s.skipTokenArguments(k, to, 1),
  newlength: registers,
  newsavebox: registers,
  newif: registers,
  newtoks: registers,
  newcount: registers,
  newdimen: registers,
  newskip: registers,
  newbox: registers,
  newread: registers,
  newwrite: registers,
  newmuskip: registers,
};

/** Handles the declaration named `name` whose name ends at k; returns where reading continues, or -1 if it is none. */
export function readDefinition(s: LatexScanner, defs: Definitions, name: string, k: number, to: number): number {
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, name) ? HANDLERS[name] : undefined;
  return handler ? handler(s, defs, s.skipStar(k), to) : -1;
}

/** \newcommand{\name}[n][default]{body} or \newcommand\name{body}. */
function command(s: LatexScanner, defs: Definitions, k: number, to: number): number {
  const nameArg = s.argument(k, to);
  if (!nameArg) return k;
  let p = nameArg.end;
  const afterName = p;
  p = s.skipOptional(p, to);
  const body = s.argument(p, to);
  if (!body) return p;
  if (p === afterName)
    recordTextMacro(
      s,
      defs,
      macroName(s, nameArg.contentStart, nameArg.contentEnd),
      body.contentStart,
      body.contentEnd,
    );
  return body.end;
}

/** \def\name#1#2{body}: parameter text runs to the first "{". */
function tex(s: LatexScanner, defs: Definitions, k: number, to: number): number {
  const nameArg = s.argument(k, to);
  if (!nameArg) return k;
  const { doc } = s;
  let p = nameArg.end;
  while (p < to && doc[p] !== '{' && doc[p] !== '\n' && p - nameArg.end < 200)
    p = doc[p] === '\\' ? s.nameEnd(p, to) : p + 1;
  if (doc[p] !== '{') return p;
  const end = s.skipGroup(p, to);
  if (p === nameArg.end)
    recordTextMacro(s, defs, macroName(s, nameArg.contentStart, nameArg.contentEnd), p + 1, end - 1);
  return end;
}

/** \let\a\b, \let\a=\b, \let\a= \b. */
function letCommand(s: LatexScanner, _defs: Definitions, k: number, to: number): number {
  const first = s.argument(k, to);
  if (!first) return k;
  let p = first.end;
  while (p < to && s.doc[p] === ' ') p++;
  if (s.doc[p] === '=') p++;
  if (s.doc[p] === ' ') p++;
  const second = s.argument(p, to);
  return second ? second.end : p;
}

/** \newenvironment{name}[n][default]{begin}{end}: verbatim when the begin code starts a verbatim. */
function environment(s: LatexScanner, defs: Definitions, k: number, to: number): number {
  const nameArg = s.argument(k, to);
  if (!nameArg) return k;
  const begin = s.argument(s.skipOptional(nameArg.end, to), to);
  if (!begin) return nameArg.end;
  const name = s.doc.slice(nameArg.contentStart, nameArg.contentEnd).trim();
  const beginCode = s.doc.slice(begin.contentStart, begin.contentEnd);
  declareEnvironment(defs, name, VERBATIM_BEGIN.test(beginCode) || isCodeDisplay(name, beginCode));
  const end = s.argument(begin.end, to);
  return end ? end.end : begin.end;
}

/**
 * An environment named like code whose begin code switches to a typewriter font shows code even
 * though TeX does not read it verbatim: LyX's "lyxcode" (\textbackslash usepackage\{..\}) and
 * many manuals' own. Its content is skipped like a verbatim environment's.
 */
function isCodeDisplay(name: string, beginCode: string): boolean {
  return CODE_ENVIRONMENT_NAME.test(name) && /\\(ttfamily|tt|texttt|verbatimfont)(?![A-Za-z])/.test(beginCode);
}

/** \NewDocumentEnvironment{name}{spec}{begin}{end}: a "b" argument grabs the body, which is then code-like. */
function documentEnvironment(s: LatexScanner, defs: Definitions, k: number, to: number): number {
  const nameArg = s.argument(k, to);
  const spec = nameArg && s.argument(nameArg.end, to);
  if (!nameArg || !spec) return nameArg ? nameArg.end : k;
  const begin = s.argument(spec.end, to);
  const specTypes = argumentTypes(s.doc.slice(spec.contentStart, spec.contentEnd));
  const beginCode = begin ? s.doc.slice(begin.contentStart, begin.contentEnd) : '';
  declareEnvironment(
    defs,
    s.doc.slice(nameArg.contentStart, nameArg.contentEnd).trim(),
    specTypes.includes('b') || VERBATIM_BEGIN.test(beginCode),
  );
  if (!begin) return spec.end;
  const end = s.argument(begin.end, to);
  return end ? end.end : begin.end;
}

/** \NewDocumentCommand\name{spec}{body}: a command whose first argument is "v" reads it verbatim. */
function documentCommand(s: LatexScanner, _defs: Definitions, k: number, to: number): number {
  const nameArg = s.argument(k, to);
  const spec = nameArg && s.argument(nameArg.end, to);
  if (!nameArg || !spec) return nameArg ? nameArg.end : k;
  if (argumentTypes(s.doc.slice(spec.contentStart, spec.contentEnd)).startsWith('v')) {
    s.inlineVerbatim.add(macroName(s, nameArg.contentStart, nameArg.contentEnd));
  }
  const body = s.argument(spec.end, to);
  return body ? body.end : spec.end;
}

/** The argument type letters of an xparse spec, defaults and "+" removed: "O{x} +b" gives "Ob". */
function argumentTypes(spec: string): string {
  return spec.replace(/\{[^{}]*\}|\[[^\]]*\]|[+!>=\s]/g, '').replace(/[^A-Za-z]/g, '');
}

/** A declaration whose first argument names a verbatim environment, followed by `more` arguments. */
function verbatimEnvironment(s: LatexScanner, defs: Definitions, k: number, to: number, more: number): number {
  const nameArg = s.argument(k, to);
  if (!nameArg) return k;
  declareEnvironment(defs, s.doc.slice(nameArg.contentStart, nameArg.contentEnd).trim(), true);
  return s.skipTokenArguments(nameArg.end, to, more);
}

function proseEnvironment(s: LatexScanner, defs: Definitions, k: number, to: number, more: number): number {
  const nameArg = s.argument(k, to);
  if (!nameArg) return k;
  declareEnvironment(defs, s.doc.slice(nameArg.contentStart, nameArg.contentEnd).trim(), false);
  return s.skipTokenArguments(nameArg.end, to, more);
}

function declareEnvironment(defs: Definitions, name: string, verbatim: boolean): void {
  if (!/^[A-Za-z@*]+$/.test(name)) return;
  if (verbatim) {
    defs.verbatimEnvironments.add(name);
    defs.proseEnvironments.delete(name);
  } else {
    defs.verbatimEnvironments.delete(name);
    defs.proseEnvironments.add(name);
  }
}

/** \newminted{python}{opts} declares "pythoncode"; \newminted[name]{python}{opts} declares "name". */
function minted(s: LatexScanner, defs: Definitions, k: number, to: number): number {
  const [given, lang, end] = optionalAndLanguage(s, k, to);
  if (given || lang) declareEnvironment(defs, given || `${lang}code`, true);
  return s.skipTokenArguments(end, to, 1);
}

/** \newmintinline{python}{opts} declares \pythoninline|..|. */
function mintInline(s: LatexScanner, _defs: Definitions, k: number, to: number): number {
  const [given, lang, end] = optionalAndLanguage(s, k, to);
  if (given || lang) s.inlineVerbatim.add(given || `${lang}inline`);
  return s.skipTokenArguments(end, to, 1);
}

function optionalAndLanguage(s: LatexScanner, k: number, to: number): [string, string, number] {
  let p = s.skipSpaces(k, to);
  let given = '';
  if (s.doc[p] === '[') {
    const end = s.skipGroup(p, to);
    given = s.doc.slice(p + 1, end - 1).trim();
    p = end;
  }
  const lang = s.argument(p, to);
  if (!lang) return [given, '', p];
  return [given, s.doc.slice(lang.contentStart, lang.contentEnd).trim(), lang.end];
}

/** \newtheorem{name}[counter]{Title}[within] and its relatives: the environment's [..] is a title. */
function theorem(s: LatexScanner, defs: Definitions, k: number, to: number): number {
  const nameArg = s.argument(s.skipOptional(k, to), to);
  if (!nameArg) return k;
  const name = s.doc.slice(nameArg.contentStart, nameArg.contentEnd).trim();
  if (/^[A-Za-z@*]+$/.test(name)) {
    defs.titledEnvironments.add(name);
    defs.verbatimEnvironments.delete(name);
  }
  // \declaretheorem takes no title argument; the others take one.
  const p = s.skipOptional(nameArg.end, to);
  return s.doc[s.skipSpaces(p, to)] === '{' ? s.skipOptional(s.skipTokenArguments(p, to, 1), to) : p;
}

/** \MakeShortVerb{\|} / \MakeShortVerb*{\|} / \DeleteShortVerb{\|}. */
function shortVerb(s: LatexScanner, k: number, to: number, add: boolean): number {
  const arg = s.argument(k, to);
  if (!arg) return k;
  const m = /^\s*\\(.)\s*$/.exec(s.doc.slice(arg.contentStart, arg.contentEnd));
  if (m && !/[A-Za-z@\s{}%\\]/.test(m[1])) {
    if (add) s.shortVerb.add(m[1]);
    else s.shortVerb.delete(m[1]);
  }
  return arg.end;
}

/** \lstMakeShortInline[style]| : the character follows directly. */
function shortInline(s: LatexScanner, k: number, to: number, add: boolean): number {
  const p = s.skipSpaces(s.skipOptional(k, to), to);
  const c = s.doc[p];
  if (c === '{' || c === '\\') return shortVerb(s, p, to, add);
  if (c === undefined || /[A-Za-z@\s{}%]/.test(c)) return p;
  if (add) s.shortVerb.add(c);
  else s.shortVerb.delete(c);
  return p + 1;
}

/** \newlength{\x}, \newif\ifx, \newcount\x: one name. */
function registers(s: LatexScanner, _defs: Definitions, k: number, to: number): number {
  const arg = s.argument(k, to);
  return arg ? arg.end : k;
}

/** "\foo" from "\foo" or "{\foo}" (without the backslash). */
function macroName(s: LatexScanner, from: number, to: number): string {
  const m = /^\s*\\([A-Za-z@]+|.)\s*$/.exec(s.doc.slice(from, to));
  return m ? m[1] : '';
}

/** A macro whose body is only words (styling and \xspace aside) reads as those words. */
function recordTextMacro(s: LatexScanner, defs: Definitions, name: string, from: number, to: number): void {
  if (!name || to - from > 120) return;
  const text = s.doc
    .slice(from, to)
    .replace(/\\(xspace|@|\/)(?![A-Za-z])|\{\}/g, '')
    .replace(/\\(text(rm|sf|tt|sc|bf|it|sl|up|md|normal)|emph|mbox|textsuperscript)\s*\{([^{}\\]*)\}/g, '$3')
    .replace(/\\ |~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (/^[\p{L}\p{N}][\p{L}\p{N} .,'’&/-]{0,59}$/u.test(text)) defs.textMacros.set(name, text);
  else defs.textMacros.delete(name);
}
