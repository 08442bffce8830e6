"""The package opened with python-pptx and walked at deck level: slides in show order,
sections, properties, parts a relationship names but the package lacks, and errors."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from lxml import etree

from analyzer import gate, ooxml
from analyzer.errors import DeckError, Problem
from analyzer.model import CoreProperties, Deck, PartKind, Slide, UnreadPart
from analyzer.ooxml import NS, q
from analyzer.package import Loss, Package, open_package
from analyzer.parser.slide import _RT, _DeckContext, _Found, _slide

_RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_VBA_PROJECT = "application/vnd.ms-office.vbaProject"

#: Relationship types whose missing target part loses something a person reads, in plain words.
_LOSSES = {
    "slide": PartKind.SLIDE,
    "slideLayout": PartKind.LAYOUT,
    "slideMaster": PartKind.MASTER,
    "notesSlide": PartKind.NOTES,
    "chart": PartKind.CHART,
    "chartEx": PartKind.CHART,
    "chartUserShapes": PartKind.CHART,
    "diagramData": PartKind.SMARTART,
}


#: What python-pptx raises while loading a package with a damaged member or an XML part that
#: does not parse: the package is then salvaged (such parts dropped) and loaded again.
_LOAD_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, etree.XMLSyntaxError)


def parse(data: bytes, file_name: str) -> Deck:
    """Copy a deck's text and structure out of its package into the frozen model."""
    try:
        package = open_package(data)
        try:
            prs = _open(package.data)
        except _LOAD_ERRORS:
            part = _part_with_doctype(package.data)
            if part is not None:  # entities that libxml2 refused to expand: refused, not skipped
                raise DeckError(Problem.XML_ENTITIES, part=part) from None
            package = open_package(data, salvage=True)
            prs = _open(package.data)
        return _deck(prs, package, file_name)
    except DeckError:
        raise
    except Exception as error:  # python-pptx and lxml raise many kinds; a person gets one line
        raise _deck_error(error, data) from None


def _open(data: bytes) -> Any:
    """A python-pptx Presentation of a package ``open_package`` made readable."""
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


def _deck_error(error: Exception, data: bytes) -> DeckError:
    """The specific problem behind an exception raised while reading a package."""
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return DeckError(Problem.CORRUPT_ZIP, str(error))
    if isinstance(error, etree.XMLSyntaxError):
        # libxml2 stops entity expansion ("amplification factor exceeded"); the gate refuses
        # such parts before, but a caller may parse without it.
        part = _part_with_doctype(data)
        if part is not None:
            return DeckError(Problem.XML_ENTITIES, str(error), part=part)
        return DeckError(Problem.UNREADABLE_XML, str(error), part=_unparsable_part(data))
    if isinstance(error, KeyError):
        # python-pptx says "no relationship of type '<uri>'" or "no member '<part>'..."
        detail = str(error.args[0]) if error.args else ""
        quoted = detail.split("'")[1] if detail.count("'") >= 2 else detail
        is_uri = quoted.startswith("http")
        return DeckError(Problem.MISSING_PART, quoted.rsplit("/", 1)[-1] if is_uri else quoted)
    return DeckError(Problem.UNREADABLE_STRUCTURE, f"{type(error).__name__}: {error}")


