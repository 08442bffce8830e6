"""Broken packages, made here from a sound deck: missing parts, relationships that lead nowhere,
parts that are not XML, damaged members, truncated archives. When the slides can be read the
deck is analyzed and what was skipped is named (``Deck.skipped``, reported as DK101); otherwise
it is refused with a line that names the part. The user's file is never written."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from analyzer import analyze, gate, parser
from analyzer.annotation import Lang
from analyzer.errors import DeckError, Problem
from analyzer.model import CoreProperties, Deck, PartKind, UnreadPart
from analyzer.package import open_package
from tests.builders import Unseekable, build_deck

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

#: Slide 1 uses layout 2 (title and content) and has notes; slide 2 uses layout 6 (title only);
#: slide 3 uses layout 2.
SPEC: list[dict[str, Any]] = [
    {"title": "Nouvelle offre", "bullets": ["Trois gammes"], "notes": "Insister sur le prix"},
    {"title": "Calendrier"},
    {"title": "Décision attendue", "bullets": ["Valider le lancement"]},
]
TITLES = ["Nouvelle offre", "Calendrier", "Décision attendue"]
SLIDE_RELS = "ppt/slides/_rels/slide2.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout6.xml"
MASTER = "ppt/slideMasters/slideMaster1.xml"
NOTES = "ppt/notesSlides/notesSlide1.xml"


@pytest.fixture(scope="module")
def deck() -> bytes:
    return build_deck(SPEC)


def _rezip(
    data: bytes,
    *,
    drop: Sequence[str] = (),
    edit: Mapping[str, Callable[[bytes], bytes]] | None = None,
    last: str | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A copy without ``drop``, with ``edit`` applied, ``last`` moved to the end."""
    edit = edit or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        infos = sorted(source.infolist(), key=lambda info: info.filename == last)
        for info in infos:
            if info.filename in drop:
                continue
            content = source.read(info)
            if info.filename in edit:
                content = edit[info.filename](content)
            target.writestr(info.filename, content, method)
    return out.getvalue()


def _read(data: bytes) -> Deck:
    """The deck as the pipeline reads it: through the gate, then the parser."""
    gate.check(data)
    return parser.parse(data, "deck.pptx")


def _refused(data: bytes) -> DeckError:
    with pytest.raises(DeckError) as caught:
        _read(data)
    for lang in (Lang.EN, Lang.FR):
        line = caught.value.describe(lang)
        assert line and "\n" not in line and "?" not in line, line
    return caught.value


def _titles(deck: Deck) -> list[str | None]:
    return [slide.title for slide in deck.slides]


def _retarget(pattern: bytes, target: str, external: bool = False) -> Callable[[bytes], bytes]:
    """Rewrite the ``Target`` of the relationship whose target matches ``pattern``."""
    mode = b' TargetMode="External"' if external else b""

    def edit(xml: bytes) -> bytes:
        found = re.sub(
            rb'Target="[^"]*' + pattern + rb'[^"]*"',
            lambda _: b'Target="' + target.encode() + b'"' + mode,
            xml,
        )
        assert found != xml or target == ""
        return found

    return edit


# --- missing parts -----------------------------------------------------------------------------


def test_a_missing_layout_is_named_on_the_slide_that_uses_it(deck: bytes) -> None:
    read = _read(_rezip(deck, drop=[LAYOUT]))
    assert _titles(read) == TITLES
    assert [s.layout_name for s in read.slides] == ["Title and Content", "", "Title and Content"]
    # The master names the layout too: it is said once, on the slide.
    assert read.skipped == (UnreadPart(PartKind.LAYOUT, LAYOUT, "missing", 2),)


def test_a_missing_master_is_named_once(deck: bytes) -> None:
    read = _read(_rezip(deck, drop=[MASTER]))
    assert _titles(read) == TITLES
    assert read.skipped == (UnreadPart(PartKind.MASTER, MASTER, "missing", None),)


def test_a_missing_theme_loses_nothing_a_person_reads(deck: bytes) -> None:
    read = _read(_rezip(deck, drop=["ppt/theme/theme1.xml"]))
    assert (_titles(read), read.skipped) == (TITLES, ())


def test_missing_notes_are_named_on_their_slide(deck: bytes) -> None:
    read = _read(_rezip(deck, drop=[NOTES]))
    assert (_titles(read), read.slides[0].notes) == (TITLES, None)
    assert read.skipped == (UnreadPart(PartKind.NOTES, NOTES, "missing", 1),)


@pytest.mark.parametrize(
    "part",
    [
        "ppt/presProps.xml",
        "ppt/viewProps.xml",
        "ppt/tableStyles.xml",
        "docProps/app.xml",
        "docProps/thumbnail.jpeg",
        "ppt/notesMasters/notesMaster1.xml",
    ],
)
def test_missing_parts_nobody_reads_are_not_mentioned(deck: bytes, part: str) -> None:
    read = _read(_rezip(deck, drop=[part]))
    assert (_titles(read), read.slides[0].notes is not None, read.skipped) == (TITLES, True, ())


