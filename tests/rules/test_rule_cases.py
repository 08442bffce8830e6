"""Every rule against its table of French and English cases (tests/rules/cases/<CODE>.yml).

Each case builds a deck with python-pptx, runs the whole pipeline with only that rule enabled,
and compares the complete list of (slide, evidence) it finds: a pass case fails if anything
fires, a fail case fails if the finding moves or vanishes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer import Config, analyze
from analyzer.annotation import Lang
from analyzer.findings import Family
from tests.builders import build_deck

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['id']}"))
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
        {"slide": f.loc.slide_number, "evidence": f.evidence}
        for f in report.findings
        if f.code == code
    ]
    expected = [
        {"slide": e.get("slide"), "evidence": e.get("evidence", "")} for e in case["expect"]
    ]
    assert found == expected
