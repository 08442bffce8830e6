"""A deck as a list of zip members, and the mutations made at the level of the zip file: its
members (drop, duplicate, rename, truncate...), its central directory's fields (sizes, offsets,
methods, flags) and its raw bytes."""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

#: No mutant grows past this: bigger inputs only slow the loop down.
MAX_INPUT_BYTES = 8 * 1024 * 1024
#: Members are unpacked for mutation only up to this total (a mutant may declare anything).
_UNPACK_LIMIT = 64 * 1024 * 1024
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


@dataclass(frozen=True)
class Member:
    """One zip entry: its name, its uncompressed bytes, its compression method."""

    name: str
    data: bytes
    method: int = zipfile.ZIP_DEFLATED

    @property
    def is_xml(self) -> bool:
        return self.name.endswith((".xml", ".rels", ".vml")) or self.data.lstrip()[:5] == b"<?xml"


def unpack(data: bytes) -> list[Member] | None:
    """The members of a readable zip, in directory order; None when any cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > _UNPACK_LIMIT:
                return None
            return [Member(i.filename, archive.read(i), i.compress_type) for i in infos]
    except Exception:  # a mutant may break zipfile in any way; it is then mutated as bytes
        return None


def pack(members: Sequence[Member]) -> bytes | None:
    """A zip of ``members``, deterministic (fixed timestamps); None if zipfile refuses one."""
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are one of the mutations
            with zipfile.ZipFile(buffer, "w") as archive:
                for member in members:
                    info = zipfile.ZipInfo(member.name, date_time=_FIXED_TIME)
                    info.compress_type = member.method
                    archive.writestr(info, member.data, compresslevel=1)
    except (ValueError, OSError, RuntimeError, NotImplementedError):
        return None
    return buffer.getvalue()


def slim(members: Sequence[Member], keep_bytes: int = 256) -> list[Member]:
    """Binary parts (pictures, fonts, embedded workbooks) cut to their first bytes: deckmentor
    reads none of their content, and small inputs run many times faster."""
    return [
        m if m.is_xml or len(m.data) <= 4096 else replace(m, data=m.data[:keep_bytes])
        for m in members
    ]


# --- members -----------------------------------------------------------------------------------

#: Parts whose loss or damage matters most to the parser, chosen more often.
_KEY_PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "ppt/presentation.xml",
    "ppt/_rels/presentation.xml.rels",
)


def _weight(name: str) -> float:
    if name in _KEY_PARTS:
        return 8.0
    if "/_rels/" in name:
        return 3.0 if "slides/" in name else 1.0
    if name.startswith(("ppt/slides/", "ppt/charts/", "ppt/diagrams/", "ppt/notesSlides/")):
        return 6.0
    return 1.5 if name.startswith(("ppt/slideLayouts/", "ppt/slideMasters/")) else 1.0


def pick_member(members: Sequence[Member], rng: random.Random) -> int:
    """Index of a member: key parts, slides, charts, SmartArt data and notes weighted up."""
    return rng.choices(range(len(members)), [_weight(m.name) for m in members])[0]


def _other_name(name: str, names: Sequence[str], rng: random.Random) -> str:
    folder, _, base = name.rpartition("/")
    return rng.choice(
        [
            rng.choice(names),
            name.upper(),
            name.lower(),
            "/" + name,
            name.replace("/", "\\"),
            "../" + name,
            "../../../../tmp/" + base,
            name + "/",
            folder + "/",
            f"{folder}/{base}.bak",
            f"{folder}/e\u0301{base}",
            "",
            "ppt/slides/slide" + str(rng.choice([0, 1, 2, 99, 10**12])) + ".xml",
            "C:/Windows/" + base,
            "a" * 300 + "/" + base,
        ]
    )


def mutate_members(members: list[Member], rng: random.Random) -> str:
    """One member-level mutation of ``members`` in place; returns what it did."""
    if not members:
        members.append(Member("[Content_Types].xml", b"<Types/>"))
        return "add [Content_Types].xml"
    i = pick_member(members, rng)
    m = members[i]
    names = [x.name for x in members]
    op = rng.randrange(12)
    if op == 0:
        del members[i]
        return f"drop {m.name}"
    if op == 1:
        members.insert(rng.randrange(len(members) + 1), m)
        return f"duplicate {m.name}"
    if op == 2:
        new = _other_name(m.name, names, rng)
        members[i] = replace(m, name=new)
        return f"rename {m.name} -> {new!r}"
    if op == 3:
        j = rng.randrange(len(members))
        members[i], members[j] = replace(m, name=members[j].name), replace(members[j], name=m.name)
        return f"swap names {m.name} <-> {members[j].name}"
    if op == 4:
        cut = rng.randrange(len(m.data) + 1)
        members[i] = replace(m, data=m.data[:cut])
        return f"truncate {m.name} at {cut}/{len(m.data)}"
    if op == 5 and m.data:
        members[i] = replace(m, data=flip_bytes(m.data, rng))
        return f"flip bytes of {m.name}"
    if op == 6:
        other = rng.choice(members)
        members[i] = replace(m, data=other.data)
        return f"content of {other.name} into {m.name}"
    if op == 7:
        method = rng.choice(_METHODS)
        members[i] = replace(m, method=method)
        return f"method {method} for {m.name}"
    if op == 8:
        members[i] = replace(m, data=b"")
        return f"empty {m.name}"
    if op == 9:
        count = rng.choice([1, 1, 1, 5, 5, 200, 200, 10_001])
        junk = [Member(f"ppt/junk/j{k}.xml", b"<x/>", zipfile.ZIP_STORED) for k in range(count)]
        members.extend(junk)
        return f"add {count} junk members"
    if op == 10:
        rng.shuffle(members)
        return "shuffle member order"
    members.reverse()
    return "reverse member order"


def flip_bytes(data: bytes, rng: random.Random, count: int | None = None) -> bytes:
    """``data`` with a few bytes changed (bit flips, random or interesting values)."""
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(count or rng.choice([1, 1, 2, 4, 16])):
        k = rng.randrange(len(buffer))
        kind = rng.randrange(3)
        if kind == 0:
            buffer[k] ^= 1 << rng.randrange(8)
        elif kind == 1:
            buffer[k] = rng.randrange(256)
        else:
            buffer[k] = rng.choice([0x00, 0xFF, 0x7F, 0x80, ord("<"), ord("&"), ord('"')])
    return bytes(buffer)


# --- the zip's directory and raw bytes --------------------------------------------------------

_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"


def _central_entries(data: bytes) -> list[int]:
    """Offsets of the central directory records (``PK\\x01\\x02``), read from the end record."""
    end = data.rfind(_EOCD)
    if end < 0 or end + 22 > len(data):
        return []
    size, offset = struct.unpack_from("<II", data, end + 12)
    entries = []
    pos = offset
    while pos + 46 <= min(len(data), offset + size) and data[pos : pos + 4] == _CENTRAL:
        entries.append(pos)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + name_len + extra_len + comment_len
    return entries


def _put(data: bytearray, fmt: str, offset: int, value: int) -> None:
    size = struct.calcsize(fmt)
    struct.pack_into(fmt, data, offset, value & ((1 << (8 * size)) - 1))


def mutate_directory(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One change to a field of the zip's central directory or end record: declared sizes,
    compression method, flags, the offset of a local header (overlapping entries)..."""
    entries = _central_entries(data)
    end = data.rfind(_EOCD)
    if not entries or end < 0:
        return flip_bytes(data, rng), "flip bytes (no zip directory)"
    buffer = bytearray(data)
    pos = rng.choice(entries)
    name_len = struct.unpack_from("<H", data, pos + 28)[0]
    name = data[pos + 46 : pos + 46 + name_len].decode("utf-8", "replace")
    op = rng.randrange(11)
    if op == 0:
        value = rng.choice([0, 1, 0xFFFFFFFF, 300 * 1024 * 1024, 2 * 1024 * 1024 * 1024])
        _put(buffer, "<I", pos + 24, value)
        return bytes(buffer), f"declared size of {name} = {value}"
    if op == 1:
        value = rng.choice([0, 1, 0xFFFFFFFF, 10])
        _put(buffer, "<I", pos + 20, value)
        return bytes(buffer), f"compressed size of {name} = {value}"
    if op == 2:
        value = rng.choice([1, 6, 9, 12, 14, 19, 93, 98, 99, 0xFFFF])
        _put(buffer, "<H", pos + 10, value)
        return bytes(buffer), f"method of {name} = {value}"
    if op == 3:
        flag = rng.choice([0x1, 0x8, 0x40, 0x800, 0x2000])
        _put(buffer, "<H", pos + 8, struct.unpack_from("<H", data, pos + 8)[0] ^ flag)
        return bytes(buffer), f"flag {flag:#x} toggled on {name}"
    if op == 4:
        target = rng.choice(entries)
        offset = struct.unpack_from("<I", data, target + 42)[0]
        _put(buffer, "<I", pos + 42, offset + rng.choice([0, 0, 1, -1, 30]))
        return bytes(buffer), f"local header of {name} moved onto another entry's"
    if op == 5:
        _put(buffer, "<I", pos + 16, rng.randrange(1 << 32))
        return bytes(buffer), f"CRC of {name} changed"
    if op == 6:
        value = rng.choice([0, 1, len(entries) + 1, 0xFFFF])
        _put(buffer, "<H", end + 8, value)
        _put(buffer, "<H", end + 10, value)
        return bytes(buffer), f"end record: {value} entries"
    if op == 7:
        delta = rng.choice([-1, 1, -22, 4096])
        offset = struct.unpack_from("<I", data, end + 16)[0]
        _put(buffer, "<I", end + 16, offset + delta)
        return bytes(buffer), f"end record: directory offset {delta:+}"
    if op == 8:
        _put(buffer, "<H", pos + 30, rng.choice([4, 20, 0xFFFF]))
        return bytes(buffer), f"extra field length of {name} changed"
    if op == 9:
        value = rng.choice([45, 63, 64, 208, 0xFFFF])
        _put(buffer, "<H", pos + 6, value)
        return bytes(buffer), f"version needed to extract {name} = {value}"
    extra = struct.pack("<HHQQ", 0x0001, 16, 0xFFFFFFFFFF, 1)  # a zip64 extra field
    return bytes(buffer) + extra, "zip64 extra bytes appended"


