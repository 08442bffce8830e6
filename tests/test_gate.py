"""The safety gate against each kind of bad input, made here from bytes: every refusal is a
DeckError with its own Problem and one line in English and in French."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest

from analyzer import gate
from analyzer.annotation import Lang
from analyzer.errors import DeckError, Problem
from tests.builders import build_deck

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def _refusal(data: bytes, limits: gate.Limits | None = None) -> DeckError:
    with pytest.raises(DeckError) as caught:
        gate.check(data, limits)
    error = caught.value
    en, fr = error.describe(Lang.EN), error.describe(Lang.FR)
    for line in (en, fr):
        assert line and "\n" not in line and "?" not in line, line
    assert en != fr
    return error


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _content_types(part: str, content_type: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_TYPES_NS}">'
        f'<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{part}" ContentType="{content_type}"/></Types>'
    ).encode()


def _ole(*streams: str, extra: bytes = b"") -> bytes:
    """An OLE compound file header followed by directory entries naming ``streams``."""
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in streams)
    return _OLE_MAGIC + b"\x00" * 504 + entries + extra


@pytest.fixture(scope="module")
def deck() -> bytes:
    return build_deck([{"title": "Nouvelle offre", "bullets": ["Trois gammes"]}])


def test_a_real_deck_passes(deck: bytes) -> None:
    gate.check(deck)  # no DeckError


def test_empty_file() -> None:
    assert _refusal(b"").problem is Problem.EMPTY_FILE


def test_file_over_the_size_cap(deck: bytes) -> None:
    error = _refusal(deck, gate.Limits(max_file_bytes=1024))
    assert error.problem is Problem.TOO_LARGE


def test_pdf() -> None:
    assert _refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").problem is Problem.PDF


@pytest.mark.parametrize(
    "data",
    [
        b"notes about deck.pptx and the budget\nsecond line.pptx",  # names decks, is no link
        "Ordre du jour du Codir : l’offre\n".encode(),
        b"\xef\xbb\xbfTitre;Gamme\nOffre;Essentiel\n",
        "\ufeffNotes de l’orateur".encode("utf-16-le"),
        "é".encode() * 2047 + b"\xc3",  # a character cut at the 4 KB sniffing boundary
    ],
    ids=["mentions-decks", "utf-8", "utf-8-bom", "utf-16-bom", "cut-character"],
)
def test_text(data: bytes) -> None:
    assert _refusal(data).problem is Problem.TEXT


def test_symbolic_link_saved_as_a_file_names_its_target() -> None:
    error = _refusal(b"../../../example-docs/science-exploration-1p.pptx")
    assert error.problem is Problem.LINK_FILE
    assert "example-docs/science-exploration-1p.pptx" in error.describe(Lang.FR)


def test_git_lfs_pointer() -> None:
    pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a21\nsize 1234567\n"
    error = _refusal(pointer)
    assert error.problem is Problem.LFS_POINTER
    assert "git lfs pull" in error.describe(Lang.EN)


def test_office_lock_file() -> None:
    name = "claire.martin"
    blob = bytes([len(name)]) + name.encode().ljust(53, b" ")
    blob += struct.pack("<H", len(name)) + name.encode("utf-16-le")
    blob = (blob + b"\x20\x00" * 60)[:165]
    assert len(blob) == 165
    assert _refusal(blob).problem is Problem.LOCK_FILE


def test_binary_that_is_nothing_known() -> None:
    assert _refusal(bytes(range(256)) * 4).problem is Problem.NOT_A_ZIP


@pytest.mark.parametrize(
    ("streams", "extra", "problem", "detail"),
    [
        (("Root Entry", "PowerPoint Document", "Current User"), b"", Problem.LEGACY_PPT, ""),
        (
            ("Root Entry", "PowerPoint Document", "Current User"),
            b"\x00\x00\xf6\x0f\x20\x00\x00\x00\x14\x00\x00\x00\xdf\xc4\xd1\xf3",
            Problem.ENCRYPTED,
            "password-protected legacy .ppt",
        ),
        (
            ("Root Entry", "EncryptionInfo", "EncryptedPackage"),
            b"",
            Problem.ENCRYPTED,
            "encrypted Office Open XML package",
        ),
        (
            ("Root Entry", "WordDocument", "1Table"),
            b"",
            Problem.OTHER_OFFICE,
            "Word 97-2003 (.doc)",
        ),
        (("Root Entry", "Workbook"), b"", Problem.OTHER_OFFICE, "Excel 97-2003 (.xls)"),
        (("Root Entry", "VisioDocument"), b"", Problem.OLE_OTHER, ""),
    ],
    ids=["ppt", "encrypted-ppt", "encrypted-pptx", "doc", "xls", "other-ole"],
)
def test_ole_files(streams: tuple[str, ...], extra: bytes, problem: Problem, detail: str) -> None:
    error = _refusal(_ole(*streams, extra=extra))
    assert (error.problem, error.detail) == (problem, detail)


def _member_end(deck: bytes, name: str) -> int:
    """Where a member's bytes end in ``deck`` (its local header, name and data)."""
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack_from("<2H", deck, info.header_offset + 26)
    return int(info.header_offset + 30 + name_length + extra_length + info.compress_size)


