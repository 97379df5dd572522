// The LaTeX reader: one forward pass that keeps prose and drops markup. It tracks the open
// environments so that only the \end{document} that closes the document ends it, reads verbatim
// environments by their literal end (so nothing inside them can end the document or open a group),
// and learns the document's own verbatim environments, short verbatim characters and text macros
// from its declarations as it meets them.

import { proseSentences } from '../../prose/prose-sentences';
import { ProseBuilder } from '../../prose/prose-text';
import type { Sentence } from '../../types';
import {
  ACCENTS,
  CODE_ARGUMENTS,
  CODE_ENVIRONMENT_NAME,
  DROPPED,
  ENVIRONMENT_ARGUMENTS,
  EXAMPLE_ENVIRONMENT_NAME,
  FLOAT_ENVIRONMENTS,
  PARAGRAPH_BREAKS,
  SECTIONS,
  SEPARATE_PROSE,
  SKIP_FIRST_ARGUMENT,
  SKIPPED_ENVIRONMENTS,
  SYMBOLS,
  TEXT_ENVIRONMENTS,
  TITLE_ARGUMENT_ENVIRONMENTS,
  URL_COMMANDS,
} from './commands';
import { Definitions, readDefinition } from './definitions';
import { attachMarkup, type Markup } from './markup';
import { isLetter, LatexScanner } from './scanner';

/** Math environments sit inside a paragraph ("we have \begin{equation}..\end{equation} where"). */
const INLINE_ENVIRONMENTS =
  /^(equation|align|alignat|flalign|gather|multline|eqnarray|math|displaymath|dmath|dgroup|split)\*?$/;
const MAX_DEPTH = 64;
const MAX_OPEN_ENVIRONMENTS = 256;
/** A sample document inside an "example" environment: shown as source, not prose. */
const SAMPLE_DOCUMENT = ['\\documentclass', '\\begin{document}', '\\end{document}', '\\usepackage'];

interface OpenEnvironment {
  name: string;
  /** Neither built in nor declared: it may be a verbatim environment that a package defines. */
  unknown: boolean;
}

export class LatexReader {
  readonly sentences: Sentence[] = [];
  /** Set once \begin{document} is read, when the reader started in the preamble. */
  sawDocument = false;
  private ended = false;
  private builder = new ProseBuilder();
  private readonly scanner: LatexScanner;
  private readonly defs = new Definitions();
  private readonly open: OpenEnvironment[] = [];
  /** Environment names whose nested end search failed once: later searches take the first literal end. */
  private readonly unbalanced = new Set<string>();
  private readonly envPatterns = new Map<string, RegExp>();
  /** View length just after the last line break put in the view, and the spaces put there since. */
  private lineBreakView = -1;
  private spacesSinceLineBreak = 0;
  /** Commands of the current block that left nothing in the view (\label, \index). */
  private markup: Markup[] = [];

  /** In the preamble, nothing is prose until \begin{document}; declarations are still learnt. */
  constructor(
    private readonly doc: string,
    private inPreamble: boolean,
  ) {
    this.scanner = new LatexScanner(doc);
  }

  run(): void {
    this.read(0, this.doc.length, 0);
    this.flush();
  }

  private flush(): void {
    if (!this.inPreamble) {
      const firstNew = this.sentences.length;
      if (this.builder.viewLength > 0) {
        for (const s of proseSentences(this.doc, this.builder.build())) this.sentences.push(s);
      }
      if (this.markup.length > 0) attachMarkup(this.doc, this.sentences, firstNew, this.markup);
    }
    this.markup = [];
    this.lineBreakView = -1;
    this.builder = new ProseBuilder();
  }

