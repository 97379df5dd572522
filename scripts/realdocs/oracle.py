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
    # Drawings, like tikzpicture: \put(0,0){..}, \CurveBetween-50,0and50,0WithDirs.., \ncline{root}{A}.
    "picture", "pspicture", "pspicture*", "tikzcd", "circuitikz", "xy", "forest", "axis",
    # Pseudocode: "\\State \\Output Hello World!".
    "algorithmic",
}
# fancyvrb's and its documentation's environments that typeset LaTeX source beside (or above) its
# result: verbatim environments (\\VerbatimEnvironment), the source is not prose.
LATEX_SAMPLE_ENVIRONMENTS = ["Example", "CenterExample", "SideBySideExample", "PCenterExample", "PSideBySideExample",
                             "LTXexample", "tcblisting", "spverbatim", "boxedverbatim"]
LATEX_CODE_ENVIRONMENTS |= set(LATEX_SAMPLE_ENVIRONMENTS)
LATEX_TABLE_ENVIRONMENTS = {"tabular", "tabular*", "tabularx", "longtable", "array", "tabu", "supertabular", "xtabular"}
LATEX_TEXT_MACROS = {
    "emph", "textbf", "textit", "textsl", "textsc", "textrm", "textsf", "underline", "section", "subsection",
    "subsubsection", "paragraph", "chapter", "part", "caption", "footnote", "item", "title", "author", "thanks", "mbox",
}


