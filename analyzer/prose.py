"""What on a slide is prose, and what is not: code, terminal output, quotations, links.

Rules about wording and the readability measure read prose only: a code listing has no
sentences, a client's quoted words are evidence, a link cannot be reworded. A leaf module: it
reads the model and nothing else, so the language stage and the rules share one definition.
"""

from __future__ import annotations

import functools
import re

from analyzer.model import VISIBLE_SCOPES, Paragraph, Scope, Slide, TextBlock

# --- code shown on a slide -------------------------------------------------------------------

#: Typefaces made for code and terminals. "Monotype Corsiva" is a script face, not a monospace.
_MONOSPACE = re.compile(
    r"(?<!\w)mono(?!type)|courier|consolas|menlo|monaco|inconsolata|lucida console|"
    r"lucida sans typewriter|fira code|source code|cascadia|fixedsys|ocr a|typewriter",
    re.IGNORECASE,
)
#: Lines only code has: a block opened at the end of a line or closed at its start, a statement
#: ending in ``;`` right after a call or an index, an assignment to a lower-case name, a ``//``
#: comment after code, a lambda ``x => x.Name``. Prose has none of them: « prix => marge » is an
#: arrow, "Total = 4 M€;" a formula, "costs (Q3);" a list item, "{client}" a placeholder.
_CODE_LINE = re.compile(
    r"\{\s*$|^\s*\}"
    r"|\w(?:\([^()]*\)|\[[^\[\]]*\])\s*;"
    r"|^\s*(?:[A-Za-z_][\w<>]*\s+)?[a-z_][\w.]*(?:\[[^\]]*\])?\s*=\s*[^=\s][^;]*;\s*(?://.*)?$"
    r"|;\s*//"
    r"|\w\s*=>\s*\w+\.\w"
    r"|\(\s*\)\s*=>"
    # An HTML or XML tag: « <p>Lorem ipsum... », "<a href=...>" in a web course.
    r"|</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>",
)


# Cached: rules ask about the same paragraphs and typefaces thousands of times per deck, and
# the answers depend on the strings only.
@functools.lru_cache(maxsize=1024)
def is_monospace(font_name: str | None) -> bool:
    """Whether a typeface is one code is shown in (Consolas, Courier New, Fira Code...)."""
    return font_name is not None and _MONOSPACE.search(font_name) is not None


@functools.lru_cache(maxsize=16_384)
def _has_code_line(text: str) -> bool:
    return any(_CODE_LINE.search(line) for line in text.splitlines())


def looks_like_code(paragraph: Paragraph) -> bool:
    """Whether a paragraph shows code or a terminal rather than prose: all its text is set in
    a monospace typeface, or one of its lines has a syntax only code has (braces, ``a[i];``,
    ``x = f(y);``, ``// comment``). A bullet that names one identifier in Consolas inside a
    sentence is prose."""
    written = [run for run in paragraph.runs if run.text.strip()]
    if written and all(is_monospace(run.font_name) for run in written):
        return True
    return _has_code_line(paragraph.text)


#: A command typed at a prompt: "> install.packages(x)", "$ make test", ">>> run()", "PS C:\\> dir".
_PROMPT = re.compile(r"^\s*(?:>>>|>|\$|#|PS [^>]*>)\s+\S")
#: Prompts in a shape from which its lines are a terminal session: commands and their output.
_TRANSCRIPT_PROMPTS = 2


def is_transcript(block: TextBlock) -> bool:
    """Whether a shape shows a terminal session: two commands typed at a prompt or more. Its
    other lines are the programs' output ("Preparing to deploy application...DONE"), not
    prose, whatever their typeface."""
    prompts = sum(1 for p in block.paragraphs if _PROMPT.match(p.text))
    return prompts >= _TRANSCRIPT_PROMPTS


# --- text quoted or written verbatim ---------------------------------------------------------

#: An e-mail address. The look-behind starts a match only where an address can start, so a
#: long word without "@" is scanned once, not once per letter (quadratic on hostile input).
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

#: Quotations (« ... », “ ... ”, "..."), links, e-mail addresses and file paths ("/etc/hosts").
#: Single quotes are left out: the apostrophe (’) closes them too often to pair them.
_VERBATIM = re.compile(
    r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"|(?:https?://|www\.)\S+|"
    + _EMAIL
    + r"|(?<!\S)~?/[\w.-]+(?:/[\w.-]*)*",
    re.IGNORECASE,
)


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of what the author reports as written rather than writes: quotations,
    links, e-mail addresses and paths. A rule about wording leaves them as they are: a
    client's words are evidence, and a link cannot be reworded."""
    return [match.span() for match in _VERBATIM.finditer(text)]


#: A paragraph that opens a quotation: a quote mark first, the words after it someone else's.
_OPENS_QUOTE = re.compile(r"^\s*[«“\"„‘]")


_OPENING_OF = {"”": "“", "»": "«"}
#: An attribution closing a quotation: "... all the time in little bursts. – Martin Fowler".
_ATTRIBUTION = re.compile(r"\s[–—-]\s*(?:[A-Z][\w.'’-]*\s*){1,4}(?:\[\d{4}\]|\(\d{4}\))?\s*$")


def is_quotation(text: str) -> bool:
    """Whether a paragraph is someone else's words shown as evidence (a customer's testimonial,
    an author's sentence): it opens with a quote mark, closes a quotation opened in an earlier
    paragraph, closes on an attribution ("– Martin Fowler"), or quotations make up most of it.
    Its length and its wording are the quoted person's, not the presenter's."""
    if _OPENS_QUOTE.match(text) or _ATTRIBUTION.search(text):
        return True
    closing = text.rstrip()[-1:]
    if closing in "”»" and _OPENING_OF[closing] not in text:
        return True  # the last paragraph of a quotation opened in an earlier one
    quoted = sum(end - start for start, end in verbatim_spans(text) if text[start] in '«“"')
    return 2 * quoted > len(text.strip())


# --- the prose of a slide, as the readability formulas measure it ---------------------------

#: Links and e-mail addresses: one "word" of many syllables that nobody reads aloud.
_LINK = re.compile(r"(?:https?://|www\.)\S+|" + _EMAIL, re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
#: Small words a Title Case heading leaves in lower case ("Return on Investment").
_SMALL_WORD = 3


def prose_lines(slide: Slide) -> list[str]:
    """The lines of a slide's visible text (title aside) that are sentences: without code,
    identifiers set in a monospace typeface, links, e-mail addresses, and lines that are names
    or headings (every word capitalised: "Lockheed Martin Fellow"). A cover has none: its
    names, affiliations and thanks are not sentences."""
    if slide.is_cover:
        return []
    return [
        line.strip()
        for block in slide.blocks_in(VISIBLE_SCOPES - {Scope.TITLE})
        for paragraph in block.non_empty_paragraphs
        if not looks_like_code(paragraph)
        for line in _LINK.sub(" ", _prose_of(paragraph)).splitlines()
        if line.strip() and not _is_heading(line)
    ]


def _prose_of(paragraph: Paragraph) -> str:
    """The paragraph without the identifiers it sets in a monospace typeface."""
    if not any(is_monospace(run.font_name) for run in paragraph.runs):
        return paragraph.text
    return "".join(run.text for run in paragraph.runs if not is_monospace(run.font_name))


def _is_heading(line: str) -> bool:
    """A name, a heading or a label: no word but the small ones starts in lower case."""
    return all(w[0].isupper() or len(w) <= _SMALL_WORD for w in _WORD.findall(line))
