"""Scoring: the documented formula, monotone, stable across deck length."""

from __future__ import annotations

from analyzer.findings import Family, Finding, Severity
from analyzer.model import Loc, Scope
from analyzer.scoring import score, top_fixes


def _finding(slide: int | None, family: Family, severity: Severity, code: str = "CN101") -> Finding:
    return Finding(code, "x", family, severity, Loc(slide, None, None, None, Scope.BODY), "m", "s")


def test_clean_deck_scores_100() -> None:
    scores = score([], [1, 2, 3])
    assert scores.deck.overall == 100.0
    assert scores.deck.families == {
        Family.CLARITY: 100.0,
        Family.CONCISION: 100.0,
        Family.IMPACT: 100.0,
    }


def test_slide_penalties_follow_the_formula() -> None:
    findings = [
        _finding(1, Family.CONCISION, Severity.WARNING),
        _finding(1, Family.CONCISION, Severity.ERROR),
        _finding(2, Family.CLARITY, Severity.INFO),
    ]
    scores = score(findings, [1, 2])
    assert scores.for_slide(1).families[Family.CONCISION] == 55.0
    assert scores.for_slide(2).families[Family.CLARITY] == 95.0
    assert scores.deck.families[Family.CONCISION] == 77.5
    assert scores.deck.families[Family.CLARITY] == 97.5
    assert scores.deck.overall == (77.5 + 97.5 + 100.0) / 3


def test_deck_level_findings_lower_the_deck_score_only() -> None:
    scores = score([_finding(None, Family.IMPACT, Severity.WARNING)], [1, 2])
    assert scores.deck.families[Family.IMPACT] == 85.0
    assert scores.for_slide(1).families[Family.IMPACT] == 100.0
    assert scores.deck_level_penalty[Family.IMPACT] == 15.0


def test_scores_never_go_below_zero() -> None:
    findings = [_finding(1, Family.CLARITY, Severity.ERROR)] * 4
    assert score(findings, [1]).deck.families[Family.CLARITY] == 0.0


def test_fixing_any_finding_never_lowers_a_score() -> None:
    findings = [
        _finding(1, Family.CLARITY, Severity.ERROR),
        _finding(1, Family.CLARITY, Severity.ERROR),
        _finding(1, Family.CLARITY, Severity.ERROR),
        _finding(1, Family.CLARITY, Severity.ERROR),
        _finding(1, Family.CLARITY, Severity.ERROR),
        _finding(1, Family.CLARITY, Severity.ERROR),
        _finding(2, Family.IMPACT, Severity.INFO),
        _finding(None, Family.CONCISION, Severity.WARNING),
    ]
    before = score(findings, [1, 2])
    for i in range(len(findings)):
        after = score(findings[:i] + findings[i + 1 :], [1, 2])
        assert after.deck.overall >= before.deck.overall
        for family in before.deck.families:
            assert after.deck.families[family] >= before.deck.families[family]


def test_same_problem_rate_scores_the_same_in_a_long_deck() -> None:
    short = score([_finding(1, Family.CONCISION, Severity.WARNING)], [1, 2])
    long = score(
        [_finding(n, Family.CONCISION, Severity.WARNING) for n in (1, 3, 5, 7, 9)], range(1, 11)
    )
    assert short.deck.overall == long.deck.overall


def test_top_fixes_put_the_biggest_gain_first() -> None:
    small = _finding(1, Family.CLARITY, Severity.INFO, "CL106")
    big = _finding(2, Family.IMPACT, Severity.ERROR, "MI101")
    deck_level = _finding(None, Family.IMPACT, Severity.WARNING, "MI107")
    # Gains on 3 slides: deck-level warning 15/3, slide error 30/3/3, slide info 5/3/3.
    assert top_fixes([small, big, deck_level], [1, 2, 3]) == (deck_level, big, small)
    assert top_fixes([small, big, deck_level], [1, 2, 3], limit=1) == (deck_level,)


def test_top_fixes_break_ties_by_severity_then_slide() -> None:
    warning_late = _finding(2, Family.CLARITY, Severity.WARNING)
    warning_early = _finding(1, Family.CONCISION, Severity.WARNING)
    deck_level_info = _finding(None, Family.IMPACT, Severity.INFO)  # gain 5/3; slide ones 15/15
    assert top_fixes([warning_late, deck_level_info, warning_early], [1, 2, 3, 4, 5]) == (
        deck_level_info,
        warning_early,
        warning_late,
    )


def test_top_fixes_rank_by_the_rise_of_rescoring_without_each_finding() -> None:
    # Clamped slides (six errors on slide 1) and a clamped deck-level family included.
    findings = [
        *[_finding(1, Family.CLARITY, Severity.ERROR, f"CL10{i}") for i in range(6)],
        _finding(2, Family.CLARITY, Severity.WARNING, "CL106"),
        _finding(2, Family.IMPACT, Severity.INFO, "MI104"),
        _finding(3, Family.CONCISION, Severity.WARNING, "CN101"),
        *[_finding(None, Family.IMPACT, Severity.ERROR, f"MI10{i}") for i in range(4)],
    ]
    slides = [1, 2, 3, 4]
    base = score(findings, slides).deck.overall

    def rise(i: int) -> float:
        rest = findings[:i] + findings[i + 1 :]
        return round(score(rest, slides).deck.overall - base, 6)

    by_rescoring = sorted(
        range(len(findings)),
        key=lambda i: (-rise(i), -findings[i].severity.rank, findings[i].loc.slide_number or 0, i),
    )
    assert top_fixes(findings, slides, limit=len(findings)) == tuple(
        findings[i] for i in by_rescoring
    )
