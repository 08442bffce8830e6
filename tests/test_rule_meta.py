"""Meta-tests: every rule is documented, coded, tested and bilingual in the same way."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from analyzer.annotation import Lang
from analyzer.config import Config
from analyzer.registry import all_rules, enabled_rules
from rules._base import Msg
from rules._lexicon import available_lexicons, load_lexicon

CASES_DIR = Path(__file__).parent / "rules" / "cases"
PREFIX = {"clarity": "CL", "concision": "CN", "impact": "MI", "input": "DK"}
SECTIONS = ["## What it does", "## Why is this bad?", "## Example", "Use instead:", "## Options"]
RULES = all_rules()


def _kebab(class_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", class_name).lower()


def test_there_are_rules_in_every_family() -> None:
    assert {rule.family.value for rule in RULES} == set(PREFIX)


def test_codes_and_names_are_unique() -> None:
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_code_and_name_follow_the_convention(rule: type) -> None:
    assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code)
    assert rule.code.startswith(PREFIX[rule.family.value])
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name)
    assert _kebab(rule.__name__) == rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_is_a_doc_page_with_sections_in_order(rule: type) -> None:
    doc = rule.documentation()
    summary = doc.splitlines()[0]
    assert summary.endswith(".") and len(summary) <= 100
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions, (
        f"missing sections: {[s for s, p in zip(SECTIONS, positions, strict=True) if p < 0]}"
    )
    assert positions == sorted(positions)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_options_section_lists_exactly_the_option_fields(rule: type) -> None:
    doc = rule.documentation()
    options_part = doc.split("## Options", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^- `([a-z0-9-]+)`", options_part, flags=re.MULTILINE)
    fields = [f.name.replace("_", "-") for f in dataclasses.fields(rule.Options)]
    assert sorted(documented) == sorted(fields)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_messages_have_the_same_placeholders_in_both_languages(rule: type) -> None:
    for attribute, value in vars(rule).items():
        if isinstance(value, Msg):
            placeholders = value.placeholders
            assert placeholders[Lang.EN] == placeholders[Lang.FR], f"{rule.code}.{attribute}"


#: Rules that report on inputs that never became a deck (DK100): no case runs them on a deck.
INPUT_ONLY = [rule for rule in RULES if not rule.runs_on_decks]


@pytest.mark.parametrize("rule", [r for r in RULES if r.runs_on_decks], ids=lambda r: r.code)
def test_every_rule_has_cases_that_fire_and_not_in_both_languages(rule: type) -> None:
    path = CASES_DIR / f"{rule.code}.yml"
    assert path.exists(), f"no case file for {rule.code}"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    for lang in ("en", "fr"):
        mine = [c for c in cases if c["lang"] == lang]
        assert any(c["expect"] for c in mine), f"{rule.code}: no {lang} case that fires"
        assert any(not c["expect"] for c in mine), f"{rule.code}: no {lang} case that must not fire"


def test_deck_not_read_is_the_rule_that_never_runs_on_a_deck() -> None:
    assert [rule.code for rule in INPUT_ONLY] == ["DK100"]


@pytest.mark.parametrize("rule", INPUT_ONLY, ids=lambda r: r.code)
def test_a_rule_that_never_runs_on_a_deck_is_never_enabled_and_has_no_check(rule: type) -> None:
    # It is tested where it is made (tests/test_batch.py), not by deck cases.
    assert not (CASES_DIR / f"{rule.code}.yml").exists()
    assert "check" not in vars(rule), "a check() that does nothing would pretend it runs"
    for config in (Config(), Config(select=frozenset({rule.code}))):
        assert rule.code not in [enabled.code for enabled, _ in enabled_rules(config)]


def test_every_case_file_names_a_registered_rule() -> None:
    codes = {rule.code for rule in RULES}
    for path in CASES_DIR.glob("*.yml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["rule"] == path.stem
        assert path.stem in codes


def test_lexicons_exist_in_both_languages() -> None:
    assert available_lexicons(Lang.EN) == available_lexicons(Lang.FR)


@pytest.mark.parametrize("lang", [Lang.EN, Lang.FR])
def test_lexicon_entries_are_normalised_sorted_and_unique(lang: Lang) -> None:
    for name in available_lexicons(lang):
        lexicon = load_lexicon(name, lang)
        assert list(lexicon.terms) == sorted(set(lexicon.terms)), f"{lang.value}/{name}"
        for term in lexicon.terms:
            assert term == term.strip().lower()
        for bad, better in lexicon.swap.items():
            assert better.lower() not in lexicon.swap or better == "", f"swap cycle via {bad}"
