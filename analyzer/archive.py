"""The zip archive under a package, read from its bytes where zipfile says too little: where
each member's bytes lie (overlapping entries, a crafted zip bomb's mark), a member's first
bytes without zipfile's reader, and a directory rebuilt for an archive truncated before its
end. Member names are only ever compared as text: nothing is extracted to the file system.
"""

from __future__ import annotations

import io
import itertools
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from analyzer.errors import DeckError, Problem

__all__ = ["OPEN_ERRORS", "data_start", "head", "open_archive", "overlap", "rebuild_directory"]

#: What zipfile raises for an archive it cannot open: no or a damaged directory, a version or
#: feature it does not support (``NotImplementedError``), sizes that do not add up.
OPEN_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    ValueError,
    OSError,
    EOFError,
    struct.error,
)

#: Local file header (APPNOTE 4.3.7): signature, versions, flags, method, time, date, CRC,
#: sizes, name and extra field lengths; central directory header (4.3.12); end of central
#: directory record (4.3.16); data descriptor after its signature (4.3.9).
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_DESCRIPTOR = struct.Struct("<3L")
_HAS_DESCRIPTOR = 0x08
#: No more members than this are looked for in a truncated archive (the gate's cap is lower).
_MAX_RECOVERED = 65_535


def data_start(member: zipfile.ZipInfo, data: bytes) -> int | None:
    """Where a member's compressed bytes start, after its local header (whose name and extra
    field may differ in length from the directory's); None if there is no local header."""
    offset = member.header_offset
    header = data[offset : offset + _LOCAL.size]
    if len(header) < _LOCAL.size:
        return None
    signature, *_, name_length, extra_length = _LOCAL.unpack(header)
    if signature != b"PK\x03\x04":
        return None
    return int(offset + _LOCAL.size + name_length + extra_length)


def overlap(archive: zipfile.ZipFile, data: bytes) -> str | None:
    """The entries whose bytes overlap each other or the central directory, or that share a
    name ("a, b"; or one name when it runs into the directory); None for a sound archive.

    A zip bomb of the "overlapping files" kind (Fifield, 2019) points many entries at the same
    compressed bytes, so that each is small and a ratio cap passes while the whole unpacks to
    gigabytes; zipfile (Python 3.11) does not notice. Each entry's bytes run from its local
    header to the end of its compressed data; a data descriptor after it is not counted, so a
    sound archive never trips this. An entry without a local header is left out: zipfile
    refuses to open it.
    """
    names: set[str] = set()
    spans: list[tuple[int, int, str]] = []
    for member in archive.infolist():
        if member.filename in names:
            return f"{member.filename}, {member.filename}"
        names.add(member.filename)
        start = data_start(member, data)
        if start is not None:
            spans.append((member.header_offset, start + member.compress_size, member.filename))
    spans.sort()
    for (_, end, name), (start, _, following) in itertools.pairwise(spans):
        if start < end:
            return f"{name}, {following}"
    directory = getattr(archive, "start_dir", len(data))
    if spans and spans[-1][1] > directory:
        return spans[-1][2]
    return None


def head(archive: zipfile.ZipFile, member: zipfile.ZipInfo, data: bytes, size: int) -> bytes:
    """Up to ``size`` first bytes of a member, unpacked straight from ``data`` for the usual
    methods (zipfile's own reader costs more than the unpacking for a small part). Raises
    what zipfile or zlib raise for a damaged member."""
    start = data_start(member, data)
    if start is None:
        return b""  # zipfile refuses to open it too
    end = start + min(member.compress_size, 4 * size)
    if member.compress_type == zipfile.ZIP_STORED:
        return data[start:end][: min(size, member.file_size)]
    if member.compress_type == zipfile.ZIP_DEFLATED:
        first = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data[start:end], size)
        return first[: member.file_size]
    with archive.open(member) as stream:
        return stream.read(size)


def open_archive(data: bytes) -> tuple[zipfile.ZipFile, bytes, bool]:
    """The zip of ``data``, the bytes it reads, and whether its directory had to be rebuilt:
    a truncated download keeps its first members whole, and they are read through a directory
    rebuilt from their local headers. Raises DeckError(CORRUPT_ZIP) when nothing can be read."""
    try:
        return zipfile.ZipFile(io.BytesIO(data)), data, False
    except OPEN_ERRORS as error:
        rebuilt = rebuild_directory(data)
        if rebuilt is None:
            raise DeckError(Problem.CORRUPT_ZIP, str(error)) from None
        try:
            return zipfile.ZipFile(io.BytesIO(rebuilt)), rebuilt, True
        except OPEN_ERRORS:
            raise DeckError(Problem.CORRUPT_ZIP, str(error)) from None


def rebuild_directory(data: bytes) -> bytes | None:
    """A truncated archive's members that arrived whole, with a central directory rebuilt from
    their local headers; None when the file does not start like a zip or no member is whole.

    The members are walked from the start, each local header giving where the next begins; the
    walk stops at the first member cut short, at the first one whose size only a data descriptor
    gives and no descriptor matches, and at anything that is not a local header. The bytes of
    the members are kept as they are (zipfile checks their CRC when they are read), so the
    rebuilt archive is the file's own start plus a directory that describes it.
    """
    members = list(_whole_members(data))
    if not members:
        return None
    end = members[-1][1]
    directory = io.BytesIO()
    for offset, _, header, crc, packed, size in members:
        name = data[offset + _LOCAL.size : offset + _LOCAL.size + header[9]]
        version, flags, method, time, date = header[1:6]
        no_extra = no_comment = disk = internal = external = 0
        directory.write(
            _CENTRAL.pack(
                b"PK\x01\x02",
                version,  # made by: the version needed to extract
                version,
                flags,
                method,
                time,
                date,
                crc,
                packed,
                size,
                len(name),
                no_extra,
                no_comment,
                disk,
                internal,
                external,
                offset,
            )
            + name
        )
    records = directory.getvalue()
    count = len(members)
    closing = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(records), end, 0)
    return data[:end] + records + closing


def _whole_members(data: bytes) -> Iterator[tuple[int, int, tuple[Any, ...], int, int, int]]:
    """``(offset, end, header fields, crc, packed size, size)`` of each whole member."""
    offset = 0
    for _ in range(_MAX_RECOVERED):
        if data[offset : offset + 4] != b"PK\x03\x04" or offset + _LOCAL.size > len(data):
            return
        header = _LOCAL.unpack_from(data, offset)
        flags, crc, packed, size = header[2], header[6], header[7], header[8]
        start = offset + _LOCAL.size + header[9] + header[10]
        if 0xFFFFFFFF in (packed, size):
            return  # zip64 sizes: not in the decks this is for
        end = start + packed
        if flags & _HAS_DESCRIPTOR:
            found = _descriptor(data, start)
            if found is None:
                return
            crc, packed, size, end = found
        elif end > len(data):
            return
        yield offset, end, header, crc, packed, size
        offset = end


def _descriptor(data: bytes, start: int) -> tuple[int, int, int, int] | None:
    """``(crc, packed size, size, end)`` from the data descriptor after a member's bytes: the
    first descriptor signature whose packed size matches its distance from ``start``."""
    position = start
    while (position := data.find(b"PK\x07\x08", position)) != -1:
        fields = data[position + 4 : position + 4 + _DESCRIPTOR.size]
        if len(fields) < _DESCRIPTOR.size:
            return None
        crc, packed, size = _DESCRIPTOR.unpack(fields)
        if packed == position - start:
            return crc, packed, size, position + 4 + _DESCRIPTOR.size
        position += 4
    return None
