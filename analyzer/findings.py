"""What rules say about a deck: a Finding, its Severity and its Family. A leaf: only the model."""

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


@dataclass(frozen=True)
class Finding:
    """One remark: which rule, where, what is wrong, what to do, and the text that shows it.

    ``message`` and ``suggestion`` are already in the report's language.
    """

    code: str
    name: str
    family: Family
    severity: Severity
    loc: Loc
    message: str
    suggestion: str
    evidence: str = ""

    @property
    def slide_number(self) -> int | None:
        return self.loc.slide_number
