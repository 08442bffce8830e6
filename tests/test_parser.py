"""The parser against decks built with python-pptx in memory (and the hand-made SmartArt and
sections deck of tests/files): every value a rule reads is compared exactly.

Expected font sizes come from python-pptx's default template, read by hand: master title style
44 pt, body style 32/28/24 pt for levels 0/1/2, presentation default text style 18 pt, theme
fonts Calibri.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from analyzer import ooxml, ooxml_text, parser
from analyzer.annotation import Lang
from analyzer.errors import DeckError, Problem
from analyzer.model import (
    Box,
    Chart,
    CoreProperties,
    Deck,
    PartKind,
    Picture,
    Scope,
    Section,
    Table,
    TableCell,
    UnreadPart,
)
from tests.builders import (
    add_column_chart,
    add_nested_groups,
    add_picture,
    add_text_box,
    build_deck,
    deck_bytes,
)

FILES = Path(__file__).parent / "files"
_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_LAYOUT = {"title": 0, "content": 1, "title-only": 5, "blank": 6}


def _parse(data: bytes) -> Deck:
    return parser.parse(data, "deck.pptx")


def _new_slide(prs: Any, layout: str = "blank") -> Any:
    return prs.slides.add_slide(prs.slide_layouts[_LAYOUT[layout]])


def _rezip(
    data: bytes, *, drop: tuple[str, ...] = (), edit: Mapping[str, Callable[[bytes], bytes]] = {}
) -> bytes:
    """A copy of a package without the members ``drop`` and with ``edit`` applied."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = source.read(info)
            if info.filename in edit:
                content = edit[info.filename](content)
            target.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _texts(slide: Any) -> list[tuple[str, str, str]]:
    return [(b.scope.value, b.kind, b.text) for b in slide.blocks]


# --- titles ------------------------------------------------------------------------------------


def test_title_comes_from_the_title_placeholder() -> None:
    deck = _parse(build_deck([{"title": "Offre 2025 : trois gammes", "bullets": ["Simplifier"]}]))
    slide = deck.slides[0]
    assert (slide.title, slide.title_inferred, slide.title_shape_id) == (
        "Offre 2025 : trois gammes",
        False,
        2,
    )
    assert _texts(slide) == [
        ("title", "title", "Offre 2025 : trois gammes"),
        ("body", "body", "Simplifier"),
    ]


def test_centre_title_and_subtitle_of_a_title_slide() -> None:
    deck = _parse(
        build_deck([{"layout": "title", "title": "Transformer l’offre", "subtitle": "Codir, mars"}])
    )
    slide = deck.slides[0]
    assert (slide.title, slide.title_inferred, slide.layout_name) == (
        "Transformer l’offre",
        False,
        "Title Slide",
    )
    assert _texts(slide) == [
        ("title", "title", "Transformer l’offre"),
        ("body", "subtitle", "Codir, mars"),
    ]


def test_title_with_a_line_break_is_one_line_and_the_break_stays_in_the_paragraph() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "title-only")
    slide.shapes.title.text_frame.paragraphs[0].text = "Nos marges\vremontent"
    deck = _parse(deck_bytes(prs))
    assert deck.slides[0].title == "Nos marges remontent"
    assert deck.slides[0].blocks[0].paragraphs[0].text == "Nos marges\nremontent"


def test_title_is_inferred_from_the_top_most_largest_text() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    add_text_box(slide.shapes, "Confidentiel", left_in=1, top_in=0.3, size_pt=12)
    title = add_text_box(
        slide.shapes, "Nos marges remontent de 4 points", left_in=1, top_in=1, size_pt=32
    )
    add_text_box(slide.shapes, "Détail par gamme", left_in=1, top_in=3, size_pt=32)
    add_text_box(slide.shapes, "Source : contrôle de gestion", left_in=1, top_in=6)
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert (slide_model.title, slide_model.title_inferred, slide_model.title_shape_id) == (
        "Nos marges remontent de 4 points",
        True,
        title.shape_id,
    )
    assert _texts(slide_model) == [
        ("body", "text-box", "Confidentiel"),
        ("title", "text-box", "Nos marges remontent de 4 points"),
        ("body", "text-box", "Détail par gamme"),
        ("body", "text-box", "Source : contrôle de gestion"),
    ]


def test_text_box_without_a_size_gets_the_default_text_style_and_loses_to_a_larger_one() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    add_text_box(slide.shapes, "Point d’étape", left_in=1, top_in=0.5)
    add_text_box(slide.shapes, "Le tarif unique est prêt", left_in=1, top_in=2, size_pt=24)
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert slide_model.title == "Le tarif unique est prêt"
    assert [b.paragraphs[0].runs[0].font_size_pt for b in slide_model.blocks] == [18.0, 24.0]


def test_empty_title_placeholder_over_a_body_means_no_title() -> None:
    slide = _parse(build_deck([{"bullets": ["Chiffre d’affaires en hausse"]}])).slides[0]
    assert (slide.title, slide.title_inferred, slide.title_shape_id) == (None, False, None)
    assert _texts(slide) == [("body", "body", "Chiffre d’affaires en hausse")]


