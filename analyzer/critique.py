"""From the rules' findings to the remarks a mentor makes: one remark per slide about the same
problem, and a remark that holds for many slides said once.

- **One remark per slide and problem.** A rule may declare that its remark on a slide covers
  others there (``Rule.subsumes``): "this slide has 240 words" already says that its bullets
  are long, so "this bullet is too long" is dropped on that slide.
- **Said once.** When a rule makes more than ``MAX_REPEATS`` remarks on slides, they become one
  remark about the deck that names the slides ("7 of 12 titles name a topic: slides 2, 3..."),
  made by the rule itself (``Rule.grouped``). The remarks it stands for stay inside it, as its
  ``members``, so that each slide still shows its marker and its own suggestion, and each
  slide's score still counts it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analyzer.annotation import Lang
from analyzer.findings import Finding

#: The most times one rule's remark appears in a report before it is said once for the deck.
MAX_REPEATS = 3


def one_per_slide(findings: Sequence[Finding], rules: Mapping[str, Any]) -> list[Finding]:
    """``findings`` without those another rule's remark on the same slide covers."""
    covered: set[tuple[int, str]] = set()
    for finding in findings:
        rule = rules.get(finding.code)
        if rule is not None and finding.slide_number is not None:
            covered.update((finding.slide_number, code) for code in rule.subsumes)
    return [f for f in findings if (f.slide_number or 0, f.code) not in covered]


def said_once(
    findings: Sequence[Finding], rules: Mapping[str, Any], lang: Lang, slide_count: int
) -> list[Finding]:
    """``findings`` with each rule's remarks on slides grouped into one deck-level remark when
    there are more than ``MAX_REPEATS`` of them (and the rule can say them once)."""
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.slide_number is not None:
            by_code.setdefault(finding.code, []).append(finding)
    kept: list[Finding] = []
    grouped: set[str] = set()
    for finding in findings:
        code = finding.code
        rule = rules.get(code)
        many = len(by_code.get(code, ())) > MAX_REPEATS
        if finding.slide_number is None or not many or rule is None or not rule.group_message:
            kept.append(finding)
        elif code not in grouped:
            grouped.add(code)
            kept.append(rule.grouped(by_code[code], lang, slide_count))
    return kept
