"""The safety gate: is this a real, sane Office Open XML presentation? Decided from the bytes
and the zip's central directory, before python-pptx parses anything.

Every refusal is a DeckError naming what the file is and what to do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from analyzer.errors import DeckError, Problem

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"

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


@dataclass(frozen=True)
class Limits:
    """Caps checked from the zip directory before decompressing anything."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_members: int = 10_000
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 200.0


def check(data: bytes, limits: Limits | None = None) -> None:
    """Raise DeckError unless ``data`` looks like an analyzable OOXML presentation package."""
    limits = limits or Limits()
    if not data:
        raise DeckError(Problem.EMPTY_FILE)
    if len(data) > limits.max_file_bytes:
        raise DeckError(
            Problem.TOO_LARGE, f"{len(data) // 2**20} MB, limit {limits.max_file_bytes // 2**20} MB"
        )
    if data.startswith(_OLE_MAGIC):
        raise DeckError(*_ole_problem(data))
    if not data.startswith(_ZIP_MAGIC):
        raise DeckError(*_non_zip_problem(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise DeckError(Problem.CORRUPT_ZIP, str(error)) from None
    with archive:
        _check_members(archive, limits)
        _check_content_type(archive)


def _ole_problem(data: bytes) -> tuple[Problem, str]:
    """Encrypted OOXML decks and legacy binary files are both OLE compound files; their stream
    names (stored in UTF-16 in the directory sectors) tell them apart."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return Problem.ENCRYPTED, ""
    if "PowerPoint Document".encode("utf-16-le") in data:
        return Problem.LEGACY_PPT, ""
    if "WordDocument".encode("utf-16-le") in data:
        return Problem.OTHER_OFFICE, "legacy Word document (.doc)"
    if "Workbook".encode("utf-16-le") in data:
        return Problem.OTHER_OFFICE, "legacy Excel workbook (.xls)"
    return Problem.OLE_OTHER, ""


def _non_zip_problem(data: bytes) -> tuple[Problem, str]:
    if data.startswith(b"%PDF"):
        return Problem.PDF, ""
    if data.startswith(_EMPTY_ZIP_MAGIC):
        return Problem.CORRUPT_ZIP, "empty zip archive"
    head = data[:4096]
    # An Office lock file is ~165 bytes: a length byte, the user name, padding.
    if len(data) <= 512 and b"\x00" in head and not head.startswith(b"PK"):
        return Problem.LOCK_FILE, ""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return Problem.NOT_A_ZIP, ""
    return Problem.TEXT, ""


def _check_members(archive: zipfile.ZipFile, limits: Limits) -> None:
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise DeckError(
            Problem.ZIP_BOMB, f"{len(members)} parts in the zip, limit {limits.max_members}"
        )
    total = 0
    for member in members:
        if member.file_size > limits.max_member_bytes:
            raise DeckError(
                Problem.ZIP_BOMB,
                f"part {member.filename} would unpack to {member.file_size // 2**20} MB",
            )
        if member.compress_size and member.file_size / member.compress_size > limits.max_ratio:
            if member.file_size > 1024 * 1024:
                raise DeckError(
                    Problem.ZIP_BOMB,
                    f"part {member.filename} is compressed {member.file_size // member.compress_size}"
                    f" times, limit {limits.max_ratio:.0f}",
                )
        total += member.file_size
    if total > limits.max_total_bytes:
        raise DeckError(Problem.ZIP_BOMB, f"the zip would unpack to {total // 2**20} MB")


def _check_content_type(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        raise DeckError(Problem.NOT_A_PRESENTATION, "no [Content_Types].xml")
    try:
        content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise DeckError(Problem.CORRUPT_ZIP, str(error)) from None
    if any(ct.encode() in content_types for ct in PRESENTATION_CONTENT_TYPES):
        return
    if b"wordprocessingml" in content_types:
        raise DeckError(Problem.OTHER_OFFICE, "Word document (.docx)")
    if b"spreadsheetml" in content_types:
        raise DeckError(Problem.OTHER_OFFICE, "Excel workbook (.xlsx)")
    raise DeckError(Problem.NOT_A_PRESENTATION, "no presentation part")
