"""From findings to scores: one per family and an overall one, per slide and for the deck.

The formula, shown in the report as "how is this computed?":

- a slide starts each family at 100 and loses a fixed penalty per finding of that family on it
  (info 5, warning 15, error 30), down to 0;
- the deck's family score is the mean of its slides' family scores (so a long deck is not
  punished for being long), minus the penalties of deck-level findings (no summary up front...),
  down to 0;
- the overall score is the mean of the three family scores.

Removing a finding only ever removes a penalty, so fixing a finding never lowers a score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from analyzer.findings import SCORED_FAMILIES, Family, Finding, Severity

PENALTY: Mapping[Severity, float] = {
    Severity.INFO: 5.0,
    Severity.WARNING: 15.0,
    Severity.ERROR: 30.0,
}


@dataclass(frozen=True)
class Scores:
    """One score per scored family and their mean, each 0-100."""

    overall: float
    families: Mapping[Family, float]


@dataclass(frozen=True)
class SlideScores:
    number: int
    scores: Scores


@dataclass(frozen=True)
class DeckScores:
    """The deck's scores, each slide's, and the deck-level penalty per family (the "why")."""

    deck: Scores
    slides: tuple[SlideScores, ...]
    deck_level_penalty: Mapping[Family, float]

    def for_slide(self, number: int) -> Scores:
        for slide in self.slides:
            if slide.number == number:
                return slide.scores
        raise KeyError(number)


def _scored(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.family in SCORED_FAMILIES]


def _family_scores(penalties: Mapping[Family, float]) -> Scores:
    families = {family: max(0.0, 100.0 - penalties.get(family, 0.0)) for family in SCORED_FAMILIES}
    return Scores(sum(families.values()) / len(families), families)


@dataclass(frozen=True)
class _Penalties:
    """The penalty totals the scores derive from: per slide and family, and deck-level."""

    per_slide: Mapping[int, Mapping[Family, float]]
    deck_level: Mapping[Family, float]


def _penalties(findings: Iterable[Finding], slide_numbers: Sequence[int]) -> _Penalties:
    """A remark said once for many slides costs each of its slides what it would have cost
    said there (``Finding.places``): grouping changes how a report reads, not its scores."""
    per_slide: dict[int, dict[Family, float]] = {n: defaultdict(float) for n in slide_numbers}
    deck_level: dict[Family, float] = defaultdict(float)
    for finding in (place for f in _scored(findings) for place in f.places):
        number = finding.loc.slide_number
        if number is not None and number in per_slide:
            per_slide[number][finding.family] += PENALTY[finding.severity]
        else:
            deck_level[finding.family] += PENALTY[finding.severity]
    return _Penalties(per_slide, deck_level)


def _slide_mean(slides: Sequence[SlideScores], family: Family) -> float:
    return sum(s.scores.families[family] for s in slides) / len(slides) if slides else 100.0


def score(findings: Sequence[Finding], slide_numbers: Sequence[int]) -> DeckScores:
    """Scores for a deck whose slides are ``slide_numbers``, given all its findings."""
    totals = _penalties(findings, slide_numbers)
    slides = tuple(SlideScores(n, _family_scores(totals.per_slide[n])) for n in slide_numbers)
    families = {
        family: max(0.0, _slide_mean(slides, family) - totals.deck_level.get(family, 0.0))
        for family in SCORED_FAMILIES
    }
    deck = Scores(sum(families.values()) / len(families), families)
    return DeckScores(deck, slides, {f: totals.deck_level.get(f, 0.0) for f in SCORED_FAMILIES})


def top_fixes(findings: Sequence[Finding], *, limit: int = 5) -> tuple[Finding, ...]:
    """The remarks to act on first, in a mentor's order (``Tier``): the storyline (the key
    message up front, the conclusion or the ask), then the slides furthest over their limits
    (a 302-word slide before an 84-word one: ``excess``), then titles, then wording; within a
    tier, the more severe first, then the earlier slide, so the list is stable. Information
    remarks come only when fewer than ``limit`` warnings and errors are left."""
    ranked = sorted(
        (f for f in findings if f.family in SCORED_FAMILIES),
        key=lambda f: (
            f.severity is Severity.INFO,
            f.tier.rank,
            -f.severity.rank,
            -round(f.excess, 6),
            min(f.slide_numbers, default=0),
        ),
    )
    return tuple(ranked[:limit])