def test_a_block_of_bullets_in_a_text_box_is_not_a_title() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    box = add_text_box(slide.shapes, "Un", left_in=1, top_in=1, size_pt=28)
    for text in ("Deux", "Trois", "Quatre"):
        box.text_frame.add_paragraph().text = text
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert (slide_model.title, slide_model.title_inferred) == (None, False)


def test_slide_without_text_has_no_title_and_no_blocks() -> None:
    slide = _parse(build_deck([{"layout": "blank"}])).slides[0]
    assert (slide.title, slide.title_inferred, slide.blocks) == (None, False, ())


# --- paragraphs and runs -------------------------------------------------------------------------


def test_bullet_levels_and_sizes_inherited_from_the_master() -> None:
    bullets = ["Gammes", {"text": "Essentiel", "level": 1}, {"text": "49 € HT", "level": 2}]
    slide = _parse(build_deck([{"title": "Offre", "bullets": bullets}], lang="fr")).slides[0]
    title, body = slide.blocks
    assert [(p.text, p.level) for p in body.paragraphs] == [
        ("Gammes", 0),
        ("Essentiel", 1),
        ("49 € HT", 2),
    ]
    assert [
        (r.font_size_pt, r.bold, r.font_name, r.lang) for p in body.paragraphs for r in p.runs
    ] == [
        (32.0, None, "Calibri", "fr-FR"),
        (28.0, None, "Calibri", "fr-FR"),
        (24.0, None, "Calibri", "fr-FR"),
    ]
    assert [(r.font_size_pt, r.font_name) for r in title.paragraphs[0].runs] == [(44.0, "Calibri")]


def test_run_formatting_set_on_the_run_wins() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "title-only")
    paragraph = slide.shapes.title.text_frame.paragraphs[0]
    first, second = paragraph.add_run(), paragraph.add_run()
    first.text, second.text = "Marge ", "+4 pts"
    second.font.size, second.font.bold, second.font.name = Pt(20), True, "Georgia"
    runs = _parse(deck_bytes(prs)).slides[0].blocks[0].paragraphs[0].runs
    assert [(r.text, r.font_size_pt, r.bold, r.font_name) for r in runs] == [
        ("Marge ", 44.0, None, "Calibri"),
        ("+4 pts", 20.0, True, "Georgia"),
    ]


def test_shrink_on_overflow_scales_the_sizes() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "content")
    body = slide.placeholders[1]
    body.text_frame.text = "Trop de texte"
    etree.SubElement(body.text_frame._txBody.bodyPr, qn("a:normAutofit"), fontScale="62500")
    runs = _parse(deck_bytes(prs)).slides[0].blocks[0].paragraphs[0].runs
    assert [r.font_size_pt for r in runs] == [20.0]


def test_footer_placeholders_are_kept_apart_from_the_body() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "content")
    slide.shapes.title.text = "Planning"
    slide.placeholders[1].text_frame.text = "Lancement en juin"
    footer = next(
        ph
        for ph in slide.slide_layout.placeholders
        if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    )
    slide.shapes._spTree.append(copy.deepcopy(footer.element))
    slide.shapes[-1].text_frame.text = "Confidentiel – Codir"
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert _texts(slide_model) == [
        ("title", "title", "Planning"),
        ("body", "body", "Lancement en juin"),
    ]
    assert [(b.scope, b.kind, b.text) for b in slide_model.footers] == [
        (Scope.BODY, "footer", "Confidentiel – Codir")
    ]


# --- tables, groups, charts, pictures ---------------------------------------------------------


def test_table_cells_with_a_merged_area_given_once() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    frame = slide.shapes.add_table(3, 3, Inches(1), Inches(1), Inches(6), Inches(2))
    table = frame.table
    table.cell(0, 0).merge(table.cell(1, 1))
    for (row, column), text in {
        (0, 0): "Gamme",
        (0, 2): "Prix",
        (1, 2): "HT",
        (2, 0): "Essentiel",
        (2, 2): "49 €",
    }.items():
        table.cell(row, column).text = text
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert slide_model.tables == (
        Table(
            shape_id=frame.shape_id,
            shape_name=frame.name,
            rows=3,
            columns=3,
            cells=(
                TableCell(0, 0, "Gamme"),
                TableCell(0, 2, "Prix"),
                TableCell(1, 2, "HT"),
                TableCell(2, 0, "Essentiel"),
                TableCell(2, 1, ""),
                TableCell(2, 2, "49 €"),
            ),
        ),
    )
    assert [(b.scope, b.kind, b.shape_id, b.text) for b in slide_model.blocks] == [
        (Scope.TABLE, "table-cell", frame.shape_id, text)
        for text in ("Gamme", "Prix", "HT", "Essentiel", "49 €")
    ]
    assert slide_model.blocks[0].paragraphs[0].runs[0].font_size_pt == 18.0


def test_groups_are_walked_three_deep_in_document_order() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "title-only")
    slide.shapes.title.text = "Organisation"
    add_nested_groups(slide.shapes, ["Direction commerciale", "Grands comptes", "Équipe Nord"])
    add_text_box(slide.shapes, "Après le groupe", left_in=1, top_in=6)
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert _texts(slide_model) == [
        ("title", "title", "Organisation"),
        ("body", "text-box", "Direction commerciale"),
        ("body", "text-box", "Grands comptes"),
        ("body", "text-box", "Équipe Nord"),
        ("body", "text-box", "Après le groupe"),
    ]


