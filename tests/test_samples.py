"""The sample decks tell the product's story: the revised deck scores clearly higher."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Report, analyze
from analyzer.annotation import Lang
from analyzer.findings import SCORED_FAMILIES
from reports.json import render_json
from tests.conftest import needs_dictionaries

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def v1() -> Report:
    return analyze(SAMPLES / "codir-offre-v1.pptx")


@pytest.fixture(scope="module")
def v2() -> Report:
    return analyze(SAMPLES / "codir-offre-v2.pptx")


def test_samples_are_in_their_languages(v1: Report, v2: Report) -> None:
    english = analyze(SAMPLES / "pricing-review-en.pptx")
    assert (v1.lang, v2.lang, english.lang) == (Lang.FR, Lang.FR, Lang.EN)
    assert (v1.report_lang, english.report_lang) == (Lang.FR, Lang.EN)


def test_the_revised_deck_scores_clearly_higher(v1: Report, v2: Report) -> None:
    assert (v1.scores.deck.overall, v2.scores.deck.overall) == (87.5, 100.0)
    for family in SCORED_FAMILIES:
        assert v2.scores.deck.families[family] >= v1.scores.deck.families[family]


@needs_dictionaries
def test_the_first_draft_shows_the_mentor_s_main_remarks_in_a_mentor_s_order(v1: Report) -> None:
    # The weaknesses written into the draft on purpose (see samples/build_samples.py): the
    # storyline first, then the overloaded slide, then titles; the typo and the leftover after.
    assert [(f.code, f.slide_numbers) for f in v1.top_fixes] == [
        ("MI106", ()),
        ("MI107", ()),
        ("CN102", (5,)),
        ("MI102", (3,)),
        ("MI108", (4,)),
    ]
    assert [(f.code, f.evidence) for f in v1.findings if f.tier.value == "wording"] == [
        ("CL107", "tarifcation"),
        ("CL108", "XXX"),
    ]


def test_the_revised_deck_has_no_remark_left(v2: Report) -> None:
    assert v2.findings == ()


def test_analysis_is_deterministic_across_languages_in_one_process(v1: Report) -> None:
    english = analyze(SAMPLES / "pricing-review-en.pptx")
    again = analyze(SAMPLES / "codir-offre-v1.pptx")
    assert render_json(again) == render_json(v1)
    assert render_json(analyze(SAMPLES / "pricing-review-en.pptx")) == render_json(english)
