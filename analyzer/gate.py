"""The safety gate: is this a real, sane Office Open XML presentation? Decided from the bytes
and the zip's central directory, before python-pptx parses anything.

Every refusal is a DeckError naming what the file is and what to do. Nothing is decompressed
before the directory has been checked: declared sizes and ratios against the caps, and entries
that overlap (a crafted zip bomb reuses the same compressed bytes for many entries). Then only
the start of each member is unpacked, to refuse XML that declares a document type (entities
that could expand to gigabytes), and ``[Content_Types].xml`` is read. Member names are only ever
compared as text: nothing is extracted to the file system.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

from lxml import etree

from analyzer import archive as archive_bytes
from analyzer import ooxml
from analyzer.config import Limits
from analyzer.errors import DeckError, Problem
from analyzer.model import Deck

__all__ = ["PRESENTATION_CONTENT_TYPES", "Limits", "check", "check_size", "xml_with_doctype"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_MB = 1024 * 1024

#: Content types of the main part of every OOXML presentation flavour.
PRESENTATION_CONTENT_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    }
)

#: Other Office Open XML documents, by a fragment of their main content type.
_OTHER_OOXML = (
    (b"wordprocessingml", "Word (.docx)"),
    (b"ms-word.", "Word (.docm)"),
    (b"spreadsheetml", "Excel (.xlsx)"),
    (b"ms-excel.", "Excel (.xlsm)"),
    (b"ms-visio.", "Visio (.vsdx)"),
)

#: Legacy binary Office files, by a stream name in their OLE directory.
_OTHER_OLE = (("WordDocument", "Word 97-2003 (.doc)"), ("Workbook", "Excel 97-2003 (.xls)"))

#: Compression methods zipfile can read: stored, deflated, bzip2, lzma.
_READABLE_METHODS = frozenset({0, 8, 12, 14})

#: The CurrentUserAtom header token of an encrypted .ppt ("Current User" stream, [MS-PPT]
#: 2.3.2), preceded by the atom's fixed size field (0x14).
_ENCRYPTED_PPT_TOKEN = b"\x14\x00\x00\x00\xdf\xc4\xd1\xf3"


def check(data: bytes, limits: Limits | None = None) -> None:
    """Raise DeckError unless ``data`` looks like an analyzable OOXML presentation package."""
    limits = limits or Limits()
    if not data:
        raise DeckError(Problem.EMPTY_FILE)
    check_size(len(data), limits)
    if data.startswith(_OLE_MAGIC):
        raise _ole_problem(data)
    if not data.startswith(_ZIP_MAGIC):
        raise _non_zip_problem(data)
    # A truncated download's whole members pass the same checks the parser will read them by.
    archive, data, truncated = archive_bytes.open_archive(data)
    with archive:
        _check_members(archive, data, limits)
        part = xml_with_doctype(archive, data)
        if part is not None:
            raise DeckError(Problem.XML_ENTITIES, part=part)
        _check_package(archive, truncated=truncated)


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file of ``size`` bytes over the size cap (callers check a file's size before
    reading it)."""
    if size > limits.max_file_bytes:
        raise DeckError(
            Problem.TOO_LARGE, size_mb=_in_mb(size), limit_mb=_in_mb(limits.max_file_bytes)
        )


def _in_mb(size: int) -> str:
    """Megabytes for a person: whole ones, or two significant digits under ten."""
    mb = size / _MB
    return f"{mb:.0f}" if mb >= 10 else f"{mb:.2g}"