def test_group_children_are_placed_on_the_slide() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    group = slide.shapes.add_group_shape()
    add_text_box(group.shapes, "Dans un groupe réduit de moitié", left_in=2, top_in=2)
    xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
    for tag, values in {
        "a:off": {"x": "914400", "y": "914400"},
        "a:ext": {"cx": "1828800", "cy": "1828800"},
        "a:chOff": {"x": "0", "y": "0"},
        "a:chExt": {"cx": "3657600", "cy": "3657600"},
    }.items():
        xfrm.find(qn(tag)).attrib.update(values)
    block = _parse(deck_bytes(prs)).slides[0].blocks[0]
    # 914400 + 0.5 * 1828800 for the position; half of 6 x 0.6 inches for the size.
    assert block.box == Box(left=1828800, top=1828800, width=2743200, height=274320)


def test_chart_texts_as_a_chart_and_a_chart_block() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    frame = add_column_chart(
        slide.shapes,
        ["T1", "T2", "T3"],
        {"2024": (1.2, 1.4, 1.1), "2025": (1.5, 1.6, 1.8)},
        title="Chiffre d’affaires par trimestre",
        axis_titles=("Trimestre", "M€"),
    )
    slide_model = _parse(deck_bytes(prs)).slides[0]
    assert slide_model.charts == (
        Chart(
            shape_id=frame.shape_id,
            shape_name=frame.name,
            chart_type="column-clustered",
            title="Chiffre d’affaires par trimestre",
            axis_titles=("Trimestre", "M€"),
            series_names=("2024", "2025"),
            categories=("T1", "T2", "T3"),
        ),
    )
    (block,) = slide_model.blocks
    assert (block.scope, block.kind, block.shape_id) == (Scope.CHART, "chart", frame.shape_id)
    assert [p.text for p in block.paragraphs] == [
        "Chiffre d’affaires par trimestre",
        "Trimestre",
        "M€",
        "2024",
        "2025",
        "T1",
        "T2",
        "T3",
    ]


def test_picture_alt_text_and_file_name_detection() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    alts = [
        "IMG_0042.JPG",
        "Picture 3.png",
        "image1.jpeg",
        "C:\\Users\\claire\\Bureau\\logo-client.png",
        "Courbe du chiffre d’affaires 2024, en hausse de 12 %",
        "",
    ]
    shapes = [add_picture(slide.shapes, alt) for alt in alts]
    shapes.append(add_picture(slide.shapes, "", decorative=True))
    pictures = _parse(deck_bytes(prs)).slides[0].pictures
    expected_flags = [True, True, True, True, False, False, False]
    assert pictures == tuple(
        Picture(shape.shape_id, shape.name, alt, flag, decorative=decorative)
        for shape, alt, flag, decorative in zip(
            shapes, [*alts, ""], expected_flags, [False] * 6 + [True], strict=True
        )
    )


@pytest.mark.parametrize(
    ("alt_text", "expected"),
    [
        ("IMG_0042.JPG", True),
        ("Picture 3.png", True),
        ("image1.jpeg", True),
        ("Capture d’écran 2024-03-12 à 10.15.32.png", True),  # a screenshot's default name
        ("https://example.com/img/chart.svg", True),
        ("chart.svg montre la hausse", False),
        ("Rapport.pptx", False),
        ("Logo", False),
        ("", False),
    ],
)
def test_is_file_name(alt_text: str, expected: bool) -> None:
    assert ooxml.is_file_name(alt_text) is expected


# --- notes, hidden, ids, layouts, deck properties ----------------------------------------------


def test_notes_hidden_slide_ids_and_layout_names() -> None:
    deck = _parse(
        build_deck(
            [
                {"title": "Ouverture", "notes": "Remercier le Codir.\nAnnoncer les trois points."},
                {"title": "Annexe", "layout": "title-only", "hidden": True},
                {"layout": "blank"},
            ]
        )
    )
    assert [(s.number, s.slide_id, s.layout_name, s.hidden) for s in deck.slides] == [
        (1, 256, "Title Only", False),
        (2, 257, "Title Only", True),
        (3, 258, "Blank", False),
    ]
    notes = deck.slides[0].notes
    assert notes is not None
    assert (notes.scope, notes.kind, [p.text for p in notes.paragraphs]) == (
        Scope.NOTES,
        "notes",
        ["Remercier le Codir.", "Annoncer les trois points."],
    )
    assert [s.notes for s in deck.slides[1:]] == [None, None]


def test_layout_types_name_covers_whatever_the_layout_is_called() -> None:
    deck = _parse(
        build_deck(
            [
                {"title": "Transformer l'offre", "layout": "title"},
                {"title": "Trois paliers", "bullets": ["Essentiel, Pro, Entreprise"]},
                {"title": "Annexe", "layout": "title-only"},
            ]
        )
    )
    assert [(s.layout_type, s.is_cover) for s in deck.slides] == [
        ("title", True),
        ("obj", False),
        ("titleOnly", False),
    ]


def test_empty_notes_are_none() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    slide.notes_slide.notes_text_frame.text = "  "
    assert _parse(deck_bytes(prs)).slides[0].notes is None