def test_zip_truncated_before_the_presentation_part(deck: bytes) -> None:
    error = _refusal(deck[: _member_end(deck, "ppt/presentation.xml") - 10])
    assert (error.problem, error.detail) == (
        Problem.CORRUPT_ZIP,
        "truncated before ppt/presentation.xml",
    )


def test_zip_truncated_after_the_presentation_part_passes(deck: bytes) -> None:
    # Its whole members are read through a rebuilt directory (tests/test_broken_packages.py).
    gate.check(deck[: _member_end(deck, "ppt/_rels/presentation.xml.rels") + 10])


def test_a_few_bytes_that_start_like_a_zip() -> None:
    error = _refusal(b"PK\x03\x04\x14\x00\x00\x00")
    assert (error.problem, error.detail) == (Problem.CORRUPT_ZIP, "File is not a zip file")


def test_empty_zip() -> None:
    empty = _zip({})
    assert empty.startswith(b"PK\x05\x06")
    assert _refusal(empty).problem is Problem.NOT_A_PRESENTATION


def test_zip_without_content_types() -> None:
    error = _refusal(_zip({"ppt/presentation.xml": b"<p:presentation/>"}))
    assert (error.problem, error.detail) == (Problem.NOT_A_PRESENTATION, "no [Content_Types].xml")


def test_zip_whose_presentation_part_is_missing() -> None:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    error = _refusal(_zip({"[Content_Types].xml": _content_types("/ppt/presentation.xml", main)}))
    assert (error.problem, error.detail) == (Problem.MISSING_PART, "ppt/presentation.xml")
    assert error.describe(Lang.EN) == (
        "the deck is incomplete (ppt/presentation.xml is missing): open and save it again in "
        "PowerPoint"
    )


def test_zip_without_presentation_content_type() -> None:
    error = _refusal(_zip({"[Content_Types].xml": _content_types("/data.xml", "text/xml")}))
    assert (error.problem, error.detail) == (
        Problem.NOT_A_PRESENTATION,
        "no presentation content type",
    )


@pytest.mark.parametrize(
    ("part", "content_type", "detail"),
    [
        (
            "/word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "Word (.docx)",
        ),
        (
            "/xl/workbook.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "Excel (.xlsx)",
        ),
    ],
)
def test_other_office_open_xml_documents(part: str, content_type: str, detail: str) -> None:
    data = _zip({"[Content_Types].xml": _content_types(part, content_type), part[1:]: b"<x/>"})
    error = _refusal(data)
    assert (error.problem, error.detail) == (Problem.OTHER_OFFICE, detail)


