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
    assert faster._rules is not None and faster._rules.one_token  # the fast path ran


def test_rules_of_another_kind_run_as_spacy_runs_them() -> None:
    rules = [
        *FRENCH_RULES,
        {"patterns": [[{"LOWER": "chiffre"}, {"POS": "VERB"}]], "attrs": {"TAG": "VERB_LINK"}},
    ]
    stock, faster = _rulers(rules)
    words, pos = CASES[0]
    expected = _annotations(stock(_doc(stock.vocab, words, pos, False)))
    assert _annotations(faster(_doc(faster.vocab, words, pos, False))) == expected
    assert faster._rules is not None and faster._rules.others is not None


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


#: Rules of the English model's kind (en_core_web_sm 3.8): a fine tag gives the part of speech
#: and morphology, some forms a lemma, one by a regular expression, and a few rules read two
#: tokens and change the second ("gon na", "let 's"), some overriding a one-token rule.
ENGLISH_RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "n't"}]], "attrs": {"LEMMA": "not"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": 1},
    {"patterns": [[{"LOWER": "'s", "TAG": "VBZ"}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"IS_SPACE": True, "TAG": {"NOT_IN": ["_SP"]}}]], "attrs": {"TAG": "_SP"}},
]

ENGLISH_CASES = [
    (["We", "were", "gon", "na", "win"], ["PRP", "VBD", "VBG", "TO", "VB"]),
    (["Let", "'s", "go", "  ", "now"], ["VB", "PRP", "VB", "NN", "RB"]),
    (
        ["It", "'s", "nothin'", "we", "ca", "n't", "fix"],
        ["PRP", "VBZ", "NN", "PRP", "MD", "RB", "VB"],
    ),
    (["Sales", "rose"], ["NNS", "VBD"]),
    (["Let", "'s", "see"], ["VB", "VBZ", "VB"]),  # two rules for "'s": the later one wins
]


@pytest.mark.parametrize(("words", "tags"), ENGLISH_CASES)
def test_the_english_rules_change_what_spacy_changes(words: list[str], tags: list[str]) -> None:
    nlp = spacy.blank("en")
    stock, faster = AttributeRuler(nlp.vocab), OneTokenAttributeRuler(nlp.vocab)
    stock.add_patterns(ENGLISH_RULES)
    faster.add_patterns(ENGLISH_RULES)

    def doc() -> Doc:
        return Doc(nlp.vocab, words=words, spaces=[True] * len(words), tags=tags)

    def annotations(done: Doc) -> list[tuple[str, str, str, str]]:
        return [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in done]

    assert annotations(faster(doc())) == annotations(stock(doc()))
    assert faster._rules is not None and len(faster._rules.one_token) == len(ENGLISH_RULES) - 2


def test_the_english_models_ruler_changes_what_spacys_changes() -> None:
    """The whole English pipeline, loaded both ways, on text with the model's special cases."""
    from analyzer import spacy_loader
    from analyzer.english_model import installed_model_dir
    from analyzer.nlp import _EXCLUDED

    model = installed_model_dir()
    if model is None:
        pytest.skip("the checked English model is not installed (make installs it)")
    texts = [
        "We were gonna ship it, let's say, by May; it ain't done and y'all know it.",
        "Revenue rose 12% in 2024 and the board doesn't want nothin' else.",
        "C'mon, there are three tiers:\n\tBasic, Pro and Team.",
    ]
    stock = spacy.load(model, exclude=list(_EXCLUDED))
    faster = spacy_loader.load(model, _EXCLUDED)

    def annotations(nlp: Any) -> list[list[tuple[str, str, str, str]]]:
        return [[(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in d] for d in nlp.pipe(texts)]

    assert annotations(faster) == annotations(stock)
