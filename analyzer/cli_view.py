"""What the command line shows in a terminal (rich): a deck's summary, the rule list, a rule's page.

Printed to standard error, so that a report sent to standard output stays clean.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from analyzer.annotation import Lang
from analyzer.findings import SCORED_FAMILIES
from analyzer.report import Report

_WORDS = {
    Lang.EN: {
        "overall": "Overall score",
        "top": "Top fixes",
        "slide": "slide",
        "deck": "deck",
        "none": "No finding: this deck is clear, concise and to the point.",
        "clarity": "clarity",
        "concision": "concision",
        "impact": "impact",
    },
    Lang.FR: {
        "overall": "Score global",
        "top": "Corrections prioritaires",
        "slide": "diapo",
        "deck": "présentation",
        "none": "Aucune remarque : cette présentation est claire, concise et percutante.",
        "clarity": "clarté",
        "concision": "concision",
        "impact": "impact",
    },
}


def _console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_summary(report: Report) -> None:
    words = _WORDS[Lang.FR if report.report_lang is Lang.FR else Lang.EN]
    console = _console()
    families = "  ".join(
        f"{words[f.value]} {report.scores.deck.families[f]:.0f}" for f in SCORED_FAMILIES
    )
    console.print(
        f"[bold]{report.file_name}[/bold]  {words['overall']}: "
        f"[bold]{report.scores.deck.overall:.0f}[/bold]/100  ({families})"
    )
    if not report.findings:
        console.print(f"  {words['none']}")
        return
    console.print(f"  [bold]{words['top']}[/bold]")
    for finding in report.top_fixes:
        where = (
            f"{words['slide']} {finding.loc.slide_number}"
            if finding.loc.slide_number is not None
            else words["deck"]
        )
        console.print(f"  - {where} · {finding.code} {finding.message}", markup=False)


def print_rule_table(rules: Sequence[Any]) -> None:
    table = Table(box=None)
    for column in ("code", "name", "family", "severity"):
        table.add_column(column, no_wrap=True)  # codes and names are looked up: never cut them
    table.add_column("summary")
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.family.value, rule.severity.value, rule.summary())
    Console(highlight=False).print(table)


def print_rule_doc(rule: Any) -> None:
    console = Console(highlight=False)
    console.print(
        f"[bold]{rule.code} {rule.name}[/bold]  ({rule.family.value}, {rule.severity.value})"
    )
    console.print(Markdown(rule.documentation()))
