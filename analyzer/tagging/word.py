"""The working representation: a token while it is being tagged, and the tagged result."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from analyzer.annotation import Token

#: Tokens that end a clause: a title's "Offer: we simplify" has two.
_CLAUSE_BREAKS = frozenset(':;()[]!?.…–—«»"“”|/•')


@dataclass(frozen=True)
class DocColumns:
    """What the tagging layer reads of a spaCy Doc: a list per token attribute, strings as
    spaCy writes them (``pos`` "NOUN", ``morph`` "Number=Sing|VerbForm=Fin", "" when unset).

    ``analyzer.nlp`` fills it with one ``Doc.to_array`` call: read token by token, each token
    becomes a Python object and each attribute a call into spaCy, which cost more than the
    tagging itself. A tokenizer's Doc fills ``text``, ``idx`` and ``space_after`` only."""

    text: Sequence[str]
    idx: Sequence[int]
    space_after: Sequence[bool]
    lower: Sequence[str] = ()
    lemma: Sequence[str] = ()
    pos: Sequence[str] = ()
    morph: Sequence[str] = ()

    def __len__(self) -> int:
        return len(self.text)

    def surface(self, i: int, written: str | None) -> tuple[str, str]:
        """Token ``i``'s text and trailing whitespace as ``written``: the pipeline may have
        read a normalised copy (« l’offre » as « l'offre »), of the same length."""
        whitespace = " " if self.space_after[i] else ""
        if written is None:
            return self.text[i], whitespace
        start = self.idx[i]
        end = start + len(self.text[i])
        return written[start:end], written[end : end + len(whitespace)]


@functools.lru_cache(maxsize=2048)
def morph_features(morph: str) -> Mapping[str, tuple[str, ...]]:
    """The values of each feature of a Universal Dependencies FEATS string, as spaCy's
    ``MorphAnalysis.get`` gives them: "VerbForm=Fin,Part" has two. A model writes a few
    hundred distinct strings, so each is read once."""
    pairs = (feature.split("=", 1) for feature in morph.split("|") if "=" in feature)
    return {name: tuple(values.split(",")) for name, values in pairs}


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
