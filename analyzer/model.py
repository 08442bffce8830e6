"""The deck as deckmentor sees it: plain frozen values copied once out of the OOXML.

Names follow python-pptx where the concept is the same (slide, shape, paragraph, run, notes);
each class says which XML element it comes from. Nothing here imports from the project: the
parser fills it, rules read it, reports print it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Scope(StrEnum):
    """Where a piece of text sits, as rules and findings name it."""

    TITLE = "title"
    BODY = "body"
    TABLE = "table"
    CHART = "chart"
    SMARTART = "smartart"
    NOTES = "notes"
    ALT_TEXT = "alt-text"
    DECK = "deck"


#: What the audience reads on the slide itself (alt text and notes are not projected).
VISIBLE_SCOPES = frozenset({Scope.TITLE, Scope.BODY, Scope.TABLE, Scope.CHART, Scope.SMARTART})


@dataclass(frozen=True)
class Loc:
    """Where a finding points: a slide (1-based ``number``, stable ``slide_id``) and a shape."""

    slide_number: int | None = None
    slide_id: int | None = None
    shape_id: int | None = None
    shape_name: str | None = None
    scope: Scope = Scope.DECK


@dataclass(frozen=True)
class Box:
    """Shape position and size in EMU (``a:off`` and ``a:ext`` of the shape's ``a:xfrm``)."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Run:
    """A run of text and its effective formatting, as far as it resolves (``a:r``)."""

    text: str
    font_size_pt: float | None = None
    bold: bool | None = None
    font_name: str | None = None
    #: The proofing language the author's editor set on the run (``a:rPr/@lang``, "fr-FR").
    lang: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (``a:p``): a bullet, a title line, a table cell line, a notes line.

    ``level`` is the outline level, 0 for top-level bullets (``a:pPr/@lvl``).
    """

    text: str
    level: int = 0
    runs: tuple[Run, ...] = ()

    @property
    def max_font_size_pt(self) -> float | None:
        sizes = [r.font_size_pt for r in self.runs if r.font_size_pt is not None]
        return max(sizes) if sizes else None


@dataclass(frozen=True)
class TextBlock:
    """The text of one shape (``p:sp``, a table cell, a chart, a SmartArt diagram, the notes).

    ``kind`` refines ``scope`` for people: "title", "body", "subtitle", "text-box", "shape",
    "table-cell", "chart", "smartart", "notes"; and, in ``Slide.footers`` only, "footer",
    "date", "slide-number", "header".
    """

    shape_id: int | None
    shape_name: str
    scope: Scope
    kind: str
    paragraphs: tuple[Paragraph, ...]
    box: Box | None = None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def non_empty_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.text.strip())


@dataclass(frozen=True)
class TableCell:
    """One cell of a table (``a:tc``); a merged area is kept once, at its top-left cell."""

    row: int
    column: int
    text: str


@dataclass(frozen=True)
class Table:
    """A table graphic frame (``a:tbl``)."""

    shape_id: int
    shape_name: str
    rows: int
    columns: int
    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class Chart:
    """A chart graphic frame (``c:chartSpace``, or ``cx:chartSpace`` for the Office 2016 chart
    types: waterfall, funnel, treemap...): the words a person reads on it."""

    shape_id: int
    shape_name: str
    chart_type: str
    title: str | None
    axis_titles: tuple[str, ...] = ()
    series_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    #: Text typed onto the chart: data, trendline and display-unit labels, text boxes drawn on
    #: it (``c:userShapes``). Office 2016 charts (``cx:chartSpace``) have none.
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Picture:
    """A picture (``p:pic``) and its alternative text (``p:cNvPr/@descr``)."""

    shape_id: int
    shape_name: str
    alt_text: str
    alt_text_is_file_name: bool
    #: The author marked it decorative (``adec:decorative``): it needs no alternative text.
    decorative: bool = False


@dataclass(frozen=True)
class Slide:
    """One slide (``p:sld``), in show order.

    ``number`` is 1-based; ``slide_id`` is ``p:sldId/@id`` and survives reordering. ``title`` comes
    from the title placeholder, or, when there is none, from the top-most largest text, and then
    ``title_inferred`` is true, and that shape's block is in ``blocks`` with scope TITLE.

    ``layout_type`` is the layout's ``p:sldLayout/@type`` ("title" for a cover, "secHead" for a
    section header, "obj" for title and content...), the same whatever the layout is called in
    the author's language; None when the layout does not say.

    ``footers`` holds the footer, date and slide-number placeholders (``p:ph`` of type ``ftr``,
    ``dt``, ``sldNum``, ``hdr``): seen on the slide, but furniture repeated on every slide, so
    they are kept out of ``blocks`` where body rules would count them as bullets.

    ``empty_placeholders`` holds the kinds ("title", "subtitle", "body") of the text placeholders
    left empty (a ``p:ph`` shape whose ``p:txBody`` has no text): PowerPoint shows them as "Click
    to add text" while the deck is edited, and an empty space in the show.
    """

    number: int
    slide_id: int
    layout_name: str
    hidden: bool
    title: str | None
    title_inferred: bool
    title_shape_id: int | None
    blocks: tuple[TextBlock, ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    pictures: tuple[Picture, ...] = ()
    layout_type: str | None = None
    notes: TextBlock | None = None
    section: str | None = None
    footers: tuple[TextBlock, ...] = ()
    empty_placeholders: tuple[str, ...] = ()

    def blocks_in(self, scopes: Iterable[Scope]) -> Iterator[TextBlock]:
        """Text blocks whose scope is one of ``scopes`` (notes included when asked), in order."""
        wanted = frozenset(scopes)
        for block in self.blocks:
            if block.scope in wanted:
                yield block
        if self.notes is not None and Scope.NOTES in wanted:
            yield self.notes

    @property
    def is_cover(self) -> bool:
        """A title slide: the deck's title, names and a date, not prose or bullets to read."""
        return self.layout_type == "title"

    def loc(self, block: TextBlock | None = None) -> Loc:
        if block is None:
            return Loc(self.number, self.slide_id, None, None, Scope.BODY)
        return Loc(self.number, self.slide_id, block.shape_id, block.shape_name, block.scope)

    @property
    def visible_text(self) -> str:
        return "\n".join(b.text for b in self.blocks_in(VISIBLE_SCOPES) if b.text.strip())


