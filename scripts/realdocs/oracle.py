#!/usr/bin/python3
"""How each format's own reference parser reads a document: the reference that test/realdocs/metrics.ts
judges our segmentation by. Debian packages: python3-markdown-it, python3-docutils, python3-pylatexenc
(AsciiDoc is read by oracle-asciidoc.rb with Asciidoctor). Must run with Debian's /usr/bin/python3.

Usage: oracle.py LANGUAGE FILE...   (LANGUAGE: markdown | restructuredtext | latex)
Prints one JSON object a file: {"file", "prose": [[first, last], ...], "code": [[first, last], ...]} with
1-based inclusive line ranges, prose as one range per prose block (a paragraph, a heading, a table cell's
paragraph), so that a reader can tell a sentence cut inside a block from two blocks; for reStructuredText also "literal" and "text": the normalized text of
literal blocks and of prose nodes (docutils' line numbers inside literal blocks are unreliable, so code
is recognised by its text there). A file the parser rejects prints {"file", "error"}."""
import json
import os
import re
import sys
import warnings

warnings.filterwarnings("ignore")


def normalize(s):
    return re.sub(r"\s+", " ", s).strip()


def read(path):
    # newline="" keeps "\r\n" as two characters, the way our reader sees the text.
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        raw = f.read()
    return raw[1:] if raw.startswith("\ufeff") else raw


def to_ranges(lines):
    """Sorted 1-based line numbers as inclusive [first, last] ranges."""
    out = []
    for n in sorted(lines):
        if out and out[-1][1] + 1 == n:
            out[-1][1] = n
        elif not out or out[-1][1] < n:
            out.append([n, n])
    return out


# ---- Markdown: markdown-it in CommonMark mode with tables ----

def markdown(raw):
    from markdown_it import MarkdownIt
    prose, code = [], set()
    for token in MarkdownIt("commonmark").enable("table").parse(raw):
        if not token.map:
            continue
        first, last = token.map[0] + 1, token.map[1]
        if token.type == "paragraph_open":
            prose.append([first, last])
        elif token.type == "heading_open":
            prose.append([first, first])
        elif token.type in ("fence", "code_block", "html_block"):
            code.update(range(first, last + 1))
    return {"prose": prose, "code": code}


# ---- reStructuredText: docutils, taught the directives Sphinx adds ----

# Directives whose content Sphinx shows as code or data, not as prose.
RST_CODE_DIRECTIVES = {
    "code", "code-block", "sourcecode", "literalinclude", "highlight", "productionlist", "doctest", "testcode",
    "testsetup", "testcleanup", "testoutput", "math", "graphviz", "digraph", "graph", "raw", "kernel-doc",
    "kernel-abi", "kernel-feat", "kernel-include", "toctree", "automodule", "autoclass", "autofunction",
    "literal", "parsed-literal",
}


# Directives docutils knows that Sphinx projects use in Sphinx's sense.
SPHINX_REDEFINED = {"class"}


def teach_docutils_sphinx():
    """Directives unknown to docutils become either a literal block (the code ones) or a container whose
    body is parsed as nested reStructuredText (function, class, note, versionchanged, ...), as Sphinx renders
    them; any option is accepted."""
    from docutils import nodes
    from docutils.parsers.rst import Directive, directives

    class AnyOption(dict):
        def __contains__(self, key):
            return True

        def __getitem__(self, key):
            return directives.unchanged

    class CodeDirective(Directive):
        has_content, optional_arguments, final_argument_whitespace = True, 99, True
        option_spec = AnyOption()

        def run(self):
            text = "\n".join(self.content)
            return [nodes.literal_block(text, text)]

    class ProseDirective(Directive):
        has_content, optional_arguments, final_argument_whitespace = True, 99, True
        option_spec = AnyOption()

        def run(self):
            node = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, node)
            return [node]

    known = directives.directive

    def lookup(name, language_module, document):
        # Sphinx's default domain redefines "class" as the Python object description (prose body).
        if name in SPHINX_REDEFINED:
            return ProseDirective, []
        found, messages = known(name, language_module, document)
        if found is not None:
            return found, messages
        return (CodeDirective if name.split(":")[-1] in RST_CODE_DIRECTIVES else ProseDirective), []

    directives.directive = lookup


def restructuredtext(raw):
    from docutils import nodes
    from docutils.core import publish_doctree
    with open(os.devnull, "w") as quiet:
        tree = publish_doctree(raw, settings_overrides={
            "report_level": 5, "halt_level": 5, "warning_stream": quiet,
            "file_insertion_enabled": False, "raw_enabled": False,
        })
    prose = []
    for paragraph in tree.traverse(nodes.paragraph):
        if paragraph.line:
            prose.append([paragraph.line, paragraph.line + paragraph.rawsource.count("\n")])
    literal = [normalize(n.astext()) for n in tree.traverse(nodes.literal_block)]
    text = [normalize(n.astext()) for n in tree.traverse(lambda n: isinstance(n, (nodes.paragraph, nodes.title, nodes.term)))]
    return {"prose": prose, "code": set(), "literal": literal, "text": text}