def test_missing_core_properties_leave_them_empty(deck: bytes) -> None:
    read = _read(_rezip(deck, drop=["docProps/core.xml"]))
    assert (_titles(read), read.core, read.skipped) == (TITLES, CoreProperties(), ())


def test_a_missing_presentation_part_is_refused(deck: bytes) -> None:
    error = _refused(_rezip(deck, drop=["ppt/presentation.xml"]))
    assert error.describe(Lang.EN) == (
        "the deck is incomplete (ppt/presentation.xml is missing): open and save it again in "
        "PowerPoint"
    )


def test_missing_presentation_relationships_are_refused(deck: bytes) -> None:
    # Without them no slide can be found: not "a deck without slides".
    error = _refused(_rezip(deck, drop=["ppt/_rels/presentation.xml.rels"]))
    assert error.describe(Lang.FR) == (
        "la présentation est incomplète (ppt/_rels/presentation.xml.rels manque) : ouvrez-la et "
        "enregistrez-la de nouveau dans PowerPoint"
    )


def test_missing_package_relationships_are_rebuilt(deck: bytes) -> None:
    original = _read(deck)
    read = _read(_rezip(deck, drop=["_rels/.rels"]))
    assert (_titles(read), read.core, read.application, read.skipped) == (
        TITLES,
        original.core,
        original.application,
        (),
    )


# --- relationships that lead nowhere ------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "external", "shown"),
    [
        ("../../../x.xml", False, "../../../x.xml"),
        ("../slideLayouts/../../../../etc/passwd", False, "../slideLayouts/../../../../etc/passwd"),
        ("/ppt/slideLayouts/slideLayout99.xml", False, "ppt/slideLayouts/slideLayout99.xml"),
        ("http://example.com/layout.xml", False, "http://example.com/layout.xml"),
        ("C:\\Users\\claire\\layout.xml", False, "C:\\Users\\claire\\layout.xml"),
        ("", False, 'Target=""'),
        ("../slideLayouts/slideLayout6.xml", True, "../slideLayouts/slideLayout6.xml"),
        ("https://example.com/layout.xml", True, "https://example.com/layout.xml"),
    ],
    ids=["above-root", "etc-passwd", "absent", "web", "drive", "empty", "external", "web-external"],
)
def test_a_layout_relationship_with_a_bad_target(
    deck: bytes, target: str, external: bool, shown: str
) -> None:
    data = _rezip(deck, edit={SLIDE_RELS: _retarget(b"slideLayout", target, external)})
    read = _read(data)
    assert [s.layout_name for s in read.slides] == ["Title and Content", "", "Title and Content"]
    assert (_titles(read), read.skipped) == (
        TITLES,
        (UnreadPart(PartKind.LAYOUT, shown, "missing", 2),),
    )


@pytest.mark.parametrize(
    ("target", "external", "shown"),
    [
        ("../../../x.xml", False, "../../../x.xml"),
        ("", False, 'Target=""'),
        ("slides/slide2.xml", True, "slides/slide2.xml"),
    ],
    ids=["above-root", "empty", "external"],
)
def test_a_slide_relationship_with_a_bad_target(
    deck: bytes, target: str, external: bool, shown: str
) -> None:
    data = _rezip(
        deck,
        edit={"ppt/_rels/presentation.xml.rels": _retarget(b"slide2.xml", target, external)},
    )
    read = _read(data)
    assert [(s.number, s.title) for s in read.slides] == [(1, TITLES[0]), (2, TITLES[2])]
    assert read.skipped == (UnreadPart(PartKind.SLIDE, shown, "missing", None),)


