"""Package-level OOXML that python-pptx has no API for, on plain lxml elements: namespaces and
a safe XML parser, ``docProps/app.xml``, sections, alternate content, picture alternative text.
Nothing here imports pptx; text is read by ``analyzer.ooxml_text``, and the package repaired for
python-pptx by ``analyzer.package``.
"""

from __future__ import annotations

import re
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
#: Entities are never expanded, no DTD is loaded and nothing is fetched: the XML comes from a
#: stranger. (libxml2 also caps entity amplification; the gate refuses any document type
#: declaration before parsing, so none of this is relied on alone.)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
)


def q(tag: str) -> str:
    """Clark name of a prefixed tag: ``q("a:p")`` -> ``{http://...}p``."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def whole_number(value: str | None) -> int | None:
    """An XML attribute's non-negative integer (``xsd:unsignedInt`` and kin), or None. Only
    ASCII digits: ``str.isdigit`` also accepts "²" and "٣", which ``int`` then refuses."""
    if value and value.isascii() and value.isdigit():
        return int(value)
    return None


def parse_xml(blob: bytes) -> Any:
    """The root element of an XML part, parsed without entity expansion or network access."""
    return etree.fromstring(blob, _PARSER)


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
            number
            for sld_id in section.iterfind("p14:sldIdLst/p14:sldId", NS)
            if (number := whole_number(sld_id.get("id"))) is not None
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
