"""Shared matching engines for rules: phrases found in text, whole words only; code and
verbatim text told from prose."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.model import Paragraph
from rules._lexicon import normalize_term

_APOSTROPHES = "['\u2019]"


@dataclass(frozen=True)
class Hit:
    """A phrase found in a text: the text as written, its span, and the list entry it matched."""

    text: str
    start: int
    end: int
    term: str


@functools.cache
def _phrase_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = []
    # Longest first, so that "afin de pouvoir" wins over "afin de".
    for term in sorted(terms, key=len, reverse=True):
        words = [re.escape(w) for w in term.split(" ")]
        body = r"\s+".join(words).replace("'", _APOSTROPHES).replace(r"\'", _APOSTROPHES)
        # A term ending in an elision (« n' », "qu'") is glued to the next word: no boundary.
        alternatives.append(body if term.endswith("'") else body + r"(?!\w)")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE | re.UNICODE)


def find_phrases(terms: tuple[str, ...], text: str) -> Iterator[Hit]:
    """Every non-overlapping occurrence of one of ``terms`` in ``text``, as whole words."""
    pattern = _phrase_pattern(tuple(terms))
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield Hit(match.group(0), match.start(), match.end(), normalize_term(match.group(0)))


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
    r"|\w(?:\([^()]*\)|\[[^\]]*\])\s*;"
    r"|^\s*(?:[A-Za-z_][\w<>]*\s+)?[a-z_][\w.]*(?:\[[^\]]*\])?\s*=\s*[^=\s][^;]*;\s*(?://.*)?$"
    r"|;\s*//"
    r"|\w\s*=>\s*\w+\.\w"
    r"|\(\s*\)\s*=>",
)


def is_monospace(font_name: str | None) -> bool:
    """Whether a typeface is one code is shown in (Consolas, Courier New, Fira Code...)."""
    return font_name is not None and _MONOSPACE.search(font_name) is not None


def looks_like_code(paragraph: Paragraph) -> bool:
    """Whether a paragraph shows code or a terminal rather than prose: all its text is set in
    a monospace typeface, or one of its lines has a syntax only code has (braces, ``a[i];``,
    ``x = f(y);``, ``// comment``). A bullet that names one identifier in Consolas inside a
    sentence is prose."""
    written = [run for run in paragraph.runs if run.text.strip()]
    if written and all(is_monospace(run.font_name) for run in written):
        return True
    return any(_CODE_LINE.search(line) for line in paragraph.text.splitlines())


# --- text quoted or written verbatim ---------------------------------------------------------

#: Quotations (« ... », “ ... ”, "..."), links, e-mail addresses and file paths ("/etc/hosts").
#: Single quotes are left out: the apostrophe (’) closes them too often to pair them.
_VERBATIM = re.compile(
    r"«[^»]*»|“[^”]*”|\"[^\"]*\"|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<!\S)~?/[\w.-]+(?:/[\w.-]*)*",
    re.IGNORECASE,
)


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of what the author reports as written rather than writes: quotations,
    links, e-mail addresses and paths. A rule about wording leaves them as they are: a
    client's words are evidence, and a link cannot be reworded."""
    return [match.span() for match in _VERBATIM.finditer(text)]


def overlaps(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    """Whether a hit overlaps one of the spans."""
    return any(start < hit.end and hit.start < end for start, end in spans)