def _part_with_doctype(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return gate.xml_with_doctype(archive, data)
    except zipfile.BadZipFile:
        return None


def _unparsable_part(data: bytes) -> str:
    """The first XML member that does not parse: lxml's error does not say which part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    try:
                        ooxml.parse_xml(archive.read(name))
                    except etree.XMLSyntaxError:
                        return name
    except (zipfile.BadZipFile, zlib.error, EOFError):
        pass
    return "[Content_Types].xml"


def _deck(prs: Any, package: Package, file_name: str) -> Deck:
    """The ``p:presentation``: its slides in ``p:sldIdLst`` order, sections, properties."""
    sections = ooxml.sections(prs.element)
    section_of = {sid: s.name for s in sections for sid in s.slide_ids}
    context = _DeckContext(prs)
    slides: list[Slide] = []
    slide_numbers: dict[str, int] = {}
    skipped: list[UnreadPart] = []
    for slide_id, rid in _slide_refs(prs):
        try:
            slide = prs.part.related_slide(rid)
        except KeyError:  # named in ``skipped`` from the dangling relationship
            continue
        number = len(slides) + 1
        slide_numbers[str(slide.part.partname).lstrip("/")] = number
        found = _Found()
        slides.append(_slide(number, slide_id, slide, context, section_of.get(slide_id), found))
        skipped.extend(replace(part, slide_number=number) for part in found.skipped)
    skipped = _unique([*skipped, *_lost(package.losses, slide_numbers)])
    if not slides and any(part.kind is PartKind.SLIDE for part in skipped):
        raise _no_slide_read(package)
    return Deck(
        file_name=file_name,
        slide_width_emu=prs.slide_width,
        slide_height_emu=prs.slide_height,
        core=_core(prs),
        application=_application(prs),
        sections=sections,
        slides=tuple(slides),
        has_macros=any(p.content_type == _VBA_PROJECT for p in prs.part.package.iter_parts()),
        skipped=tuple(skipped),
    )


def _slide_refs(prs: Any) -> Iterator[tuple[int, str]]:
    """``(id, relationship id)`` of each ``p:sldIdLst/p:sldId``, in show order; a slide whose
    id is missing or not a number (the schema wants one from 256) gets 0 and is still read."""
    for sld_id in prs.element.iterfind("p:sldIdLst/p:sldId", NS):
        yield ooxml.whole_number(sld_id.get("id")) or 0, sld_id.get(q("r:id"))


def _core(prs: Any) -> CoreProperties:
    """``docProps/core.xml``; python-pptx invents one when it is absent, so check first."""
    try:
        prs.part.package.part_related_by(_RT_CORE)
    except KeyError:
        return CoreProperties()
    core = prs.core_properties
    return CoreProperties(
        title=core.title or None,
        subject=core.subject or None,
        author=core.author or None,
        last_modified_by=core.last_modified_by or None,
        language=core.language or None,
    )


def _application(prs: Any) -> str | None:
    """``Application`` of ``docProps/app.xml``, when the package has one."""
    try:
        part = prs.part.package.part_related_by(_RT + "extended-properties")
        return ooxml.application(part.blob)
    except (KeyError, etree.XMLSyntaxError):  # metadata only: the slides can still be read
        return None


def _lost(losses: Iterable[Loss], slide_numbers: dict[str, int]) -> Iterator[UnreadPart]:
    """Each part a person would read that python-pptx will not see, on its slide if a slide's
    relationship names it."""
    for loss in losses:
        kind = _LOSSES.get(loss.kind)
        if kind is not None:
            yield UnreadPart(kind, loss.target, loss.problem, slide_numbers.get(loss.source))


def _unique(parts: Iterable[UnreadPart]) -> list[UnreadPart]:
    """One entry per part and slide: a master every layout names is said once, and a layout
    is said on the slides that use it rather than again for the deck."""
    by_part: dict[tuple[PartKind, str, str], set[int | None]] = {}
    for part in parts:
        by_part.setdefault((part.kind, part.part_name, part.problem), set()).add(part.slide_number)
    unique: list[UnreadPart] = []
    for (kind, name, problem), numbers in by_part.items():
        on_slides = sorted(n for n in numbers if n is not None)
        targets: Sequence[int | None] = on_slides or [None]
        unique.extend(UnreadPart(kind, name, problem, number) for number in targets)
    return sorted(unique, key=lambda part: (part.slide_number or 0, part.part_name))


def _no_slide_read(package: Package) -> DeckError:
    """Every slide was lost: the deck is refused, saying why."""
    slides = [loss for loss in package.losses if loss.kind == "slide"]
    first = slides[0].target if slides else "ppt/slides"
    if package.truncated or any(loss.damaged for loss in slides):
        return DeckError(Problem.CORRUPT_ZIP, f"no slide could be unpacked ({first})")
    unreadable = [loss.target for loss in slides if loss.problem == "unreadable"]
    if unreadable:
        return DeckError(Problem.UNREADABLE_XML, "no slide is XML", part=unreadable[0])
    return DeckError(Problem.MISSING_PART, first)
