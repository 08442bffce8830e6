"""Tagging from a trained spaCy model (French, and English when a model is there)."""

from __future__ import annotations

from typing import Any

from analyzer.tagging.english import _english_model_passive_test
from analyzer.tagging.french import _check_french, _french_passive_test
from analyzer.tagging.lexicons import FrenchLexicons
from analyzer.tagging.passives import _passives
from analyzer.tagging.word import Tagged, _surface, _Word


def tag_with_model(
    doc: Any,
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
    for t in doc:
        surface, whitespace = _surface(t, text)
        verb_form, tense = t.morph.get("VerbForm"), t.morph.get("Tense")
        is_verb = t.pos_ in ("VERB", "AUX")
        words.append(
            _Word(
                surface,
                t.lower_,
                t.lemma_ or t.text,
                t.pos_ or "X",
                t.idx,
                whitespace,
                finite=is_verb and "Fin" in verb_form,
                participle=is_verb and "Part" in verb_form and "Pres" not in tense,
            )
        )
    if french is not None:
        _check_french(words, french, [_number(t) for t in doc])
        passives = _passives(words, _french_passive_test(french), ("avoir",))
    else:
        passives = _passives(words, _english_model_passive_test(english_states), ("have", "will"))
    return Tagged(tuple(w.freeze() for w in words), passives)


def _number(token: Any) -> str:
    found = token.morph.get("Number")
    return str(found[0]) if found else ""
