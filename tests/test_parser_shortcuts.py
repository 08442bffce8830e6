"""The parser's shortcuts around python-pptx give python-pptx's answers, errors included.

python-pptx finds a shape's ``p:ph`` and ``p:cNvPr`` by evaluating an XPath at each access, and
its transform four times for a position; the parser finds them with ``find`` (see
``analyzer.parser.slide``). These tests hold the shortcuts to python-pptx on ordinary and broken
shapes; and the run defaults remembered per inherited style to the body that owns its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.shapes.shapetree import BaseShapeFactory, SlideShapeFactory

from analyzer import parser
from analyzer.parser.slide import _id_and_name, _own_extent, _slide_shape
from tests.builders import deck_bytes

_NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
#: Shape element tag, and the tag of its non-visual properties (its first child).
_SHAPES = {
    "p:sp": "p:nvSpPr",
    "p:pic": "p:nvPicPr",
    "p:graphicFrame": "p:nvGraphicFramePr",
    "p:cxnSp": "p:nvCxnSpPr",
    "p:grpSp": "p:nvGrpSpPr",
}
#: The shape tree a shape object hangs from: these tests never ask a shape for its part.
_TREE: Any = None
_PH_TYPES = [m.xml_value for m in PP_PLACEHOLDER if m.xml_value]
_PH = ["", "<p:ph/>", '<p:ph idx="3"/>', "<p:ph type=''/>", "<p:ph type='unknown'/>"] + [
    f'<p:ph type="{value}"/>' for value in _PH_TYPES
]


def _shape(tag: str, inside: str) -> Any:
    return parse_xml(f"<{tag} {_NS}>{inside}</{tag}>")


def _outcome(read: Callable[[], Any]) -> tuple[str, Any]:
    """What reading gives: its value, or the kind and message of the error it raises."""
    try:
        return "value", read()
    except Exception as error:
        return type(error).__name__, str(error)


@pytest.mark.parametrize("tag", sorted(_SHAPES))
@pytest.mark.parametrize("ph", _PH)
def test_shape_objects_are_of_the_class_python_pptx_picks(tag: str, ph: str) -> None:
    nv = _SHAPES[tag]
    element = _shape(tag, f'<{nv}><p:cNvPr id="4" name="Shape 3"/><p:nvPr>{ph}</p:nvPr></{nv}>')
    ours = _outcome(lambda: type(_slide_shape(element, _TREE)))
    assert ours == _outcome(lambda: type(SlideShapeFactory(element, _TREE)))
    # and again, now that the class is remembered
    assert _outcome(lambda: type(_slide_shape(element, _TREE))) == ours


def test_a_placeholder_outside_the_first_child_is_none_for_python_pptx() -> None:
    element = _shape(
        "p:sp",
        '<!-- c --><p:nvSpPr><p:cNvPr id="2" name="A"/><p:nvPr/></p:nvSpPr>'
        '<p:nvSpPr><p:cNvPr id="3" name="B"/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>',
    )
    assert type(_slide_shape(element, _TREE)) is type(SlideShapeFactory(element, _TREE))


@pytest.mark.parametrize(
    "inside",
    [
        '<p:nvSpPr><p:cNvPr id="7" name="Titre 6"/></p:nvSpPr>',
        '<!-- c --><?pi x?><p:nvSpPr><p:cNvPr id="7" name="Titre 6"/></p:nvSpPr>',
        '<p:nvSpPr><p:cNvPr id=" 7" name=""/></p:nvSpPr>',
        '<p:nvSpPr><p:cNvPr id="abc" name="Titre 6"/></p:nvSpPr>',
        '<p:nvSpPr><p:cNvPr id="" name="Titre 6"/></p:nvSpPr>',
        '<p:nvSpPr><p:cNvPr id="-3" name="Titre 6"/></p:nvSpPr>',
        '<p:nvSpPr><p:cNvPr name="Titre 6"/></p:nvSpPr>',
        '<p:nvSpPr><p:cNvPr id="7"/></p:nvSpPr>',
        "<p:nvSpPr><p:cNvSpPr/></p:nvSpPr>",
        '<p:spPr/><p:nvSpPr><p:cNvPr id="7" name="Titre 6"/></p:nvSpPr>',
        "",
    ],
)
def test_id_and_name_are_python_pptx_s(inside: str) -> None:
    shape = BaseShapeFactory(_shape("p:sp", inside), _TREE)
    assert _outcome(lambda: _id_and_name(shape)) == _outcome(lambda: (shape.shape_id, shape.name))


@pytest.mark.parametrize(
    ("tag", "inside"),
    [
        (
            "p:sp",
            '<p:spPr><a:xfrm><a:off x="10" y="20"/><a:ext cx="30" cy="40"/></a:xfrm></p:spPr>',
        ),
        ("p:sp", '<p:spPr><a:xfrm><a:off x="10" y="20"/></a:xfrm></p:spPr>'),
        ("p:sp", '<p:spPr><a:xfrm><a:off x="ten" y="20"/></a:xfrm></p:spPr>'),
        ("p:sp", '<p:spPr><a:xfrm><a:off y="20"/></a:xfrm></p:spPr>'),
        ("p:sp", "<p:spPr/>"),
        ("p:sp", ""),
        ("p:graphicFrame", '<p:xfrm><a:off x="1" y="2"/><a:ext cx="3" cy="4"/></p:xfrm>'),
        ("p:graphicFrame", ""),
    ],
)
def test_own_extent_is_python_pptx_s(tag: str, inside: str) -> None:
    element = _shape(tag, inside)
    assert _outcome(lambda: _own_extent(element)) == _outcome(
        lambda: (element.x, element.y, element.cx, element.cy)
    )


def test_a_body_s_own_list_style_is_not_lent_to_the_next_body_on_that_placeholder() -> None:
    prs = Presentation()
    for text in ("Avec son propre style", "Sans"):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Offre"
        slide.placeholders[1].text_frame.text = text
    own = (
        prs.slides[0]
        .placeholders[1]
        .text_frame._txBody.find("{http://schemas.openxmlformats.org/drawingml/2006/main}lstStyle")
    )
    level = etree.SubElement(own, "{http://schemas.openxmlformats.org/drawingml/2006/main}lvl1pPr")
    etree.SubElement(
        level, "{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr", sz="4000", b="1"
    )
    deck = parser.parse(deck_bytes(prs), "deck.pptx")
    sizes = [
        [(r.font_size_pt, r.bold) for p in s.blocks[1].paragraphs for r in p.runs]
        for s in deck.slides
    ]
    assert sizes == [[(40.0, True)], [(32.0, None)]]