def latex(raw):
    """Prose: lines with at least two words of character runs at the top level of the document body, in
    text environments and in text macros' arguments. Code: verbatim-like, display-math, drawing and
    pseudocode environments, the ones the document declares verbatim, and (as the reader under test
    documents) closed environments named like code. Not typeset, so neither: comment lines, \\iffalse
    to \\fi, \\ExplSyntaxOn to \\ExplSyntaxOff, a \\def's body, an \\index entry, an environment's
    [options]."""
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

    def code_lines(node):
        """An environment's lines, less its first and last when prose shares them ("by
        \\begin{verbatim}\\Gamma\\end{verbatim} giving"): such a line is prose too."""
        first, last = line_of(node.pos), line_of(node.pos + node.len)
        start, end = node.pos, node.pos + node.len
        before = raw[line_starts[first - 1]:start]
        after = raw[end:line_starts[last] if last < len(line_starts) else len(raw)]
        if re.search(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z@]+|%.*", "", before)):
            first += 1
        if re.search(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z@]+|%.*", "", after)):
            last -= 1
        return range(first, last + 1)

    text_on_line = {}

    def add_text(node):
        """Notes the run's text on each of its lines: a line is prose by the words typeset on it, not
        by the words of its comments or command names, and the line break after "\\include{file}",
        a run of its own, does not make that markup line prose."""
        offset = node.pos
        for piece in node.chars.split("\n"):
            if piece.strip():
                n = line_of(offset)
                text_on_line[n] = text_on_line.get(n, "") + " " + piece
            offset += len(piece) + 1

    code_environments = LATEX_CODE_ENVIRONMENTS | declared_verbatim(raw)

    def without_options(children):
        """An environment's content less the [key=value] options pylatexenc leaves at its start
        ("\\begin{tkzexample}[latex=7cm,small]"): they configure it, they are not typeset."""
        children = list(children or [])
        if children and isinstance(children[0], LatexCharsNode) and children[0].chars.startswith("["):
            close = children[0].chars.find("]")
            if close >= 0:
                first = children[0]
                rest = first.chars[close + 1:]
                children[0] = None
                if rest.strip():
                    children[0] = LatexCharsNode(parsing_state=first.parsing_state, chars=rest,
                                                 pos=first.pos + close + 1, len=len(rest))
        return children

    def walk(children):
        skip_groups = 0
        for node in children or []:
            if node is None:
                continue
            if skip_groups:
                # The name and parameter text of a \def, the argument of an \index: not typeset.
                if isinstance(node, LatexGroupNode):
                    skip_groups -= 1
                    continue
                # Between the command and its groups: a \\def's name and parameters ("\\x#1#2"), or options.
                if isinstance(node, LatexMacroNode) or (isinstance(node, LatexCharsNode)
                                                        and re.fullmatch(r"[#0-9\s]*|\s*\[[^\]]*\]\s*", node.chars)):
                    continue
                skip_groups = 0
            if isinstance(node, LatexCharsNode):
                add_text(node)
            elif isinstance(node, LatexMacroNode) and node.macroname in LATEX_UNPARSED_NON_TEXT \
                    and not (node.nodeargd and node.nodeargd.argnlist):
                skip_groups = LATEX_UNPARSED_NON_TEXT[node.macroname]
            elif isinstance(node, LatexEnvironmentNode):
                if is_code_environment(node, code_environments):
                    code.update(code_lines(node))
                elif node.environmentname not in LATEX_TABLE_ENVIRONMENTS:
                    walk(without_options(node.nodelist))
            elif isinstance(node, LatexGroupNode):
                walk(node.nodelist)
            elif isinstance(node, LatexMacroNode) and node.macroname in LATEX_TEXT_MACROS and node.nodeargd:
                walk([a for a in node.nodeargd.argnlist if a is not None])

    top, _, _ = LatexWalker(blank_verbatim(raw, declared_verbatim(raw)), tolerant_parsing=True).get_latex_nodes()
    body = next((n for n in top if isinstance(n, LatexEnvironmentNode) and n.environmentname == "document"), None)
    walk(body.nodelist if body else top)
    prose = {n for n, text in text_on_line.items() if len(re.findall(r"[A-Za-z]{2,}", text)) >= 2}
    lines = raw.split("\n")
    comments = {k + 1 for k, line in enumerate(lines) if line.lstrip().startswith("%")}
    not_typeset = comments | iffalse_lines(lines) | expl3_lines(lines)
    if body is None:
        # pylatexenc lost the document environment (a preamble it misparses): the body still starts
        # at the first \begin{document} line, and nothing before it is typeset.
        begin = next((k for k, line in enumerate(lines) if re.match(r"\s*\\begin\s*\{document\}", line)), None)
        if begin is not None:
            not_typeset |= set(range(1, begin + 2))
    # Character runs do not follow paragraphs, so LaTeX's blocks are runs of consecutive prose lines.
    return {"prose": to_ranges(prose - code - not_typeset), "code": code}


# Commands pylatexenc parses without their arguments (its macro table does not know them), with how
# many {..} groups follow them that TeX does not typeset: a \def's body, an index entry, a hook's code.
LATEX_UNPARSED_NON_TEXT = {
    "def": 1, "gdef": 1, "edef": 1, "xdef": 1, "index": 1, "glossary": 1, "AddToHook": 2, "DeclareRobustCommand": 1,
    "NewDocumentCommand": 3, "RenewDocumentCommand": 3, "ProvideDocumentCommand": 3, "DeclareDocumentCommand": 3,
    "NewDocumentEnvironment": 4, "RenewDocumentEnvironment": 4, "newrobustcmd": 1, "renewrobustcmd": 1,
    "providerobustcmd": 1, "csdef": 2, "appto": 2, "preto": 2, "patchcmd": 5, "pretocmd": 4, "apptocmd": 4,
    "setbeamertemplate": 2, "setbeamercolor": 2, "setbeamerfont": 2, "DeclareOption": 2, "ExecuteOptions": 1,
    "tikzset": 1, "pgfkeys": 1, "pgfplotsset": 1, "lstset": 1, "sisetup": 1, "chemsetup": 1, "hyphenation": 1,
    "includepdf": 1, "includepdfset": 1, "includepdfmerge": 1,
}

