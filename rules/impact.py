"""Message impact: make each slide state its point, and the deck tell a story."""

from __future__ import annotations

RULES: tuple[type, ...] = ()
