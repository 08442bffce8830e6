"""Many inputs, one outcome each: a deck analyzed, or a deck not read and why.

A batch never stops at a bad file. An input that cannot be analyzed becomes an ``Unread``
carrying one deck-level finding (``DK100 deck-not-read``), so every output format reports it
where it reports findings, and CI sees it like any other finding.
"""

from __future__ import annotations

from pathlib import Path

from analyzer.config import Config, ConfigError
from analyzer.errors import DeckError, Problem
from analyzer.report import Analyzed, Outcome, Unread


def analyze_path(path: Path, config: Config) -> Outcome:
    """The outcome of one input; only a ConfigError (the same for every deck) propagates."""
    from analyzer.pipeline import analyze

    try:
        return Analyzed(str(path), analyze(path, config))
    except ConfigError:
        raise
    except DeckError as error:
        return unread(path, error, config)
    except Exception as error:  # a bug in deckmentor must not stop the batch or show a traceback
        detail = f"{type(error).__name__}: {error}"
        return unread(path, DeckError(Problem.INTERNAL_ERROR, detail), config)


def unread(path: Path, error: DeckError, config: Config) -> Unread:
    """The ``DK100 deck-not-read`` finding for ``error``, in the configured report language."""
    raise NotImplementedError  # written with the DK100 rule (rules/deck_input.py)
