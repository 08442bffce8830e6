"""Tagging from a trained spaCy model (French, and English when a model is there)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from analyzer.tagging.english import _english_model_passive_test
from analyzer.tagging.french import _check_french, _french_passive_test
from analyzer.tagging.lexicons import FrenchLexicons
from analyzer.tagging.passives import _passives
from analyzer.tagging.word import DocColumns, Tagged, _Word, morph_features


def tag_with_model(
    doc: DocColumns,
    french: FrenchLexicons | None = None,
    english_states: frozenset[str] = frozenset(),
    text: str | None = None,
) -> Tagged:
    """Tokens and passives from a Doc annotated by a trained pipeline (tagger or
    morphologizer). With ``french``, the model's answers are checked against the French
    lexicons (see the module docstring); ``english_states`` are the participles that, after
    "to be", describe a state ("based"), for an English model. ``text`` is the paragraph as
    written, when the Doc was made from a normalised copy."""
    words = []
    for i, pos in enumerate(doc.pos):
        surface, whitespace = doc.surface(i, text)
        finite = participle = False
        if pos in ("VERB", "AUX"):
            features = morph_features(doc.morph[i])
            verb_form = features.get("VerbForm", ())
            finite = "Fin" in verb_form
            participle = "Part" in verb_form and "Pres" not in features.get("Tense", ())
        words.append(
            _Word(
                surface,
                doc.lower[i],
                doc.lemma[i] or doc.text[i],
                pos or "X",
                doc.idx[i],
                whitespace,
                finite=finite,
                participle=participle,
            )
        )
    if french is not None:
        _check_french(words, french, _Numbers(doc.morph))
        passives = _passives(words, _french_passive_test(french), ("avoir",))
    else:
        passives = _passives(words, _english_model_passive_test(english_states), ("have", "will"))
    return Tagged(tuple(w.freeze() for w in words), passives)


class _Numbers(Sequence[str]):
    """The grammatical number of each token ("Sing", "Plur" or ""), read when asked: the
    French check asks about few tokens."""

    def __init__(self, morphs: Sequence[str]) -> None:
        self._morphs = morphs

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [_number(m) for m in self._morphs[index]]
        return _number(self._morphs[index])

    def __len__(self) -> int:
        return len(self._morphs)


def _number(morph: str) -> str:
    return morph_features(morph).get("Number", ("",))[0]
