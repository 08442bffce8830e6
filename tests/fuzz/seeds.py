"""The decks mutated: rich decks built with ``tests/builders.py`` (titles, levelled bullets,
notes, tables, charts, pictures, nested groups, hidden slides, French and English), the sample
decks, ``tests/files/``, ``../shared/corpus/dev/`` when present, and any folder given.

Zip seeds are slimmed (``package.slim``): pictures and other binary parts are cut to their
first bytes, since deckmentor reads none of their content and small inputs run faster."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.fuzz.package import pack, slim, unpack

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
_DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm", ".ppt")


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes


def builtin_seeds() -> list[Seed]:
    """Decks from the builders, the samples and ``tests/files/``: always there, also in CI."""
    seeds = [
        Seed("built:fr", _built("fr")),
        Seed("built:en", _built("en")),
        Seed("built:shapes", _built_shapes()),
    ]
    seeds += _files(sorted((ROOT / "samples").glob("*.pptx")))
    seeds += _files(sorted((ROOT / "tests" / "files").glob("*.pptx")))
    return seeds


def all_seeds(corpus: Path | None = None, *, dev_corpus: bool = True) -> list[Seed]:
    """The built-in seeds, the dev corpus (when present) and the decks in ``corpus``."""
    seeds = builtin_seeds()
    if dev_corpus and DEV_CORPUS.is_dir():
        seeds += _files(sorted(p for p in DEV_CORPUS.iterdir() if _is_deck(p)))
    if corpus is not None and corpus.is_dir():
        seeds += _files(sorted(p for p in corpus.iterdir() if p.is_file()))
    return seeds


def _is_deck(path: Path) -> bool:
    return path.suffix.lower() in _DECK_SUFFIXES


def _files(paths: Iterable[Path]) -> list[Seed]:
    seeds = []
    for path in paths:
        data = path.read_bytes()
        members = unpack(data)
        slimmed = pack(slim(members)) if members is not None else None
        seeds.append(Seed(f"file:{path.name}", slimmed or data))
    return seeds


def _built(lang: str) -> bytes:
    from tests.builders import build_deck

    fr = lang == "fr"
    slides: list[dict[str, Any]] = [
        {
            "layout": "title",
            "title": "Transformer l’offre commerciale" if fr else "Transforming our offer",
            "subtitle": "Comité de direction, mars" if fr else "Executive committee, March",
        },
        {
            "title": "Nos marges baissent de 4 points" if fr else "Margins fell by 4 points",
            "bullets": [
                "Trois gammes se recouvrent" if fr else "Three ranges overlap",
                {"text": "Remises non pilotées" if fr else "Discounts not steered", "level": 1},
                {
                    "text": "Afin de réduire les coûts" if fr else "In order to cut costs",
                    "level": 2,
                },
                "Les clients hésitent" if fr else "Customers hesitate",
            ],
            "notes": "Insister sur la marge" if fr else "Stress the margin",
        },
        {
            "title": "Tarifs proposés" if fr else "Proposed prices",
            "table": [["Gamme", "Prix"], ["Essentiel", "49 €"], ["Premium", "99 €"]],
            "textboxes": ["Source : contrôle de gestion" if fr else "Source: controlling"],
        },
        {"title": "Annexe" if fr else "Appendix", "bullets": ["Détail"], "hidden": True},
    ]
    return build_deck(slides, lang=lang)


def _built_shapes() -> bytes:
    """A deck with what the spec does not cover: groups three deep, a picture with alt text,
    a decorative picture, a column chart with titles, a text box over a chart."""
    from pptx import Presentation

    from tests.builders import (
        add_column_chart,
        add_nested_groups,
        add_picture,
        add_text_box,
        deck_bytes,
    )

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Organisation commerciale"
    add_nested_groups(slide.shapes, ["Direction commerciale", "Grands comptes", "Équipe Nord"])
    add_picture(slide.shapes, "Carte des régions")
    add_picture(slide.shapes, "IMG_0042.JPG", decorative=True)
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Revenue grows in every region"
    add_column_chart(
        slide.shapes,
        ["North", "South"],
        {"2024": [1.0, 2.0], "2025": [1.5, 2.5]},
        title="Revenue by region",
        axis_titles=("Region", "Revenue (M€)"),
    )
    add_text_box(slide.shapes, "Source: finance", left_in=1, top_in=6.5, size_pt=12)
    slide.notes_slide.notes_text_frame.text = "Mention the North pilot."
    return deck_bytes(prs)
