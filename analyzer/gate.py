"""The safety gate: is this a real, sane Office Open XML presentation? Decided from the bytes
and the zip's central directory, before python-pptx parses anything.

Every refusal is a DeckError naming what the file is and what to do. Nothing is decompressed
before the directory's declared sizes have been checked, and then only ``[Content_Types].xml``
(and an OpenDocument ``mimetype``).
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

from lxml import etree

from analyzer import ooxml
from analyzer.errors import DeckError, Problem

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


@dataclass(frozen=True)
class Limits:
    """Caps checked from the zip directory before decompressing anything."""

    max_file_bytes: int = 200 * _MB
    max_members: int = 10_000
    max_member_bytes: int = 256 * _MB
    max_total_bytes: int = 1024 * _MB
    max_ratio: float = 200.0
    #: Parts smaller than this are not judged by their ratio: tiny XML compresses well.
    ratio_floor_bytes: int = _MB


def check(data: bytes, limits: Limits | None = None) -> None:
    """Raise DeckError unless ``data`` looks like an analyzable OOXML presentation package."""
    limits = limits or Limits()
    if not data:
        raise DeckError(Problem.EMPTY_FILE)
    if len(data) > limits.max_file_bytes:
        raise DeckError(
            Problem.TOO_LARGE, size_mb=len(data) // _MB, limit_mb=limits.max_file_bytes // _MB
        )
    if data.startswith(_OLE_MAGIC):
        raise _ole_problem(data)
    if not data.startswith(_ZIP_MAGIC):
        raise _non_zip_problem(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        struct.error,
    ) as error:
        raise DeckError(Problem.CORRUPT_ZIP, str(error)) from None
    with archive:
        _check_members(archive, limits)
        _check_package(archive)


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
        return DeckError(Problem.TEXT)
    return DeckError(Problem.NOT_A_ZIP)


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


def _check_members(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Caps on the declared sizes in the central directory (zipfile never unpacks more than a
    member declares, so these bound what reading can cost)."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise DeckError(Problem.TOO_MANY_PARTS, count=len(members), limit=limits.max_members)
    for member in members:
        _check_member(member, limits)
    total = sum(member.file_size for member in members)
    if total > limits.max_total_bytes:
        raise DeckError(
            Problem.UNPACKED_TOO_LARGE,
            size_mb=total // _MB,
            limit_mb=limits.max_total_bytes // _MB,
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
            size_mb=member.file_size // _MB,
            limit_mb=limits.max_member_bytes // _MB,
        )


def _check_package(archive: zipfile.ZipFile) -> None:
    """The zip must declare a presentation main part (``[Content_Types].xml``) and hold it."""
    names = set(archive.namelist())
    if "mimetype" in names:
        _check_opendocument(_read(archive, "mimetype"))
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
        raise DeckError(Problem.NOT_A_PRESENTATION, f"no part {main}")


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
        raise DeckError(Problem.UNREADABLE_XML, str(error)) from None
    for override in root.iter("{*}Override"):
        if override.get("ContentType") in PRESENTATION_CONTENT_TYPES:
            return str(override.get("PartName", ""))
    return None
