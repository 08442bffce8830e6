"""Spelling dictionaries: Hunspell's French and English dictionaries, read through Enchant.

The dictionaries are the ones a Linux distribution ships and keeps (Debian's
``hunspell-fr-comprehensive``, which accepts the classic and the 1990 reformed spellings, and
``hunspell-en-us`` with ``hunspell-en-gb``, so that British and American spellings both pass),
read through pyenchant and the Enchant library. They were chosen over pyspellchecker, a
word-frequency list, on the development decks: pyspellchecker does not know most inflected
French forms (« ciblait », « réutilisez », « conteneurisés ») nor British spellings, and
flagged three times as many correct words.

Nothing here is needed for the rest of the analysis: without Enchant or a dictionary, the
spelling check does not run and the report says why (``missing``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import Lang

#: The Enchant dictionary tags read for each language; a word any of them knows is spelt right.
TAGS: dict[Lang, tuple[str, ...]] = {Lang.FR: ("fr_FR",), Lang.EN: ("en_US", "en_GB")}
#: What to install where a dictionary is missing (Debian and Ubuntu package names).
PACKAGES: dict[Lang, str] = {
    Lang.FR: "hunspell-fr-comprehensive",
    Lang.EN: "hunspell-en-us hunspell-en-gb",
}


@dataclass(frozen=True)
class Speller:
    """A language's dictionaries: whether they know a word, and what they would write."""

    dicts: Sequence[Any]

    def knows(self, word: str) -> bool:
        """Whether any dictionary knows the word as written, in lower case, or capitalised (a
        word at the start of a title is capitalised; « ÉTAPES » is « étapes »)."""
        forms = dict.fromkeys((word, word.lower(), word.capitalize()))
        return any(d.check(form) for d in self.dicts for form in forms)

    def suggest(self, word: str) -> str | None:
        """The first dictionary's best guess at the word meant, or None."""
        guesses = self.dicts[0].suggest(word)
        return str(guesses[0]) if guesses else None


@functools.cache
def speller(lang: Lang) -> Speller | None:
    """The language's dictionaries, loaded once per process; None when Enchant or one of the
    dictionaries is missing (``missing`` says which)."""
    if lang not in TAGS:
        return None
    try:
        import enchant
    except ImportError:  # pyenchant not installed, or the Enchant C library missing
        return None
    try:
        return Speller(tuple(enchant.Dict(tag) for tag in TAGS[lang]))
    except enchant.errors.DictNotFoundError:
        return None


def missing(lang: Lang) -> str | None:
    """What to install for the spelling check of ``lang``, or None when it can run."""
    if lang not in TAGS or speller(lang) is not None:
        return None
    return f"libenchant-2-2 {PACKAGES[lang]} (Debian, Ubuntu) and the pyenchant package"