  /** Reads [from, to) as running text. */
  private read(from: number, to: number, depth: number): void {
    const { doc } = this;
    const shortVerb = this.scanner.shortVerb;
    let i = from;
    while (i < to && !this.ended) {
      const c = doc[i];
      if (c === '%') {
        i = this.scanner.lineEnd(i, to);
        this.builder.gap();
      } else if (c === '\\') {
        i = this.commandOrMarkup(i, to, depth);
      } else if (c === '$') {
        i = this.dollarMath(i, to);
      } else if (c === '{' || c === '}') {
        this.builder.gap();
        i++;
      } else if (c === '\n') {
        i = this.newline(i, to);
      } else if (shortVerb.has(c) || (c === '|' && this.looksLikeShortVerb(i, to))) {
        i = this.shortVerbatim(i, to);
      } else if (c === '~' || c === '`' || c === "'" || c === '-') {
        i = this.ligature(i);
      } else {
        let j = i + 1;
        while (j < to && !isSpecial(doc.charCodeAt(j)) && !shortVerb.has(doc[j])) j++;
        const value = doc.slice(i, j);
        if (this.viewLineIsBlank() && /^[ \t\r]*$/.test(value)) this.spacesSinceLineBreak += value.length;
        this.builder.text(i, value);
        i = j;
      }
    }
  }

  /** A blank line ends the paragraph; a single newline is a space. */
  private newline(i: number, to: number): number {
    const after = this.scanner.blankLineEnd(i, to);
    if (after > 0) {
      this.flush();
      return after;
    }
    // After removed markup (a comment line, a \url on a line of its own) a view line can be empty
    // or only indentation; it must not read as a paragraph break.
    if (this.builder.lastChar === '\n' || this.viewLineIsBlank()) {
      this.builder.space(i, i + 1);
    } else {
      this.builder.text(i, '\n');
      this.lineBreakView = this.builder.viewLength;
      this.spacesSinceLineBreak = 0;
    }
    return i + 1;
  }

  /** Whether the view holds nothing but spaces since its last line break. */
  private viewLineIsBlank(): boolean {
    return this.lineBreakView >= 0 && this.builder.viewLength === this.lineBreakView + this.spacesSinceLineBreak;
  }

  /** ~ `` '' -- ---: typographic characters written as ASCII. */
  private ligature(i: number): number {
    const { doc } = this;
    const b = this.builder;
    const c = doc[i];
    if (c === '~') {
      b.space(i, i + 1);
      return i + 1;
    }
    if (c === '`') {
      const double = doc[i + 1] === '`';
      b.replaced(double ? '“' : '‘', i, i + (double ? 2 : 1), 'symbol');
      return i + (double ? 2 : 1);
    }
    if (c === "'" && doc[i + 1] === "'") {
      b.replaced('”', i, i + 2, 'symbol');
      return i + 2;
    }
    if (c === '-' && doc[i + 1] === '-') {
      const em = doc[i + 2] === '-';
      b.replaced(em ? '—' : '–', i, i + (em ? 3 : 2), 'symbol');
      return i + (em ? 3 : 2);
    }
    b.text(i, c);
    return i + 1;
  }

  /**
   * "|\foo|" in a document that never declared "|" a short verbatim character: ltxguide-style
   * manuals get it from their class. Text-mode "|" is otherwise rare (tables and math are skipped).
   */
  private looksLikeShortVerb(i: number, to: number): boolean {
    const { doc } = this;
    if (doc[i + 1] !== '\\' || !isLetter(doc.charCodeAt(i + 2))) return false;
    return this.scanner.shortVerbEnd(i, to) > i + 1;
  }

  private shortVerbatim(i: number, to: number): number {
    const end = this.scanner.shortVerbEnd(i, to);
    if (end === i + 1) {
      this.builder.text(i, this.doc[i]);
      return end;
    }
    this.builder.replaced(this.doc.slice(i + 1, end - 1), i, end, 'code');
    return end;
  }

  /** A command; one that leaves nothing in the view and stays on its line is remembered as markup. */
  private commandOrMarkup(i: number, to: number, depth: number): number {
    const block = this.builder;
    const view = block.viewLength;
    const next = this.command(i, to, depth);
    if (
      this.builder === block &&
      block.viewLength === view &&
      isLetter(this.doc.charCodeAt(i + 1)) &&
      !this.inPreamble
    ) {
      const name = this.doc.slice(i + 1, this.scanner.nameEnd(i, to));
      if (name !== 'begin' && name !== 'end' && this.scanner.findBefore('\n', i, next) < 0)
        this.markup.push([i, next, false]);
    }
    return next;
  }

