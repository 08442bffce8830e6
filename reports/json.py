"""The report as JSON, in the versioned shape described by ``reports/schema/report-1.2.json``.

One document per input: ``status`` says whether the deck was analyzed (findings, scores...) or
could not be read (the problem and its ``DK100 deck-not-read`` finding, nothing else).
The output is deterministic: keys in a fixed order, lists in the report's order, no clock, and
scores rounded to two decimals, so that the same deck and the same version give the same bytes.
Top fixes are the positions of their findings in ``findings``, not copies of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from analyzer.findings import SCORED_FAMILIES, Family, Finding
from analyzer.model import Slide
from analyzer.report import SCHEMA_VERSION, Analyzed, Outcome, Report, Unread
from analyzer.scoring import Scores
from reports._version import deckmentor_version

#: The schema file for each schema version this renderer writes.
SCHEMA_FILES = {"1.0": "report-1.0.json", "1.1": "report-1.1.json", "1.2": "report-1.2.json"}


def render_json(report: Report, *, version: str | None = None) -> str:
    """The report as a JSON document (UTF-8 text, two-space indent, final newline).

    ``version`` replaces the installed deckmentor version (tests pin it).
    """
    document = report_document(report, version=version)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_outcome_json(
    outcome: Outcome, *, version: str | None = None, compact: bool = False
) -> str:
    """A batch input's document: its report, or why it could not be read. ``compact`` puts it
    on one line (JSON Lines, for a batch written to standard output)."""
    if isinstance(outcome, Analyzed):
        document = report_document(outcome.report, version=version)
    else:
        document = unread_document(outcome, version=version)
    if compact:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def unread_document(unread: Unread, *, version: str | None = None) -> dict[str, Any]:
    """An input that could not be read: its name, the problem and the DK100 finding."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "deckmentor", "version": version or deckmentor_version()},
        "status": "unread",
        "deck": {"file_name": unread.file_name},
        "problem": unread.problem.value,
        "languages": {"report": unread.report_lang.value},
        "findings": [_finding(unread.finding)],
    }


def report_document(report: Report, *, version: str | None = None) -> dict[str, Any]:
    """The report as plain JSON values, in the schema's order."""
    return {
        "schema_version": report.schema_version,
        "generator": {"name": "deckmentor", "version": version or deckmentor_version()},
        "status": "analyzed",
        "deck": _deck(report),
        "languages": {
            "deck": report.lang.value,
            "report": report.report_lang.value,
            "sources": [
                {"lang": s.lang.value, "engine": s.engine, "is_model": s.is_model}
                for s in report.sources
            ],
        },
        "scores": {
            "deck": _scores(report.scores.deck),
            "deck_level_penalty": _families(report.scores.deck_level_penalty),
            "slides": [
                {"slide_number": s.number, **_scores(s.scores)} for s in report.scores.slides
            ],
        },
        "top_fixes": finding_positions(report.findings, report.top_fixes),
        "findings": [_finding(f) for f in report.findings],
        "stats": {
            "slides": report.stats.slides,
            "hidden_slides": report.stats.hidden_slides,
            "words_on_slides": report.stats.words_on_slides,
            "words_in_notes": report.stats.words_in_notes,
            "talk_minutes": report.stats.talk_minutes,
        },
        "readability": [
            {
                "slide_number": number,
                "score": _round(r.score),
                "formula": r.formula,
                "words": r.words,
                "sentences": r.sentences,
            }
            for number, r in sorted(report.readability.items())
        ],
        "rules_run": list(report.rule_codes),
        "skipped_rules": [{"code": s.code, "reason": s.reason} for s in report.skipped_rules],
    }


def finding_positions(findings: tuple[Finding, ...], chosen: Iterable[Finding]) -> list[int]:
    """Where each chosen finding sits in ``findings``: the same object first, else an equal one
    not already taken (two identical remarks on one slide stay two references)."""
    taken: set[int] = set()
    positions = []
    for wanted in chosen:
        found = next((i for i, f in enumerate(findings) if f is wanted and i not in taken), None)
        if found is None:
            found = next(
                (i for i, f in enumerate(findings) if f == wanted and i not in taken), None
            )
        if found is not None:
            taken.add(found)
            positions.append(found)
    return positions


def _deck(report: Report) -> dict[str, Any]:
    return {
        "file_name": report.file_name,
        "slide_count": len(report.deck.slides),
        "has_macros": report.deck.has_macros,
        "slides": [_slide(s) for s in report.deck.slides],
        "unread_parts": [
            {
                "kind": part.kind.value,
                "part_name": part.part_name,
                "problem": part.problem,
                "slide_number": part.slide_number,
            }
            for part in report.deck.skipped
        ],
    }


def _slide(slide: Slide) -> dict[str, Any]:
    return {
        "number": slide.number,
        "slide_id": slide.slide_id,
        "title": slide.title,
        "title_inferred": slide.title_inferred,
        "hidden": slide.hidden,
        "section": slide.section,
        "layout": slide.layout_name,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "family": finding.family.value,
        "severity": finding.severity.value,
        "tier": finding.tier.value,
        **_place(finding),
        "places": [_place(member) for member in finding.members],
    }


def _place(finding: Finding) -> dict[str, Any]:
    loc = finding.loc
    return {
        "slide_number": loc.slide_number,
        "slide_id": loc.slide_id,
        "shape_id": loc.shape_id,
        "shape_name": loc.shape_name,
        "scope": loc.scope.value,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "evidence": finding.evidence,
    }


def _scores(scores: Scores) -> dict[str, Any]:
    return {"overall": _round(scores.overall), "families": _families(scores.families)}


def _families(values: Mapping[Family, float]) -> dict[str, float]:
    return {family.value: _round(values.get(family, 0.0)) for family in SCORED_FAMILIES}


def _round(value: float) -> float:
    # Two decimals: enough to explain a score, and the same text on every platform.
    return round(float(value), 2)


def schema(schema_version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of a report version, from the package's data."""
    name = SCHEMA_FILES[schema_version]
    text = resources.files("reports").joinpath("schema", name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
