"""Shared matching engines for rules: phrases found in text, whole words only."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

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


#: Patterns by the identity of the (immutable) list they were built from: rules pass the same
#: lexicon tuple for each of thousands of paragraphs, and hashing a long tuple each time to find
#: its pattern in ``_phrase_pattern``'s cache costs more than most searches. The list itself is
#: kept with its pattern, so its identity cannot be reused while the entry is there.
_BY_IDENTITY: dict[int, tuple[object, re.Pattern[str] | None]] = {}
_BY_IDENTITY_MAX = 512


def _pattern_of(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    entry = _BY_IDENTITY.get(id(terms))
    if entry is not None and entry[0] is terms:
        return entry[1]
    pattern = _phrase_pattern(tuple(terms))
    if isinstance(terms, tuple | frozenset):
        if len(_BY_IDENTITY) >= _BY_IDENTITY_MAX:
            _BY_IDENTITY.clear()
        _BY_IDENTITY[id(terms)] = (terms, pattern)
    return pattern


def find_phrases(terms: tuple[str, ...], text: str) -> Iterator[Hit]:
    """Every non-overlapping occurrence of one of ``terms`` in ``text``, as whole words."""
    pattern = _pattern_of(terms)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield Hit(match.group(0), match.start(), match.end(), normalize_term(match.group(0)))


def overlaps(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    """Whether a hit overlaps one of the spans."""
    return any(start < hit.end and hit.start < end for start, end in spans)