def _ole_problem(data: bytes) -> DeckError:
    """Encrypted OOXML decks, legacy .ppt and other legacy Office files are all OLE compound
    files; their stream names (UTF-16 in the directory sectors) tell them apart. A password on
    a .ppt shows in its CurrentUserAtom: the password must go before anything else can help."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return DeckError(Problem.ENCRYPTED, "encrypted Office Open XML package")
    if "PowerPoint Document".encode("utf-16-le") in data:
        if _ENCRYPTED_PPT_TOKEN in data:
            return DeckError(Problem.ENCRYPTED, "password-protected legacy .ppt")
        return DeckError(Problem.LEGACY_PPT)
    for stream, what in _OTHER_OLE:
        if stream.encode("utf-16-le") in data:
            return DeckError(Problem.OTHER_OFFICE, what)
    return DeckError(Problem.OLE_OTHER)


def _non_zip_problem(data: bytes) -> DeckError:
    if data.startswith(b"%PDF"):
        return DeckError(Problem.PDF)
    if data.startswith(_EMPTY_ZIP_MAGIC):
        return DeckError(Problem.NOT_A_PRESENTATION, "empty zip archive")
    if _is_lock_file(data):
        return DeckError(Problem.LOCK_FILE)
    if _is_text(data[:4096]):
        return _text_problem(data)
    return DeckError(Problem.NOT_A_ZIP)


#: A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
_LFS_POINTER = b"version https://git-lfs.github.com/spec/"
#: A symbolic link checked out as a file (``core.symlinks=false``): one line naming a path.
_LINK_TARGET = re.compile(rb"[^\r\n\x00]{0,1000}\.(?:pptx|pptm|ppsx|ppsm|potx|potm)", re.IGNORECASE)


def _text_problem(data: bytes) -> DeckError:
    """Text where a deck should be: decks kept in Git often arrive as the pointer Git LFS
    leaves without ``git lfs pull``, or as the target path of a symbolic link checked out as a
    file; each has its own fix."""
    if data.startswith(_LFS_POINTER):
        return DeckError(Problem.LFS_POINTER)
    if _LINK_TARGET.fullmatch(data.strip()):
        return DeckError(Problem.LINK_FILE, data.strip().decode("utf-8", "replace"))
    return DeckError(Problem.TEXT)


def _is_lock_file(data: bytes) -> bool:
    """An Office owner file (``~$deck.pptx``), 162 to 165 bytes: a length byte, the user's name
    in a single-byte code page padded with spaces to 54 bytes, then the name in UTF-16."""
    if not 100 <= len(data) <= 256:
        return False
    length = data[0]
    name = data[1 : 1 + length]
    if not 1 <= length <= 53 or any(b < 32 for b in name):
        return False
    padded = data[1 + length : 54].strip(b" ") == b""
    return padded or name.decode("latin-1").encode("utf-16-le") in data


def _is_text(head: bytes) -> bool:
    """Text in UTF-8 (with or without a byte-order mark) or UTF-16 with one, without control
    characters other than line and tab ones."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[2:].decode(encoding, errors="ignore")
            break
    else:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 3:  # not just a character cut at the 4 KB boundary
                return False
            text = head[: error.start].decode("utf-8")
    return bool(text) and not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def _check_members(archive: zipfile.ZipFile, data: bytes, limits: Limits) -> None:
    """Caps on the declared sizes in the central directory (zipfile never unpacks more than a
    member declares, so these bound what reading can cost). Overlapping entries are looked for
    before the sizes: a crafted bomb is named as such rather than as merely too large."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise DeckError(Problem.TOO_MANY_PARTS, count=len(members), limit=limits.max_members)
    overlapping = archive_bytes.overlap(archive, data)
    if overlapping is not None:
        raise DeckError(Problem.OVERLAPPING_ZIP, overlapping)
    for member in members:
        _check_member(member, limits)
    total = sum(member.file_size for member in members)
    if total > limits.max_total_bytes:
        raise DeckError(
            Problem.UNPACKED_TOO_LARGE,
            size_mb=_in_mb(total),
            limit_mb=_in_mb(limits.max_total_bytes),
            setting="max-total-mb",
        )


def _check_member(member: zipfile.ZipInfo, limits: Limits) -> None:
    if member.flag_bits & 0x1:
        raise DeckError(Problem.ENCRYPTED, f"zip-encrypted part {member.filename}")
    if member.compress_type not in _READABLE_METHODS:
        raise DeckError(Problem.CORRUPT_ZIP, f"compression method {member.compress_type}")
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
        raise DeckError(
            Problem.ZIP_BOMB, part=member.filename, ratio=int(ratio), limit=int(limits.max_ratio)
        )
    if member.file_size > limits.max_member_bytes:
        raise DeckError(
            Problem.UNPACKED_TOO_LARGE,
            member.filename,
            size_mb=_in_mb(member.file_size),
            limit_mb=_in_mb(limits.max_member_bytes),
            setting="max-part-mb",
        )


#: How much of a member is unpacked at a time while looking for its root element.
_PROLOG_CHUNK = 4096
#: Enough of a member for the XML declaration and the root element's start.
_HEAD = 512

#: What PowerPoint writes: an optional byte-order mark and UTF-8 declaration, then the root
#: element. Such a member declares no document type, and the full scan is skipped.
_PLAIN_PROLOG = re.compile(
    rb"(?:\xef\xbb\xbf)?"
    rb"(?:<\?xml\s+version\s*=\s*[\"']1\.[0-9][\"']"
    rb"(?:\s+encoding\s*=\s*[\"'](?i:utf-?8)[\"'])?"
    rb"(?:\s+standalone\s*=\s*[\"'](?:yes|no)[\"'])?\s*\?>)?"
    rb"[ \t\r\n]*<[A-Za-z_]"
)
#: How libxml2 recognises XML from its first bytes (``xmlDetectCharEncoding``): byte-order
#: marks and the EBCDIC ``<?xm``; UTF-16 and UTF-32 without a mark show a "<" beside zeros.
_XML_SIGNATURES = (b"<", b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe", b"\x4c\x6f\xa7\x94")


class _PrologEnd(Exception):
    """Raised by the prolog scanner's parser target to stop parsing."""


