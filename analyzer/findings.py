"""What rules say about a deck: a Finding, its Severity, its Family and its Tier. A leaf: only
the model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from analyzer.model import Loc


class Severity(StrEnum):
    """How much a finding matters; ``rank`` orders them (info < warning < error)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Family(StrEnum):
    """The mentor's three questions, plus the deck input itself (unreadable parts, rule errors)."""

    CLARITY = "clarity"
    CONCISION = "concision"
    IMPACT = "impact"
    INPUT = "input"


#: Families that are scored; INPUT findings are reported but carry no score.
SCORED_FAMILIES = (Family.CLARITY, Family.CONCISION, Family.IMPACT)


class Tier(StrEnum):
    """Where a remark stands in a mentor's order of work (the top fixes follow it): the
    storyline first, then the slides furthest over their limits, then titles, then wording.
    ``INPUT`` (what could not be read) comes before all: nothing else holds without it."""

    INPUT = "input"
    STORYLINE = "storyline"
    OVERLOAD = "overload"
    TITLES = "titles"
    WORDING = "wording"

    @property
    def rank(self) -> int:
        return list(Tier).index(self)


@dataclass(frozen=True)
class Finding:
    """One remark: which rule, where, what is wrong, what to do, and the text that shows it.

    ``message`` and ``suggestion`` are already in the report's language. A remark that holds
    for many slides is said once, about the deck: its ``members`` are the remarks it stands
    for, one per place, each with its own evidence and suggestion (the slide cards show them
    as markers, and each slide's score counts them as if they were said there).
    """

    code: str
    name: str
    family: Family
    severity: Severity
    loc: Loc
    message: str
    suggestion: str
    evidence: str = ""
    tier: Tier = Tier.WORDING
    #: How far past its rule's threshold the slide is (1.5: half as much again as the limit);
    #: the top fixes put the furthest first within a tier.
    excess: float = 1.0
    members: tuple[Finding, ...] = ()

    @property
    def slide_number(self) -> int | None:
        return self.loc.slide_number

    @property
    def slide_numbers(self) -> tuple[int, ...]:
        """The slides the remark is about: its own, or its members' (none: the whole deck)."""
        if self.members:
            return tuple(dict.fromkeys(n for m in self.members for n in m.slide_numbers))
        return () if self.loc.slide_number is None else (self.loc.slide_number,)

    @property
    def places(self) -> tuple[Finding, ...]:
        """The remarks said at one place each: the members of a grouped remark, else itself."""
        return self.members or (self,)