def test_core_properties_application_and_no_sections() -> None:
    prs = Presentation()
    _new_slide(prs)
    core = prs.core_properties
    core.title, core.subject, core.author = "Nouvelle offre", "Codir", "Claire Martin"
    core.last_modified_by, core.language = "Paul Durand", "fr-FR"
    deck = _parse(deck_bytes(prs))
    assert deck.core == CoreProperties(
        title="Nouvelle offre",
        subject="Codir",
        author="Claire Martin",
        last_modified_by="Paul Durand",
        language="fr-FR",
    )
    assert (deck.application, deck.sections, deck.has_macros, deck.skipped) == (
        "Microsoft Macintosh PowerPoint",
        (),
        False,
        (),
    )
    assert (deck.slide_width_emu, deck.slide_height_emu, deck.file_name) == (
        9144000,
        6858000,
        "deck.pptx",
    )


def test_missing_core_properties_are_not_invented() -> None:
    data = _rezip(build_deck([{"title": "Sans propriétés"}]), drop=("docProps/core.xml",))
    assert _parse(data).core == CoreProperties()


def test_macros_are_noticed() -> None:
    vba = "application/vnd.ms-office.vbaProject"
    rel = (
        '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/></Relationships>'
    )
    data = _rezip(
        build_deck([{"title": "Macros"}]),
        edit={
            "[Content_Types].xml": lambda x: x.replace(
                b"</Types>", f'<Default Extension="bin" ContentType="{vba}"/></Types>'.encode()
            ),
            "ppt/_rels/presentation.xml.rels": lambda x: x.replace(
                b"</Relationships>", rel.encode()
            ),
        },
    )
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("ppt/vbaProject.bin", b"\x00" * 16)
    assert _parse(buffer.getvalue()).has_macros is True


# --- SmartArt, sections, alternate content (hand-made fixture) ---------------------------------


def test_the_fixture_is_what_its_build_script_makes() -> None:
    from tests.files.build_fixtures import build_sections_smartart

    assert build_sections_smartart() == (FILES / "sections-smartart.pptx").read_bytes()


def test_sections_smartart_and_alternate_content_fixture() -> None:
    deck = _parse((FILES / "sections-smartart.pptx").read_bytes())
    assert deck.sections == (
        Section("Diagnostic", (256,)),
        Section("Nouvelle offre", (257, 258)),
    )
    assert [s.section for s in deck.slides] == ["Diagnostic", "Nouvelle offre", "Nouvelle offre"]
    smartart = deck.slides[0].blocks[1]
    assert (smartart.scope, smartart.kind, smartart.shape_id, smartart.shape_name) == (
        Scope.SMARTART,
        "smartart",
        10,
        "Diagramme 9",
    )
    assert [(p.text, p.level) for p in smartart.paragraphs] == [
        ("Diagnostiquer l’offre actuelle", 0),
        ("Simplifier la gamme", 0),
        ("Trois offres au lieu de sept", 1),
        ("Déployer en 2026", 0),
    ]
    # The shape inside mc:AlternateContent is read once, from mc:Choice.
    assert _texts(deck.slides[1]) == [
        ("title", "title", "Trois gammes, un tarif lisible"),
        ("body", "text-box", "Marge brute visée : 42 %"),
    ]
    assert deck.skipped == ()


def test_smartart_points_outside_the_outline_are_kept() -> None:
    data_model = ooxml.parse_xml(
        b'<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
        b'<dgm:pt modelId="0" type="doc"/>'
        b'<dgm:pt modelId="2"><dgm:t><a:bodyPr/><a:p><a:r><a:t>Orpheline</a:t></a:r></a:p>'
        b"</dgm:t></dgm:pt>"
        b'<dgm:pt modelId="1"><dgm:t><a:bodyPr/><a:p><a:r><a:t>Reliee</a:t></a:r></a:p>'
        b"</dgm:t></dgm:pt>"
        b'</dgm:ptLst><dgm:cxnLst><dgm:cxn modelId="c" srcId="0" destId="1" srcOrd="0"/>'
        b"</dgm:cxnLst></dgm:dataModel>"
    )
    paragraphs = ooxml_text.smartart_paragraphs(data_model)
    assert [(p.text, p.level, [r.text for r in p.runs]) for p in paragraphs] == [
        ("Reliee", 0, ["Reliee"]),
        ("Orpheline", 0, ["Orpheline"]),
    ]


def test_chart_number_categories_are_not_words_and_linked_titles_are_read() -> None:
    chart_space = ooxml.parse_xml(
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart>'
        b'<c:title><c:tx><c:strRef><c:f>S!A1</c:f><c:strCache><c:pt idx="0"><c:v>Ventes</c:v>'
        b"</c:pt></c:strCache></c:strRef></c:tx></c:title><c:plotArea><c:lineChart><c:ser>"
        b'<c:tx><c:v>Nord</c:v></c:tx><c:cat><c:numRef><c:numCache><c:pt idx="0"><c:v>45292'
        b"</c:v></c:pt></c:numCache></c:numRef></c:cat></c:ser></c:lineChart></c:plotArea>"
        b"</c:chart></c:chartSpace>"
    )
    texts = ooxml_text.chart_texts(chart_space)
    assert (texts.plot_type, texts.title, texts.series_names, texts.categories) == (
        "lineChart",
        "Ventes",
        ("Nord",),
        (),
    )


