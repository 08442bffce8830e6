"""Scoring: the documented formula, monotone, stable across deck length."""

from __future__ import annotations

from analyzer.findings import Family, Finding, Severity, Tier
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


def _remark(
    slide: int | None,
    tier: Tier,
    severity: Severity = Severity.WARNING,
    excess: float = 1.0,
    code: str = "CN102",
) -> Finding:
    loc = Loc(slide, None, None, None, Scope.BODY if slide else Scope.DECK)
    return Finding(code, "x", Family.CONCISION, severity, loc, "m", "s", "", tier, excess)


def test_top_fixes_follow_a_mentors_order_storyline_overload_titles_wording() -> None:
    wording = _remark(1, Tier.WORDING)
    titles = _remark(2, Tier.TITLES)
    overload = _remark(9, Tier.OVERLOAD)
    storyline = _remark(None, Tier.STORYLINE)
    found = [wording, titles, overload, storyline]
    assert top_fixes(found) == (storyline, overload, titles, wording)
    assert top_fixes(found, limit=2) == (storyline, overload)


def test_the_slide_furthest_over_its_limit_comes_first() -> None:
    """A 302-word slide before an 84-word one, whatever their order in the deck."""
    slightly_over = _remark(2, Tier.OVERLOAD, excess=84 / 80)
    far_over = _remark(7, Tier.OVERLOAD, excess=302 / 80)
    assert top_fixes([slightly_over, far_over]) == (far_over, slightly_over)


def test_ties_go_to_severity_then_to_the_earlier_slide_and_infos_come_last() -> None:
    late = _remark(5, Tier.WORDING)
    early = _remark(3, Tier.WORDING)
    error = _remark(8, Tier.WORDING, Severity.ERROR)
    info_storyline = _remark(None, Tier.STORYLINE, Severity.INFO)
    assert top_fixes([late, info_storyline, early, error]) == (error, early, late, info_storyline)


def test_deck_input_findings_are_not_fixes_of_the_deck() -> None:
    unreadable = Finding("DK101", "part-not-read", Family.INPUT, Severity.WARNING, Loc(2), "m", "s")
    assert top_fixes([unreadable]) == ()


def test_a_remark_said_once_costs_each_of_its_slides_what_it_would_have_cost_there() -> None:
    members = tuple(_finding(n, Family.CONCISION, Severity.WARNING) for n in (1, 2, 4))
    grouped = Finding(
        "CN101", "x", Family.CONCISION, Severity.WARNING, Loc(), "m", "s", members=members
    )
    assert score([grouped], [1, 2, 3, 4]) == score(list(members), [1, 2, 3, 4])
    assert grouped.slide_numbers == (1, 2, 4)
    # Fixing one of its slides (the group loses a member) never lowers a score.
    fewer = Finding(
        "CN101", "x", Family.CONCISION, Severity.WARNING, Loc(), "m", "s", members=members[1:]
    )
    assert score([fewer], [1, 2, 3, 4]).deck.overall > score([grouped], [1, 2, 3, 4]).deck.overall
