"""Hostile input, made here from bytes: a zip bomb, decks whose XML declares entities ("billion
laughs"), zips whose entries overlap (Fifield's "better zip bomb"), member names that aim at the
file system. Each is refused with its own Problem before anything is unpacked or parsed, fast
and with little memory (measured in a child process, so that libxml2's memory counts too), or
analyzed without writing anything anywhere."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer import analyze, gate, ooxml, parser
from analyzer.annotation import Lang
from analyzer.errors import DeckError, Problem
from analyzer.report import Report
from tests.builders import Unseekable, build_deck

ROOT = Path(__file__).resolve().parents[1]

#: Nine levels of ten references: 10**9 "lol"s (3 GB) if a parser expanded them.
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)
    )
    + b"]>"
)


def _refusal(data: bytes) -> DeckError:
    started = time.perf_counter()
    with pytest.raises(DeckError) as caught:
        gate.check(data)
    assert time.perf_counter() - started < 2.0  # a safety bound, not a benchmark
    error = caught.value
    for lang in (Lang.EN, Lang.FR):
        line = error.describe(lang)
        assert line and "\n" not in line and "?" not in line, line
    return error


def _rezip(data: bytes, edit: dict[str, Callable[[bytes], bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edit:
                content = edit[info.filename](content)
            target.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.fixture(scope="module")
def deck() -> bytes:
    return build_deck([{"title": "Nouvelle offre", "bullets": ["Trois gammes"]}])


# --- zip bomb ----------------------------------------------------------------------------------


def _ratio_bomb() -> bytes:
    """A deck with a 64 MB part of zeros, deflated to about 64 KB (ratio near 1000)."""
    out = io.BytesIO()
    source = build_deck([{"title": "Nouvelle offre"}])
    with zipfile.ZipFile(io.BytesIO(source)) as deck, zipfile.ZipFile(out, "w") as target:
        for info in deck.infolist():
            target.writestr(info.filename, deck.read(info), zipfile.ZIP_DEFLATED)
        target.writestr("ppt/media/image9.png", bytes(64 << 20), zipfile.ZIP_DEFLATED, 9)
    return out.getvalue()


def test_zip_bomb_is_refused_from_the_directory() -> None:
    error = _refusal(_ratio_bomb())
    assert (error.problem, error.values["part"], error.values["limit"]) == (
        Problem.ZIP_BOMB,
        "ppt/media/image9.png",
        200,
    )


# --- XML entities ------------------------------------------------------------------------------


def _with_doctype(doctype: bytes) -> Callable[[bytes], bytes]:
    """Insert ``doctype`` after a part's XML declaration."""

    def edit(xml: bytes) -> bytes:
        end = xml.index(b"?>") + 2
        return xml[:end] + doctype + xml[end:]

    return edit


def _laughing_title(xml: bytes) -> bytes:
    return _with_doctype(LAUGHS)(xml).replace(b">Nouvelle offre<", b">&lol9;<")


@pytest.mark.parametrize(
    "part",
    [
        "ppt/slides/slide1.xml",
        "[Content_Types].xml",
        "ppt/slides/_rels/slide1.xml.rels",
        "_rels/.rels",
        "ppt/presentation.xml",
        "docProps/core.xml",
    ],
)
def test_billion_laughs_in_any_part_is_refused(deck: bytes, part: str) -> None:
    edit = _laughing_title if part == "ppt/slides/slide1.xml" else _with_doctype(LAUGHS)
    error = _refusal(_rezip(deck, {part: edit}))
    assert (error.problem, error.values) == (Problem.XML_ENTITIES, {"part": part})
    assert error.describe(Lang.EN) == (
        f"refused for safety: part {part} declares XML entities (a document type definition), "
        'which no PowerPoint file does and which can expand to gigabytes ("billion laughs")'
    )