_MAGICS = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"%PDF-1.7\n",
    b"PK\x05\x06",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<?xml version='1.0'?>",
    b"PK\x07\x08",
    b"\x00" * 4,
)


def mutate_raw(data: bytes, rng: random.Random, others: Sequence[bytes]) -> tuple[bytes, str]:
    """One change to the file's bytes, blind to its structure."""
    ops: list[Callable[[], tuple[bytes, str]]] = [
        lambda: (flip_bytes(data, rng), "flip bytes"),
        lambda: _truncated(data, rng),
        lambda: _magic(data, rng),
        lambda: _spliced(data, rng),
        lambda: (data + rng.choice(others)[: rng.choice([22, 4096, 1 << 20])], "append bytes"),
        lambda: (data + b"\x00" * rng.choice([1, 22, 65536]), "append zeros"),
    ]
    return rng.choice(ops)()


def _truncated(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    cut = rng.choice([rng.randrange(len(data) + 1), len(data) - 22, len(data) - 1, 30, 4])
    return data[: max(cut, 0)], f"truncate file at {max(cut, 0)}"


def _magic(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    magic = rng.choice(_MAGICS)
    return magic + data[len(magic) :], f"magic bytes {magic[:8]!r}"


def _spliced(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    if len(data) < 2:
        return data * 2, "double the file"
    a, b = sorted(rng.sample(range(len(data)), 2))
    if rng.random() < 0.5:
        return data[:a] + data[b:], f"delete bytes {a}:{b}"
    return data[:b] + data[a:b] + data[b:], f"repeat bytes {a}:{b}"
