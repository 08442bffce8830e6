"""The report as one self-contained HTML page: inline CSS and SVG, no script, no network.

A mentor prints it or sends it by email, so it must read the same offline, on paper (A4) and
with scripts blocked; deck text comes from an untrusted file, so Jinja2 autoescapes everything
and the page carries a Content-Security-Policy that forbids every outside resource. The words
around the findings come from ``reports.texts``; the score explanation reads the penalties from
``analyzer.scoring`` so that the page and the formula cannot disagree.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import jinja2

from analyzer.annotation import Lang, Readability
from analyzer.findings import SCORED_FAMILIES, Family, Finding, Severity
from analyzer.model import Scope, Slide, Table, TextBlock
from analyzer.report import WORDS_PER_MINUTE, Analyzed, Outcome, Report, Unread
from analyzer.scoring import PENALTY, Scores
from reports._version import deckmentor_version
from reports.texts import decimal, texts_for

#: Rules whose findings mark a title in the storyline (their codes are stable by design).
TOPIC_LABEL_CODE = "MI102"
MISSING_TITLE_CODE = "MI101"

#: Score bands, best first: a score at or above the bound takes the band's colour.
TONES: tuple[tuple[float, str], ...] = ((85.0, "good"), (70.0, "fair"), (50.0, "weak"))
LOWEST_TONE = "poor"

# C0 controls are not allowed in HTML text; PowerPoint's line break inside a paragraph
# (a:br, read as a vertical tab) becomes a real line break.
_LINE_BREAK = re.compile(r"[\x0b\r]")
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Line:
    text: str
    level: int


@dataclass(frozen=True)
class BlockView:
    """A text shape of a slide, as lines with their outline level."""

    kind: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class StoryFlags:
    topic_label: bool
    missing_title: bool
    inferred: bool
    hidden: bool


@dataclass(frozen=True)
class SlideView:
    slide: Slide
    scores: Scores | None
    findings: tuple[Finding, ...]
    #: The slide's part of remarks said once for the whole deck.
    markers: tuple[Finding, ...]
    blocks: tuple[BlockView, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...]
    notes: tuple[Line, ...]
    readability: Readability | None
    flags: StoryFlags
    #: The section this slide opens, when it is the first slide of a named section.
    opens_section: str | None


@dataclass(frozen=True)
class WhyRow:
    """One family's line of the "why this score?" table."""

    family: Family
    findings: int
    lost: float
    slide_mean: float
    deck_penalty: float
    score: float


@dataclass(frozen=True)
class ReportView:
    slides: tuple[SlideView, ...]
    deck_findings: tuple[Finding, ...]
    why: tuple[WhyRow, ...]


@dataclass(frozen=True)
class IndexEntry:
    """One input's line on a batch's index page: a few values, so that a batch of a thousand
    decks does not keep a thousand reports for its index. ``score`` is None for an input that
    could not be read; ``first`` is then its DK100 finding, otherwise the first top fix."""

    path: str
    href: str
    lang: Lang
    score: float | None
    findings: int
    first: Finding | None
    has_macros: bool = False

    @property
    def link(self) -> str:
        return quote(self.href)


def index_entry(outcome: Outcome, href: str) -> IndexEntry:
    """The index line of one outcome whose own page is ``href`` (relative to the index)."""
    if isinstance(outcome, Unread):
        return IndexEntry(outcome.path, href, outcome.report_lang, None, 1, outcome.finding)
    report = outcome.report
    fixes = report.top_fixes or report.findings
    return IndexEntry(
        path=outcome.path,
        href=href,
        lang=report.report_lang,
        score=report.scores.deck.overall,
        findings=len(report.findings),
        first=fixes[0] if fixes else None,
        has_macros=report.deck.has_macros,
    )


def render_outcome_html(outcome: Outcome, *, version: str | None = None) -> str:
    """A batch input's page: its report, or the page saying it could not be read."""
    if isinstance(outcome, Analyzed):
        return render_html(outcome.report, version=version)
    return render_unread_html(outcome, version=version)


def render_unread_html(unread: Unread, *, version: str | None = None) -> str:
    """A small page, in the report's look, saying the input could not be read and what to do."""
    template = _environment().get_template("unread.html.j2")
    return template.render(u=unread, **_page_context(unread.report_lang, version))


def render_index_html(
    entries: Sequence[IndexEntry], lang: Lang, *, version: str | None = None
) -> str:
    """The batch's index page: every input in the order given, with its score or why it could
    not be read, linking to its own page."""
    scores = [e.score for e in entries if e.score is not None]
    template = _environment().get_template("index.html.j2")
    return template.render(
        entries=entries,
        analyzed=len(scores),
        unread=len(entries) - len(scores),
        mean=sum(scores) / len(scores) if scores else None,
        **_page_context(lang, version),
    )


def _page_context(lang: Lang, version: str | None) -> dict[str, Any]:
    """What every page's template reads: its words, language, version and number format."""
    return {
        "t": texts_for(lang),
        "html_lang": lang.value if lang is not Lang.OTHER else Lang.EN.value,
        "deck_lang": None,
        "version": version or deckmentor_version(),
        "families": SCORED_FAMILIES,
        "dec": functools.partial(decimal, lang=lang),
    }


