"""Helpers shared by the clarity rules: the languages they read, the paragraphs they read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from analyzer.annotation import Lang
from analyzer.model import Scope
from analyzer.prose import looks_like_code
from rules._base import ParagraphRef, RuleContext

#: Rules that read word lists or the tagging layer: French and English only.
WORD_LANGS = frozenset({Lang.EN, Lang.FR})


def paragraphs_in(
    ctx: RuleContext[Any], scopes: frozenset[Scope], languages: frozenset[Lang]
) -> Iterator[ParagraphRef]:
    """The paragraphs of ``scopes`` whose own language the rule has data for. Code shown on a
    slide (``looks_like_code``) is not prose: its identifiers are not acronyms, its statements
    not sentences."""
    for ref in ctx.paragraphs(scopes):
        if ref.lang in languages and not looks_like_code(ref.paragraph):
            yield ref
