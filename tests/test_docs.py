"""The committed rule pages are exactly what the registry generates."""

from __future__ import annotations

from analyzer.docs import DOCS_DIR, pages


def test_rule_docs_are_up_to_date() -> None:
    wanted = pages()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in DOCS_DIR.glob("*.md")}
    stale = sorted(
        name for name in wanted.keys() | on_disk.keys() if wanted.get(name) != on_disk.get(name)
    )
    assert stale == [], "run `python -m analyzer.docs` to regenerate docs/rules/"
