"""A slide's title: its title placeholder's text, or inferred from its largest short text."""

from __future__ import annotations

import dataclasses

from analyzer.model import Scope, TextBlock

#: Kinds of block a title is inferred from on any slide (see ``_titled``).
_FREE_TEXT_KINDS = frozenset({"text-box", "shape"})
#: An inferred title is a short text: a block of bullets is not a title.
_MAX_TITLE_PARAGRAPHS = 3
_MAX_TITLE_CHARS = 200


def _titled(
    blocks: list[TextBlock], has_title_placeholder: bool
) -> tuple[tuple[TextBlock, ...], str | None, int | None, bool]:
    """The slide title from the first title placeholder with text; otherwise the top-most of
    the largest short texts, whose block then moves to scope TITLE. Body placeholders compete
    only on slides without a title placeholder: an empty title slot means "no title"."""
    for block in blocks:
        if block.scope is Scope.TITLE:
            return tuple(blocks), _one_line(block.text), block.shape_id, False
    kinds = _FREE_TEXT_KINDS if has_title_placeholder else _FREE_TEXT_KINDS | {"body", "subtitle"}
    candidates = [b for b in blocks if b.kind in kinds and _could_be_title(b)]
    if not candidates:
        return tuple(blocks), None, None, False
    best = min(candidates, key=_title_rank)
    retitled = tuple(dataclasses.replace(b, scope=Scope.TITLE) if b is best else b for b in blocks)
    return retitled, _one_line(best.text), best.shape_id, True


def _could_be_title(block: TextBlock) -> bool:
    lines = block.non_empty_paragraphs
    return 0 < len(lines) <= _MAX_TITLE_PARAGRAPHS and len(block.text) <= _MAX_TITLE_CHARS


def _title_rank(block: TextBlock) -> tuple[float, int, int]:
    """Largest font first, then top-most, then left-most; unknown sizes and places come last."""
    sizes = [p.max_font_size_pt for p in block.non_empty_paragraphs]
    size = max((s for s in sizes if s is not None), default=0.0)
    top, left = (block.box.top, block.box.left) if block.box else (2**62, 2**62)
    return (-size, top, left)


def _one_line(text: str) -> str:
    return " ".join(text.split())