# Names a class or package gives its verbatim environments (ltxcode, sourcecode, examplecode, ...): the
# reader under test reads an environment named like code as code, as its README documents; so does the
# reference, so that neither counts a listing's lines as prose.
CODE_ENVIRONMENT_NAME = re.compile(r"code|listing|verbatim", re.I)
DECLARATIONS = re.compile(
    r"\\(?:lstnewenvironment|DefineVerbatimEnvironment|newtcblisting|DeclareTCBListing|NewTCBListing)\s*\*?\s*\{([^{}\n]{1,60})\}"
    r"|\\newminted\s*(?:\[([^\]\n]{1,60})\])?\s*\{([^{}\n]{1,60})\}")


def declared_verbatim(raw):
    """Verbatim environments the document declares: \\lstnewenvironment{name}, \\newminted{lang} (named
    langcode, or its [name])."""
    out = set()
    for m in DECLARATIONS.finditer(raw):
        if m.group(1):
            out.add(m.group(1).strip())
        elif m.group(2):
            out.add(m.group(2).strip())
        elif m.group(3):
            out.add(m.group(3).strip() + "code")
    return out


def is_code_environment(node, code_environments):
    """Known or declared code, or named like code and closed where pylatexenc says (an unclosed one,
    as in "\\newenvironment{example}{\\begin{VerbatimOut}..}", swallows the rest of the file)."""
    name = node.environmentname
    if name in code_environments or name.rstrip("*") in code_environments:
        return True
    return bool(CODE_ENVIRONMENT_NAME.search(name)) and re.search(
        r"\\end\s*\{" + re.escape(name) + r"\}\s*$", node.latex_verbatim()[-len(name) - 20:]) is not None


# Environments whose content TeX reads verbatim: pylatexenc parses it as LaTeX, so an unbalanced brace
# or a "\\begin" shown inside one would swallow the rest of the file; their content is blanked first.
LATEX_VERBATIM = ["verbatim", "verbatim*", "Verbatim", "BVerbatim", "LVerbatim", "lstlisting", "minted", "comment",
                  "filecontents", "filecontents*", "macrocode", "macrocode*"] + LATEX_SAMPLE_ENVIRONMENTS


def blank_verbatim(raw, declared=()):
    """The text with the content of verbatim environments (built in, or declared by the document)
    replaced by spaces (newlines kept, so every offset and line stays where it was)."""
    names = "|".join(re.escape(n) for n in sorted(set(LATEX_VERBATIM) | set(declared), key=len, reverse=True))
    # The begin line's arguments may nest one level of braces: \\begin{tcblisting}{title={A \\TikZ example}}.
    group = r"\{(?:[^{}\n]|\{[^{}\n]*\})*\}"
    pattern = re.compile(r"(\\begin\s*\{(" + names + r")\}(?:\[[^\]\n]*\])?(?:" + group + r")?)(.*?)(\\end\s*\{\2\})", re.S)
    return pattern.sub(lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(3)) + m.group(4), raw)


def region_lines(lines, opening, closing):
    """1-based lines from a line starting with `opening` to the next one starting with `closing`."""
    out, start = set(), None
    for k, line in enumerate(lines):
        if start is None and re.match(r"\s*" + opening, line):
            start = k
        elif start is not None and re.match(r"\s*" + closing, line):
            out.update(range(start + 1, k + 2))
            start = None
    return out


def expl3_lines(lines):
    """\\ExplSyntaxOn to \\ExplSyntaxOff: expl3 code ("\\clist_gput_right:Nn \\g_docinput_clist"), which
    pylatexenc reads as macros and text."""
    return region_lines(lines, r"\\ExplSyntaxOn\b", r"\\ExplSyntaxOff\b")


def iffalse_lines(lines):
    """A line-initial \\iffalse to the next line-initial \\fi: never typeset (the meta-comment at the
    top of LaTeX's .dtx-derived files is the common case)."""
    return region_lines(lines, r"\\iffalse\b", r"\\fi\b")


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
