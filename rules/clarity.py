"""Clarity: say it so that the audience understands it on first reading."""

from __future__ import annotations

RULES: tuple[type, ...] = ()