# ---- LaTeX: pylatexenc's node tree ----

LATEX_CODE_ENVIRONMENTS = {
    "verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "comment", "alltt", "LVerbatim", "BVerbatim",
    "tikzpicture", "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "displaymath",
    "math", "eqnarray", "eqnarray*", "filecontents", "filecontents*", "macrocode", "macrocode*",
}
LATEX_TABLE_ENVIRONMENTS = {"tabular", "tabular*", "tabularx", "longtable", "array", "tabu", "supertabular", "xtabular"}
LATEX_TEXT_MACROS = {
    "emph", "textbf", "textit", "textsl", "textsc", "textrm", "textsf", "underline", "section", "subsection",
    "subsubsection", "paragraph", "chapter", "part", "caption", "footnote", "item", "title", "author", "thanks", "mbox",
}


def latex(raw):
    """Prose: character runs at the top level of the document body, in text environments and in text macros'
    arguments. Code: verbatim-like and display-math environments. Lines that are only a comment, and text
    between \\iffalse and \\fi, are neither."""
    from pylatexenc.latexwalker import (LatexCharsNode, LatexEnvironmentNode, LatexGroupNode, LatexMacroNode,
                                        LatexWalker)
    line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    def line_of(pos):
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    prose, code = set(), set()

    def lines_of(node):
        return range(line_of(node.pos), line_of(node.pos + node.len) + 1)

    def walk(children):
        for node in children or []:
            if node is None:
                continue
            if isinstance(node, LatexCharsNode):
                prose.update(lines_of(node))
            elif isinstance(node, LatexEnvironmentNode):
                if node.environmentname in LATEX_CODE_ENVIRONMENTS:
                    code.update(lines_of(node))
                elif node.environmentname not in LATEX_TABLE_ENVIRONMENTS:
                    walk(node.nodelist)
            elif isinstance(node, LatexGroupNode):
                walk(node.nodelist)
            elif isinstance(node, LatexMacroNode) and node.macroname in LATEX_TEXT_MACROS and node.nodeargd:
                walk([a for a in node.nodeargd.argnlist if a is not None])

    top, _, _ = LatexWalker(blank_verbatim(raw), tolerant_parsing=True).get_latex_nodes()
    body = next((n for n in top if isinstance(n, LatexEnvironmentNode) and n.environmentname == "document"), None)
    walk(body.nodelist if body else top)
    lines = raw.split("\n")
    comments = {k + 1 for k, line in enumerate(lines) if line.lstrip().startswith("%")}
    not_typeset = comments | iffalse_lines(lines)
    if body is None:
        # pylatexenc lost the document environment (a preamble it misparses): the body still starts
        # at the first \begin{document} line, and nothing before it is typeset.
        begin = next((k for k, line in enumerate(lines) if re.match(r"\s*\\begin\s*\{document\}", line)), None)
        if begin is not None:
            not_typeset |= set(range(1, begin + 2))
    # Character runs do not follow paragraphs, so LaTeX's blocks are runs of consecutive prose lines.
    return {"prose": to_ranges(prose - code - not_typeset), "code": code}


# Environments whose content TeX reads verbatim: pylatexenc parses it as LaTeX, so an unbalanced brace
# or a "\\begin" shown inside one would swallow the rest of the file; their content is blanked first.
LATEX_VERBATIM = ["verbatim", "verbatim*", "Verbatim", "BVerbatim", "LVerbatim", "lstlisting", "minted", "comment",
                  "filecontents", "filecontents*", "macrocode", "macrocode*"]


def blank_verbatim(raw):
    """The text with the content of verbatim environments replaced by spaces (newlines kept, so every
    offset and line stays where it was)."""
    names = "|".join(re.escape(n) for n in LATEX_VERBATIM)
    pattern = re.compile(r"(\\begin\s*\{(" + names + r")\}(?:\[[^\]\n]*\])?(?:\{[^}\n]*\})?)(.*?)(\\end\s*\{\2\})", re.S)
    return pattern.sub(lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(3)) + m.group(4), raw)


def iffalse_lines(lines):
    """1-based lines from a line-initial \\iffalse to the next line-initial \\fi: never typeset (the
    meta-comment at the top of LaTeX's .dtx-derived files is the common case)."""
    out, start = set(), None
    for k, line in enumerate(lines):
        if start is None and re.match(r"\s*\\iffalse\b", line):
            start = k
        elif start is not None and re.match(r"\s*\\fi\b", line):
            out.update(range(start + 1, k + 2))
            start = None
    return out


READERS = {"markdown": markdown, "restructuredtext": restructuredtext, "latex": latex}


def main():
    language, files = sys.argv[1], sys.argv[2:]
    if language == "restructuredtext":
        teach_docutils_sphinx()
    reader = READERS[language]
    for path in files:
        try:
            found = reader(read(path))
        except Exception as e:  # the reference parser gave up on this file: it is left out of the measurement
            print(json.dumps({"file": path, "error": str(e)[:200]}))
            continue
        found["code"] = to_ranges(found["code"])
        print(json.dumps({"file": path, **found}))


if __name__ == "__main__":
    main()
