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
from analyzer.report import Report, Unread
from reports.texts import texts_for


def _console() -> Console:
    # Deck text and paths are printed as they are: no markup, no ":emoji:" codes, no wrapping.
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def print_summary(report: Report) -> None:
    """Scores and top fixes, in the report's words (``reports.texts``) and language."""
    words = texts_for(report.report_lang)
    console = _console()
    families = "  ".join(
        f"{words['family_' + f.value]} {report.scores.deck.families[f]:.0f}"
        for f in SCORED_FAMILIES
    )
    console.print(
        f"[bold]{report.file_name}[/bold]  {words['overall_score']}: "
        f"[bold]{report.scores.deck.overall:.0f}[/bold]/100  ({families})"
    )
    if report.deck.has_macros:
        console.print(f"  {words['macros_notice']}", markup=False)
    if not report.findings:
        console.print(f"  {words['top_fixes_none']}")
        return
    console.print(f"  [bold]{words['top_fixes']}[/bold]")
    for finding in report.top_fixes:
        number = finding.loc.slide_number
        where = words["scope_deck"] if number is None else words["slide_n"].format(n=number)
        console.print(f"  - {where} · {finding.code} {finding.message}", markup=False)


def print_unread(unread: Unread) -> None:
    """One line, no traceback: the input as given, DK100 and what the file is and what to do."""
    _console().print(f"{unread.path}: {unread.finding.code} {unread.finding.message}", markup=False)


def print_tally(lang: Lang, *, analyzed: int, unread: int) -> None:
    words = texts_for(lang)
    line = words["batch_tally"].format(count=analyzed + unread, analyzed=analyzed, unread=unread)
    _console().print(line, markup=False)


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