def render_html(report: Report, *, version: str | None = None) -> str:
    """The report as a complete HTML document in the report's language.

    ``version`` replaces the installed deckmentor version (tests pin it).
    """
    lang = report.report_lang
    texts = texts_for(lang)
    view = build_view(report)
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=report,
        v=view,
        t=texts,
        html_lang=lang.value if lang is not Lang.OTHER else Lang.EN.value,
        deck_lang=report.lang.value if report.lang is not Lang.OTHER else None,
        version=version or deckmentor_version(),
        families=SCORED_FAMILIES,
        penalty={severity.value: _points(points) for severity, points in PENALTY.items()},
        wpm=WORDS_PER_MINUTE,
        dec=functools.partial(decimal, lang=lang),
        why_scores=" + ".join(decimal(row.score, lang) for row in view.why),
        rule_names=_rule_names(),
    )


def build_view(report: Report) -> ReportView:
    """What the template shows, worked out once: per-slide text, findings and scores."""
    slide_scores = {s.number: s.scores for s in report.scores.slides}
    numbers = {slide.number for slide in report.deck.slides}
    views = []
    previous_section: str | None = None
    for slide in report.deck.slides:
        findings = report.findings_on(slide.number)
        markers = report.markers_on(slide.number)
        codes = {f.code for f in (*findings, *markers)}
        opens = slide.section if slide.section and slide.section != previous_section else None
        previous_section = slide.section
        views.append(
            SlideView(
                slide=slide,
                scores=slide_scores.get(slide.number),
                findings=findings,
                markers=markers,
                blocks=_blocks(slide),
                tables=tuple(_grid(t) for t in slide.tables),
                notes=_lines(slide.notes) if slide.notes is not None else (),
                readability=report.readability.get(slide.number),
                flags=StoryFlags(
                    topic_label=TOPIC_LABEL_CODE in codes,
                    missing_title=slide.title is None or MISSING_TITLE_CODE in codes,
                    inferred=slide.title is not None and slide.title_inferred,
                    hidden=slide.hidden,
                ),
                opens_section=opens,
            )
        )
    # A finding on a slide number the deck does not have is scored as deck-level: show it there.
    deck_findings = tuple(f for f in report.findings if f.loc.slide_number not in numbers)
    return ReportView(tuple(views), deck_findings, _why(report, numbers))


def _why(report: Report, numbers: set[int]) -> tuple[WhyRow, ...]:
    rows = []
    slides = report.scores.slides
    for family in SCORED_FAMILIES:
        on_slides = [
            place
            for f in report.findings
            if f.family is family
            for place in f.places
            if place.loc.slide_number in numbers
        ]
        mean = (
            sum(s.scores.families.get(family, 100.0) for s in slides) / len(slides)
            if slides
            else 100.0
        )
        rows.append(
            WhyRow(
                family=family,
                findings=len(on_slides),
                lost=sum(PENALTY[f.severity] for f in on_slides),
                slide_mean=mean,
                deck_penalty=report.scores.deck_level_penalty.get(family, 0.0),
                score=report.scores.deck.families.get(family, 0.0),
            )
        )
    return tuple(rows)


def _blocks(slide: Slide) -> tuple[BlockView, ...]:
    """The slide's text shapes except the title (shown as the card's heading); table cells are
    shown as tables when the slide's tables were read."""
    shown = []
    for block in slide.blocks:
        if block.scope is Scope.TITLE and (
            block.shape_id == slide.title_shape_id or not block.text.strip()
        ):
            continue
        if block.scope is Scope.TABLE and slide.tables:
            continue
        lines = _lines(block)
        if lines:
            shown.append(BlockView(block.kind, lines))
    return tuple(shown)


def _lines(block: TextBlock) -> tuple[Line, ...]:
    return tuple(Line(p.text, max(0, min(p.level, 8))) for p in block.non_empty_paragraphs)


def _grid(table: Table) -> tuple[tuple[str, ...], ...]:
    cells = {(c.row, c.column): c.text for c in table.cells}
    rows = max([table.rows, *(c.row + 1 for c in table.cells)])
    columns = max([table.columns, *(c.column + 1 for c in table.cells)])
    return tuple(tuple(cells.get((r, c), "") for c in range(columns)) for r in range(rows))


def _rule_names() -> dict[str, str]:
    from analyzer.registry import all_rules

    return {rule.code: rule.name for rule in all_rules()}


def _points(value: float) -> str:
    return f"{value:g}"


# Template helpers -------------------------------------------------------------------------


def clean(text: str | None) -> str:
    """Deck text made safe for HTML text nodes (escaping itself is Jinja's job)."""
    if not text:
        return ""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def shown_score(value: float) -> str:
    """A score as people read it: a whole number, halves rounded up (87.5 -> 88)."""
    return str(math.floor(max(0.0, min(100.0, value)) + 0.5))


def tone(value: float) -> str:
    """The colour band of a score: good, fair, weak or poor."""
    for bound, name in TONES:
        if value >= bound:
            return name
    return LOWEST_TONE


def arc(value: float, radius: float) -> str:
    """``stroke-dasharray`` for a ring gauge of ``radius`` filled to ``value`` out of 100."""
    circumference = 2 * math.pi * radius
    filled = circumference * max(0.0, min(100.0, value)) / 100
    return f"{filled:.2f} {circumference:.2f}"


def bar_width(value: float, width: float) -> str:
    return f"{width * max(0.0, min(100.0, value)) / 100:.1f}"


def severity_order(findings: Sequence[Finding]) -> list[Finding]:
    """Most severe first; the report's reading order within one severity."""
    return sorted(findings, key=lambda f: -f.severity.rank)


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    filters: Mapping[str, object] = {
        "clean": clean,
        "score": shown_score,
        "tone": tone,
        "by_severity": severity_order,
    }
    env.filters.update(filters)
    env.globals.update({"arc": arc, "bar_width": bar_width, "Severity": Severity})
    return env
