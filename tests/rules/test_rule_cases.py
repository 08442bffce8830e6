"""Every rule against its table of French and English cases (tests/rules/cases/<CODE>.yml).

Each case builds a deck with python-pptx, runs the whole pipeline with only that rule enabled,
and compares the complete list of (slide, evidence) it finds, place by place (a remark said
once for many slides counts for each of them), and the remark's words where the case states
them: a pass case fails if anything fires, a fail case fails if the finding moves or vanishes.
The spelling rule's cases need Hunspell's dictionaries (``needs_dictionaries``: CI installs
them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer import Config, analyze
from analyzer.annotation import Lang
from analyzer.findings import Family
from analyzer.registry import rule_by_key
from tests.builders import build_deck
from tests.conftest import needs_dictionaries

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        marks = [needs_dictionaries] if rule_by_key(data["rule"]).needs_dictionary else []
        for case in data["cases"]:
            case_id = f"{data['rule']}-{case['id']}"
            params.append(pytest.param(data["rule"], case, id=case_id, marks=marks))
    return params


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    deck = build_deck(case["slides"], lang=case["lang"], drop_parts=case.get("drop_parts", ()))
    config = Config(
        select=frozenset({code}),
        rule_options={code: case.get("options", {})},
        lang=Lang(case["lang"]),
    )
    report = analyze(deck, config, file_name=f"{case['id']}.pptx")

    assert report.lang is Lang(case["lang"]), "the fixture's language was not recognised"
    # A deck-input finding fails the case, as a fixture that does not parse would.
    assert [f for f in report.findings if f.family is Family.INPUT and f.code != code] == []
    found = [
        {"slide": place.loc.slide_number, "evidence": place.evidence, "message": place.message}
        for f in report.findings
        if f.code == code
        for place in f.places
    ]
    expected = [
        {"slide": e.get("slide"), "evidence": e.get("evidence", ""), "message": e.get("message")}
        for e in case["expect"]
    ]
    # A case states the remark's words only where they are the point of the case.
    for place, wanted in zip(found, expected, strict=False):
        if wanted["message"] is None:
            place["message"] = None
    assert found == expected
