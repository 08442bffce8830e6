"""A batch as GitHub-flavoured Markdown, for CI job summaries (``$GITHUB_STEP_SUMMARY``).

The page opens with one table row per input (its scores and how many findings of each
severity), then, per deck, its top fixes and its findings grouped by slide in collapsible
``<details>`` blocks; an input that could not be read shows its one line instead.

Deck text comes from an untrusted file and ends up inside Markdown that a CI page renders, so
every piece of it goes through ``inline`` (Markdown text) or ``html_text`` (inside the HTML of
a ``<summary>``, where Markdown escapes are not read): no pipe can break the table, no backtick
open code, no ``<script>`` reach the page as a tag, no line break start a heading or a list.
The page's own words (title, table) are in ``lang``; each deck's section is in the language of
that deck's report, so that a finding and the labels around it read in one language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from analyzer.annotation import Lang
from analyzer.findings import SCORED_FAMILIES, Finding, Severity
from analyzer.report import Analyzed, Outcome, Report, Unread
from reports.html import shown_score
from reports.texts import texts_for

#: Severity columns of the table, most severe first.
_SEVERITY_COLUMNS = (
    (Severity.ERROR, "col_errors"),
    (Severity.WARNING, "col_warnings"),
    (Severity.INFO, "col_info"),
)

#: What stands in a score cell when there is no score.
NO_SCORE = "—"

# Markdown inline syntax that deck text could trigger, backslash-escaped (CommonMark lets any ASCII
# punctuation be escaped): emphasis, code, links and images, tables, strikethrough, GitHub's
# ``$`` math, and ``#`` (a heading's closing sequence). ``<``, ``>`` and ``&`` become entities so
# that no tag or entity in a deck is ever read as HTML. A line start could open a block (list,
# heading, quote): the text is always one line, and a leading list marker is escaped too.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$#!])")
_LEADING_MARKER = re.compile(r"^([-+=]|\d+(?=[.)]))")
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def render_markdown(outcomes: Sequence[Outcome], lang: Lang) -> str:
    """The batch as one Markdown page in ``lang``; inputs sorted by path, so the same batch
    gives the same bytes whatever order its workers finished in."""
    texts = texts_for(lang)
    ordered = sorted(outcomes, key=lambda o: o.path)
    unread = sum(isinstance(o, Unread) for o in ordered)
    lines = [
        f"## {texts['md_heading']}",
        "",
        inline(texts["md_counts"].format(analyzed=len(ordered) - unread, unread=unread)),
        "",
        *_table(ordered, lang),
    ]
    for outcome in ordered:
        lines.append("")
        lines.extend(_section(outcome, outcome.report_lang))
    return "\n".join(lines) + "\n"


def inline(text: str) -> str:
    """Deck text made inert as Markdown inline text on one line (table cells included)."""
    flat = _one_line(text)
    escaped = _LEADING_MARKER.sub(_escape_marker, _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_text(text: str) -> str:
    """Deck text made inert inside an HTML block (``<summary>``), where Markdown is not read."""
    return html.escape(_one_line(text), quote=False)


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(1)
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def _one_line(text: str) -> str:
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text)).strip()


def _table(outcomes: Sequence[Outcome], lang: Lang) -> list[str]:
    texts = texts_for(lang)
    headers = [
        texts["col_deck"],
        texts["overall_score"],
        *(texts[f"family_{family.value}"] for family in SCORED_FAMILIES),
        *(texts[key] for _, key in _SEVERITY_COLUMNS),
    ]
    lines = [
        "| " + " | ".join(inline(h) for h in headers) + " |",
        "| --- | " + " | ".join("---:" for _ in headers[1:]) + " |",
    ]
    for outcome in outcomes:
        findings = outcome.findings
        counts = [str(sum(f.severity is s for f in findings)) for s, _ in _SEVERITY_COLUMNS]
        if isinstance(outcome, Analyzed):
            deck = outcome.report.scores.deck
            scores = [
                shown_score(deck.overall),
                *(shown_score(deck.families.get(f, 0.0)) for f in SCORED_FAMILIES),
            ]
        else:
            scores = [inline(texts["md_not_read"]), *(NO_SCORE for _ in SCORED_FAMILIES)]
        lines.append("| " + " | ".join([inline(outcome.path), *scores, *counts]) + " |")
    return lines


def _section(outcome: Outcome, lang: Lang) -> list[str]:
    heading = f"### {inline(outcome.path)}"
    if isinstance(outcome, Unread):
        return [heading, "", *_unread(outcome, lang)]
    report, texts = outcome.report, texts_for(lang)
    lines = [heading, "", f"**{inline(texts['top_fixes'])}**", ""]
    if report.top_fixes:
        lines += [
            f"{n}. {_where(f, lang)} · {_finding_line(f, lang)}"
            for n, f in enumerate(report.top_fixes, start=1)
        ]
    else:
        lines.append(inline(texts["top_fixes_none"]))
    for summary, findings in _groups(report, lang):
        # <details> is an HTML block: Markdown starts again only after a blank line.
        lines += ["", "<details>", f"<summary>{summary} ({len(findings)})</summary>", ""]
        for finding in findings:
            lines.extend(_finding_item(finding, lang))
        lines += ["", "</details>"]
    return lines


def _unread(outcome: Unread, lang: Lang) -> list[str]:
    texts, finding = texts_for(lang), outcome.finding
    lines = [
        f"**{inline(texts['md_not_read_heading'])}**{texts['colon']} {inline(finding.message)} "
        f"({_rule(finding)})"
    ]
    if finding.suggestion:
        lines += [
            "",
            f"{texts['suggestion']}{texts['colon']} {inline(finding.suggestion)}",
        ]
    return lines


def _groups(report: Report, lang: Lang) -> list[tuple[str, tuple[Finding, ...]]]:
    """Whole-deck findings, then each slide with findings, in slide order; a summary is HTML."""
    texts = texts_for(lang)
    numbers = {slide.number for slide in report.deck.slides}
    groups = []
    # A finding on a slide the deck does not have is scored as deck-level: shown there too.
    deck_level = tuple(f for f in report.findings if f.loc.slide_number not in numbers)
    if deck_level:
        groups.append((html_text(texts["deck_findings"]), deck_level))
    for slide in report.deck.slides:
        findings = report.findings_on(slide.number)
        if findings:
            title = slide.title if slide.title and slide.title.strip() else texts["untitled"]
            label = f"{texts['slide_n'].format(n=slide.number)} · {title}"
            groups.append((html_text(label), findings))
    return groups


def _finding_item(finding: Finding, lang: Lang) -> list[str]:
    texts = texts_for(lang)
    lines = [f"- {_finding_line(finding, lang)}"]
    if finding.suggestion:
        lines.append(f"  - {texts['suggestion']}{texts['colon']} {inline(finding.suggestion)}")
    # A remark said once for several slides: each slide with its own words.
    for place in finding.members:
        lines.append(f"  - {_where(place, lang)}{texts['colon']} {inline(place.message)}")
    if finding.evidence and not finding.members:
        quoted = texts["quote"].format(text=finding.evidence)
        lines.append(f"  - {texts['evidence']}{texts['colon']} {inline(quoted)}")
    return lines


def _finding_line(finding: Finding, lang: Lang) -> str:
    severity = texts_for(lang)[f"severity_{finding.severity.value}"]
    colon = texts_for(lang)["colon"]
    return f"**{inline(severity)}** {_rule(finding)}{colon} {inline(finding.message)}"


def _rule(finding: Finding) -> str:
    return f"`{finding.code}` {inline(finding.name)}"


def _where(finding: Finding, lang: Lang) -> str:
    texts = texts_for(lang)
    number = finding.loc.slide_number
    if number is not None:
        return inline(texts["slide_n"].format(n=number))
    whole = texts["scope_deck"]
    return inline(whole[:1].upper() + whole[1:])