@dataclass(frozen=True)
class Section:
    """A named section (``p14:section``) and the ids of its slides."""

    name: str
    slide_ids: tuple[int, ...]


@dataclass(frozen=True)
class CoreProperties:
    """``docProps/core.xml``: what the author said about the file."""

    title: str | None = None
    subject: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    language: str | None = None


class PartKind(StrEnum):
    """What a part of the package holds, for a person: said when that part cannot be read."""

    SLIDE = "slide"
    LAYOUT = "slide-layout"
    MASTER = "slide-master"
    NOTES = "speaker-notes"
    CHART = "chart"
    SMARTART = "smartart"


@dataclass(frozen=True)
class UnreadPart:
    """A part that is missing or unreadable but did not stop the analysis.

    ``problem`` is "missing" (a relationship points to a part the package lacks) or
    "unreadable" (the part's XML does not parse). ``slide_number`` is None for the deck.
    """

    kind: PartKind
    part_name: str
    problem: str
    slide_number: int | None = None


@dataclass(frozen=True)
class Deck:
    """A presentation (``p:presentation``) copied out of its package.

    ``skipped`` lists the parts that could not be read but did not stop the analysis.
    """

    file_name: str
    slide_width_emu: int | None
    slide_height_emu: int | None
    core: CoreProperties = field(default_factory=CoreProperties)
    application: str | None = None
    sections: tuple[Section, ...] = ()
    slides: tuple[Slide, ...] = ()
    has_macros: bool = False
    skipped: tuple[UnreadPart, ...] = ()