# --- other flavours, missing parts, broken packages --------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ],
)
def test_slide_shows_and_templates_are_read(content_type: str) -> None:
    data = _rezip(
        build_deck([{"title": "Diaporama"}]),
        edit={"[Content_Types].xml": lambda x: x.replace(_MAIN.encode(), content_type.encode())},
    )
    original = bytes(data)
    assert [s.title for s in _parse(data).slides] == ["Diaporama"]
    assert data == original


def _names(data: bytes, pattern: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sorted(n for n in archive.namelist() if re.fullmatch(pattern, n))


def test_missing_notes_and_chart_parts_are_skipped_and_named() -> None:
    prs = Presentation()
    _new_slide(prs, "title-only").shapes.title.text = "Ouverture"
    second = _new_slide(prs, "title-only")
    second.shapes.title.text = "Chiffres"
    second.notes_slide.notes_text_frame.text = "Commenter la hausse"
    add_column_chart(_new_slide(prs, "blank").shapes, ["T1"], {"2025": (1.0,)})
    data = deck_bytes(prs)
    (notes_part,) = _names(data, r"ppt/notesSlides/notesSlide\d+\.xml")
    (chart_part,) = _names(data, r"ppt/charts/chart\d+\.xml")
    deck = _parse(_rezip(data, drop=(notes_part, chart_part)))
    assert [s.title for s in deck.slides] == ["Ouverture", "Chiffres", None]
    assert (deck.slides[1].notes, deck.slides[2].charts, deck.slides[2].blocks) == (None, (), ())
    assert deck.skipped == (
        UnreadPart(PartKind.NOTES, notes_part, "missing", 2),
        UnreadPart(PartKind.CHART, chart_part, "missing", 3),
    )


def test_a_missing_slide_part_leaves_the_other_slides() -> None:
    data = build_deck([{"title": "Un"}, {"title": "Deux"}, {"title": "Trois"}])
    deck = _parse(_rezip(data, drop=("ppt/slides/slide2.xml",)))
    assert [(s.number, s.slide_id, s.title) for s in deck.slides] == [
        (1, 256, "Un"),
        (2, 258, "Trois"),
    ]
    assert deck.skipped == (UnreadPart(PartKind.SLIDE, "ppt/slides/slide2.xml", "missing", None),)


def _describe_is_one_line(error: DeckError) -> None:
    for lang in (Lang.EN, Lang.FR):
        line = error.describe(lang)
        assert line and "\n" not in line and line == line.strip()


def test_malformed_slide_xml_is_a_deck_error() -> None:
    data = _rezip(build_deck([{"title": "Un"}]), edit={"ppt/slides/slide1.xml": lambda x: x[:-40]})
    with pytest.raises(DeckError) as caught:
        _parse(data)
    assert caught.value.problem is Problem.UNREADABLE_XML
    _describe_is_one_line(caught.value)


def test_damaged_member_is_a_corrupt_zip() -> None:
    out = io.BytesIO()
    source_bytes = io.BytesIO(build_deck([{"title": "Un"}]))
    with zipfile.ZipFile(source_bytes) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    position = data.index(b"<p:sld ") + 200  # inside slide1.xml's stored bytes
    data[position] ^= 0x01
    with pytest.raises(DeckError) as caught:
        _parse(bytes(data))
    assert caught.value.problem is Problem.CORRUPT_ZIP
    _describe_is_one_line(caught.value)


def test_missing_presentation_part_is_a_missing_part() -> None:
    data = _rezip(build_deck([{"title": "Un"}]), drop=("ppt/presentation.xml",))
    with pytest.raises(DeckError) as caught:
        _parse(data)
    assert (caught.value.problem, caught.value.detail) == (Problem.MISSING_PART, "officeDocument")
    _describe_is_one_line(caught.value)


@pytest.mark.parametrize("slide_id", [b'id="x"', b'id="\xc2\xb2"', b""])
def test_a_slide_id_that_is_not_a_number_does_not_lose_the_slide(slide_id: bytes) -> None:
    """The fuzzer's "²" once reached int() through str.isdigit and refused the whole deck."""
    data = _rezip(
        build_deck([{"title": "Un"}]),
        edit={
            "ppt/presentation.xml": lambda x: x.replace(b'id="256"', slide_id),
        },
    )
    deck = _parse(data)
    assert [(s.slide_id, s.title) for s in deck.slides] == [(0, "Un")]


def test_odd_numbers_in_run_and_paragraph_attributes_fall_back_to_defaults() -> None:
    data = _rezip(
        build_deck([{"title": "Un", "bullets": ["Deux"]}]),
        edit={
            "ppt/slides/slide1.xml": lambda x: x.replace(
                b"<a:p>", b'<a:p><a:pPr lvl="\xd9\xa3"/>'
            ).replace(b"<a:r>", b'<a:r><a:rPr sz="\xc2\xb2"/>'),
        },
    )
    assert [p.text for p in _parse(data).slides[0].blocks[-1].paragraphs] == ["Deux"]


def test_unreadable_smartart_data_is_skipped_and_named() -> None:
    data = _rezip(
        (FILES / "sections-smartart.pptx").read_bytes(),
        edit={"ppt/diagrams/data1.xml": lambda x: x[:-30]},
    )
    deck = _parse(data)
    assert _texts(deck.slides[0]) == [("title", "title", "Où en est notre offre ?")]
    assert deck.skipped == (
        UnreadPart(PartKind.SMARTART, "ppt/diagrams/data1.xml", "unreadable", 1),
    )


def test_unreadable_app_properties_only_lose_the_application() -> None:
    data = _rezip(build_deck([{"title": "Un"}]), edit={"docProps/app.xml": lambda x: x[:50]})
    deck = _parse(data)
    assert (deck.application, [s.title for s in deck.slides]) == (None, ["Un"])


# --- text python-pptx cannot write: notes-page shapes, chart labels and drawings, Office 2016
# --- charts, WordArt; right-to-left and CJK text. tests/test_recall.py measures these decks too.

_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_CT_CHART_SHAPES = "application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml"
_CT_CHARTEX = "application/vnd.ms-office.chartex+xml"
_RT_CHARTEX = "http://schemas.microsoft.com/office/2014/relationships/chartEx"


def _xml(fragment: str) -> Any:
    from pptx.oxml import parse_xml

    return parse_xml(fragment)


def _new_part(package: Any, name: str, content_type: str, blob: str) -> Any:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    return Part(PackURI(name), content_type, package, blob.encode())


def notes_page_deck() -> bytes:
    """Speaker notes in the body placeholder, plus a text box (placed before it in document
    order) and a group drawn on the notes page, and a slide number on that page."""
    prs = Presentation()
    slide = _new_slide(prs, "title-only")
    slide.shapes.title.text = "Nouvelle offre"
    notes = slide.notes_slide
    notes.notes_text_frame.text = "Insister sur la simplicité."
    box = add_text_box(slide.shapes, "Chiffres à vérifier avant le Codir", left_in=1, top_in=6)
    group = add_nested_groups(slide.shapes, ["Rappel : marge brute 42 %"])
    notes.shapes._spTree.insert(2, box._element)
    notes.shapes._spTree.append(group._element)
    number = next(
        ph for ph in notes.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
    )
    number.text_frame.text = "1"
    return deck_bytes(prs)


def chart_labels_deck() -> bytes:
    """A column chart with a typed data label ("Record"), a label mixing typed text and a
    value field ("Objectif : [VALUE]") and a text box drawn on the chart (``c:userShapes``)."""
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    frame = add_column_chart(
        slide.shapes, ["T1", "T2", "T3"], {"2025": (1.5, 1.6, 1.8)}, title="Chiffre d’affaires"
    )
    points = frame.chart.plots[0].series[0].points
    points[2].data_label.text_frame.text = "Record"
    points[1].data_label.text_frame.text = "Objectif : "
    points[1].data_label.text_frame.paragraphs[0]._p.append(
        _xml(
            f'<a:fld {_NS} id="{{0B1E9C67-6B7A-4C5E-9F4B-0A9A55E0C001}}" type="VALUE">'
            '<a:rPr lang="fr-FR"/><a:t>[VALUE]</a:t></a:fld>'
        )
    )
    chart_part = frame.chart_part
    drawing = _new_part(
        chart_part.package,
        "/ppt/drawings/drawing1.xml",
        _CT_CHART_SHAPES,
        '<c:userShapes xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:cdr="http://schemas.openxmlformats.org/drawingml/2006/chartDrawing">'
        "<cdr:relSizeAnchor><cdr:from><cdr:x>0.6</cdr:x><cdr:y>0.1</cdr:y></cdr:from>"
        "<cdr:to><cdr:x>0.9</cdr:x><cdr:y>0.2</cdr:y></cdr:to>"
        '<cdr:sp macro="" textlink=""><cdr:nvSpPr><cdr:cNvPr id="2" name="ZoneTexte 1"/>'
        '<cdr:cNvSpPr txBox="1"/></cdr:nvSpPr><cdr:spPr/><cdr:txBody><a:bodyPr/><a:lstStyle/>'
        "<a:p><a:r><a:t>Hors effet change</a:t></a:r></a:p></cdr:txBody></cdr:sp>"
        "</cdr:relSizeAnchor></c:userShapes>",
    )
    rid = chart_part.relate_to(drawing, RT.CHART_USER_SHAPES)
    chart_part._element.append(
        _xml(
            '<c:userShapes xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'r:id="{rid}"/>'
        )
    )
    return deck_bytes(prs)


#: An Office 2016 waterfall chart part, as PowerPoint writes one (``cx:chartSpace``).
_WATERFALL = """<cx:chartSpace xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chartData><cx:data id="0">
<cx:strDim type="cat"><cx:f>Feuil1!$A$2:$A$5</cx:f><cx:lvl ptCount="4">
<cx:pt idx="0">CA 2024</cx:pt><cx:pt idx="1">Nouvelles offres</cx:pt>
<cx:pt idx="2">Attrition</cx:pt><cx:pt idx="3">CA 2025</cx:pt></cx:lvl></cx:strDim>
<cx:numDim type="val"><cx:f>Feuil1!$B$2:$B$5</cx:f><cx:lvl ptCount="4" formatCode="Standard">
<cx:pt idx="0">120</cx:pt><cx:pt idx="1">18</cx:pt><cx:pt idx="2">-6</cx:pt>
<cx:pt idx="3">132</cx:pt></cx:lvl></cx:numDim></cx:data></cx:chartData>
<cx:chart><cx:title pos="t" align="ctr" overlay="0"><cx:tx><cx:txData>
<cx:v>Du CA 2024 au CA 2025</cx:v></cx:txData></cx:tx>
<cx:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r>
<a:rPr lang="fr-FR"/><a:t>Du CA 2024 au CA 2025</a:t></a:r></a:p></cx:txPr></cx:title>
<cx:plotArea><cx:plotAreaRegion><cx:series layoutId="waterfall" uniqueId="{6F5F9B0E-1}">
<cx:tx><cx:txData><cx:f>Feuil1!$B$1</cx:f><cx:v>Chiffre d’affaires (M€)</cx:v></cx:txData></cx:tx>
<cx:dataLabels pos="outEnd"><cx:visibility seriesName="0" categoryName="0" value="1"/>
</cx:dataLabels>
<cx:dataId val="0"/><cx:layoutPr><cx:subtotals><cx:idx val="0"/><cx:idx val="3"/></cx:subtotals>
</cx:layoutPr></cx:series></cx:plotAreaRegion>
<cx:axis id="0"><cx:catScaling gapWidth="0.5"/><cx:tickLabels/></cx:axis>
<cx:axis id="1"><cx:valScaling/><cx:title><cx:tx><cx:txData><cx:v>M€</cx:v></cx:txData></cx:tx>
</cx:title><cx:majorGridlines/><cx:tickLabels/></cx:axis></cx:plotArea>
<cx:legend pos="t" align="ctr" overlay="0"/></cx:chart></cx:chartSpace>"""

#: The graphic frame of an Office 2016 chart, in alternate content whose fallback (for older
#: applications) is a shape with a notice.
_WATERFALL_FRAME = f"""<mc:AlternateContent {_NS}
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<mc:Choice xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" Requires="cx1">
<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="20" name="Graphique 19"/><p:cNvGraphicFramePr/>
<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="914400" y="1828800"/><a:ext cx="7315200"
 cy="3657600"/></p:xfrm><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chart
 xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" r:id="{{rid}}"/>
</a:graphicData></a:graphic></p:graphicFrame></mc:Choice>
<mc:Fallback><p:sp><p:nvSpPr><p:cNvPr id="20" name="Graphique 19"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>
<p:spPr><a:xfrm><a:off x="914400" y="1828800"/><a:ext cx="7315200" cy="3657600"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p>
<a:r><a:rPr lang="fr-FR"/>
<a:t>Ce graphique n’est pas disponible dans votre version de PowerPoint</a:t></a:r></a:p>
</p:txBody></p:sp></mc:Fallback></mc:AlternateContent>"""


def waterfall_deck() -> bytes:
    """A slide with a title and an Office 2016 waterfall chart (``cx:chart``)."""
    prs = Presentation()
    slide = _new_slide(prs, "title-only")
    slide.shapes.title.text = "Du CA 2024 au CA 2025"
    part = _new_part(slide.part.package, "/ppt/charts/chartEx1.xml", _CT_CHARTEX, _WATERFALL)
    rid = slide.part.relate_to(part, _RT_CHARTEX)
    slide.shapes._spTree.append(_xml(_WATERFALL_FRAME.replace("{rid}", rid)))
    return deck_bytes(prs)


def test_notes_are_the_body_then_what_else_is_drawn_on_the_notes_page() -> None:
    notes = _parse(notes_page_deck()).slides[0].notes
    assert notes is not None
    # The body placeholder first, though the text box comes before it in the page's XML; the
    # slide number placeholder is the page's furniture, not notes.
    assert [p.text for p in notes.paragraphs] == [
        "Insister sur la simplicité.",
        "Chiffres à vérifier avant le Codir",
        "Rappel : marge brute 42 %",
    ]


def test_notes_without_a_body_placeholder_come_from_the_page_s_text_boxes() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "blank")
    notes = slide.notes_slide
    notes.shapes._spTree.remove(notes.notes_placeholder._element)
    box = add_text_box(slide.shapes, "Annoncer la date de lancement", left_in=1, top_in=1)
    notes.shapes._spTree.append(box._element)
    notes_block = _parse(deck_bytes(prs)).slides[0].notes
    assert notes_block is not None
    assert (notes_block.scope, notes_block.text) == (Scope.NOTES, "Annoncer la date de lancement")


