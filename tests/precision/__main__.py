"""``make precision``: analyze the real decks of the corpus, match every finding to its
judgment, print precision per rule, family and language, and list what nobody has judged.

    python -m tests.precision                  # the tables, and the unjudged findings
    python -m tests.precision --export DIR     # unjudged findings as JSON Lines, for judges
    python -m tests.precision --agreement      # how often two judges agree
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analyzer import analyze
from analyzer.findings import Finding
from analyzer.report import Report
from tests.precision.judge import (
    CORPUS,
    SECOND_OPINIONS,
    CorpusDeck,
    Judgment,
    Key,
    Verdict,
    as_json_lines,
    corpus_decks,
    packet,
    read_judgments,
    slide_text,
    tally,
)

Row = tuple[CorpusDeck, Finding, Judgment | None]


def analyzed() -> list[tuple[CorpusDeck, Report]]:
    return [(deck, analyze(deck.path)) for deck in corpus_decks()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.precision")
    parser.add_argument("--export", type=Path, help="write unjudged findings to this folder")
    parser.add_argument("--agreement", action="store_true", help="compare the two judges")
    parser.add_argument("--top", action="store_true", help="print every deck's top fixes")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    judgments = read_judgments()
    if args.agreement:
        return _agreement(judgments)
    reports = analyzed()
    rows: list[Row] = []
    unjudged: dict[Key, dict[str, object]] = {}
    for deck, report in reports:
        for finding in report.findings:
            judgment = _current(judgments, deck, finding)
            rows.append((deck, finding, judgment))
            if judgment is None:
                unjudged.setdefault(Key.of(deck.file, finding), packet(deck, report, finding))
    print(
        f"{len(reports)} decks, {len(rows)} findings, {len(unjudged)} to judge (new or reworded)\n"
    )
    print("\n".join(tally(rows)))
    top = [
        (deck, finding, _current(judgments, deck, finding))
        for deck, report in reports
        for finding in report.top_fixes
    ]
    print("\ntop fixes (every deck's first five)")
    print("\n".join(_overall(top)))
    print("\n".join(_second_reading(rows)))
    if args.top:
        for deck, report in reports:
            print(f"\n{deck.file}")
            for finding in report.top_fixes:
                j = _current(judgments, deck, finding)
                print(
                    f"  [{j.verdict if j else '?'}] {finding.code} s{finding.slide_number} "
                    f"{finding.message}"
                )
    if args.export:
        _export(args.export, reports, list(unjudged.values()))
    elif unjudged:
        print(f"\n{len(unjudged)} findings have no judgment: --export DIR writes them for judges")
    return 0


def _current(judgments: dict[Key, Judgment], deck: CorpusDeck, finding: Finding) -> Judgment | None:
    """The finding's judgment, if it was of these words: a reworded remark is read again."""
    judgment = judgments.get(Key.of(deck.file, finding))
    return judgment if judgment is not None and judgment.message == finding.message else None


def _overall(rows: list[Row]) -> list[str]:
    """The table's header, overall and per-language lines (they come first)."""
    return list(tally(rows))[:4]


def _second_reading(rows: list[Row]) -> list[str]:
    """Precision on the findings a second judge read too: by the second judge, and counting a
    remark as correct only when both judges say so (the conservative figure)."""
    second = read_judgments(SECOND_OPINIONS)
    both: list[Row] = []
    by_second: list[Row] = []
    for deck, finding, first in rows:
        other = _current(second, deck, finding)
        if first is None or other is None:
            continue
        by_second.append((deck, finding, other))
        both.append((deck, finding, other if first.verdict is Verdict.CORRECT else first))
    if not both:
        return []
    return [
        f"\n{len(both)} of these findings were read by a second judge: by the second judge",
        *_overall(by_second),
        "correct only when both judges say so",
        *tally(both),
    ]


def _export(
    folder: Path, reports: list[tuple[CorpusDeck, Report]], items: list[dict[str, object]]
) -> None:
    """For judges: each deck's whole text (``decks/``), and its unjudged findings, one JSON
    object a line (``findings/``), both named after the deck."""
    (folder / "decks").mkdir(parents=True, exist_ok=True)
    (folder / "findings").mkdir(parents=True, exist_ok=True)
    for deck, report in reports:
        mine = [item for item in items if item["deck"] == deck.file]
        if not mine:
            continue
        whole = "\n\n".join(slide_text(report, s.number) for s in report.deck.slides)
        (folder / "decks" / f"{deck.file}.txt").write_text(whole + "\n", "utf-8")
        (folder / "findings" / f"{deck.file}.jsonl").write_text(as_json_lines(mine), "utf-8")
    print(f"\n{len(items)} unjudged findings written to {folder}")


def _agreement(judgments: dict[Key, Judgment]) -> int:
    second = read_judgments(SECOND_OPINIONS)
    # Two judgments compare only when they were of the same words.
    both = [
        (judgments[k].verdict, v.verdict)
        for k, v in second.items()
        if k in judgments and judgments[k].message == v.message
    ]
    if not both:
        print("no finding has two judgments")
        return 1
    agree = sum(a == b for a, b in both)
    n = len(both)
    observed = agree / n
    expected = sum(
        (sum(a == v for a, _ in both) / n) * (sum(b == v for _, b in both) / n) for v in Verdict
    )
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    print(f"{n} findings judged twice: agreement {observed:.0%}, Cohen's kappa {kappa:.2f}")
    for first in Verdict:
        print(
            f"  first {first:<9}"
            + "".join(
                f" second {v}: {sum(a == first and b == v for a, b in both):<4}" for v in Verdict
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