def test_external_hyperlinks_are_left_alone(deck: bytes) -> None:
    link = (
        b'<Relationship Id="rId99" TargetMode="External" Target="https://example.com/offre" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    )
    data = _rezip(
        deck,
        edit={SLIDE_RELS: lambda xml: xml.replace(b"</Relationships>", link + b"</Relationships>")},
    )
    read = _read(data)
    assert (_titles(read), read.skipped) == (TITLES, ())
    assert open_package(data).data == data  # nothing needed repairing


# --- parts that are not XML ---------------------------------------------------------------------


def _not_xml(_: bytes) -> bytes:
    return b"Ceci n'est pas du XML"


def _cut(xml: bytes) -> bytes:
    return xml[: len(xml) * 2 // 3]


@pytest.mark.parametrize("damage", [_not_xml, _cut], ids=["not-xml", "cut"])
def test_slide_relationships_that_are_not_xml(
    deck: bytes, damage: Callable[[bytes], bytes]
) -> None:
    read = _read(_rezip(deck, edit={SLIDE_RELS: damage}))
    assert _titles(read) == TITLES
    assert read.skipped == (UnreadPart(PartKind.LAYOUT, SLIDE_RELS, "unreadable", 2),)


def test_slide_relationships_that_are_not_xml_lose_the_notes_they_led_to(deck: bytes) -> None:
    rels = "ppt/slides/_rels/slide1.xml.rels"
    read = _read(_rezip(deck, edit={rels: _not_xml}))
    assert (_titles(read), read.slides[0].notes) == (TITLES, None)
    assert read.skipped == (
        UnreadPart(PartKind.NOTES, NOTES, "unreadable", 1),
        UnreadPart(PartKind.LAYOUT, rels, "unreadable", 1),
    )


@pytest.mark.parametrize(
    "rels",
    [
        "_rels/.rels",
        "ppt/slideLayouts/_rels/slideLayout6.xml.rels",
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
    ],
)
def test_other_relationships_that_are_not_xml(deck: bytes, rels: str) -> None:
    read = _read(_rezip(deck, edit={rels: _not_xml}))
    assert (_titles(read), read.skipped) == (TITLES, ())


def test_presentation_relationships_that_are_not_xml_are_refused(deck: bytes) -> None:
    error = _refused(_rezip(deck, edit={"ppt/_rels/presentation.xml.rels": _not_xml}))
    assert error.describe(Lang.EN) == (
        "the deck's XML cannot be read (part ppt/_rels/presentation.xml.rels): open and save it "
        "again in PowerPoint"
    )


def test_a_presentation_part_that_is_not_xml_is_refused(deck: bytes) -> None:
    error = _refused(_rezip(deck, edit={"ppt/presentation.xml": _cut}))
    assert (error.problem, error.values) == (
        Problem.UNREADABLE_XML,
        {"part": "ppt/presentation.xml"},
    )


@pytest.mark.parametrize(
    ("part", "skipped"),
    [
        (
            "ppt/slides/slide3.xml",
            (UnreadPart(PartKind.SLIDE, "ppt/slides/slide3.xml", "unreadable", None),),
        ),
        (
            "ppt/slideLayouts/slideLayout2.xml",
            (
                UnreadPart(PartKind.LAYOUT, "ppt/slideLayouts/slideLayout2.xml", "unreadable", 1),
                UnreadPart(PartKind.LAYOUT, "ppt/slideLayouts/slideLayout2.xml", "unreadable", 3),
            ),
        ),
        (MASTER, (UnreadPart(PartKind.MASTER, MASTER, "unreadable", None),)),
        (NOTES, (UnreadPart(PartKind.NOTES, NOTES, "unreadable", 1),)),
    ],
    ids=["slide", "layout", "master", "notes"],
)
def test_a_part_that_is_not_xml_is_skipped_and_named(
    deck: bytes, part: str, skipped: tuple[UnreadPart, ...]
) -> None:
    read = _read(_rezip(deck, edit={part: _cut}))
    expected = TITLES[:2] if part.startswith("ppt/slides/") else TITLES
    assert (_titles(read), read.skipped) == (expected, skipped)


def test_unreadable_core_properties_leave_them_empty(deck: bytes) -> None:
    read = _read(_rezip(deck, edit={"docProps/core.xml": _cut}))
    assert (_titles(read), read.core, read.skipped) == (TITLES, CoreProperties(), ())


def test_a_deck_whose_only_slide_is_not_xml_is_refused() -> None:
    data = _rezip(build_deck([{"title": "Un"}]), edit={"ppt/slides/slide1.xml": _cut})
    error = _refused(data)
    assert (error.problem, error.values) == (
        Problem.UNREADABLE_XML,
        {"part": "ppt/slides/slide1.xml"},
    )


# --- damaged members and truncated archives -----------------------------------------------------


def _data_span(data: bytes, name: str) -> tuple[int, int]:
    """Where a member's compressed bytes start and end in ``data``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack_from("<2H", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    return start, start + info.compress_size


@pytest.mark.parametrize(
    "method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflated"]
)
def test_a_damaged_slide_member_is_skipped_and_named(deck: bytes, method: int) -> None:
    data = bytearray(_rezip(deck, method=method))
    start, _ = _data_span(bytes(data), "ppt/slides/slide3.xml")
    for position in range(start + 40, start + 60):  # a bad CRC, or deflate data that breaks
        data[position] ^= 0x55
    read = _read(bytes(data))
    assert (_titles(read), read.skipped) == (
        TITLES[:2],
        (UnreadPart(PartKind.SLIDE, "ppt/slides/slide3.xml", "unreadable", None),),
    )


def test_a_damaged_presentation_member_is_refused(deck: bytes) -> None:
    data = bytearray(_rezip(deck, method=zipfile.ZIP_STORED))
    start, _ = _data_span(bytes(data), "ppt/presentation.xml")
    data[start + 100] ^= 0x01
    error = _refused(bytes(data))
    assert (error.problem, error.detail) == (
        Problem.CORRUPT_ZIP,
        "ppt/presentation.xml cannot be unpacked",
    )


def test_a_zip_truncated_in_its_last_slide_reads_the_others(deck: bytes) -> None:
    data = _rezip(deck, last="ppt/slides/slide3.xml")
    start, end = _data_span(data, "ppt/slides/slide3.xml")
    truncated = data[: (start + end) // 2]
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(truncated))
    read = _read(truncated)
    assert (_titles(read), read.skipped) == (
        TITLES[:2],
        (UnreadPart(PartKind.SLIDE, "ppt/slides/slide3.xml", "missing", None),),
    )


def test_a_truncated_zip_with_data_descriptors(deck: bytes) -> None:
    stream = Unseekable()
    ordered = _rezip(deck, last="ppt/slides/slide3.xml")
    with zipfile.ZipFile(io.BytesIO(ordered)) as source, zipfile.ZipFile(stream, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_DEFLATED)
    data = bytes(stream.buffer)
    truncated = data[: data.rindex(b"PK\x03\x04") + 40]  # inside slide3.xml's local header
    read = _read(truncated)
    assert (_titles(read), read.skipped) == (
        TITLES[:2],
        (UnreadPart(PartKind.SLIDE, "ppt/slides/slide3.xml", "missing", None),),
    )


def test_a_directory_zipfile_refuses_is_rebuilt_from_the_local_headers(deck: bytes) -> None:
    # A fuzzer's find: zipfile raises NotImplementedError for a directory entry that asks for
    # zip version 6.4; the local headers are sound.
    data = bytearray(deck)
    record = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, record + 6, 64)  # version needed to extract
    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(bytes(data)))
    read = _read(bytes(data))
    assert (_titles(read), read.skipped) == (TITLES, ())


def test_a_zip_truncated_in_its_only_slide_is_refused() -> None:
    data = _rezip(build_deck([{"title": "Un"}]), last="ppt/slides/slide1.xml")
    start, end = _data_span(data, "ppt/slides/slide1.xml")
    error = _refused(data[: (start + end) // 2])
    assert error.describe(Lang.EN) == (
        "damaged or truncated file (not a complete zip archive): copy or download it again"
    )


# --- end to end --------------------------------------------------------------------------------


def test_skipped_parts_are_reported_and_the_file_is_not_written(
    deck: bytes, tmp_path: Path
) -> None:
    data = bytearray(_rezip(deck, drop=[NOTES], method=zipfile.ZIP_STORED))
    start, _ = _data_span(bytes(data), "ppt/slides/slide3.xml")
    data[start + 50] ^= 0x01
    path = tmp_path / "offre.pptx"
    path.write_bytes(bytes(data))
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    report = analyze(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert [s.title for s in report.deck.slides] == TITLES[:2]
    assert {
        (f.code, f.loc.slide_number, f.evidence) for f in report.findings if f.code == "DK101"
    } == {("DK101", None, "ppt/slides/slide3.xml"), ("DK101", 1, NOTES)}


# --- real decks --------------------------------------------------------------------------------

corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no real-world corpus at {CORPUS}")


@corpus
def test_real_deck_with_a_missing_relationships_part() -> None:
    # One unused layout has no relationships part: nothing a person reads is lost.
    read = _read((CORPUS / "scanny__python-pptx__missing_rels_item.pptx").read_bytes())
    assert (_titles(read), read.skipped) == (["Presentation Title Text"], ())


@corpus
def test_real_fuzzed_deck_is_truncated_and_its_only_slide_damaged() -> None:
    # A fuzzer's find: the archive ends inside a layout (no central directory) and the one
    # slide's bytes fail their CRC. The whole members are read; no slide is among them.
    data = (
        CORPUS / "apache__poi__clusterfuzz-testcase-minimized-POIXSLFFuzzer-6254434927378432.pptx"
    ).read_bytes()
    package = open_package(data, salvage=True)
    assert package.truncated
    assert [
        (loss.target, loss.problem, loss.damaged)
        for loss in package.losses
        if loss.kind in ("slide", "slideMaster")
    ] == [
        ("ppt/slides/slide1.xml", "unreadable", True),
        ("ppt/slideMasters/slideMaster1.xml", "missing", False),
    ]
    error = _refused(data)
    assert (error.problem, error.detail) == (
        Problem.CORRUPT_ZIP,
        "no slide could be unpacked (ppt/slides/slide1.xml)",
    )