def test_chart_labels_and_text_drawn_on_a_chart_are_read_without_fields() -> None:
    slide = _parse(chart_labels_deck()).slides[0]
    (chart,) = slide.charts
    assert (chart.title, chart.series_names, chart.categories, chart.labels) == (
        "Chiffre d’affaires",
        ("2025",),
        ("T1", "T2", "T3"),
        ("Objectif :", "Record", "Hors effet change"),
    )
    (block,) = slide.blocks
    assert [p.text for p in block.paragraphs] == [
        "Chiffre d’affaires",
        "2025",
        "T1",
        "T2",
        "T3",
        "Objectif :",
        "Record",
        "Hors effet change",
    ]


def test_an_office_2016_waterfall_chart_is_read() -> None:
    slide = _parse(waterfall_deck()).slides[0]
    assert slide.charts == (
        Chart(
            shape_id=20,
            shape_name="Graphique 19",
            chart_type="waterfall",
            title="Du CA 2024 au CA 2025",
            axis_titles=("M€",),
            series_names=("Chiffre d’affaires (M€)",),
            categories=("CA 2024", "Nouvelles offres", "Attrition", "CA 2025"),
        ),
    )
    # The fallback notice for older applications is not read: the chart is.
    assert [(b.scope, b.kind, b.shape_id) for b in slide.blocks] == [
        (Scope.TITLE, "title", 2),
        (Scope.CHART, "chart", 20),
    ]
    assert slide.blocks[1].box == Box(914400, 1828800, 7315200, 3657600)


