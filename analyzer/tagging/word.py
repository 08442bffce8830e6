"""The working representation: a token while it is being tagged, and the tagged result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from analyzer.annotation import Token

#: Tokens that end a clause: a title's "Offer: we simplify" has two.
_CLAUSE_BREAKS = frozenset(':;()[]!?.…–—«»"“”|/•')


@dataclass
class _Word:
    """A token while it is being tagged; frozen into a Token at the end."""

    text: str
    lower: str
    lemma: str
    pos: str
    idx: int
    whitespace: str
    finite: bool = False
    participle: bool = False

    def freeze(self) -> Token:
        return Token(self.text, self.lemma, self.pos, self.idx, self.finite, self.whitespace)


@dataclass(frozen=True)
class Tagged:
    """A paragraph's tokens and the passive constructions found in them."""

    tokens: tuple[Token, ...]
    passives: tuple[str, ...]


def _clauses(
    words: Sequence[_Word], is_break: Callable[[int, _Word], bool] | None = None
) -> list[tuple[int, int]]:
    """``[start, end)`` word ranges between clause breaks: a break word (``_CLAUSE_BREAKS``)
    or punctuation, unless ``is_break(i, word)`` says what breaks a clause instead."""
    breaks = is_break or _is_punctuation_break
    spans, start = [], 0
    for i, word in enumerate(words):
        if breaks(i, word):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(words):
        spans.append((start, len(words)))
    return spans


def _is_punctuation_break(_: int, word: _Word) -> bool:
    return word.text in _CLAUSE_BREAKS or (word.pos == "PUNCT" and word.text != "'")


def _span_text(words: Sequence[_Word], start: int, end: int) -> str:
    return "".join(w.text + w.whitespace for w in words[start:end]).strip()


def _surface(token: Any, text: str | None) -> tuple[str, str]:
    """A token's text and trailing whitespace as written in ``text``: the pipeline may have
    read a normalised copy (« l’offre » as « l'offre »), of the same length."""
    if text is None:
        return token.text, token.whitespace_
    end = token.idx + len(token.text)
    return text[token.idx : end], text[end : end + len(token.whitespace_)]