@pytest.mark.parametrize(
    "edit",
    [
        # The document type after a comment: the quick look at the first bytes is not enough.
        lambda xml: _with_doctype(b"<!-- " + b"x" * 5000 + b" -->" + LAUGHS)(xml),
        # UTF-16 with a byte-order mark, as libxml2 reads it.
        lambda xml: (
            b"\xff\xfe"
            + _with_doctype(LAUGHS)(xml.replace(b"UTF-8", b"UTF-16")).decode().encode("utf-16-le")
        ),
        # An external entity: nothing is fetched, the declaration alone is refused.
        _with_doctype(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
        # A bare document type declaration, no entity: refused all the same.
        _with_doctype(b"<!DOCTYPE p:sld>"),
    ],
    ids=["after-a-comment", "utf-16", "external-entity", "bare-doctype"],
)
def test_doctype_however_written_is_refused(deck: bytes, edit: Callable[[bytes], bytes]) -> None:
    error = _refusal(_rezip(deck, {"ppt/slides/slide1.xml": edit}))
    assert (error.problem, error.values) == (
        Problem.XML_ENTITIES,
        {"part": "ppt/slides/slide1.xml"},
    )


def test_doctype_is_looked_for_in_members_whatever_their_name(deck: bytes) -> None:
    # python-pptx parses a part by its content type, so a slide could be named image1.png.
    data = _rezip(deck, {"ppt/slides/slide1.xml": _laughing_title})
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        slide = source.read("ppt/slides/slide1.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(deck)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("ppt/media/image1.png", slide)
    error = _refusal(out.getvalue())
    assert (error.problem, error.values) == (Problem.XML_ENTITIES, {"part": "ppt/media/image1.png"})


def test_xml_that_only_looks_odd_is_not_refused(deck: bytes) -> None:
    # A byte-order mark, a comment, a processing instruction and white space before the root:
    # unusual but harmless, and python-pptx reads it.
    prefix = b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\n<!-- DOCTYPE -->\n<?mso x?>\n'
    data = _rezip(deck, {"ppt/slides/slide1.xml": lambda xml: prefix + xml[xml.index(b"?>") + 3 :]})
    gate.check(data)  # no DeckError
    assert [s.title for s in parser.parse(data, "deck.pptx").slides] == ["Nouvelle offre"]


def test_the_parser_refuses_entities_on_its_own(deck: bytes) -> None:
    # Without the gate, libxml2's amplification cap stops the parse; the error still names the
    # part rather than surfacing as a raw lxml error or an "unreadable XML" one.
    data = _rezip(deck, {"ppt/slides/slide1.xml": _laughing_title})
    with pytest.raises(DeckError) as caught:
        parser.parse(data, "deck.pptx")
    assert (caught.value.problem, caught.value.values) == (
        Problem.XML_ENTITIES,
        {"part": "ppt/slides/slide1.xml"},
    )


def test_our_xml_parser_expands_and_fetches_nothing() -> None:
    root = ooxml.parse_xml(
        b'<!DOCTYPE x [<!ENTITY word "Offre"><!ENTITY file SYSTEM "file:///etc/hostname">]>'
        b"<x><a>&word;</a><b>&file;</b></x>"
    )
    # The references stay references: neither the text nor the file made it in.
    assert ["".join(child.itertext()) for child in root] == ["&word;", "&file;"]


# --- overlapping entries -----------------------------------------------------------------------

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


def _fifield_bomb(copies: int, kernel_size: int) -> tuple[bytes, int]:
    """``copies`` entries whose deflate streams all end in one shared kernel: each starts with
    a stored block quoting the next entry's local header, then runs on into that entry's data
    (the "quoted overlap" of Fifield, "A better zip bomb", 2019). Returns the zip and what
    unpacking every entry would produce."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    kernel = compressor.compress(bytes(kernel_size)) + compressor.flush()
    names = [f"ppt/media/image{i:03d}.bin".encode() for i in range(copies)]
    headers: list[bytes] = [b""] * copies
    sizes = [0] * copies
    packed = [0] * copies
    crcs = [0] * copies
    quoted = b""  # the local headers after entry i, which entry i unpacks to before the kernel
    for i in reversed(range(copies)):
        sizes[i] = len(quoted) + kernel_size
        packed[i] = (len(quoted) + 5 * (copies - 1 - i)) + len(kernel)
        crcs[i] = zlib.crc32(bytes(kernel_size), zlib.crc32(quoted))
        headers[i] = (
            _LOCAL.pack(
                b"PK\x03\x04", 20, 0, 8, 0, 0, crcs[i], packed[i], sizes[i], len(names[i]), 0
            )
            + names[i]
        )
        quoted = headers[i] + quoted
    body = io.BytesIO()
    offsets = []
    for i, header in enumerate(headers):
        offsets.append(body.tell())
        body.write(header)
        if i + 1 < copies:  # a stored, non-final block quoting the next local header
            length = len(headers[i + 1])
            body.write(struct.pack("<BHH", 0, length, length ^ 0xFFFF))
    body.write(kernel)
    directory_start = body.tell()
    for i, name in enumerate(names):
        body.write(
            _CENTRAL.pack(
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crcs[i],
                packed[i],
                sizes[i],
                len(name),
                0,
                0,
                0,
                0,
                0,
                offsets[i],
            )
            + name
        )
    size = body.tell() - directory_start
    body.write(_END.pack(b"PK\x05\x06", 0, 0, copies, copies, size, directory_start, 0))
    return body.getvalue(), sum(sizes)


def test_fifield_overlap_bomb_is_refused_before_unpacking() -> None:
    data, unpacked = _fifield_bomb(copies=60, kernel_size=1 << 20)
    assert len(data) < 10_000 and unpacked > 60 << 20  # a 6000-fold bomb
    # It is a working zip: zipfile unpacks an entry without complaint (CRC and all).
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert (
            len(archive.read("ppt/media/image000.bin"))
            == archive.getinfo("ppt/media/image000.bin").file_size
        )
    error = _refusal(data)
    assert (error.problem, error.detail) == (
        Problem.OVERLAPPING_ZIP,
        "ppt/media/image000.bin, ppt/media/image001.bin",
    )


def _patch_central(data: bytes, name: str, **fields: int) -> bytes:
    """``data`` with fields (``offset``, ``packed``) of ``name``'s directory record changed."""
    patched = bytearray(data)
    start = _END.unpack_from(data, data.rindex(b"PK\x05\x06"))[6]
    while True:
        record = list(_CENTRAL.unpack_from(patched, start))
        length = record[10]
        if patched[start + _CENTRAL.size : start + _CENTRAL.size + length] == name.encode():
            break
        start += _CENTRAL.size + length + record[11] + record[12]
    if "offset" in fields:
        record[16] = fields["offset"]
    if "packed" in fields:
        record[8] = fields["packed"]
    _CENTRAL.pack_into(patched, start, *record)
    return bytes(patched)


def test_two_entries_on_the_same_bytes_are_refused(deck: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        slide = archive.getinfo("ppt/slides/slide1.xml")
    data = _patch_central(deck, "docProps/app.xml", offset=slide.header_offset)
    error = _refusal(data)
    assert error.problem is Problem.OVERLAPPING_ZIP
    assert set(error.detail.split(", ")) == {"ppt/slides/slide1.xml", "docProps/app.xml"}


def test_an_entry_running_into_the_central_directory_is_refused(deck: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        last = max(archive.infolist(), key=lambda info: info.header_offset)
    data = _patch_central(deck, last.filename, packed=last.compress_size + 200)
    error = _refusal(data)
    assert (error.problem, error.detail) == (Problem.OVERLAPPING_ZIP, last.filename)


def test_two_entries_with_the_same_name_are_refused(deck: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(deck)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name"
            target.writestr("ppt/slides/slide1.xml", b"<p:sld/>")
    error = _refusal(out.getvalue())
    assert (error.problem, error.detail) == (
        Problem.OVERLAPPING_ZIP,
        "ppt/slides/slide1.xml, ppt/slides/slide1.xml",
    )


def test_data_descriptors_and_prefixed_bytes_are_not_overlaps(deck: bytes) -> None:
    stream = Unseekable()
    with zipfile.ZipFile(io.BytesIO(deck)) as source, zipfile.ZipFile(stream, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_DEFLATED)
    data = bytes(stream.buffer)
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].flag_bits & 0x08  # descriptors
    gate.check(data)  # no DeckError
    assert [s.title for s in parser.parse(data, "deck.pptx").slides] == ["Nouvelle offre"]


# --- names aimed at the file system ------------------------------------------------------------

HOSTILE_NAMES = (
    "../../evil.xml",
    "/abs.xml",
    "C:\\x.xml",
    "ppt/../../../evil2.xml",
    "..\\evil3.xml",
)


def test_member_names_never_reach_the_file_system(
    deck: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(deck)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "ppt/slides/_rels/slide1.xml.rels":
                # A relationship aims at each name too, so python-pptx resolves them.
                extra = "".join(
                    f'<Relationship Id="rIdEvil{i}" Target="{name}" Type="http://schemas.'
                    f'openxmlformats.org/officeDocument/2006/relationships/image"/>'
                    for i, name in enumerate(HOSTILE_NAMES)
                ).encode()
                content = content.replace(b"</Relationships>", extra + b"</Relationships>")
            target.writestr(info, content)
        for name in HOSTILE_NAMES:
            target.writestr(name, b"<x>evil</x>")
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert set(HOSTILE_NAMES) <= set(archive.namelist())
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    (work / "deck.pptx").write_bytes(data)
    before = sorted(tmp_path.rglob("*"))
    outcome: Report | DeckError
    try:
        outcome = analyze(work / "deck.pptx")
    except DeckError as error:
        outcome = error
    assert sorted(tmp_path.rglob("*")) == before
    for name in ("/abs.xml", "/evil.xml", "/evil2.xml"):
        assert not Path(name).exists()
    assert isinstance(outcome, Report)
    assert [s.title for s in outcome.deck.slides] == ["Nouvelle offre"]


# --- time and memory, measured apart -----------------------------------------------------------

_CHILD = """
import json, resource, sys, time
from analyzer import analyze
from analyzer.errors import DeckError
import pptx, lxml.etree  # imported before the baseline, as a long-running process would have

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

base = peak_mb()
found = {}
for path in sys.argv[1:]:
    started = time.perf_counter()
    try:
        analyze(path)
        problem = "analyzed"
    except DeckError as error:
        problem = error.problem.value
    found[path] = [problem, time.perf_counter() - started, peak_mb() - base]
print(json.dumps(found))
"""


def test_each_hostile_deck_is_refused_fast_and_in_little_memory(
    deck: bytes, tmp_path: Path
) -> None:
    bomb, _ = _fifield_bomb(copies=60, kernel_size=1 << 20)
    decks = {
        "ratio-bomb.pptx": (_ratio_bomb(), Problem.ZIP_BOMB),
        "laughs.pptx": (
            _rezip(deck, {"ppt/slides/slide1.xml": _laughing_title}),
            Problem.XML_ENTITIES,
        ),
        "overlap.pptx": (bomb, Problem.OVERLAPPING_ZIP),
    }
    for name, (data, _) in decks.items():
        (tmp_path / name).write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, *(str(tmp_path / name) for name in decks)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    measured = json.loads(result.stdout)
    for name, (_, problem) in decks.items():
        got, seconds, extra_mb = measured[str(tmp_path / name)]
        assert got == problem.value, name
        assert seconds < 2.0, (name, seconds)  # safety bounds, not benchmarks
        assert extra_mb < 50, (name, extra_mb)


def _random_words(count: int, seed: int) -> str:
    """Words that do not compress well, so a deck of them is not refused as a zip bomb."""
    import random

    rng = random.Random(seed)
    return " ".join("".join(rng.choices("abcdefghij", k=6)) for _ in range(count))


def test_a_paragraph_over_the_text_cap_is_refused_before_language_analysis() -> None:
    data = build_deck(
        [
            {"title": "Plan", "bullets": ["Nos marges baissent"]},
            {"bullets": [_random_words(9000, 1)]},
        ],
        lang="fr",
    )
    with pytest.raises(DeckError) as caught:
        analyze(data)
    assert caught.value.problem is Problem.PARAGRAPH_TOO_LONG
    assert "slide 2 has 62999 characters (limit 50000)" in caught.value.describe(Lang.EN)
    assert "diapositive 2 compte 62999 caractères" in caught.value.describe(Lang.FR)


def test_the_deck_text_cap_is_a_setting(tmp_path: Path) -> None:
    from analyzer.config import load_config

    (tmp_path / "deckmentor.toml").write_text("[limits]\nmax-text-chars = 500\n")
    config = load_config(tmp_path / "deckmentor.toml")
    slides = [{"title": "Nos marges baissent", "bullets": [_random_words(20, n)]} for n in range(9)]
    with pytest.raises(DeckError) as caught:
        analyze(build_deck(slides, lang="fr"), config)
    assert caught.value.problem is Problem.TEXT_TOO_LONG


def test_a_very_long_word_costs_linear_time() -> None:
    """A fuzzed deck with a 100,000-letter word once took minutes in the link patterns."""
    data = build_deck([{"title": "Plan", "bullets": ["Nos marges baissent", "a" * 45_000]}])
    started = time.perf_counter()
    assert isinstance(analyze(data), Report)
    assert time.perf_counter() - started < 20.0  # a safety bound, not a benchmark