def test_an_unreadable_waterfall_part_loses_only_the_chart_and_is_named() -> None:
    damaged = _rezip(waterfall_deck(), edit={"ppt/charts/chartEx1.xml": lambda x: x[:-40]})
    deck = _parse(damaged)
    assert [b.kind for b in deck.slides[0].blocks] == ["title"]
    assert deck.skipped == (UnreadPart(PartKind.CHART, "ppt/charts/chartEx1.xml", "unreadable", 1),)


def test_auto_shapes_wordart_and_connectors() -> None:
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

    prs = Presentation()
    slide = _new_slide(prs, "blank")
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(1), Inches(3), Inches(1)
    )
    shape.text_frame.text = "Offre Essentiel"
    wordart = add_text_box(slide.shapes, "2025, l’année de la simplicité", left_in=1, top_in=3)
    wordart.text_frame._bodyPr.append(
        _xml(f'<a:prstTxWarp {_NS} prst="textArchUp"><a:avLst/></a:prstTxWarp>')
    )
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(1), Inches(2), Inches(4), Inches(2))
    assert _texts(_parse(deck_bytes(prs)).slides[0]) == [
        ("title", "shape", "Offre Essentiel"),
        ("body", "text-box", "2025, l’année de la simplicité"),
    ]


#: Right-to-left text with its direction marks (U+200F right-to-left mark, U+200E left-to-right
#: mark), and Japanese: kept as written, character for character.
RTL_AND_CJK = {
    "arabic": "\u200fخطة المبيعات 2025: ثلاثة عروض\u200f",
    "hebrew": "תוכנית המכירות \u200eQ3 2025\u200e – שלוש הצעות",
    "japanese": "新しい販売計画：３つのプラン",
    "japanese-title": "ソフトウェア実験 最終発表",
}


