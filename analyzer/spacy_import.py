"""Importing spaCy without its command line, which deckmentor never runs.

``import spacy`` imports ``spacy.cli`` for one name, ``spacy.info``: the command line's
modules and what they import (weasel, typer, requests, httpx, pydantic models) are a third of
spaCy's import time, paid on every start. Here ``spacy`` is imported while ``spacy.cli`` and
``spacy.cli.info`` are stand-ins; ``spacy.info`` imports the real command when called, and any
later ``import spacy.cli`` imports the real package, as without this module.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def import_spacy() -> types.ModuleType:
    """``import spacy``, without importing ``spacy.cli`` (see the module docstring); spaCy as
    it is when something imported it already."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _STAND_INS):
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package: ``spacy.cli.info`` is looked up in sys.modules
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name in _STAND_INS:
            sys.modules.pop(name, None)
    return spacy


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real command, imported when asked for."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
