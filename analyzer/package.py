"""The zip package as python-pptx will open it, repaired in memory, and what a person loses.

python-pptx loads every part a relationship reaches when it opens a package, and raises on the
first member it cannot unpack, XML part it cannot parse or relationship it cannot follow. A deck
whose slides are readable is still analyzed, saying what was skipped, so the package is first
repaired in a copy (the user's file is never written):

- a truncated archive, whose central directory was lost with its end, gets a directory rebuilt
  from the local headers of the members that arrived whole;
- the main part of a slide show or a template is declared as a presentation (same XML, a
  content type python-pptx refuses);
- relationships python-pptx would follow to a part but that point out of the package
  (``TargetMode="External"`` on a slide, layout, chart...) are removed;
- a relationships part that is not XML is dropped: its part keeps no relationships;
- a package relationships part (``_rels/.rels``) that is missing, unreadable or without its
  ``officeDocument`` relationship is rebuilt from ``[Content_Types].xml``;
- ``salvage=True``, for when python-pptx still fails: members that cannot be unpacked (bad CRC,
  damaged deflate data) and XML parts that do not parse are dropped.

Each relationship then left without its part is a ``Loss``; the parser says which ones a person
would miss. The package is refused when the presentation part or its relationships cannot be
read: without them no slide can be found. Nothing here imports pptx.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from analyzer.archive import open_archive
from analyzer.errors import DeckError, Problem
from analyzer.ooxml import parse_xml, q

__all__ = ["Loss", "Package", "open_package"]

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
#: Every presentation main part (python-pptx reads .pptm as it is).
_MAINS = (
    PRESENTATION_MAIN,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    *_OTHER_MAINS,
)

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
PACKAGE_RELS = "_rels/.rels"

#: Relationship types (last segment of ``@Type``) whose target python-pptx or the parser opens
#: as a part: one of these pointing out of the package cannot be followed.
_FOLLOWED = frozenset(
    {
        "officeDocument",
        "slide",
        "slideLayout",
        "slideMaster",
        "notesSlide",
        "notesMaster",
        "handoutMaster",
        "theme",
        "chart",
        "chartUserShapes",
        "diagramData",
        "diagramDrawing",
        "core-properties",
        "extended-properties",
    }
)

#: Content types whose parts hold text a person reads, by the relationship type that names them.
_TEXT_PARTS = {
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml": "slide",
    "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml": "notesSlide",
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml": "chart",
    "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml": "diagramData",
}

#: The content type a followed relationship's target must have: python-pptx builds the part
#: from the content type and reads it as the relationship type says, so a slide whose layout
#: relationship leads to a slide (or to itself) sends it into endless recursion.
_EXPECTED_TYPES = {
    "slide": "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
    "slideLayout": "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
    "slideMaster": "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml",
    "notesSlide": "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml",
    "notesMaster": "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}

_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Loss:
    """A part python-pptx will not see although a relationship names it.

    ``source`` is the part whose relationship names it ("" for the package), ``kind`` the
    relationship type's last segment (``slide``, ``slideLayout``, ``notesSlide``, ``chart``...),
    ``target`` the part's name, or the target as written when it names no part of the package
    (outside it, a web address, empty). ``problem`` is "missing" (not in the package) or
    "unreadable" (not XML, or ``damaged``: its bytes cannot be unpacked).
    """

    source: str
    kind: str
    target: str
    problem: str
    damaged: bool = False


@dataclass(frozen=True)
class Package:
    """The bytes python-pptx opens (the input itself when nothing needed repairing), what was
    lost on the way, and whether the archive was truncated."""

    data: bytes
    losses: tuple[Loss, ...] = ()
    truncated: bool = False


@dataclass(frozen=True)
class _Rel:
    element: Any
    kind: str
    target: str  # the part name python-pptx resolves, without the leading "/"
    shown: str  # how the target is named to a person
    external: bool


def open_package(data: bytes, *, salvage: bool = False) -> Package:
    """The package of ``data`` as python-pptx can open it; see the module docstring."""
    source = data
    archive, data, truncated = open_archive(data)
    with archive:
        repair = _Repair(archive, salvage=salvage)
        losses = tuple(repair.run())
        if not repair.changed:
            return Package(data, losses, truncated)
        try:
            return Package(repair.write(), losses, truncated)
        except _UNPACK_ERRORS:
            if salvage:
                raise
    # Copying the package met a member that cannot be unpacked: python-pptx would have too.
    return open_package(source, salvage=True)


#: What unpacking a damaged member raises (bad CRC or local header, broken deflate data).
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)


class _Repair:
    """One pass over a package: what to replace, what to drop, what is lost."""

    def __init__(self, archive: zipfile.ZipFile, *, salvage: bool) -> None:
        self.archive = archive
        self.salvage = salvage
        self.names = {info.filename for info in archive.infolist()}
        self.replaced: dict[str, bytes] = {}
        self.dropped: set[str] = set()
        #: Dropped because they cannot be unpacked (the others are not XML).
        self.damaged: set[str] = set()
        #: Parts a relationship named as another type of part than they are.
        self.mistyped: set[str] = set()

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.dropped)

    def run(self) -> Iterator[Loss]:
        types = self.archive.read("[Content_Types].xml")
        content_types = _content_types(types)
        main = next((n for n, ct in content_types.items() if ct in _MAINS), None)
        if any(ct.encode() in types for ct in _OTHER_MAINS):
            for ct in _OTHER_MAINS:
                types = types.replace(ct.encode(), PRESENTATION_MAIN.encode())
            self.replaced["[Content_Types].xml"] = types
        if self.salvage:
            self._drop_unreadable(content_types)
        rels = self._relationships(content_types)
        if main is not None:
            self._check_main(main, rels)
            self._ensure_office_document(main, rels)
        yield from self._losses(rels, content_types)

    def _drop_unreadable(self, content_types: _Types) -> None:
        """Drop members that cannot be unpacked and XML parts that do not parse."""
        for name in sorted(self.names):
            try:
                blob = self.archive.read(name)
            except _UNPACK_ERRORS:
                self.dropped.add(name)
                self.damaged.add(name)
                continue
            is_xml = name.endswith(".rels") or content_types.get(name, "").endswith("xml")
            if is_xml and name != "[Content_Types].xml":
                try:
                    parse_xml(blob)
                except etree.XMLSyntaxError:
                    self.dropped.add(name)

    def _relationships(self, content_types: _Types) -> dict[str, list[_Rel] | None]:
        """Per source part, its relationships (None: its ``.rels`` part is not XML, dropped).
        Relationships that must be followed but point out of the package, or to a part of
        another type, are removed."""
        found: dict[str, list[_Rel] | None] = {}
        for name in sorted(self.names - self.dropped):
            if not (name.endswith(".rels") and (name.startswith("_rels/") or "/_rels/" in name)):
                continue
            source = _source_of(name)
            try:
                root = parse_xml(self.archive.read(name))
            except (etree.XMLSyntaxError, *_UNPACK_ERRORS) as error:
                # python-pptx would refuse the whole deck; the part keeps no relationships.
                self.dropped.add(name)
                if not isinstance(error, etree.XMLSyntaxError):
                    self.damaged.add(name)
                found[source] = None
                continue
            rels = list(_rels_of(root, source))
            removed = [
                r
                for r in rels
                if (r.external and r.kind in _FOLLOWED) or self._mistyped(r, content_types)
            ]
            for rel in removed:
                rel.element.getparent().remove(rel.element)
            if removed:
                self.replaced[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            found[source] = rels
        return found

    def _mistyped(self, rel: _Rel, content_types: _Types) -> bool:
        expected = _EXPECTED_TYPES.get(rel.kind)
        if expected is None or rel.external or rel.target not in self.names:
            return False
        if content_types.get(rel.target) == expected:
            return False
        self.mistyped.add(rel.target)
        return True

    def _check_main(self, main: str, rels: dict[str, list[_Rel] | None]) -> None:
        """Without the presentation part or its relationships no slide can be found."""
        for part in (main, _rels_name(main)):
            if part in self.damaged:
                raise DeckError(Problem.CORRUPT_ZIP, f"{part} cannot be unpacked")
            if part in self.dropped:
                raise DeckError(Problem.UNREADABLE_XML, "not XML", part=part)
        if main not in rels:
            raise DeckError(Problem.MISSING_PART, _rels_name(main))

    def _ensure_office_document(self, main: str, rels: dict[str, list[_Rel] | None]) -> None:
        """A package relationships part that leads to the presentation part, rebuilt from what
        the package holds when it is missing, unreadable or leads elsewhere."""
        package = rels.get("") or []
        if any(r.kind == "officeDocument" and r.target == main for r in package):
            return
        kept = [r for r in package if r.kind != "officeDocument"]
        wanted = [("officeDocument", _RT + "officeDocument", main)]
        known = {r.kind for r in kept}
        for kind, rel_type, part in (
            ("core-properties", _RT_PACKAGE + "core-properties", "docProps/core.xml"),
            ("extended-properties", _RT + "extended-properties", "docProps/app.xml"),
        ):
            if kind not in known and part in self.names - self.dropped:
                wanted.append((kind, rel_type, part))
        root = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
        for rel in kept:
            root.append(rel.element)
        for i, (_, rel_type, part) in enumerate(wanted, start=1):
            etree.SubElement(
                root,
                f"{{{_RELS_NS}}}Relationship",
                Id=f"rIdDeckmentor{i}",
                Type=rel_type,
                Target="/" + part,
            )
        self.replaced[PACKAGE_RELS] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        self.dropped.discard(PACKAGE_RELS)
        rels[""] = [*kept, *(_Rel(None, kind, part, part, False) for kind, _, part in wanted)]

    def _losses(self, rels: dict[str, list[_Rel] | None], content_types: _Types) -> Iterator[Loss]:
        present = self.names - self.dropped
        sources = present | {""}  # a part that is not there has no relationships to follow
        for source, relationships in sorted(rels.items()):
            if source not in sources:
                continue
            for rel in relationships or ():
                if rel.external:
                    if rel.kind in _FOLLOWED:
                        yield Loss(source, rel.kind, rel.shown, "missing")
                elif rel.kind in _EXPECTED_TYPES and rel.target in self.mistyped:
                    if content_types.get(rel.target) != _EXPECTED_TYPES[rel.kind]:
                        yield Loss(source, rel.kind, rel.shown, "unreadable")
                elif rel.target not in present:
                    problem = "unreadable" if rel.target in self.dropped else "missing"
                    damaged = rel.target in self.damaged
                    yield Loss(source, rel.kind, rel.shown, problem, damaged)
        unreadable_rels = [source for source, found in rels.items() if found is None]
        if unreadable_rels:
            yield from self._orphans(rels, content_types, unreadable_rels)

    def _orphans(
        self,
        rels: dict[str, list[_Rel] | None],
        content_types: _Types,
        unreadable_rels: list[str],
    ) -> Iterator[Loss]:
        """After a relationships part was dropped, what its part led to is out of reach: the
        slide's layout, and text parts (notes, charts, SmartArt) no relationship reaches."""
        targets = {rel.target for found in rels.values() for rel in found or ()}
        kinds = {rel.target: rel.kind for found in rels.values() for rel in found or ()}
        for source in unreadable_rels:
            if kinds.get(source) == "slide":
                yield Loss(source, "slideLayout", _rels_name(source), "unreadable")
        owner = unreadable_rels[0] if len(unreadable_rels) == 1 else ""
        for name in sorted(self.names - self.dropped - targets):
            kind = _TEXT_PARTS.get(content_types.get(name, ""))
            if kind is not None and kind != "slide":
                yield Loss(owner, kind, name, "unreadable")

    def write(self) -> bytes:
        """The repaired package, stored uncompressed: it lives in memory for one parse."""
        # One member per name, the last as zipfile reads it (the gate refuses duplicates, but the
        # parser may be called without it); a name zipfile cannot write no part can have.
        members = {info.filename: info for info in self.archive.infolist()}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
            for name, info in members.items():
                if name in self.dropped or not name or "\x00" in name:
                    continue
                content = self.replaced.get(name)
                target.writestr(name, self.archive.read(info) if content is None else content)
            for name in sorted(set(self.replaced) - self.names):
                target.writestr(name, self.replaced[name])
        return buffer.getvalue()


