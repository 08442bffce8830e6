"""Mutations of one XML part: on its element tree (delete, duplicate, move or rename elements;
set, drop or add the attributes the parser reads) and on its bytes (DOCTYPEs, encodings, bad
UTF-8, character references, truncation)."""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_R = "{" + _NS["r"] + "}"

#: Local names of the elements the parser reads; mutations pick them more often.
_INTERESTING_TAGS = frozenset(
    {
        "sp", "grpSp", "graphicFrame", "pic", "cxnSp", "txBody", "p", "r", "t", "fld", "br", "pPr",
        "rPr", "defRPr", "lstStyle", "lvl1pPr", "lvl2pPr", "tbl", "tr", "tc", "tblGrid", "gridCol",
        "ph", "nvPr", "cNvPr", "cNvSpPr", "nvSpPr", "xfrm", "off", "ext", "chOff", "chExt",
        "grpSpPr", "bodyPr", "normAutofit", "sldId", "sldIdLst", "sldMasterId", "notesMasterId",
        "section", "extLst", "AlternateContent", "Choice", "Fallback", "pt", "ptLst", "cxn",
        "cxnLst", "ser", "cat", "tx", "v", "title", "plotArea", "chart", "barChart", "lineChart",
        "pieChart", "catAx", "valAx", "strRef", "strLit", "multiLvlStrRef", "rich", "relIds",
        "graphic", "graphicData", "Relationship", "Override", "Default", "latin", "fontScheme",
        "majorFont", "minorFont", "Application", "sldLayoutId", "spTree", "cSld",
    }
)  # fmt: skip

_INTS = (
    "0", "1", "-1", "2", "8", "9", "10", "100", "255", "65536", "2147483647", "2147483648",
    "-2147483649", "4294967296", "9223372036854775808", "1" + "0" * 40, "9" * 400, "1e9",
    "1.5", " 1", "1 ", "+1", "0x10", "\u00b2", "\u00b9\u00b2", "\u0663", "\u2460", "NaN",
    "inf", "-0", "", "abc", "62.5%", "%", "1e400%",
)  # fmt: skip
_BOOLS = ("0", "1", "true", "false", "on", "2", "", "TRUE")
_PH_TYPES = (
    "title", "ctrTitle", "subTitle", "body", "obj", "dt", "ftr", "sldNum", "hdr", "pic",
    "chart", "tbl", "dgm", "media", "sldImg", "", "TITLE", "doc", "node", "parTrans", "pres",
    "parOf", "presOf", "unknown",
)  # fmt: skip
_STRINGS = (
    "", " ", "x" * 10_000, "IMG_0042.JPG", "C:\\Users\\me\\image1.jpeg", "+mj-lt", "+mn-ea",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u5e02\u5834\u30b7\u30a7\u30a2\u62e1\u5927", "\U0001f600" * 50, "e\u0301" * 100,
    "\u2028\u2029", "{00000000-0000-0000-0000-000000000000}",
)  # fmt: skip
_LANGS = ("fr-FR", "en-US", "ar-SA", "ja-JP", "zh-CN", "x-none", "", "zz", "fr_FR", "FR")
_URIS = (
    "http://schemas.openxmlformats.org/drawingml/2006/table",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/presentationml/2006/ole",
    "",
)
_CONTENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
    "application/vnd.openxmlformats-package.relationships+xml",
    "application/vnd.ms-office.vbaProject",
    "application/xml",
    "",
    "text/plain",
)
_TARGETS = (
    "slides/slide1.xml", "/ppt/slides/slide1.xml", "ppt/slides/slide1.xml", "slide1.xml",
    "../slides/slide2.xml", "../../../../../etc/passwd", "NULL", "http://example.com/x.png",
    "file:///etc/passwd", "#slide3", "", "slides/", "slides/slide99.xml", "/",
    "slides/slide1.xml#frag", "slides/slide%201.xml", "..", "../" * 40 + "x.xml",
)  # fmt: skip
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_REL_TYPES = (
    *(
        _REL_TYPE + t
        for t in ("slide", "notesSlide", "slideLayout", "slideMaster", "notesMaster", "theme",
                  "chart", "diagramData", "image", "extended-properties", "officeDocument",
                  "hyperlink", "oleObject")
    ),
    "",
    "urn:nothing",
)  # fmt: skip


def _pool(name: str, doc_values: Sequence[str]) -> Sequence[str]:
    """Values worth trying for an attribute, by its local name."""
    local = name.rsplit("}", 1)[-1]
    if name.startswith(_R) or local in ("Id", "modelId", "srcId", "destId", "cxnId", "id"):
        return (*doc_values, *_INTS[:6], "rId1", "rId999", "", "rId1 ")
    table: dict[str, Sequence[str]] = {
        "type": _PH_TYPES,
        "hMerge": _BOOLS,
        "vMerge": _BOOLS,
        "b": _BOOLS,
        "i": _BOOLS,
        "show": _BOOLS,
        "txBox": _BOOLS,
        "hidden": _BOOLS,
        "lang": _LANGS,
        "uri": _URIS,
        "ContentType": _CONTENT_TYPES,
        "Target": _TARGETS,
        "TargetMode": ("External", "Internal", ""),
        "Type": _REL_TYPES,
        "PartName": ("/ppt/presentation.xml", "/ppt/slides/slide1.xml", "/nope.xml", "", "/"),
        "Extension": ("xml", "rels", "XML", "png", ""),
        "descr": _STRINGS,
        "name": _STRINGS,
        "typeface": _STRINGS,
        "val": (*_INTS, *_BOOLS),
    }
    return table.get(local, _INTS)