class _Prolog:
    """lxml parser target that stops at the document type declaration or the root element,
    whichever comes first: only the prolog is ever parsed."""

    def __init__(self) -> None:
        self.declares_doctype = False

    def doctype(self, name: str, public_id: str | None, system_id: str | None) -> None:
        self.declares_doctype = True
        raise _PrologEnd

    def start(self, tag: str, attrib: object, nsmap: object = None) -> None:
        raise _PrologEnd

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        pass


def xml_with_doctype(archive: zipfile.ZipFile, data: bytes) -> str | None:
    """The name of the first member that is XML with a document type declaration, if any.

    No PowerPoint part has one: the Open Packaging Conventions forbid them and tell readers to
    treat one as an error (ECMA-376 Part 2, 8.1.4, [M1.18]), since its entities are what
    "billion laughs" expands. Every member is looked at whatever its name, since a part's
    content type, not its name, decides whether python-pptx parses it. The first bytes of each
    tell most apart at once (pictures are not XML; PowerPoint's parts open with a UTF-8
    declaration and their root element); any other member is unpacked a chunk at a time and
    read by lxml, the parser python-pptx uses (same encodings, byte-order marks, comments),
    up to its document type declaration or its root element.
    """
    for member in archive.infolist():
        try:
            head = archive_bytes.head(archive, member, data, _HEAD)
            if not _could_be_xml(head) or _PLAIN_PROLOG.match(head):
                continue
            with archive.open(member) as stream:
                if _declares_doctype(stream):
                    return member.filename
        except Exception:  # a damaged member: the parser skips or refuses it
            continue
    return None


def _could_be_xml(head: bytes) -> bool:
    start = head.lstrip(b" \t\r\n")[:4]
    return start.startswith(_XML_SIGNATURES) or (b"<" in start and b"\x00" in start)