def _content_types(xml: bytes) -> _Types:
    """Content type of each part name (without "/"), from ``[Content_Types].xml``."""
    root = parse_xml(xml)
    types: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for element in root.iter("{*}Default"):
        defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
    for element in root.iter("{*}Override"):
        types[element.get("PartName", "").lstrip("/")] = element.get("ContentType", "")
    return _Types(types, defaults)


class _Types(dict[str, str]):
    """Override content types, falling back on the Default of a part name's extension."""

    def __init__(self, overrides: dict[str, str], defaults: dict[str, str]) -> None:
        super().__init__(overrides)
        self.defaults = defaults

    def get(self, name: str, default: Any = None) -> Any:
        if name in self:
            return self[name]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return self.defaults.get(extension, default)


def _source_of(rels_name: str) -> str:
    """The part a relationships part belongs to: ``ppt/_rels/x.xml.rels`` -> ``ppt/x.xml``."""
    if rels_name == PACKAGE_RELS:
        return ""
    folder, file_name = rels_name.rsplit("_rels/", 1)
    return folder + file_name[: -len(".rels")]


def _rels_name(part: str) -> str:
    folder, _, file_name = part.rpartition("/")
    return f"{folder}/_rels/{file_name}.rels" if folder else f"_rels/{file_name}.rels"


def _rels_of(root: Any, source: str) -> Iterator[_Rel]:
    """Each ``Relationship``, its target resolved as python-pptx does (``PackURI``): joined to
    the source's folder and normalised, never above the package root."""
    base = "/" + posixpath.dirname(source)
    for element in root.iterfind(q("rel:Relationship")):
        written = element.get("Target", "")
        kind = element.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        external = element.get("TargetMode") == "External"
        resolved = posixpath.normpath(posixpath.join(base, written)).lstrip("/")
        shown = written if external else _shown(written, base, resolved)
        yield _Rel(element, kind, resolved, shown, external)


def _shown(written: str, base: str, resolved: str) -> str:
    """A target named for a person: the part it resolves to, or the target as written when it
    is no part name (empty, a web address or drive, above the package root)."""
    if not written.strip():
        return 'Target=""'
    inside = posixpath.normpath(posixpath.join(base.lstrip("/"), written))
    if (
        _URI_SCHEME.match(written)
        or "\\" in written
        or (not written.startswith("/") and inside.startswith(".."))
        or not resolved
        or written.endswith("/")
    ):
        return written
    return resolved