#: Attributes added to elements that lack them.
_NEW_ATTRIBUTES = (
    "idx", "type", "sz", "lvl", "gridSpan", "rowSpan", "hMerge", "vMerge", "b", "lang", "show",
    "fontScale", "x", "y", "cx", "cy", "srcOrd", "txBox", _R + "id", _R + "embed", _R + "dm",
)  # fmt: skip


def _elements(root: Any) -> list[Any]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _pick(elements: Sequence[Any], rng: random.Random) -> Any:
    weights = [4.0 if etree.QName(e).localname in _INTERESTING_TAGS else 1.0 for e in elements]
    return rng.choices(elements, weights)[0]


def _name(e: Any) -> str:
    return str(etree.QName(e).localname)


def mutate_tree(blob: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    """One change to the element tree of an XML part; None when the part is not XML."""
    try:
        root = etree.fromstring(blob, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    elements = _elements(root)
    target = _pick(elements, rng)
    parent = target.getparent()
    op = rng.randrange(11)
    if op == 0 and parent is not None:
        parent.remove(target)
        what = f"delete <{_name(target)}>"
    elif op == 1 and parent is not None:
        count = rng.choice([1, 1, 1, 2, 10, 100, 1000])
        if len(etree.tostring(target)) * count > 4_000_000:
            count = 2
        at = parent.index(target) + 1
        for _ in range(count):
            parent.insert(at, copy.deepcopy(target))
        what = f"duplicate <{_name(target)}> x{count}"
    elif op == 2 and parent is not None:
        host = rng.choice(elements)
        if host is target or target in host.iterancestors():
            return None
        parent.remove(target)
        host.insert(rng.randrange(len(host) + 1), target)
        what = f"move <{_name(target)}> into <{_name(host)}>"
    elif op in (3, 4, 5) and target.attrib:
        attribute = rng.choice(sorted(target.attrib))
        doc_values = sorted({v for e in elements for k, v in e.attrib.items() if k == attribute})
        value = rng.choice(list(_pool(attribute, doc_values)))
        target.set(attribute, value)
        what = f"<{_name(target)}> @{_short(attribute)} = {_show(value)}"
    elif op == 6 and target.attrib:
        attribute = rng.choice(sorted(target.attrib))
        del target.attrib[attribute]
        what = f"<{_name(target)}> drop @{_short(attribute)}"
    elif op == 7:
        attribute = rng.choice(_NEW_ATTRIBUTES)
        value = rng.choice(list(_pool(attribute, ())))
        target.set(attribute, value)
        what = f"<{_name(target)}> add @{_short(attribute)} = {_show(value)}"
    elif op == 8:
        what = _set_text(elements, rng)
    elif op == 9 and parent is not None:
        what = _wrap(target, parent, rng)
    elif op == 10 and parent is not None:
        other = rng.choice(elements)
        target.tag = other.tag
        what = f"rename <{_name(target)}> element to <{_name(other)}>"
    else:
        return None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), what


def _short(attribute: str) -> str:
    return attribute.replace(_R, "r:")


def _show(value: str) -> str:
    return repr(value if len(value) < 40 else value[:20] + f"...({len(value)} chars)")


#: Pieces that, repeated, make a text-matching regular expression backtrack: an opening quote
#: or bracket never closed, half an e-mail address or link, code-like punctuation.
_REPEATED = (
    "\u00ab", "\u201c", '"', "a[", "a(", "x@", "a.", "www.", "/a", "{", "a=", "-", "\u2019", "#",
    "*", "1,", "e\u0301", "A ",
)  # fmt: skip


def _set_text(elements: Sequence[Any], rng: random.Random) -> str:
    """A text node (``a:t``, ``c:v``...) replaced by an empty, huge, right-to-left, CJK or
    otherwise unusual text."""
    texts = [e for e in elements if e.text and e.text.strip() and len(e) == 0] or list(elements)
    target = rng.choice(texts)
    kind = rng.randrange(5)
    if kind == 3:
        piece = rng.choice(_REPEATED)
        count = rng.choice([1000, 20_000, 100_000])
        target.text = piece * count
        return f"<{_name(target)}> text = {piece!r} x {count}"
    if kind == 0:
        words = ("marge", "offre", "client", "revue", "tarif", "growth", "pricing", "le", "de")
        count = rng.choice([300, 3000, 30_000, 210_000])
        target.text = " ".join(rng.choice(words) for _ in range(count))
        return f"<{_name(target)}> text = {count} random words"
    if kind == 1:
        length = rng.choice([1000, 100_000, 1_100_000])
        target.text = "".join(rng.choice("abcdefghij") for _ in range(length))
        return f"<{_name(target)}> text = one word of {length} letters"
    value = rng.choice(_STRINGS)
    target.text = value
    return f"<{_name(target)}> text = {_show(value)}"


def _wrap(target: Any, parent: Any, rng: random.Random) -> str:
    """``target`` nested inside ``depth`` copies of a group or of its own parent's tag."""
    depth = rng.choice([1, 2, 20, 120, 300])
    tag = rng.choice([f"{{{_NS['p']}}}grpSp", parent.tag, target.tag])
    at = parent.index(target)
    parent.remove(target)
    outer = inner = etree.Element(tag)
    for _ in range(depth - 1):
        inner = etree.SubElement(inner, tag)
    inner.append(target)
    parent.insert(at, outer)
    return f"wrap <{_name(target)}> in {depth} <{etree.QName(tag).localname}>"


# --- bytes ------------------------------------------------------------------------------------

_DOCTYPES = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.com/x.dtd"> %p;]>',
    b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">',
    b"<!DOCTYPE x>",
    b'<!DOCTYPE x [<!ENTITY e "Chiffre d\'affaires">]>',
)
_DECLARATIONS = (
    b'<?xml version="1.0" encoding="UTF-16"?>',
    b'<?xml version="1.0" encoding="ISO-8859-1"?>',
    b'<?xml version="1.0" encoding="EBCDIC-US"?>',
    b'<?xml version="1.0" encoding="nonsense"?>',
    b'<?xml version="1.1" encoding="UTF-8"?>',
    b'<?xml version="2.0"?>',
    b"\xef\xbb\xbf",
    b"",
)
_BAD_BYTES = (
    b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\x00",
    b"\x01", b"\x1b[31m", b"&#0;", b"&#xFFFE;", b"&#xD800;", b"&#x10FFFF;", b"&#1114112;",
    b"&nosuch;", b"&e;", b"]]>", b"<![CDATA[x]]>", b"<!-- c -->", b"<?pi x?>", b"\r\n",
)  # fmt: skip
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")
_NUMBER_ATTRIBUTE = re.compile(rb'="(-?\d+)"')


