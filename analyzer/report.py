"""The Report: everything a renderer needs, as plain data. Renderers read only this."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from analyzer.annotation import Lang, LanguageSource, Readability
from analyzer.errors import Problem
from analyzer.findings import Finding
from analyzer.model import Deck
from analyzer.scoring import DeckScores

#: Version of the JSON report's shape: the minor part grows when fields are added (1.1: a
#: document's ``status``, documents for inputs that were not read, ``deck.has_macros``; 1.2: a
#: finding's ``tier`` and ``places``), the major part when a field changes meaning or
#: disappears.
SCHEMA_VERSION = "1.2"

#: Speaking rate used for the talk-time estimate, words per minute.
WORDS_PER_MINUTE = 130


@dataclass(frozen=True)
class DeckStats:
    """Counts shown in the report. ``talk_minutes`` is estimated from notes and slide text."""

    slides: int
    hidden_slides: int
    words_on_slides: int
    words_in_notes: int
    talk_minutes: float


@dataclass(frozen=True)
class SkippedRule:
    """A rule that did not run on this deck, and why (a language it has no data for...)."""

    code: str
    reason: str


@dataclass(frozen=True)
class Report:
    """The analysis of one deck."""

    file_name: str
    deck: Deck
    lang: Lang
    report_lang: Lang
    findings: tuple[Finding, ...]
    scores: DeckScores
    top_fixes: tuple[Finding, ...]
    stats: DeckStats
    sources: tuple[LanguageSource, ...] = ()
    skipped_rules: tuple[SkippedRule, ...] = ()
    readability: Mapping[int, Readability] = field(default_factory=dict)
    rule_codes: tuple[str, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def findings_on(self, slide_number: int) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.loc.slide_number == slide_number)

    def markers_on(self, slide_number: int) -> tuple[Finding, ...]:
        """The slide's part of the remarks said once for the deck (``Finding.members``)."""
        return tuple(
            member
            for f in self.findings
            for member in f.members
            if member.loc.slide_number == slide_number
        )

    @property
    def deck_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.loc.slide_number is None)


@dataclass(frozen=True)
class Analyzed:
    """A batch input that was analyzed. ``path`` is the input as given (the report has its name)."""

    path: str
    report: Report

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings

    @property
    def report_lang(self) -> Lang:
        """The language the findings are written in."""
        return self.report.report_lang


@dataclass(frozen=True)
class Unread:
    """A batch input that could not be analyzed: the problem, and the deck-level finding
    (``DK100 deck-not-read``) that reports it wherever findings are reported."""

    path: str
    problem: Problem
    finding: Finding
    #: The language the finding is written in (the configured report language, else English).
    report_lang: Lang = Lang.EN

    @property
    def file_name(self) -> str:
        return PurePath(self.path).name

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (self.finding,)


#: What a batch says about each input.
Outcome = Analyzed | Unread