def test_opendocument_presentation() -> None:
    data = _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.presentation", "content.xml": b"<x/>"}
    )
    error = _refusal(data)
    assert (error.problem, error.detail) == (Problem.OPENDOCUMENT, ".odp")


def test_zip_encrypted_member(deck: bytes) -> None:
    data = bytearray(deck)
    # Set bit 0 (encrypted) of the general-purpose flags of the first local header and of the
    # first central-directory entry.
    data[6] |= 0x01
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x01
    error = _refusal(bytes(data))
    assert error.problem is Problem.ENCRYPTED


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """300 MB of zeros, deflated to about 300 KB, beside a real content-types part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("ppt/media/image1.png", "w", force_zip64=True) as member:
            chunk = b"\x00" * 2**20
            for _ in range(300):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_is_refused_from_the_directory_quickly(zip_bomb: bytes) -> None:
    started = time.perf_counter()
    error = _refusal(zip_bomb)
    elapsed = time.perf_counter() - started
    assert (error.problem, error.values["part"], error.values["limit"]) == (
        Problem.ZIP_BOMB,
        "ppt/media/image1.png",
        200,
    )
    ratio = error.values["ratio"]
    assert isinstance(ratio, int) and ratio > 900  # deflate tops out near 1032:1 on zeros
    assert elapsed < 0.25  # unpacking 300 MB would take longer than this


def test_member_unpacking_over_the_cap() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "ppt/media/big.bin": bytes(range(256)) * 40})
    error = _refusal(data, gate.Limits(max_member_bytes=5000))
    assert (error.problem, error.detail) == (Problem.UNPACKED_TOO_LARGE, "ppt/media/big.bin")


def test_total_unpacking_over_the_cap() -> None:
    members = {f"ppt/media/{i}.bin": bytes(range(256)) * 4 for i in range(5)}
    error = _refusal(_zip(members), gate.Limits(max_total_bytes=4000))
    assert error.problem is Problem.UNPACKED_TOO_LARGE


def test_too_many_parts() -> None:
    members = {f"ppt/slides/slide{i}.xml": b"<x/>" for i in range(12)}
    error = _refusal(_zip(members), gate.Limits(max_members=10))
    assert (error.problem, error.values) == (Problem.TOO_MANY_PARTS, {"count": 12, "limit": 10})


def test_describe_names_the_numbers_in_both_languages() -> None:
    error = DeckError(Problem.TOO_MANY_PARTS, count=12000, limit=10000)
    assert (
        error.describe(Lang.EN)
        == "refused for safety: 12000 parts in its zip archive (limit 10000); if you trust the "
        "file, raise max-parts in deckmentor.toml"
    )
    assert error.describe(Lang.FR) == (
        "refusé par sécurité : 12000 parties dans son archive zip (limite 10000) ; si vous "
        "faites confiance au fichier, relevez max-parts dans deckmentor.toml"
    )


@pytest.mark.parametrize(
    ("limits", "setting"),
    [({"max_member_bytes": 5000}, "max-part-mb"), ({"max_total_bytes": 4000}, "max-total-mb")],
)
def test_a_size_cap_that_refuses_names_the_setting_that_would_let_it_through(
    limits: dict[str, int], setting: str
) -> None:
    members = {f"ppt/media/{i}.bin": bytes(range(256)) * 20 for i in range(2)}
    error = _refusal(_zip(members), gate.Limits(**limits))
    assert error.describe(Lang.EN).endswith(
        f"; if you trust the file, raise {setting} in deckmentor.toml"
    )
    assert error.describe(Lang.FR).endswith(
        f" ; si vous faites confiance au fichier, relevez {setting} dans deckmentor.toml"
    )


def test_describe_is_one_line_even_when_the_detail_is_not() -> None:
    error = DeckError(Problem.MISSING_PART, "ppt/slides/\nslide1.xml")
    assert error.describe(Lang.EN) == (
        "the deck is incomplete (ppt/slides/ slide1.xml is missing): open and save it again in "
        "PowerPoint"
    )
