"""What counts as prose: code, monospace text, links and headings are left out, sentences kept."""

from __future__ import annotations

import pytest

from analyzer.model import Paragraph, Run, Scope, Slide, TextBlock
from analyzer.prose import is_monospace, looks_like_code, prose_lines, verbatim_spans


def _paragraph(text: str, font: str | None = None) -> Paragraph:
    return Paragraph(text, 0, (Run(text, font_name=font),))


@pytest.mark.parametrize(
    ("text", "font", "is_code"),
    [
        ("var total = items.Sum(x => x.Price);", None, True),
        ("if (ready) {", None, True),
        ("}", None, True),
        ("dotnet new console -o demo", "Consolas", True),
        ("Index i1 = 3; // number 3 from beginning", None, True),
        ("Marge => prix plus élevés", None, False),
        ("Total = 4 M€;", None, False),
        ("Costs (Q3); revenue (Q4)", None, False),
        ("Bonjour {client}, voici votre offre", None, False),
        ("We cut costs by 8% in Q3", "Calibri", False),
    ],
)
def test_code_is_told_from_prose(text: str, font: str | None, is_code: bool) -> None:
    assert looks_like_code(_paragraph(text, font)) is is_code


def test_monospace_typefaces() -> None:
    assert [is_monospace(f) for f in ("Courier New", "Fira Code", "Monotype Corsiva", None)] == [
        True,
        True,
        False,
        False,
    ]


def test_verbatim_spans_cover_quotes_links_mails_and_paths() -> None:
    text = "Le client dit « trop cher » ; voir https://ex.com/a, a.b@ex.fr et /etc/hosts"
    found = [text[start:end] for start, end in verbatim_spans(text)]
    assert found == ["« trop cher »", "https://ex.com/a,", "a.b@ex.fr", "/etc/hosts"]


def test_prose_lines_keep_sentences_only() -> None:
    body = TextBlock(
        2,
        "Body",
        Scope.BODY,
        "body",
        (
            _paragraph("Our reps spend three hours on each quote"),
            _paragraph("var quote = Build(order);"),
            _paragraph("Lockheed Martin Fellow"),
            Paragraph(
                "Type deckmentor check before sending a deck",
                0,
                (
                    Run("Type "),
                    Run("deckmentor check", font_name="Consolas"),
                    Run(" before sending a deck"),
                ),
            ),
            _paragraph("Details at https://example.com/pricing today"),
        ),
    )
    title = TextBlock(1, "Title", Scope.TITLE, "title", (_paragraph("Quotes take too long"),))
    slide = Slide(
        1, 256, "Title and Content", False, "Quotes take too long", False, 1, (title, body)
    )
    assert prose_lines(slide) == [
        "Our reps spend three hours on each quote",
        "Type  before sending a deck",
        "Details at   today",
    ]