def rtl_and_cjk_deck() -> bytes:
    return build_deck(
        [
            {"title": RTL_AND_CJK["arabic"], "bullets": [RTL_AND_CJK["hebrew"]]},
            {
                "title": RTL_AND_CJK["japanese-title"],
                "bullets": [RTL_AND_CJK["japanese"]],
                "notes": RTL_AND_CJK["arabic"],
            },
        ]
    )


def test_right_to_left_and_cjk_text_is_kept_as_written() -> None:
    first, second = _parse(rtl_and_cjk_deck()).slides
    assert (first.title, _texts(first)) == (
        RTL_AND_CJK["arabic"],
        [("title", "title", RTL_AND_CJK["arabic"]), ("body", "body", RTL_AND_CJK["hebrew"])],
    )
    assert (second.title, [b.text for b in second.blocks]) == (
        RTL_AND_CJK["japanese-title"],
        [RTL_AND_CJK["japanese-title"], RTL_AND_CJK["japanese"]],
    )
    assert second.notes is not None and second.notes.text == RTL_AND_CJK["arabic"]


#: Pen strokes as PowerPoint writes them: the ink part (its strokes live in a part of their own)
#: for applications that read it, a picture of the strokes for the others.
_P14 = 'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"'
_INK = """<p:contentPart {ns} r:id="rId99"><p14:nvContentPartPr><p14:cNvPr id="{id}"
 name="Encre {id}"/><p14:cNvContentPartPr/><p14:nvPr/></p14:nvContentPartPr><p14:xfrm>
<a:off x="914400" y="914400"/><a:ext cx="1828800" cy="457200"/></p14:xfrm></p:contentPart>"""
_INK_OR_PICTURE = """<mc:AlternateContent {ns}
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<mc:Choice {p14} Requires="p14">{ink}</mc:Choice><mc:Fallback><p:pic><p:nvPicPr>
<p:cNvPr id="31" name="Encre 31"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip/>
</p:blipFill><p:spPr><a:xfrm><a:off x="914400" y="914400"/><a:ext cx="1828800" cy="457200"/>
</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic></mc:Fallback>
</mc:AlternateContent>"""


def test_a_slide_with_ink_is_read_past_its_strokes() -> None:
    prs = Presentation()
    slide = _new_slide(prs, "title-only")
    slide.shapes.title.text = "Offre simplifiée : trois gammes"
    tree = slide.shapes._spTree
    tree.append(_xml(_INK.format(ns=f"{_NS} {_P14}", id=30)))
    ink = _INK.format(ns="", id=31)
    tree.append(_xml(_INK_OR_PICTURE.format(ns=_NS, p14=_P14, ink=ink)))
    add_text_box(slide.shapes, "Annotée au stylet en comité", left_in=1, top_in=3)
    read = _parse(deck_bytes(prs)).slides[0]
    assert [text for _, _, text in _texts(read)] == [
        "Offre simplifiée : trois gammes",
        "Annotée au stylet en comité",
    ]
    # The strokes hold no text; the picture PowerPoint draws of them in their place is read.
    assert [picture.shape_id for picture in read.pictures] == [31]
