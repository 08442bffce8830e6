"""Package-level OOXML that python-pptx has no API for, on plain lxml elements: namespaces and
a safe XML parser, the content-type rewrite that lets python-pptx open slide shows and
templates, dangling relationships, ``docProps/app.xml``, sections, alternate content, picture
alternative text. Nothing here imports pptx; text is read by ``analyzer.ooxml_text``.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from analyzer.model import Section

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}

DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
#: Main-part content types of the flavours python-pptx refuses although their XML is the same.
_OTHER_MAINS = (
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
)

#: Entities are never expanded and nothing is fetched: the XML comes from a stranger.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def q(tag: str) -> str:
    """Clark name of a prefixed tag: ``q("a:p")`` -> ``{http://...}p``."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse_xml(blob: bytes) -> Any:
    """The root element of an XML part, parsed without entity expansion or network access."""
    return etree.fromstring(blob, _PARSER)


# --- package -------------------------------------------------------------------------------


def as_presentation_package(data: bytes) -> bytes:
    """``data`` with its main part declared as a plain presentation in ``[Content_Types].xml``.

    .ppsx/.potx/.ppsm/.potm hold the same ``p:presentation`` as a .pptx under another content
    type that python-pptx refuses. The package is copied in memory (the user's file is never
    written) with only that one declaration changed.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if not any(ct.encode() in types for ct in _OTHER_MAINS):
            return data
        for ct in _OTHER_MAINS:
            types = types.replace(ct.encode(), PRESENTATION_MAIN.encode())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
            for info in source.infolist():
                content = types if info.filename == "[Content_Types].xml" else source.read(info)
                target.writestr(info.filename, content)
    return buffer.getvalue()


@dataclass(frozen=True)
class Dangling:
    """A relationship (``Relationship`` in a ``.rels`` part) whose target part is not in the zip."""

    source: str
    kind: str
    target: str


def dangling_relationships(data: bytes) -> tuple[Dangling, ...]:
    """Internal relationships pointing at parts missing from the package, as python-pptx would
    resolve them (it drops such relationships silently while loading)."""
    found: list[Dangling] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in sorted(names):
            if name.endswith(".rels") and "_rels/" in name:
                found.extend(_dangling_in(archive.read(name), name, names))
    return tuple(found)


def _dangling_in(blob: bytes, rels_name: str, names: set[str]) -> Iterator[Dangling]:
    folder, rels_file = rels_name.rsplit("_rels/", 1)
    source = folder + rels_file[: -len(".rels")]
    try:
        relationships = parse_xml(blob).iterfind(q("rel:Relationship"))
    except etree.XMLSyntaxError:  # python-pptx refuses it if it matters; else it is unused
        return
    for rel in relationships:
        target_ref = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or target_ref.endswith("NULL"):
            continue
        if target_ref.startswith("/"):
            target = posixpath.normpath(target_ref).lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target_ref))
        if target not in names:
            yield Dangling(source, rel.get("Type", "").rsplit("/", 1)[-1], target)


def application(app_xml: bytes) -> str | None:
    """The producing application (``ep:Properties/ep:Application`` in ``docProps/app.xml``)."""
    text = parse_xml(app_xml).findtext(q("ep:Application")) or ""
    return text.strip() or None


def sections(presentation: Any) -> tuple[Section, ...]:
    """Named sections (``p14:sectionLst/p14:section`` in ``p:presentation/p:extLst``), each with
    the ids of its slides (``p14:sldIdLst/p14:sldId/@id``)."""
    found = []
    for section in presentation.iterfind("p:extLst/p:ext/p14:sectionLst/p14:section", NS):
        ids = tuple(
            int(sld_id.get("id"))
            for sld_id in section.iterfind("p14:sldIdLst/p14:sldId", NS)
            if (sld_id.get("id") or "").isdigit()
        )
        found.append(Section(section.get("name", ""), ids))
    return tuple(found)


def alternate_shapes(alternate: Any, shape_tags: frozenset[str]) -> list[Any]:
    """The shapes of an ``mc:AlternateContent`` in a shape tree: those of its first ``mc:Choice``
    (the richer form PowerPoint writes), else of its ``mc:Fallback``."""
    for branch in (alternate.find(q("mc:Choice")), alternate.find(q("mc:Fallback"))):
        shapes = [] if branch is None else [e for e in branch if e.tag in shape_tags]
        if shapes:
            return shapes
    return []


# --- pictures ---------------------------------------------------------------------------------

_FILE_NAME = re.compile(
    r"^[\w\-.,()\[\]~+&#@'’ ]+\.(png|jpe?g|jfif|gif|bmp|tiff?|emf|wmf|svg|webp|heic|ico)$",
    re.IGNORECASE,
)


def is_file_name(alt_text: str) -> bool:
    """True when an alternative text is only a file name ("IMG_0042.JPG", "Picture 3.png",
    "C:\\Users\\me\\image1.jpeg"): what PowerPoint puts there when nobody wrote one."""
    name = re.split(r"[\\/]", alt_text.strip())[-1]
    return bool(_FILE_NAME.match(name))


def is_decorative(c_nv_pr: Any) -> bool:
    """Whether the author marked a picture decorative (``adec:decorative/@val`` in the
    ``p:cNvPr`` extension list): it needs no alternative text."""
    mark = c_nv_pr.find("a:extLst/a:ext/adec:decorative", NS)
    return mark is not None and mark.get("val") in ("1", "true")
