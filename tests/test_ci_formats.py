"""The CI renderers (SARIF, JUnit XML, Markdown summary, GitHub annotations) on real reports.

The two sample decks are analyzed once for this module (the French draft for the Codir and
the English pricing review) and an unreadable input is made by the batch itself
(``analyzer.batch.unread``): every format is checked on each, against golden files in
tests/golden/ci/, and then for what each consumer needs (the SARIF schema, JUnit counts,
escaping of hostile deck text).

After a deliberate change to a renderer, or to a rule's wording, regenerate the golden files
with ``UPDATE_GOLDEN=1 python -m pytest tests/test_ci_formats.py`` and read the diff before
committing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from analyzer.annotation import Lang
from analyzer.batch import unread
from analyzer.config import Config
from analyzer.errors import DeckError, Problem
from analyzer.findings import Family, Finding, Severity
from analyzer.model import Loc, Scope
from analyzer.pipeline import analyze
from analyzer.registry import all_rules
from analyzer.report import Analyzed, Outcome, SkippedRule, Unread
from reports import sarif as sarif_module
from reports.github import escape_data, escape_property, render_github
from reports.junit import render_junit
from reports.markdown import html_text, inline, render_markdown
from reports.sarif import fingerprint, render_sarif

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_DIR = Path(__file__).parent / "golden" / "ci"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
VERSION = "0.0.0-test"

FR_PATH = "samples/codir-offre-v1.pptx"
EN_PATH = "samples/pricing-review-en.pptx"
#: An input path with the characters each format must escape: colon, comma, space.
UNREAD_PATH = "decks/q3: draft, v2.pptx"
HOSTILE = "Prix | marge `x` <script>alert(1)</script> *50 %* & [lien](http://x)"

Renderer = Callable[[Sequence[Outcome], Lang], str]
RENDERERS: dict[str, tuple[Renderer, str]] = {
    "sarif": (render_sarif, "json"),
    "junit": (render_junit, "xml"),
    "markdown": (render_markdown, "md"),
    "github": (render_github, "txt"),
}


# Fixtures -----------------------------------------------------------------------------------


#: Every rule, those off by default too: the renderers meet every kind of finding, remarks said
#: once for several slides among them.
ALL_RULES = Config(select=frozenset({"ALL"}))


@pytest.fixture(scope="module")
def fr() -> Analyzed:
    return Analyzed(FR_PATH, analyze(ROOT / FR_PATH, ALL_RULES))


@pytest.fixture(scope="module")
def en() -> Analyzed:
    return Analyzed(EN_PATH, analyze(ROOT / EN_PATH, ALL_RULES))


@pytest.fixture(scope="module")
def not_read() -> Unread:
    return unread(Path(UNREAD_PATH), DeckError(Problem.ENCRYPTED), Config(lang=Lang.FR))


@pytest.fixture(autouse=True)
def _pinned_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    """A release, or a home page added to the package metadata, must not rewrite golden files."""
    monkeypatch.setattr(sarif_module, "deckmentor_version", lambda: VERSION)
    monkeypatch.setattr(sarif_module, "home_page", lambda: None)


def _cases(fr: Analyzed, en: Analyzed, not_read: Unread) -> dict[str, tuple[list[Outcome], Lang]]:
    # The batch is given out of order: every format sorts its inputs by path.
    return {
        "fr": ([fr], Lang.FR),
        "en": ([en], Lang.EN),
        "unread": ([not_read], Lang.FR),
        "batch": ([en, not_read, fr], Lang.EN),
    }


def _with_findings(outcome: Analyzed, *extra: Finding, **changes: Any) -> Analyzed:
    report = dataclasses.replace(
        outcome.report, findings=outcome.report.findings + extra, **changes
    )
    return Analyzed(outcome.path, report)


def _hostile(outcome: Analyzed, path: str = "decks/a|b `c`.pptx") -> Analyzed:
    """The English report with slide 3 retitled and one finding quoting hostile text."""
    report = outcome.report
    slides = tuple(
        dataclasses.replace(s, title=HOSTILE) if s.number == 3 else s for s in report.deck.slides
    )
    finding = Finding(
        "MI102",
        "topic-label-title",
        Family.IMPACT,
        Severity.WARNING,
        Loc(slide_number=3, slide_id=258, shape_id=2, shape_name="Title 1", scope=Scope.TITLE),
        message=f"The title “{HOSTILE}” is a topic.\n::error::injected",
        suggestion="Say 100 % of it, then | stop.",
        evidence=HOSTILE,
    )
    deck = dataclasses.replace(report.deck, slides=slides)
    return Analyzed(path, dataclasses.replace(report, deck=deck, findings=(finding,)))


# Golden files -------------------------------------------------------------------------------


def _assert_golden(name: str, text: str) -> None:
    path = GOLDEN_DIR / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def _golden_text(fmt: str, text: str) -> str:
    """The rendered text as its golden file holds it. SARIF's rule catalogue is every rule's
    whole doc page: the golden file keeps one line per rule (checked in full by
    ``test_sarif_rule_descriptors_come_from_the_registry``), so a docstring edit elsewhere does
    not rewrite it."""
    if fmt != "sarif":
        return text
    log = json.loads(text)
    driver = log["runs"][0]["tool"]["driver"]
    driver["rules"] = [
        f"{r['id']} {r['name']} {r['defaultConfiguration']['level']}" for r in driver["rules"]
    ]
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("case", ["fr", "en", "unread", "batch"])
def test_matches_golden(fmt: str, case: str, fr: Analyzed, en: Analyzed, not_read: Unread) -> None:
    render, ending = RENDERERS[fmt]
    outcomes, lang = _cases(fr, en, not_read)[case]
    _assert_golden(f"{fmt}-{case}.{ending}", _golden_text(fmt, render(outcomes, lang)))


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_output_does_not_depend_on_input_order(
    fmt: str, fr: Analyzed, en: Analyzed, not_read: Unread
) -> None:
    render, _ = RENDERERS[fmt]
    assert render([fr, en, not_read], Lang.EN) == render([not_read, en, fr], Lang.EN)


# SARIF --------------------------------------------------------------------------------------


def _log(outcomes: Sequence[Outcome], lang: Lang = Lang.EN) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render_sarif(outcomes, lang))
    return log


def test_sarif_is_valid_against_the_oasis_schema(
    fr: Analyzed, en: Analyzed, not_read: Unread
) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SARIF_SCHEMA} (the shared folder is not beside the repo)")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    batches: list[list[Outcome]] = [[fr, en, not_read], [fr], [not_read], []]
    for outcomes in batches:
        errors = [e.message for e in validator.iter_errors(_log(outcomes))]
        assert errors == []


def test_sarif_result_levels_messages_and_places(fr: Analyzed) -> None:
    run = _log([fr], Lang.FR)["runs"][0]
    results = run["results"]
    # A remark said once for several slides is a result on each of them.
    places = [place for f in fr.report.findings for place in f.places]
    assert any(f.members for f in fr.report.findings)
    assert [r["ruleId"] for r in results] == [p.code for p in places]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [r["level"] for r in results] == [levels[p.severity.value] for p in places]
    first_title = next(r for r in results if r["ruleId"] == "MI102")
    assert first_title["message"]["text"] == (
        "Le titre « Chiffres clés » nomme un sujet, alors que le message de la diapositive est "
        "dans le corps : « Le chiffre d'affaires des grands comptes baisse de 8 % en un an »."
    )
    assert first_title["message"]["markdown"].startswith("Le titre « Chiffres clés »")
    assert (
        "\n\n**Suggestion\u00a0:** Faites du message le titre"
        in (first_title["message"]["markdown"])
    )
    assert first_title["properties"] == {
        "family": "impact",
        "scope": "title",
        "slideNumber": 3,
        "slideId": 258,
        "shapeId": 2,
        "shapeName": "Title 1",
        "evidence": "Chiffres clés",
        "suggestion": next(f for f in fr.report.findings if f.code == "MI102").suggestion,
    }
    (location,) = first_title["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": FR_PATH, "uriBaseId": "%SRCROOT%", "index": 0}
    }
    (logical,) = location["logicalLocations"]
    assert logical["fullyQualifiedName"] == "slide 3/Title 1"
    assert logical["kind"] == "shape"
    entry = run["logicalLocations"][logical["index"]]
    assert entry["name"] == "Title 1"
    parent = run["logicalLocations"][entry["parentIndex"]]
    assert (parent["name"], parent["kind"], "parentIndex" in parent) == ("slide 3", "slide", False)
    deck_level = next(r for r in results if r["ruleId"] == "MI106")
    assert (deck_level["ruleId"], "logicalLocations" in deck_level["locations"][0]) == (
        "MI106",
        False,
    )
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["language"] == "fr"
    assert run["artifacts"][0]["properties"]["scores"] == {
        "overall": 85.0,
        "clarity": 91.5,
        "concision": 97.5,
        "impact": 66.0,
    }


def test_sarif_unread_input_is_an_error_result_on_its_artifact(
    fr: Analyzed, not_read: Unread
) -> None:
    run = _log([fr, not_read])["runs"][0]
    uri = "decks/q3%3A%20draft%2C%20v2.pptx"
    assert [a["location"]["uri"] for a in run["artifacts"]] == [uri, FR_PATH]
    unread_results = [r for r in run["results"] if r["ruleId"] == "DK100"]
    assert len(unread_results) == 1
    (result,) = unread_results
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": uri,
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }
    assert result["message"]["text"] == DeckError(Problem.ENCRYPTED).describe(Lang.FR)
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "DK100"
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["associatedRule"] == {"id": "DK100", "index": result["ruleIndex"]}
    assert notification["properties"] == {"problem": "encrypted"}


def test_sarif_absolute_paths_are_file_uris(fr: Analyzed) -> None:
    moved = Analyzed("/srv/decks/offre v1.pptx", fr.report)
    (artifact,) = _log([moved])["runs"][0]["artifacts"]
    assert artifact["location"] == {"uri": "file:///srv/decks/offre%20v1.pptx"}


def test_sarif_rule_descriptors_come_from_the_registry(fr: Analyzed) -> None:
    rules = _log([fr])["runs"][0]["tool"]["driver"]["rules"]
    registered = all_rules()
    assert [r["id"] for r in rules] == [rule.code for rule in registered]
    cl101 = next(r for r in rules if r["id"] == "CL101")
    rule = next(rule for rule in registered if rule.code == "CL101")
    assert cl101["name"] == "sentence-too-long"
    assert cl101["shortDescription"] == {"text": rule.summary()}
    assert cl101["fullDescription"]["text"].startswith("Counts the words of each sentence")
    assert "## Why is this bad?" not in cl101["fullDescription"]["text"]
    assert cl101["help"]["markdown"] == rule.documentation()
    assert cl101["defaultConfiguration"] == {"level": "warning"}
    assert cl101["properties"] == {"family": "clarity", "tags": ["clarity"]}
    assert "helpUri" not in cl101
    for result in _log([fr])["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_describes_a_code_the_registry_does_not_have(en: Analyzed) -> None:
    crashed = Finding(
        "DK900",
        "rule-crashed",
        Family.INPUT,
        Severity.ERROR,
        Loc(),
        "Rule CL101 failed on this deck and was skipped (ValueError: x).",
        "Report it.",
    )
    run = _log([_with_findings(en, crashed)])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    descriptor = next(r for r in rules if r["id"] == "DK900")
    assert descriptor == {
        "id": "DK900",
        "name": "rule-crashed",
        "shortDescription": {"text": "rule crashed"},
        "fullDescription": {"text": "rule crashed"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"family": "input", "tags": ["input"]},
    }
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)


def test_sarif_fingerprints_ignore_wording_and_count_repeats(en: Analyzed) -> None:
    finding = next(f for f in en.report.findings if f.code == "CL106")
    reworded = dataclasses.replace(finding, message="Autre formulation.", suggestion="")
    moved = dataclasses.replace(finding, loc=dataclasses.replace(finding.loc, slide_number=9))
    other = dataclasses.replace(finding, evidence="Huge")
    assert fingerprint(reworded) == fingerprint(finding)
    assert fingerprint(moved) == fingerprint(finding)  # same slide id: the slide was moved
    assert fingerprint(other) != fingerprint(finding)
    run = _log([_with_findings(en, finding)])["runs"][0]
    prints = [
        r["partialFingerprints"]
        for r in run["results"]
        if r["ruleId"] == "CL106" and r["properties"]["evidence"] == "Various"
    ]
    digest = fingerprint(finding)
    assert prints == [
        {"deckmentorFinding/v1": f"{digest}:1", "primaryLocationLineHash": f"{digest[:16]}:1"},
        {"deckmentorFinding/v1": f"{digest}:2", "primaryLocationLineHash": f"{digest[:16]}:2"},
    ]
    assert re.fullmatch(r"[0-9a-f]{32}", digest)


def test_sarif_logical_locations_are_per_deck(fr: Analyzed, en: Analyzed) -> None:
    run = _log([fr, en])["runs"][0]
    slide3 = [e for e in run["logicalLocations"] if e["fullyQualifiedName"] == "slide 3"]
    assert [e["properties"]["artifactIndex"] for e in slide3] == [0, 1]


def test_sarif_speaker_notes_are_a_place_of_their_slide(en: Analyzed) -> None:
    in_notes = Finding(
        "CN104",
        "filler-phrase",
        Family.CONCISION,
        Severity.INFO,
        Loc(slide_number=4, slide_id=259, scope=Scope.NOTES),
        "“In order to” is wordy: write “To”.",
        "Replace it.",
        "In order to",
    )
    run = _log([_with_findings(en, in_notes)])["runs"][0]
    (logical,) = run["results"][-1]["locations"][0]["logicalLocations"]
    assert (logical["name"], logical["fullyQualifiedName"], logical["kind"]) == (
        "notes",
        "slide 4/notes",
        "notes",
    )
    parent = run["logicalLocations"][run["logicalLocations"][logical["index"]]["parentIndex"]]
    assert parent["fullyQualifiedName"] == "slide 4"


# JUnit --------------------------------------------------------------------------------------


def _junit(outcomes: Sequence[Outcome]) -> ET.Element:
    text = render_junit(outcomes, Lang.EN)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_counts_one_case_per_rule_and_one_failure_per_rule_with_findings(
    fr: Analyzed, en: Analyzed, not_read: Unread
) -> None:
    root = _junit([fr, en, not_read])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [UNREAD_PATH, FR_PATH, EN_PATH]
    for suite, outcome in zip(suites[1:], (fr, en), strict=True):
        report = outcome.report
        cases = suite.findall("testcase")
        assert [c.get("name", "").split()[0] for c in cases] == list(report.rule_codes)
        failing = {f.code for f in report.findings}
        assert suite.get("tests") == str(len(report.rule_codes))
        assert suite.get("failures") == str(len(failing))
        assert (suite.get("errors"), suite.get("skipped")) == ("0", "0")
        assert {c.get("name", "").split()[0] for c in cases if c.find("failure") is not None} == (
            failing
        )
    assert (root.get("tests"), root.get("errors")) == (
        str(1 + len(fr.report.rule_codes) + len(en.report.rule_codes)),
        "1",
    )
    assert root.get("failures") == str(sum(int(s.get("failures", "")) for s in suites))


def test_junit_failure_lists_each_finding_of_the_rule(fr: Analyzed) -> None:
    suite = _junit([fr]).findall("testsuite")[0]
    case = next(c for c in suite.findall("testcase") if c.get("name") == "CL102 passive-voice")
    assert (case.get("classname"), case.get("file")) == ("clarity", FR_PATH)
    failure = case.find("failure")
    assert failure is not None
    # The passives are one remark said once in the report; each is a finding of the case here.
    (grouped,) = [f for f in fr.report.findings if f.code == "CL102"]
    passives = grouped.members
    assert failure.get("message") == f"{len(passives)} remarques"
    assert failure.get("type") == "info"
    blocks = (failure.text or "").split("\n\n")
    assert len(blocks) == len(passives) == 7
    assert blocks[0] == (
        "Diapositive 2 [Info]\u00a0: « a été menée » est au passif : l'acteur arrive en dernier, "
        "ou pas du tout.\n"
        f"Suggestion\u00a0: {passives[0].suggestion}\n"
        "Dans la présentation\u00a0: «\u00a0a été menée\u00a0»"
    )
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {
        "deck.language": "fr",
        "report.language": "fr",
        "slides": "10",
        "score.overall": "85",
        "score.clarity": "91.5",
        "score.concision": "97.5",
        "score.impact": "66",
    }


def test_junit_unread_input_is_an_error(not_read: Unread) -> None:
    (suite,) = _junit([not_read]).findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "1")
    (case,) = suite.findall("testcase")
    assert (case.get("classname"), case.get("name")) == ("input", "DK100 deck-not-read")
    error = case.find("error")
    assert error is not None
    assert error.get("type") == "encrypted"
    assert error.get("message") == DeckError(Problem.ENCRYPTED).describe(Lang.FR)


def test_junit_skipped_rule_and_hostile_text(en: Analyzed) -> None:
    hostile = _hostile(en)
    finding = dataclasses.replace(
        hostile.report.findings[0], evidence="a\x01b\x0bc ]]> <x/> & \ud800"
    )
    report = dataclasses.replace(
        hostile.report,
        findings=(finding,),
        skipped_rules=(SkippedRule("CL101", "no word list for this language"),),
    )
    suite = _junit([Analyzed(hostile.path, report)]).findall("testsuite")[0]
    assert suite.get("name") == "decks/a|b `c`.pptx"
    assert suite.get("skipped") == "1"
    cases = {c.get("name", "").split()[0]: c for c in suite.findall("testcase")}
    skipped = cases["CL101"].find("skipped")
    assert skipped is not None and skipped.get("message") == "no word list for this language"
    failure = cases["MI102"].find("failure")
    assert failure is not None
    assert "In the deck: “ab\nc ]]> <x/> & ”" in (failure.text or "")


# Markdown -----------------------------------------------------------------------------------


def _rendered(markdown: str) -> str:
    """GitHub-flavoured enough: CommonMark with tables and strikethrough, raw HTML allowed as
    on GitHub (which then filters tags such as <script>; we must not rely on that)."""
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html: str = parser.render(markdown)
    return html


def test_markdown_table_has_one_row_per_input_and_survives_hostile_text(
    fr: Analyzed, en: Analyzed, not_read: Unread
) -> None:
    hostile = _hostile(en)
    text = render_markdown([fr, hostile, not_read], Lang.EN)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 3
    # Unescaped pipes delimit cells: 8 columns, 9 pipes, on every row.
    assert {len(re.findall(r"(?<!\\)\|", row)) for row in rows} == {9}
    assert rows[2] == "| decks/a\\|b \\`c\\`.pptx | 97 | 98 | 99 | 95 | 0 | 1 | 0 |"
    assert rows[3].startswith(f"| {inline(UNREAD_PATH)} | not read | — | — | — | 1 | 0 | 0 |")
    html = _rendered(text)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<tr>") == 4  # header and three inputs
    assert "<td>decks/a|b `c`.pptx</td>" in html
    assert '<a href="http://x">' not in html


def test_markdown_summary_of_a_slide_is_html_escaped(en: Analyzed) -> None:
    text = render_markdown([_hostile(en)], Lang.EN)
    summary = next(line for line in text.splitlines() if line.startswith("<summary>Slide 3"))
    assert summary == f"<summary>Slide 3 · {html_text(HOSTILE)} (1)</summary>"
    assert "\\" not in summary  # Markdown escapes would show as such inside HTML
    html = _rendered(text)
    assert "<script>" not in html
    assert "::error::injected" in html  # a line break in a message cannot open a new block
    assert "<h2>::error" not in html


def test_markdown_sections_follow_each_decks_language(
    fr: Analyzed, en: Analyzed, not_read: Unread
) -> None:
    text = render_markdown([fr, en, not_read], Lang.EN)
    sections = text.split("\n### ")
    assert sections[0].startswith("## deckmentor report\n\nDecks analyzed: 2 · not read: 1\n")
    assert sections[1].startswith(f"{inline(UNREAD_PATH)}\n\n**Lecture impossible**\u00a0: ")
    assert sections[2].startswith(f"{inline(FR_PATH)}\n\n**Les corrections prioritaires**\n")
    assert sections[3].startswith(f"{inline(EN_PATH)}\n\n**Top fixes**\n")
    details = sections[2].count("<details>")
    slides_with_findings = {f.loc.slide_number for f in fr.report.findings}
    assert details == len(slides_with_findings)  # None (whole deck) is a group too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("`rm -rf` *now*", "\\`rm -rf\\` \\*now\\*"),
        ("<b>bold</b> & co", "&lt;b&gt;bold&lt;/b&gt; &amp; co"),
        ("1. first", "1\\. first"),
        ("- item", "\\- item"),
        ("# title", "\\# title"),
        ("line\nbreak\x0bhere\x01", "line break here"),
        ("[x](http://y) ![i](z)", "\\[x\\](http://y) \\!\\[i\\](z)"),
        ("$x$ ~y~ _z_", "\\$x\\$ \\~y\\~ \\_z\\_"),
    ],
)
def test_markdown_inline_escaping(text: str, expected: str) -> None:
    assert inline(text) == expected


# GitHub annotations -------------------------------------------------------------------------


def _unescape(value: str) -> str:
    """What the Actions runner reads back (the toolkit's escaping, undone)."""
    for encoded, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(encoded, plain)
    return value


def test_github_one_command_per_finding(fr: Analyzed, en: Analyzed, not_read: Unread) -> None:
    lines = render_github([fr, en, not_read], Lang.EN).splitlines()
    # A remark said once for several slides is one command per slide.
    findings = [place for f in (*fr.report.findings, *en.report.findings) for place in f.places]
    assert len(lines) == 1 + len(findings)
    assert lines[0].startswith(
        "::error file=decks/q3%3A draft%2C v2.pptx,title=DK100 deck-not-read::"
    )
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    assert [line.split(" ", 1)[0] for line in lines[1:]] == [
        f"::{commands[f.severity.value]}" for f in findings
    ]
    en_title = lines[-1].split(",title=", 1)[1].split("::", 1)[0]
    assert _unescape(en_title) == "MI108 data-without-takeaway (slide 4)"
    fr_title = next(line for line in lines if "MI102" in line).split(",title=", 1)[1]
    assert fr_title.startswith("MI102 topic-label-title (diapositive 3)::")


def test_github_escaping_keeps_hostile_text_in_one_command(en: Analyzed) -> None:
    hostile = _hostile(en, path="decks/a:b,c%.pptx")
    (line,) = render_github([hostile], Lang.EN).splitlines()
    head, message = line.split("::", 2)[1:]
    assert head == "warning file=decks/a%3Ab%2Cc%25.pptx,title=MI102 topic-label-title (slide 3)"
    finding = hostile.report.findings[0]
    assert _unescape(message) == f"{finding.message}\nSuggestion: {finding.suggestion}"
    assert "\n" not in message and "\r" not in message
    assert "%0A::error::injected" in message


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50 %", "50 %25", "50 %25"),
        ("a\r\nb\rc\nd", "a%0Ab%0Ac%0Ad", "a%0Ab%0Ac%0Ad"),
        ("k: v, w", "k: v, w", "k%3A v%2C w"),
        ("x\x0by\u2028z\x07", "x%0Ay%0Az", "x%0Ay%0Az"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escape_functions(text: str, data: str, prop: str) -> None:
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_every_format_renders_an_empty_batch() -> None:
    assert render_github([], Lang.EN) == ""
    assert _junit([]).get("tests") == "0"
    assert _log([])["runs"][0]["results"] == []
    assert "Decks analyzed: 0 · not read: 0" in render_markdown([], Lang.EN)
