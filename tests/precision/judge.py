"""How precise deckmentor's remarks are on real decks, as a presentation mentor judges them.

Every finding deckmentor makes on the real decks of ``../shared/corpus/dev`` (the 34 French and
English decks its MANIFEST.csv lists) is judged once, by a reader who has not seen the rules'
code or tests, and the judgment is kept in ``judgments.csv``:

- **correct**: a seasoned presentation mentor, reading that slide, would make that remark to
  the presenter;
- **wrong**: the slide does not have the problem, or the rule misread it;
- **pedantic**: true, but not worth the presenter's time.

A judgment is keyed by deck, slide, rule and evidence, so it follows its finding while the
rules change; a finding whose key no judgment has, or whose words changed since it was judged,
is listed to judge (again). A judgment replaced by a new reading of a reworded remark moves
to ``superseded.csv``: nothing judged is lost. Judgments are data:
one is never edited to make a number pass. ``make precision`` (``python -m tests.precision``)
prints precision per rule, family and language, and the top-five lists' precision.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from analyzer.findings import Finding
from analyzer.report import Report

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
JUDGMENTS = Path(__file__).with_name("judgments.csv")
#: Judgments of the same findings by a second reader, for the agreement of two judges.
SECOND_OPINIONS = Path(__file__).with_name("second-opinions.csv")
#: Judgments of remarks that were reworded since, and judged again.
SUPERSEDED = Path(__file__).with_name("superseded.csv")
FIELDS = ("deck", "slide", "rule", "evidence", "verdict", "reason", "judge", "message")

#: The targets of the precision issue.
TARGET_OVERALL = 0.90
TARGET_PER_RULE = 0.80
TARGET_LANGUAGE_GAP = 0.05
TARGET_PEDANTIC = 0.10


class Verdict(StrEnum):
    CORRECT = "correct"
    WRONG = "wrong"
    PEDANTIC = "pedantic"


@dataclass(frozen=True, order=True)
class Key:
    """What a judgment is about: one rule's remark on one slide (0: the whole deck), about one
    piece of text. Whitespace in the evidence does not matter."""

    deck: str
    slide: int
    rule: str
    evidence: str

    @classmethod
    def of(cls, deck: str, finding: Finding) -> Key:
        return cls(deck, finding.loc.slide_number or 0, finding.code, _norm(finding.evidence))


@dataclass(frozen=True)
class Judgment:
    key: Key
    verdict: Verdict
    reason: str
    judge: str
    message: str


@dataclass(frozen=True)
class CorpusDeck:
    file: str
    lang: str  # "fr" or "en", as MANIFEST.csv guesses it

    @property
    def path(self) -> Path:
        return CORPUS / self.file


def _norm(text: str) -> str:
    return " ".join(text.split())


def corpus_decks() -> list[CorpusDeck]:
    """The real French and English decks of the corpus (MANIFEST.csv), by file name."""
    with (CORPUS / "MANIFEST.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return sorted(
        (
            CorpusDeck(row["file"], row["language_guess"])
            for row in rows
            if row["language_guess"] in ("fr", "en")
        ),
        key=lambda deck: deck.file,
    )


def read_judgments(path: Path = JUDGMENTS) -> dict[Key, Judgment]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        found = {}
        for row in csv.DictReader(file):
            key = Key(row["deck"], int(row["slide"]), row["rule"], _norm(row["evidence"]))
            found[key] = Judgment(
                key, Verdict(row["verdict"]), row["reason"], row["judge"], row["message"]
            )
        return found


def write_judgments(judgments: Iterable[Judgment], path: Path = JUDGMENTS) -> None:
    """All judgments, sorted by key, so that the file diffs well in review."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(FIELDS)
        for j in sorted(judgments, key=lambda j: j.key):
            k = j.key
            writer.writerow(
                (k.deck, k.slide, k.rule, k.evidence, j.verdict, j.reason, j.judge, j.message)
            )


def slide_text(report: Report, number: int) -> str:
    """What a reader sees of a slide, as plain text for a judge: its title, its text blocks
    with bullet levels, tables, charts and, apart, its speaker notes."""
    slide = report.deck.slides[number - 1]
    lines = [f"[slide {number} of {len(report.deck.slides)}, layout “{slide.layout_name}”]"]
    title = slide.title or "(no title)"
    lines.append(f"TITLE{' (inferred)' if slide.title_inferred else ''}: {title}")
    for block in slide.blocks:
        if block.shape_id == slide.title_shape_id and not slide.title_inferred:
            continue
        lines.append(f"<{block.kind}: {block.shape_name}>")
        lines += [f"{'  ' * p.level}- {p.text}" for p in block.non_empty_paragraphs]
    for chart in slide.charts:
        lines.append(f"<chart {chart.chart_type}: title={chart.title!r}>")
    for picture in slide.pictures:
        lines.append(f"<picture, alt text {picture.alt_text!r}>")
    if slide.notes is not None and slide.notes.text.strip():
        lines.append("SPEAKER NOTES (not on the slide): " + _norm(slide.notes.text)[:600])
    return "\n".join(lines)


def deck_outline(report: Report) -> str:
    """The deck at a glance, for a deck-level remark: every slide's title and first words."""
    lines = []
    for slide in report.deck.slides:
        words = _norm(" ".join(b.text for b in slide.blocks))[:160]
        lines.append(f"{slide.number}. {slide.title or '(no title)'} | {words}")
    return "\n".join(lines)


def packet(deck: CorpusDeck, report: Report, finding: Finding) -> dict[str, object]:
    """What a judge is given about one finding: the remark and the slide, nothing of the rule's
    code."""
    number = finding.loc.slide_number
    return {
        "deck": deck.file,
        "slide": number or 0,
        "rule": finding.code,
        "evidence": _norm(finding.evidence),
        "remark": finding.message,
        "suggestion": finding.suggestion,
        "context": slide_text(report, number) if number else deck_outline(report),
    }


def tally(rows: Sequence[tuple[CorpusDeck, Finding, Judgment | None]]) -> Iterator[str]:
    """The precision table: per rule, family, language, and overall."""
    groups: dict[str, list[Verdict | None]] = {}
    for deck, finding, judgment in rows:
        verdict = judgment.verdict if judgment else None
        for group in (
            f"rule {finding.code} {finding.name}",
            f"rule {finding.code} {finding.name} [{deck.lang}]",
            f"family {finding.family}",
            f"language {deck.lang}",
            "overall",
        ):
            groups.setdefault(group, []).append(verdict)
    yield f"{'group':<48} {'judged':>6} {'correct':>7} {'wrong':>5} {'pedan.':>6} {'prec.':>6}"
    for group in sorted(groups, key=_group_order):
        verdicts = groups[group]
        judged = [v for v in verdicts if v is not None]
        count = {v: judged.count(v) for v in Verdict}
        precision = count[Verdict.CORRECT] / len(judged) if judged else float("nan")
        unjudged = len(verdicts) - len(judged)
        yield (
            f"{group:<48} {len(judged):>6} {count[Verdict.CORRECT]:>7} {count[Verdict.WRONG]:>5}"
            f" {count[Verdict.PEDANTIC]:>6} {precision:>6.0%}"
            + (f"  ({unjudged} unjudged)" if unjudged else "")
        )


def _group_order(group: str) -> tuple[int, str]:
    order = ("overall", "language", "family", "rule")
    return (next(i for i, prefix in enumerate(order) if group.startswith(prefix)), group)


def as_json_lines(packets: Iterable[Mapping[str, object]]) -> str:
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in packets)
