// reStructuredText: paragraphs, titles, list items, field bodies, admonitions and table cells
// are prose; directives (with their indented bodies), comments, targets, literal blocks after
// "::", doctest blocks and section adornment lines are not. Inline markup (``code``, roles,
// `links <url>`_, *emphasis*, references_) is read as the reader sees it.

import type { Sentence } from '../types';
import { delimited, escape, render, url } from './inline-rules';
import { InlineScanner, type InlineRule } from './inline-scanner';
import { BlockCollector, sourceLines, type SourceLine } from './line-blocks';

const ADORNMENT = /^([!-/:-@[-`{-~])\1{2,}$/;
const DIRECTIVE = /^\.\.\s+([\w:.+-]+)::(?:\s+(.*))?$/;
const COMMENT = /^\.\.(?:\s|$)/;
const FOOTNOTE = /^\.\.\s+\[(?:#?[\w-]*|\*|\d+)\]\s+/;
const GRID_BORDER = /^\+(?:[-=]+\+)+$/;
const GRID_ROW = /^\|.*\|$/;
const SIMPLE_BORDER = /^=+(?: +=+)+$/;
const FIELD = /^:([^:`\s][^:`]*):(?:\s+|$)/;
const BULLET = /^[-*+•‣⁃](?:\s+|$)/;
const ENUMERATED = /^(?:\(?(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|#)[.)])(?:\s+|$)/;
const LINE_BLOCK = /^\|(?:\s+|$)/;
const DOCTEST = /^>>>/;

/** Directives whose content is prose; the ones marked true also take prose as their argument. */
const PROSE_DIRECTIVES = new Map<string, boolean>([
  ['note', true], ['warning', true], ['tip', true], ['important', true], ['caution', true],
  ['attention', true], ['danger', true], ['error', true], ['hint', true], ['seealso', true],
  ['todo', true], ['admonition', true], ['topic', true], ['sidebar', true], ['rubric', true],
  ['epigraph', false], ['highlights', false], ['pull-quote', false], ['container', false],
  ['versionadded', false], ['versionchanged', false], ['deprecated', false], ['only', false],
]);

/** Roles whose content is code rather than prose. */
const CODE_ROLES = /^(?:code|literal|file|samp|command|program|option|envvar|kbd|regexp|(?:py|c|cpp|js|rst|std)?:?(?:func|meth|class|attr|mod|obj|data|const|exc|member|var|type|macro|struct|enum|function|directive|role))$/;

const ROLE: InlineRule = {
  starts: ':',
  match(ctx, i, end) {
    const m = /^:([\w.:+-]+):`/.exec(ctx.doc.slice(i, i + 40));
    if (!m) return null;
    const s = i + m[0].length;
    const close = ctx.next('`', s, end);
    if (close <= s) return null;
    const role = m[1];
    return {
      end: close + 1,
      emit: () => {
        const content = titleOf(ctx.doc, s, close);
        const rendering = role === 'math' ? 'math' : CODE_ROLES.test(role) ? 'code' : 'text';
        render(ctx, rendering, content[0], content[1], [i, close + 1]);
      },
    };
  },
};

/** `interpreted text`, `link <url>`_, `reference`_ and `text`:role:. */
const INTERPRETED: InlineRule = {
  starts: '`',
  match(ctx, i, end) {
    const { doc } = ctx;
    if (doc[i + 1] === '`') return null;
    const s = i + 1;
    const close = ctx.next('`', s, end);
    if (close <= s) return null;
    let after = close + 1;
    const suffix = /^(?:__?|:[\w.:+-]+:)/.exec(doc.slice(after, after + 40));
    if (suffix) after += suffix[0].length;
    return {
      end: after,
      emit: () => {
        const [ts, te] = titleOf(doc, s, close);
        render(ctx, 'text', ts, te, [i, after]);
      },
    };
  },
};

/** "word_" and "word__": a reference; the underscores are markup. */
const REFERENCE: InlineRule = {
  starts: '_',
  match(ctx, i) {
    const { doc } = ctx;
    if (doc[i + 1] === '`') {
      const close = ctx.next('`', i + 2, doc.length);
      if (close < 0) return null;
      return { end: close + 1, emit: () => render(ctx, 'text', i + 2, close, [i, close + 1]) };
    }
    if (!/[\p{L}\p{N}]/u.test(doc[i - 1] ?? '')) return null;
    const after = doc[i + 1] === '_' ? i + 2 : i + 1;
    if (/[\p{L}\p{N}_]/u.test(doc[after] ?? '')) return null;
    return { end: after, emit: () => ctx.builder.gap() };
  },
};

/** Footnote and citation references: [1]_, [#note]_, [CIT2002]_. */
const FOOTNOTE_REFERENCE: InlineRule = {
  starts: '[',
  match(ctx, i) {
    const m = /^\[(?:#?[\w-]*|\*|\d+)\]_/.exec(ctx.doc.slice(i, i + 60));
    return m ? { end: i + m[0].length, emit: () => ctx.builder.gap() } : null;
  },
};

const RULES: InlineRule[] = [
  escape,
  delimited('``', '``', 'code', true),
  ROLE,
  INTERPRETED,
  delimited('**', '**', 'text', true),
  delimited('*', '*', 'text', true),
  delimited('|', '|', 'text', true),
  FOOTNOTE_REFERENCE,
  REFERENCE,
  url(false),
];

/** For "Title <target>" the title; otherwise the whole content. */
function titleOf(doc: string, s: number, e: number): [number, number] {
  const m = /\s*<[^<>]*>$/.exec(doc.slice(s, e));
  return m && m.index > 0 ? [s, s + m.index] : [s, e];
}

export function rstSentences(doc: string): Sentence[] {
  const lines = sourceLines(doc);
  const out = new BlockCollector(doc, new InlineScanner(doc, RULES));
  let skipDeeperThan = -1; // skip lines indented more than this (directive/comment bodies, literal blocks)
  let literalAfter = -1; // a paragraph ended with "::": an indented block after it is literal
  let paraIndent = 0;
  let continuationIndent = -1; // content column of the current list item or field
  let inBody = -1; // inside a prose directive's body
  let optionsOpen = false; // right after a directive line, where its ":option: value" lines go
  let simpleTable = false;

  const endParagraph = () => {
    const last = out.last;
    if (last && doc.slice(last[0], last[1]).endsWith('::')) {
      // "Example::" reads "Example:"; " ::" alone vanishes. What follows is a literal block.
      const text = doc.slice(last[0], last[1]);
      last[1] -= /\s::$/.test(text) || text === '::' ? (text === '::' ? 2 : 3) : 1;
      if (last[1] <= last[0]) last[1] = last[0];
      literalAfter = paraIndent;
    }
    out.flush();
    continuationIndent = -1;
  };

  for (let k = 0; k < lines.length; k++) {
    const line: SourceLine = lines[k];
    const t = line.text.slice(line.indent);
    const cs = line.start + line.indent;
    if (skipDeeperThan >= 0) {
      if (line.blank || line.indent > skipDeeperThan) continue;
      skipDeeperThan = -1;
    }
    if (line.blank) {
      endParagraph();
      optionsOpen = false;
      continue;
    }
    if (literalAfter >= 0) {
      const literal = line.indent > literalAfter;
      literalAfter = -1;
      if (literal) {
        skipDeeperThan = line.indent - 1;
        continue;
      }
    }
    if (inBody >= 0 && line.indent <= inBody) inBody = -1;
    // Option lines (":class: tip") open a directive's body; they are not prose.
    if (inBody >= 0 && optionsOpen && line.indent > inBody && /^:[\w-]+:(?:\s|$)/.test(t)) continue;
    optionsOpen = false;

    if ((ADORNMENT.test(t) && !/^\.\.\.?$/.test(t)) || GRID_BORDER.test(t)) {
      endParagraph();
      continue;
    }
    if (SIMPLE_BORDER.test(t)) {
      endParagraph();
      simpleTable = !simpleTable || !(lines[k + 1] && !lines[k + 1].blank);
      continue;
    }
    const directive = DIRECTIVE.exec(t);
    if (directive) {
      endParagraph();
      const name = directive[1].toLowerCase();
      const prose = PROSE_DIRECTIVES.get(name);
      if (prose === undefined) {
        skipDeeperThan = line.indent;
      } else {
        inBody = line.indent;
        optionsOpen = true;
        if (prose && directive[2]) {
          paraIndent = line.indent;
          out.add(line.start + line.text.indexOf(directive[2], line.indent), line.end);
          continuationIndent = line.indent + 1;
        }
      }
      continue;
    }
    if (FOOTNOTE.test(t)) {
      endParagraph();
      const label = FOOTNOTE.exec(t)![0].length;
      paraIndent = line.indent;
      continuationIndent = line.indent + 1;
      out.add(cs + label, line.end);
      continue;
    }
    if (COMMENT.test(t)) {
      endParagraph();
      skipDeeperThan = line.indent;
      continue;
    }
    if (DOCTEST.test(t) && !out.open) {
      skipDeeperThan = line.indent - 1;
      continue;
    }
    if (GRID_ROW.test(t) || (LINE_BLOCK.test(t) && !out.open)) {
      endParagraph();
      const cells = GRID_ROW.test(t) ? t.slice(1, -1).split('|') : [t.replace(LINE_BLOCK, '')];
      let offset = GRID_ROW.test(t) ? cs + 1 : cs + (t.length - cells[0].length);
      for (const cell of cells) {
        const lead = cell.length - cell.trimStart().length;
        out.single(offset + lead, offset + cell.trimEnd().length);
        offset += cell.length + 1;
      }
      continue;
    }
    if (simpleTable) {
      endParagraph();
      const re = /\S+(?: \S+)*/g;
      for (let m = re.exec(t); m; m = re.exec(t)) out.single(cs + m.index, cs + m.index + m[0].length);
      continue;
    }
    const marker = BULLET.exec(t) ?? ENUMERATED.exec(t) ?? FIELD.exec(t);
    if (marker && (marker[0].length < t.length || !ENUMERATED.test(t))) {
      endParagraph();
      paraIndent = line.indent;
      continuationIndent = line.indent + marker[0].length;
      out.add(cs + marker[0].length, line.end);
      continue;
    }
    if (out.open && continuationIndent < 0 && line.indent > paraIndent) {
      // A more indented line right under a paragraph: a definition list's definition.
      endParagraph();
    } else if (out.open && continuationIndent >= 0 && line.indent < continuationIndent && line.indent <= paraIndent) {
      endParagraph();
    }
    if (!out.open) paraIndent = line.indent;
    out.add(cs, line.end);
  }
  endParagraph();
  return out.sentences;
}
