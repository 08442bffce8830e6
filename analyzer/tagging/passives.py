"""Passives, in both languages: "to be" / « être » + the past participle of an action."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from analyzer.tagging.lexicons import _EN_BE_FORMS, _words
from analyzer.tagging.word import _span_text, _Word


@dataclass(frozen=True)
class _PassiveTest:
    be_lemmas: tuple[str, ...]
    is_passive_participle: Callable[[_Word], bool]
    reflexives: frozenset[str]


#: Between an auxiliary and its participle: "has not been", « n'a pas été », "is being".
_PASSIVE_GAP = _words("not n't never been being été pas ne n' n’ plus jamais déjà")


def _passives(
    words: Sequence[_Word], test: _PassiveTest, lead_lemmas: tuple[str, ...]
) -> tuple[str, ...]:
    """Each "to be" / « être » + past participle of an action, with the auxiliary before it
    ("has been approved", « n'a pas été validé »): not « il est allé » (a verb of motion), not
    « il s'est trompé » (a pronominal verb), not "is based on" (a state)."""
    found = []
    i = 0
    while i < len(words):
        if not _is_be(words, i, test):
            i += 1
            continue
        start = _passive_start(words, i, lead_lemmas)
        for j in range(i + 1, min(i + 5, len(words))):
            candidate = words[j]
            if test.is_passive_participle(candidate):
                found.append(_span_text(words, start, j + 1))
                i = j
                break
            if candidate.lower not in _PASSIVE_GAP and candidate.pos not in ("ADV", "PART"):
                break
        i += 1
    return tuple(found)


def _is_be(words: Sequence[_Word], i: int, test: _PassiveTest) -> bool:
    word = words[i]
    if word.pos not in ("AUX", "VERB"):
        return False
    if word.lemma not in test.be_lemmas and not (
        word.lower in _EN_BE_FORMS and "be" in test.be_lemmas
    ):
        return False
    previous = words[i - 1].lower if i > 0 else ""
    if previous in ("nous", "vous"):
        # « nous nous sommes trompés » is pronominal; « nous sommes accompagnés » is passive.
        return not (i > 1 and words[i - 2].lower == previous)
    return previous not in test.reflexives


def _passive_start(words: Sequence[_Word], i: int, lead_lemmas: tuple[str, ...]) -> int:
    """Where the passive's evidence starts: its first auxiliary, with the negation around it."""
    start, k = i, i - 1
    while k >= 0 and (
        words[k].lower in _PASSIVE_GAP or (words[k].lemma in lead_lemmas and words[k].pos == "AUX")
    ):
        if words[k].pos == "AUX" or words[k].lower in ("ne", "n'", "n’"):
            start = k
        k -= 1
    return start
