"""deckmentor: a mentor's feedback on a draft PowerPoint deck.

>>> from analyzer import analyze
>>> report = analyze("samples/codir-offre-v1.pptx")
>>> report.scores.deck.overall
"""

from analyzer.config import Config
from analyzer.errors import DeckError
from analyzer.findings import Finding, Severity
from analyzer.pipeline import analyze
from analyzer.report import Report

__all__ = ["Config", "DeckError", "Finding", "Report", "Severity", "analyze"]
