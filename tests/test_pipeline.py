"""The pipeline's contract: bytes or path in, a Report out; errors are values a shell can print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analyzer import Config, DeckError, analyze
from analyzer.annotation import Lang
from analyzer.errors import Problem
from analyzer.findings import Family, Severity
from analyzer.pipeline import INTERNAL_ERROR_CODE
from analyzer.registry import rule_by_key
from tests.builders import build_deck

JAPANESE = [
    {
        "title": "評価関数の工夫",
        "bullets": ["自分のゴールまでの最短距離", "相手のゴールまでの最短距離"],
    },
    {"title": "まとめ", "bullets": ["三手先までなら読めるようになった"]},
]


def test_bytes_and_path_give_the_same_report(tmp_path: Path) -> None:
    data = build_deck([{"title": "Churn rose from 6% to 9% in two years"}], lang="en")
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    from_bytes = analyze(data, file_name="deck.pptx")
    from_path = analyze(path)
    assert from_bytes.file_name == from_path.file_name == "deck.pptx"
    assert from_bytes.findings == from_path.findings
    assert from_bytes.scores == from_path.scores


def test_a_missing_file_is_a_deck_error(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as raised:
        analyze(tmp_path / "nowhere.pptx")
    assert raised.value.problem is Problem.NOT_FOUND
    assert raised.value.describe(Lang.FR) == "fichier introuvable : vérifiez le chemin"


def test_a_deck_without_slides_is_refused() -> None:
    with pytest.raises(DeckError) as raised:
        analyze(build_deck([]))
    assert raised.value.problem is Problem.NO_SLIDES


def test_other_languages_get_structural_checks_and_say_which_did_not_run() -> None:
    report = analyze(build_deck(JAPANESE), Config(select=frozenset({"ALL"})))
    assert report.lang is Lang.OTHER
    assert report.report_lang is Lang.EN
    not_run = {s.code for s in report.skipped_rules}
    assert "CN104" in not_run and "MI104" in not_run  # word lists exist only in FR and EN
    assert "CN101" not in not_run and "MI103" not in not_run  # counts and titles still run
    assert {s.reason for s in report.skipped_rules} == {
        "the deck's language is neither French nor English, and this rule needs word lists or "
        "grammar for it"
    }


def test_report_language_follows_the_deck_unless_set() -> None:
    deck = build_deck([{"title": "Afin de croître, nous réduisons les coûts de 8 %"}], lang="fr")
    assert analyze(deck).report_lang is Lang.FR
    assert analyze(deck, Config(lang=Lang.EN)).report_lang is Lang.EN


def test_a_crashing_rule_becomes_one_finding_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: Any, ctx: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(rule_by_key("CN104"), "check", broken)
    deck = build_deck(
        [
            {
                "title": "In order to grow, we cut costs",
                "bullets": [
                    "Pricing moves to three tiers",
                    "Bundles replace the options",
                    "Renewals become automatic next year",
                    "Partners get a new portal",
                    "Support gets a direct hotline",
                    "Training goes fully online",
                    "Reporting becomes monthly for all",
                ],
            }
        ],
        lang="en",
    )
    report = analyze(deck, Config(select=frozenset({"CN101", "CN104"})))
    crashed = [f for f in report.findings if f.code == INTERNAL_ERROR_CODE]
    assert [(f.family, f.severity, f.evidence) for f in crashed] == [
        (Family.INPUT, Severity.ERROR, "ZeroDivisionError: division by zero")
    ]
    assert crashed[0].message.startswith("Rule CN104 failed on this deck")
    assert [f.code for f in report.findings if f.code == "CN101"] == ["CN101"]


def test_input_findings_do_not_change_the_scores() -> None:
    deck = build_deck(
        [{"title": "Churn rose from 6% to 9%", "notes": "Start with churn."}],
        lang="en",
        drop_parts=["ppt/notesSlides/notesSlide1.xml"],
    )
    report = analyze(deck)
    assert [f.code for f in report.findings] == ["DK101"]
    assert report.scores.deck.overall == 100.0
