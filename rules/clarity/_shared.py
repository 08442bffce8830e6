"""Helpers shared by the clarity rules: the languages they read."""

from __future__ import annotations

from analyzer.annotation import SUPPORTED_LANGS

#: Rules that read word lists or the tagging layer: French and English only.
WORD_LANGS = SUPPORTED_LANGS
