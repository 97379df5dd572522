// How each directive's parts read. In a Sphinx project every directive that is not known to hold
// code, data or file names renders its body as reStructuredText (function, class and method
// descriptions, notes, version notes, tabs, ...), so the default is prose; what is not prose is
// listed here, in one place.

/** How a directive's argument (the text after "::" up to the first blank line or option) reads. */
export type ArgumentKind =
  /** Not prose: a signature, a file name, a version, a class name. */
  | 'none'
  /** A title or a sentence (admonition titles, table captions, rubrics). */
  | 'prose'
  /** The directive takes no argument: the text after "::" is the start of its body. */
  | 'body'
  /** Versions (`versions` words), then prose ("versionchanged:: 3.2 Now takes a list."). */
  | 'version';

export type BodyKind =
  /** The body is reStructuredText prose. */
  | 'prose'
  /** The body is code, data, a file name list or math: skipped. */
  | 'code'
  /** Comma-separated values: each cell is prose. */
  | 'csv';

export interface DirectiveKind {
  argument: ArgumentKind;
  body: BodyKind;
  /** For 'version' arguments: how many words are versions. */
  versions?: number;
}

/**
 * Directives whose body is not prose. Source code and program output (code, code-block,
 * sourcecode, literalinclude, doctest, testcode, ...), grammars and math, diagrams, raw output,
 * generated documentation whose body is options (autodoc, kernel-doc), lists of document names
 * (toctree), index entries, and the media directives whose body is only options.
 */
const CODE_DIRECTIVES = new Set([
  // source code, program input and output
  'code',
  'code-block',
  'sourcecode',
  'literalinclude',
  'highlight',
  'highlightlang',
  'parsed-literal',
  'literal',
  'doctest',
  'testcode',
  'testsetup',
  'testcleanup',
  'testoutput',
  'ipython',
  'jupyter-execute',
  'code-cell',
  'program-output',
  'command-output',
  'runblock',
  'exec',
  'prompt',
  'plot',
  // grammars, math and diagrams
  'productionlist',
  'math',
  'graphviz',
  'graph',
  'digraph',
  'inheritance-diagram',
  'mermaid',
  'uml',
  'plantuml',
  'ditaa',
  'blockdiag',
  'seqdiag',
  'actdiag',
  'nwdiag',
  'wavedrom',
  'tikz',
  'kroki',
  // raw output and file inclusion
  'raw',
  'include',
  'kernel-include',
  'kernel-doc',
  'kernel-abi',
  'kernel-feat',
  'kernel-feat-table',
  'kernel-render',
]);

/**
 * Directives whose body is not prose but that a domain may reuse as the name of an object type
 * ("rst:role", "std:index"): document lists, index entries, metadata, media.
 */
const META_DIRECTIVES = new Set([
  'toctree',
  'index',
  'tabularcolumns',
  'meta',
  'default-role',
  'role',
  'default-domain',
  'contents',
  'sectnum',
  'target-notes',
  'autosummary',
  'bibliography',
  'sectionauthor',
  'moduleauthor',
  'codeauthor',
  'cssclass',
  'image',
  'youtube',
  'vimeo',
  'video',
  'asciinema',
]);

/** Directives that take no argument: the text on the directive line is the first line of the body. */
const NO_ARGUMENT = new Set([
  'note',
  'warning',
  'tip',
  'important',
  'caution',
  'attention',
  'danger',
  'error',
  'hint',
  'todo',
  'epigraph',
  'highlights',
  'pull-quote',
  'compound',
  'glossary',
  'hlist',
  'line-block',
  'header',
  'footer',
]);

/** Directives whose argument is a title or a sentence. */
const PROSE_ARGUMENT = new Set([
  'admonition',
  'topic',
  'sidebar',
  'rubric',
  'table',
  'list-table',
  'flat-table',
  'csv-table',
  'centered',
  'seealso',
  'tab',
  'tab-item',
  'dropdown',
  'card',
  'title',
]);

/** Version notes, by the number of versions before their text ("deprecated-removed:: 3.4 3.6 Text."). */
const VERSION_ARGUMENT = new Map([
  ['versionadded', 1],
  ['versionchanged', 1],
  ['deprecated', 1],
  ['versionremoved', 1],
  ['deprecated-removed', 2],
]);

/**
 * How the directive named `name` reads. A domain prefix ("py:function", "c:macro", "rst:role")
 * names an object description, whose body is prose even where the bare name is a docutils
 * directive of another kind.
 */
export function directiveKind(name: string): DirectiveKind {
  const colon = name.lastIndexOf(':');
  const bare = name.toLowerCase().slice(colon + 1);
  // autodoc (automodule, autoclass, ...): the body Sphinx generates is not in the file; what the
  // file holds there is options and, rarely, text appended to the docstring.
  if (CODE_DIRECTIVES.has(bare) || bare.startsWith('auto')) return { argument: 'none', body: 'code' };
  if (colon < 0 && META_DIRECTIVES.has(bare)) return { argument: 'none', body: 'code' };
  if (bare === 'csv-table') return { argument: 'prose', body: 'csv' };
  if (NO_ARGUMENT.has(bare)) return { argument: 'body', body: 'prose' };
  if (PROSE_ARGUMENT.has(bare)) return { argument: 'prose', body: 'prose' };
  const versions = VERSION_ARGUMENT.get(bare);
  if (versions) return { argument: 'version', body: 'prose', versions };
  // figure: the argument is the image's URI; the body is the caption and legend.
  return { argument: 'none', body: 'prose' };
}