  /** Handles the command at i ("\name" or "\symbol"); returns where reading continues. */
  private command(i: number, to: number, depth: number): number {
    const { doc, scanner } = this;
    const b = this.builder;
    if (i + 1 >= to) {
      b.gap();
      return i + 1;
    }
    if (!isLetter(doc.charCodeAt(i + 1))) return this.controlSymbol(i, to);
    const nameEnd = scanner.nameEnd(i, to);
    const name = doc.slice(i + 1, nameEnd);
    const k = scanner.skipStar(nameEnd);

    if (name === 'begin') return this.begin(k, to, depth);
    if (name === 'end') return this.end(k);
    if (name === 'iffalse' && !/^[,}\\]/.test(doc[k] ?? '')) return this.skipConditional(k, to);
    if (name === 'ExplSyntaxOn') return this.skipTo('\\ExplSyntaxOff', k, to);
    if (scanner.inlineVerbatim.has(name)) return this.inlineVerbatim(i, nameEnd, to, name);
    if (URL_COMMANDS.has(name) || name === 'href') return this.url(k, to, name === 'href');
    const declared = readDefinition(scanner, this.defs, name, nameEnd, to);
    if (declared >= 0) {
      b.gap();
      return declared;
    }
    if (Object.prototype.hasOwnProperty.call(CODE_ARGUMENTS, name)) return this.codeArgument(i, k, to, name);
    if (SECTIONS.has(name) || SEPARATE_PROSE.has(name)) return this.separateArguments(k, to, depth, name);
    const arity = DROPPED.get(name);
    if (arity !== undefined) {
      b.gap();
      return scanner.skipArguments(k, to, arity);
    }
    if (name === 'item') return this.item(i, k, to, depth);
    if (name === 'bibitem') {
      this.flush();
      return this.startsBlock(i, scanner.skipArguments(k, to, 1));
    }
    if (PARAGRAPH_BREAKS.has(name)) {
      this.flush();
      return k;
    }
    if (Object.prototype.hasOwnProperty.call(SYMBOLS, name)) return this.symbol(i, k, SYMBOLS[name]);
    if (name.length === 1 && ACCENTS[name] && (doc[k] === '{' || doc[k] === ' '))
      return this.accent(i, k, to, ACCENTS[name]);
    if (SKIP_FIRST_ARGUMENT.has(name)) {
      b.gap();
      return scanner.skipArguments(k, to, name === 'fcolorbox' ? 2 : 1);
    }
    const text = this.defs.textMacros.get(name);
    if (text !== undefined) return this.symbol(i, k, text);
    // Unknown or styling command: drop its name, read its arguments as prose.
    b.gap();
    return k;
  }

  /** A command that stands for text; "\LaTeX{}" takes its empty group along. */
  private symbol(i: number, k: number, text: string): number {
    let end = k;
    if (this.doc[end] === '{' && this.doc[end + 1] === '}') end += 2;
    this.builder.replaced(text, i, end, 'symbol');
    return end;
  }

  /** "\%", "\\", "\(", "\'e" and the like. */
  private controlSymbol(i: number, to: number): number {
    const { doc } = this;
    const b = this.builder;
    const next = doc[i + 1];
    switch (next) {
      case '\\': {
        b.space(i, i + 2);
        const k = this.scanner.skipStar(i + 2);
        return doc[k] === '[' ? this.scanner.skipGroup(k, to) : k;
      }
      case '%':
      case '$':
      case '&':
      case '#':
      case '_':
      case '{':
      case '}':
        b.replaced(next, i, i + 2, 'symbol');
        return i + 2;
      case ' ':
      case '\n':
      case '\t':
      case ';':
      case ':':
      case '>':
        b.space(i, i + 2);
        return i + 2;
      case '(':
      case '[': {
        const close = this.scanner.find(next === '(' ? '\\)' : '\\]', i + 2);
        const end = close < 0 || close >= to ? to : close + 2;
        if (next === '(') b.replaced(doc.slice(i + 2, Math.max(i + 2, end - 2)).trim(), i, end, 'math');
        else b.gap();
        return end;
      }
      default:
        if (ACCENTS[next]) return this.accent(i, i + 2, to, ACCENTS[next]);
        b.gap();
        return i + 2;
    }
  }

  /** \'e, \'{e}, \c{c}: the letter with its accent, as one symbol. */
  private accent(i: number, k: number, to: number, mark: string): number {
    const { doc } = this;
    let p = k;
    while (p < to && doc[p] === ' ') p++;
    let letter = '';
    let end = p;
    if (doc[p] === '{') {
      const close = doc.indexOf('}', p);
      if (close > p && close < to && close - p <= 4) {
        letter = doc.slice(p + 1, close).replace(/^\\/, '');
        end = close + 1;
      }
    } else if (p < to && /[A-Za-z]/.test(doc[p])) {
      letter = doc[p];
      end = p + 1;
    }
    if (letter.length !== 1) {
      this.builder.gap();
      return k;
    }
    this.builder.replaced((letter + mark).normalize('NFC'), i, end, 'symbol');
    return end;
  }

  /** \section[short]{Title}, \footnote{..}, \caption{..}: each argument is a block of its own. */
  private separateArguments(k: number, to: number, depth: number, name: string): number {
    const { doc, scanner } = this;
    if (name === 'captionof') k = scanner.skipArguments(k, to, 1);
    for (;;) {
      const p = scanner.skipSpaces(k, to);
      if (doc[p] !== '[') break;
      k = scanner.skipGroup(p, to);
      // \footnote[3]{..} numbers a footnote; a section's [short title] is prose.
      if (SECTIONS.has(name) || name === 'caption') this.separate(p + 1, k - 1, depth);
    }
    const p = scanner.skipSpaces(k, to);
    if (doc[p] !== '{') return k;
    const end = scanner.skipGroup(p, to);
    this.separate(p + 1, end - 1, depth);
    return end;
  }

  /** \item, \item[label]: a label that is more than a list marker ("(a)", "--") is a term of its own. */
  private item(i: number, k: number, to: number, depth: number): number {
    this.flush();
    const p = this.scanner.skipSpaces(k, to);
    if (this.doc[p] !== '[') return this.startsBlock(i, k);
    const end = this.scanner.skipGroup(p, to);
    if (!isListMarker(this.doc.slice(p + 1, end - 1))) this.separate(p + 1, end - 1, depth);
    return end;
  }

  /** \cs{foo}, \meta{file}: code names inside prose, as one unsplittable piece. */
  private codeArgument(i: number, k: number, to: number, name: string): number {
    const arg = this.scanner.argument(k, to);
    if (!arg) {
      this.builder.gap();
      return k;
    }
    const [before, after] = CODE_ARGUMENTS[name];
    const content = this.doc.slice(arg.contentStart, arg.contentEnd).replace(/\s+/g, ' ').trim();
    // A symbol, not code: a list of command names is still an item of the text.
    this.builder.replaced(content ? before + content + after : '', i, arg.end, 'symbol');
    return arg.end;
  }

  /** \url{..}, \path{..}: dropped, read raw. \href{url}{text}: the text is prose. */
  private url(k: number, to: number, withText: boolean): number {
    const { doc, scanner } = this;
    this.builder.gap();
    let p = scanner.skipSpaces(scanner.skipOptional(k, to), to);
    if (doc[p] === '{') p = scanner.skipRawGroup(p, to);
    else if (!withText && p < to && !/\s/.test(doc[p])) p = scanner.inlineVerbatimSpan(p, to, 'verb').end;
    return p;
  }

  private inlineVerbatim(i: number, k: number, to: number, name: string): number {
    const span = this.scanner.inlineVerbatimSpan(k, to, name);
    if (span.end <= span.contentStart) {
      this.builder.gap();
      return Math.max(span.end, k);
    }
    this.builder.replaced(this.doc.slice(span.contentStart, span.contentEnd), i, span.end, 'code');
    return span.end;
  }

  /** \iffalse .. \fi, with nested conditionals; the \else branch, if any, is read. */
  private skipConditional(k: number, to: number): number {
    const re = /\\(if[A-Za-z@]*|fi|else)(?![A-Za-z@])|\\[^A-Za-z@]|%[^\n]*/g;
    re.lastIndex = k;
    let nesting = 0;
    for (let m = re.exec(this.doc); m && m.index < to; m = re.exec(this.doc)) {
      const word = m[1];
      // "\iftrue," in a list of names (\DoNotIndex{\iftrue,\fi}) is no conditional.
      if (!word || word === 'ifthenelse' || /[,}]/.test(this.doc[m.index + m[0].length] ?? '')) continue;
      if (word === 'fi' && nesting-- === 0) return m.index + m[0].length;
      if (word === 'else' && nesting === 0) return m.index + m[0].length;
      if (word.startsWith('if')) nesting++;
    }
    return to;
  }

  private skipTo(token: string, k: number, to: number): number {
    this.builder.gap();
    const at = this.scanner.findBefore(token, k, to);
    return at < 0 ? to : at + token.length;
  }

  /** \bibitem{key}, \item: markup that opens a block, like a \label at its start. */
  private startsBlock(start: number, end: number): number {
    if (!this.inPreamble) this.markup.push([start, end, true]);
    return end;
  }

  private begin(k: number, to: number, depth: number): number {
    const { doc } = this;
    const m = /^\s*\{([^{}\n]{1,60})\}/.exec(doc.slice(k, k + 80));
    if (!m) {
      this.builder.gap();
      return k;
    }
    const name = m[1].trim();
    const after = k + m[0].length;
    if (name === 'document') return this.beginDocument(k, after);
    if (this.defs.verbatimEnvironments.has(name)) return this.skipVerbatim(name, after, to, true);
    if (FLOAT_ENVIRONMENTS.has(name)) return this.float(name, after, to, depth);
    if (SKIPPED_ENVIRONMENTS.has(name)) {
      if (INLINE_ENVIRONMENTS.test(name)) this.builder.gap();
      else this.flush();
      return this.environmentEnd(name, after, to).end;
    }
    this.flush();
    if (this.defs.titledEnvironments.has(name)) return this.enter(name, false, this.titleArgument(after, to, depth));
    if (!this.defs.declared(name) && CODE_ENVIRONMENT_NAME.test(name) && !TEXT_ENVIRONMENTS.has(name)) {
      const skipped = this.skipVerbatim(name, after, to, false);
      if (skipped >= 0) return skipped;
    }
    if (!this.defs.declared(name) && EXAMPLE_ENVIRONMENT_NAME.test(name) && !TEXT_ENVIRONMENTS.has(name)) {
      const skipped = this.skipSampleDocument(name, after, to);
      if (skipped >= 0) return skipped;
      return this.enter(name, true, this.titleArgument(after, to, depth));
    }
    const known = TEXT_ENVIRONMENTS.has(name) || this.defs.declared(name);
    return this.enter(name, !known, this.environmentArguments(name, after, to, depth));
  }

  private enter(name: string, unknown: boolean, continueAt: number): number {
    // Bounded, so that a file of unclosed environments keeps each \end cheap.
    if (this.open.length < MAX_OPEN_ENVIRONMENTS) this.open.push({ name, unknown });
    return continueAt;
  }

  /** k: just after "\\begin". */
  private beginDocument(k: number, after: number): number {
    if (this.inPreamble && !this.quotedMidLine(k - '\\begin'.length)) {
      this.builder = new ProseBuilder();
      this.inPreamble = false;
      this.sawDocument = true;
      this.open.length = 0;
      this.open.push({ name: 'document', unknown: false });
    } else this.builder.gap();
    return after;
  }

  /**
   * \end{name} closes the innermost open environment of that name. \end{document} ends the reading,
   * unless an environment we do not know is open: a package's verbatim environment showing a
   * document's source, say.
   */
  private end(k: number): number {
    const m = /^\s*\{([^{}\n]{1,60})\}/.exec(this.doc.slice(k, k + 80));
    const name = m?.[1].trim();
    const after = k + (m?.[0].length ?? 0);
    if (name === 'document' && this.mentionedInText(k, after)) {
      this.builder.gap();
      return after;
    }
    this.flush();
    if (!m || !name) return k;
    let at = this.open.length - 1;
    while (at >= 0 && this.open[at].name !== name) at--;
    if (name === 'document') {
      const insideUnknown = this.open.slice(Math.max(at, 0)).some((e) => e.unknown);
      if (!this.inPreamble && !insideUnknown) this.ended = true;
      return after;
    }
    if (at >= 0) this.open.length = at;
    return after;
  }

  /**
   * A \begin{document} after words on its line is quoted in a sentence ("it is not defined
   * immediately but at `\begin{document}`"), in a file included into a manual: not the real one.
   * Commands and their arguments before it ("\makeatother\begin{document}") are no words.
   */
  private quotedMidLine(backslash: number): boolean {
    const lineStart = this.doc.lastIndexOf('\n', backslash - 1) + 1;
    const before = this.doc.slice(lineStart, backslash).replace(/\{[^{}]*\}|\[[^\]]*\]|\\[A-Za-z@]+\*?|%.*/g, '');
    return /[A-Za-z]{2,}/.test(before);
  }

  /**
   * An \end{document} in the middle of a line with another one later in the file is quoted in the
   * text ('You are missing an "\end{document}" on the main file'), typically through a short
   * verbatim character that a class file declares, which this reader cannot see.
   */
  private mentionedInText(k: number, after: number): boolean {
    const backslash = k - '\\end'.length;
    const lineStart = this.doc.lastIndexOf('\n', backslash - 1) + 1;
    if (this.doc.slice(lineStart, backslash).trim() === '') return false;
    return /\\end\s*\{document\}/.test(this.doc.slice(after));
  }

  /**
   * Skips a verbatim environment to its literal "\end{name}". When it has none: a built-in or
   * declared one runs to the end (as in LaTeX); a guessed one is not verbatim after all (-1).
   */
  private skipVerbatim(name: string, after: number, to: number, certain: boolean): number {
    this.flush();
    const close = this.scanner.findBefore(`\\end{${name}}`, after, to);
    if (close < 0) return certain ? to : -1;
    return close + `\\end{${name}}`.length;
  }

  /**
   * An "example" environment is LaTeX source shown (and typeset) in a manual when it holds a sample
   * document or opens with a command that is not text markup (\chemsetup{..}); then it is skipped
   * like code (-1 otherwise: a theorem-like example of a paper, read as prose).
   */
  private skipSampleDocument(name: string, after: number, to: number): number {
    const token = `\\end{${name}}`;
    const close = this.scanner.findBefore(token, after, to);
    if (close < 0) return -1;
    const sample = SAMPLE_DOCUMENT.some((t) => this.scanner.findBefore(t, after, close) >= 0);
    return sample || opensWithCode(this.doc.slice(after, Math.min(close, after + 300))) ? close + token.length : -1;
  }

  /**
   * Inside a figure or table: the captions, and text the float sets itself ("Also available on
   * CTAN:" in a figure used as a box). A stretch between captions is read only when it has words
   * outside every command's arguments: "\figbox[4in]{Regular figure}" or "\smilesobabel{CC(=O)O}"
   * is layout, not prose.
   */
  private float(name: string, after: number, to: number, depth: number): number {
    this.flush();
    const { bodyEnd, end } = this.environmentEnd(name, after, to);
    // Any command named "...caption" is one: \topcaption, \bottomcaption, \tablecaption (supertabular,
    // topcapt, a document's own) as well as \caption and \subcaption.
    const re =
      /\\([A-Za-z]*caption|captionof|subfloat|sidesubfloat|subfigure|subtable|subcaptionbox|captionbox)\*?(?![A-Za-z])/g;
    let from = this.scanner.skipOptional(after, bodyEnd);
    re.lastIndex = from;
    for (let m = re.exec(this.doc); m && m.index < bodyEnd; m = re.exec(this.doc)) {
      this.floatText(from, m.index, depth);
      from = this.caption(m[1], m.index + m[0].length, bodyEnd, depth);
      re.lastIndex = from;
    }
    this.floatText(from, bodyEnd, depth);
    return end;
  }

  /** Reads [from, to) and keeps the sentences that have words of their own (see bareLetters). */
  private floatText(from: number, to: number, depth: number): void {
    if (to <= from) return;
    const bare = bareLetters(this.doc, from, to);
    if (countWords(bare, 0, bare.length) < FLOAT_TEXT_WORDS) return;
    const first = this.sentences.length;
    // Markup here (a \label after a caption) must not stretch the sentence before the stretch.
    const before = first > 0 ? this.sentences[first - 1] : undefined;
    this.separate(from, to, depth);
    if (before) this.sentences[first - 1] = before;
    const added = this.sentences.splice(first);
    for (const sentence of added)
      if (countWords(bare, sentence.start - from, sentence.end - from) >= FLOAT_TEXT_WORDS)
        this.sentences.push(sentence);
  }

  /** \caption{..}; \subfloat[caption]{figure}; \(sub)captionbox{caption}[width]{figure}. Returns the end. */
  private caption(name: string, k: number, to: number, depth: number): number {
    const { scanner } = this;
    if (name === 'captionof') return this.separateArguments(k, to, depth, name);
    if (name.endsWith('caption')) return this.separateArguments(k, to, depth, 'caption');
    if (name === 'subcaptionbox' || name === 'captionbox') {
      const caption = scanner.argument(scanner.skipOptional(k, to), to);
      if (!caption?.braced) return k;
      this.separate(caption.contentStart, caption.contentEnd, depth);
      return scanner.skipTokenArguments(caption.end, to, 1);
    }
    let p = k;
    for (let q = scanner.skipSpaces(p, to); this.doc[q] === '['; q = scanner.skipSpaces(p, to)) {
      p = scanner.skipGroup(q, to);
      this.separate(q + 1, p - 1, depth);
    }
    return scanner.skipTokenArguments(p, to, 1);
  }

  /**
   * The end of a non-verbatim environment, counting nested ones of the same name and ignoring
   * comments. Without one, it ends at the paragraph's end (math and tables hold no blank lines).
   */
  private environmentEnd(name: string, after: number, to: number): { bodyEnd: number; end: number } {
    if (this.unbalanced.has(name)) {
      const close = this.scanner.findBefore(`\\end{${name}}`, after, to);
      if (close >= 0) return { bodyEnd: close, end: close + name.length + 6 };
      return this.paragraphEnd(after, to);
    }
    const re = this.environmentPattern(name);
    re.lastIndex = after;
    let nesting = 0;
    for (let m = re.exec(this.doc); m && m.index < to; m = re.exec(this.doc)) {
      if (m[1] === undefined) continue;
      if (m[1] === 'begin') nesting++;
      else if (nesting-- === 0) return { bodyEnd: m.index, end: m.index + m[0].length };
    }
    this.unbalanced.add(name);
    return this.paragraphEnd(after, to);
  }

  private paragraphEnd(after: number, to: number): { bodyEnd: number; end: number } {
    for (let p = this.scanner.find('\n', after); p >= 0 && p < to; p = this.scanner.find('\n', p + 1)) {
      if (this.scanner.blankLineEnd(p, to) >= 0) return { bodyEnd: p, end: p };
    }
    return { bodyEnd: to, end: to };
  }

  private environmentPattern(name: string): RegExp {
    let re = this.envPatterns.get(name);
    if (!re) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      re = new RegExp(`\\\\(begin|end)\\s*\\{${escaped}\\}|%[^\\n]*|\\\\.`, 'g');
      this.envPatterns.set(name, re);
    }
    return re;
  }

  /** \begin{theorem}[Main result]: the title is a block of its own. */
  private titleArgument(after: number, to: number, depth: number): number {
    const { doc } = this;
    let p = after;
    while (p < to && (doc[p] === ' ' || doc[p] === '\t')) p++;
    if (doc[p] !== '[') return after;
    const end = this.scanner.skipGroup(p, to);
    this.separate(p + 1, end - 1, depth);
    return end;
  }

  /** Options and non-prose arguments after \begin{name}: \begin{minipage}[t]{0.5\linewidth}. */
  private environmentArguments(name: string, after: number, to: number, depth: number): number {
    if (TITLE_ARGUMENT_ENVIRONMENTS.has(name)) {
      const p = this.scanner.skipSpaces(this.scanner.skipOptional(after, to), to);
      if (this.doc[p] !== '{') return p;
      const end = this.scanner.skipGroup(p, to);
      this.separate(p + 1, end - 1, depth);
      return end;
    }
    const count = ENVIRONMENT_ARGUMENTS[name] ?? 0;
    let p = this.scanner.skipOptional(after, to);
    for (let n = 0; n < count; n++) {
      const arg = this.scanner.argument(this.scanner.skipOptional(p, to), to);
      if (!arg) break;
      p = arg.end;
    }
    return p;
  }

  /** Reads a title, caption or footnote as a block of its own. */
  private separate(from: number, to: number, depth: number): void {
    this.flush();
    if (depth < MAX_DEPTH) this.read(from, to, depth + 1);
    this.flush();
  }

  /** "$x$" is inline math (kept, unsplittable); "$$x$$" is display math (dropped). */
  private dollarMath(i: number, to: number): number {
    const { doc } = this;
    if (doc[i + 1] === '$') {
      const close = this.scanner.find('$$', i + 2);
      this.builder.gap();
      return close < 0 || close >= to ? to : close + 2;
    }
    for (let j = i + 1; j < to && j - i < 4000; j++) {
      const c = doc[j];
      if (c === '\\') j++;
      else if (c === '$') {
        this.builder.replaced(doc.slice(i + 1, j).trim(), i, j + 1, 'math');
        return j + 1;
      } else if (c === '\n' && this.scanner.blankLineEnd(j, to) > 0) break;
    }
    this.builder.text(i, '$');
    return i + 1;
  }
}

