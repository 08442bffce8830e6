"""The deckmentor version a report names, read from the installed package's metadata."""

from __future__ import annotations

import functools
from importlib import metadata


@functools.cache
def deckmentor_version() -> str:
    try:
        return metadata.version("deckmentor")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"