def _declares_doctype(stream: IO[bytes]) -> bool:
    prolog = _Prolog()
    parser = etree.XMLParser(target=prolog, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        while chunk := stream.read(_PROLOG_CHUNK):
            parser.feed(chunk)
        parser.close()
    except _PrologEnd:
        pass
    except etree.XMLSyntaxError:  # not XML, or broken XML the parser reports if it is read
        pass
    return prolog.declares_doctype


def _check_package(archive: zipfile.ZipFile, *, truncated: bool = False) -> None:
    """The zip must declare a presentation main part (``[Content_Types].xml``) and hold it; a
    truncated one must have kept that much, and the presentation part's relationships."""
    names = set(archive.namelist())
    if "mimetype" in names:
        _check_opendocument(_read(archive, "mimetype"))
    if truncated:
        _check_truncated(archive, names)
    if "[Content_Types].xml" not in names:
        raise DeckError(Problem.NOT_A_PRESENTATION, "no [Content_Types].xml")
    content_types = _read(archive, "[Content_Types].xml")
    main = _presentation_part_name(content_types)
    if main is None:
        for fragment, what in _OTHER_OOXML:
            if fragment in content_types:
                raise DeckError(Problem.OTHER_OFFICE, what)
        raise DeckError(Problem.NOT_A_PRESENTATION, "no presentation content type")
    if main.lstrip("/") not in names:
        raise DeckError(Problem.MISSING_PART, main.lstrip("/"))


def _check_truncated(archive: zipfile.ZipFile, names: set[str]) -> None:
    """What a truncated archive must have kept for any slide to be found: its content types,
    presentation part and that part's relationships. Without them the file is refused as
    truncated, which says what to do (get it again) better than naming a missing part."""
    required = ["[Content_Types].xml"]
    if required[0] in names:
        main = _presentation_part_name(_read(archive, required[0]))
        if main is not None:
            folder, _, file_name = main.lstrip("/").rpartition("/")
            required += [main.lstrip("/"), f"{folder}/_rels/{file_name}.rels".lstrip("/")]
    for name in required:
        if name not in names:
            raise DeckError(Problem.CORRUPT_ZIP, f"truncated before {name}")


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except Exception as error:  # BadZipFile, zlib.error, EOFError...: a damaged member
        raise DeckError(Problem.CORRUPT_ZIP, f"{type(error).__name__}: {error}") from None


def _check_opendocument(mimetype: bytes) -> None:
    """An OpenDocument file starts with a ``mimetype`` member naming its kind."""
    kinds = {b"presentation": ".odp", b"text": ".odt", b"spreadsheet": ".ods"}
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        kind = mimetype.split(b".")[-1].split(b"-")[0]
        raise DeckError(Problem.OPENDOCUMENT, kinds.get(kind, mimetype.decode("ascii", "replace")))


def _presentation_part_name(content_types: bytes) -> str | None:
    """``PartName`` of the ``Override`` declaring a presentation main part, if any."""
    try:
        root = ooxml.parse_xml(content_types)
    except etree.XMLSyntaxError as error:
        raise DeckError(Problem.UNREADABLE_XML, str(error), part="[Content_Types].xml") from None
    for override in root.iter("{*}Override"):
        if override.get("ContentType") in PRESENTATION_CONTENT_TYPES:
            return str(override.get("PartName", ""))
    return None


def check_text(deck: Deck, limits: Limits) -> None:
    """Refuse a deck whose text would cost the language analysis unbounded time and memory:
    one paragraph over the paragraph cap, or more text in all than the deck cap."""
    total = 0
    for slide in deck.slides:
        blocks = (*slide.blocks, *((slide.notes,) if slide.notes else ()))
        texts = [p.text for block in blocks for p in block.paragraphs]
        for text in (*texts, *(picture.alt_text for picture in slide.pictures)):
            size = len(text)
            if size > limits.max_paragraph_chars:
                raise DeckError(
                    Problem.PARAGRAPH_TOO_LONG,
                    slide=slide.number,
                    count=size,
                    limit=limits.max_paragraph_chars,
                )
            total += size
    if total > limits.max_text_chars:
        raise DeckError(Problem.TEXT_TOO_LONG, count=total, limit=limits.max_text_chars)