/** Commands an example of a paper may open with: its title, a label, text styling, a list. */
const PROSE_OPENERS =
  /^\\(label|index|emph|text[a-z]*|noindent|em|it|bf|sl|sc|cite[a-z]*|ref|begin\s*\{(itemize|enumerate|description|center)\}|item|small|footnotesize)(?![A-Za-z@])/;

/** Whether an environment's content (after an optional [title]) starts with a command that is not text markup. */
function opensWithCode(content: string): boolean {
  const body = content
    .replace(/^\s*\[[^\]\n]*\]/, '')
    .replace(/^(\s*%[^\n]*\n)*/, '')
    .trimStart();
  return body.startsWith('\\') && /^\\[A-Za-z@]/.test(body) && !PROSE_OPENERS.test(body);
}

/** Words a sentence of a float's own text has outside command arguments. */
const FLOAT_TEXT_WORDS = 2;

/**
 * For each character of [from, to): 1 if it is a letter set in its own right, outside {..} and
 * [..] groups, command names, comments and math; "\figbox[4in]{Regular figure}" has none.
 */
function bareLetters(doc: string, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = doc[i];
    if (c === '%') {
      const nl = doc.indexOf('\n', i);
      i = nl < 0 || nl >= to ? to : nl;
    } else if (c === '\\') {
      i++;
      while (i + 1 < to && isLetter(doc.charCodeAt(i)) && isLetter(doc.charCodeAt(i + 1))) i++;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === '$') {
      const close = doc.indexOf('$', i + 1);
      i = close < 0 || close >= to ? to : close;
    } else if (depth === 0 && /[A-Za-z\u00c0-\u024f]/.test(c)) out[i - from] = 1;
  }
  return out;
}

/** Runs of two or more marked letters in [start, end) of the mask. */
function countWords(mask: Uint8Array, start: number, end: number): number {
  let words = 0;
  let run = 0;
  for (let i = Math.max(0, start); i <= Math.min(end, mask.length); i++) {
    if (i < end && i < mask.length && mask[i]) run++;
    else {
      if (run >= 2) words++;
      run = 0;
    }
  }
  return words;
}

/** "(a)", "--", "1.", "iv)": a label that only numbers or marks an item. */
function isListMarker(label: string): boolean {
  const text = label.replace(/\\[A-Za-z@]+\*?|[{}$]/g, '').trim();
  return /^[^\p{L}\p{N}]*(\p{L}{1,4}|\p{N}{1,4})?[^\p{L}\p{N}]*$/u.test(text);
}

function isSpecial(c: number): boolean {
  // % \ $ { } ~ ` ' - | newline
  return (
    c === 0x25 ||
    c === 0x5c ||
    c === 0x24 ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x7e ||
    c === 0x60 ||
    c === 0x27 ||
    c === 0x2d ||
    c === 0x7c ||
    c === 0x0a
  );
}
