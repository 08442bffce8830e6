"""deckmentor: a mentor's feedback on a draft PowerPoint deck.

>>> from analyzer import analyze
>>> report = analyze("samples/codir-offre-v1.pptx")
>>> report.scores.deck.overall
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analyzer.config import Config
    from analyzer.errors import DeckError
    from analyzer.findings import Finding, Severity
    from analyzer.pipeline import analyze
    from analyzer.report import Report

__all__ = ["Config", "DeckError", "Finding", "Report", "Severity", "analyze"]

#: Where each public name lives. They are imported on first use, so that importing a submodule
#: (``analyzer.cli`` for ``deckmentor --help``) does not load the whole pipeline first.
_HOMES = {
    "Config": "analyzer.config",
    "DeckError": "analyzer.errors",
    "Finding": "analyzer.findings",
    "Severity": "analyzer.findings",
    "analyze": "analyzer.pipeline",
    "Report": "analyzer.report",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