def mutate_bytes(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One change to the bytes of an XML part."""
    ops: list[Callable[[], tuple[bytes, str]]] = [
        lambda: _with_doctype(blob, rng),
        lambda: _with_declaration(blob, rng),
        lambda: _with_bad_bytes(blob, rng),
        lambda: _with_number(blob, rng),
        lambda: _as_utf16(blob),
    ]
    return rng.choice(ops)()


def _with_doctype(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    doctype = rng.choice(_DOCTYPES)
    match = _DECLARATION.match(blob)
    at = match.end() if match else 0
    if b"ENTITY e " in doctype:
        blob = blob.replace(b"<a:t>", b"<a:t>&e;", 1)
    return blob[:at] + doctype + blob[at:], f"DOCTYPE {doctype[:40]!r}"


def _with_declaration(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    declaration = rng.choice(_DECLARATIONS)
    body = _DECLARATION.sub(b"", blob, count=1)
    return declaration + (body if declaration else body.lstrip()), f"declaration {declaration!r}"


def _with_bad_bytes(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    bad = rng.choice(_BAD_BYTES)
    texts = [m.end() for m in re.finditer(rb"<a:t>", blob)]
    at = rng.choice(texts) if texts and rng.random() < 0.7 else rng.randrange(len(blob) + 1)
    return blob[:at] + bad + blob[at:], f"insert {bad!r} at {at}"


def _with_number(blob: bytes, rng: random.Random) -> tuple[bytes, str]:
    matches = list(_NUMBER_ATTRIBUTE.finditer(blob))
    if not matches:
        return _with_bad_bytes(blob, rng)
    match = rng.choice(matches)
    value = rng.choice(_INTS).encode()
    return blob[: match.start(1)] + value + blob[match.end(1) :], f"number -> {value[:24]!r}"


def _as_utf16(blob: bytes) -> tuple[bytes, str]:
    """The same document in UTF-16 with a byte-order mark: valid XML, rare in a deck."""
    try:
        text = _DECLARATION.sub(b"", blob, count=1).decode("utf-8")
    except UnicodeDecodeError:
        return blob, "no UTF-16 (not UTF-8)"
    declaration = '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>'
    return (declaration + text).encode("utf-16"), "re-encoded as UTF-16"


_STRICT = (
    (b"http://schemas.openxmlformats.org/presentationml/2006/main",
     b"http://purl.oclc.org/ooxml/presentationml/main"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/main",
     b"http://purl.oclc.org/ooxml/drawingml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
)  # fmt: skip


def as_strict(blob: bytes) -> bytes:
    """The part in Strict Office Open XML namespaces (ISO 29500 Strict), as some tools save."""
    for transitional, strict in _STRICT:
        blob = blob.replace(transitional, strict)
    return blob
