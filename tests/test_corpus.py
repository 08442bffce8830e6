"""Every real-world deck of ../shared/corpus/dev through ``analyze()``: each one gives a Report
or a DeckError with one line, exactly as the table below says, and what is read from the real
decks is checked against their XML (see that folder's README and MANIFEST.csv for origins).

Why the expectations are what they are:
- ``Password_Protected-np-hello.ppt`` is a legacy binary .ppt (an OLE file with a "PowerPoint
  Document" stream) whose CurrentUserAtom carries the encrypted-document token 0xF3D1C4DF. It is
  ENCRYPTED rather than LEGACY_PPT: the password is what stops the user first (PowerPoint asks
  for it before it can save a .pptx), and the ENCRYPTED line tells them to remove it and save
  as .pptx, which covers both.
- the clusterfuzz file starts like a zip but has no central directory: CORRUPT_ZIP;
- the 49-byte file is the text of a symbolic link's target path: LINK_FILE;
- ``no-slides.pptx`` is a sound package with zero slides: NO_SLIDES;
- ``testPPT.ppsx`` is a slide show, read by declaring its main part as a presentation in memory;
- ``missing_rels_item.pptx`` lacks the relationships part of one unused layout: nothing a person
  reads is lost, so it analyzes with nothing skipped.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from analyzer import analyze
from analyzer.annotation import Lang
from analyzer.errors import DeckError, Problem
from analyzer.model import Chart, Deck, Scope, Section, TableCell
from analyzer.report import Report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no real-world corpus at {CORPUS}"),
]

FRENCH = "74nu5__Meetup-MUG.net-05-02-2019__Présentation.pptx"
ASPNET = "dotnet-presentations__home__aspnetcore.pptx"
OK = "ok"

#: The outcome of every file: "ok" (a Report) or the Problem of the DeckError.
EXPECTED: dict[str, str | Problem] = {
    FRENCH: OK,
    "JWHPortfolio__RLTalk__Reinforcement Learning.pptx": OK,
    "Unstructured-IO__unstructured__science-exploration-1p~docs.pptx": Problem.LINK_FILE,
    "apache__poi__Password_Protected-np-hello.ppt": Problem.ENCRYPTED,
    "apache__poi__au.asn.aes.www_conferences_2011_presentations_Fri_20Room4Level4_20930_"
    "20Maloney.pptx": OK,
    "apache__poi__bug60993.pptx": OK,
    "apache__poi__ca.ubc.cs.people_~emhill_presentations_HowWeRefactor.pptx": OK,
    "apache__poi__clusterfuzz-testcase-minimized-POIXSLFFuzzer-6254434927378432.pptx": (
        Problem.CORRUPT_ZIP
    ),
    "apache__poi__table_test2.pptx": OK,
    "apache__tika__testPPT.ppsx": OK,
    ASPNET: OK,
    "placerkyo__quoridor_alphabeta__発表資料.pptx": OK,
    "scanny__python-pptx__cht-charts.pptx": OK,
    "scanny__python-pptx__missing_rels_item.pptx": OK,
    "scanny__python-pptx__no-slides.pptx": Problem.NO_SLIDES,
    "scanny__python-pptx__prs-notes.pptx": OK,
    "scanny__python-pptx__shp-groupshape.pptx": OK,
    "scanny__python-pptx__tbl-cell.pptx": OK,
    # The 27 real decks of the corpus's second release (talks, pitches, defences, trainings).
    "23f2001127__data-driven-business-analytics__Presentation.pptx": OK,
    "IFB-ElixirFr__IFB-FAIR-bioinfo-training__J3_FAIR_bioinfo_2021.pptx": OK,
    "IFB-ElixirFr__IFB_Shiny_training__20190710-Shiny-deploiement.pptx": OK,
    "JulienMrgrd__lab-bot__Soutenance.pptx": OK,
    "MSDEVMTL__GlobalAzureBootcamp2018__Step5-ASC.pptx": OK,
    "NareshViriyala__Farmify__PitchDeck.pptx": OK,
    "NideXTC__formations__HTML_CSS.pptx": OK,
    "OWASP__Top10__OWASP_Top-10_2013 - Changes-from-2010.pptx": OK,
    "OWASP__Top10__OWASP_Top-10_2013 - Presentation.pptx": OK,
    "OWASP__Top10__Top10 2013 v0.1.pptx": OK,
    "OpenChain-Project__Reference-Material__basic-overview-of-openchain-iso5230_FR.pptx": OK,
    "OpenChain-Project__Reference-Material__reference-staff-training-slides-en.pptx": OK,
    "PiedPiperJr__Data_Battle_2026__presentation_soutenance.pptx": OK,
    "antoineDurand82__Projet_Infra_B1A__Diapo.pptx": OK,
    "aws-samples__aws-rekognition-workshop-twitter-bot__workshop.pptx": OK,
    "bgelens__Presentations__Azure_Automation_DSC_v3.1.pptx": OK,
    "clemousse__megafi__presentation.pptx": OK,
    "dtdannen__unstuck-ai__Unstuck Pitch Deck.pptx": OK,
    "hikalkan__presentations__Presentation-short-40min.pptx": OK,
    "hunkanome__ALIA-Project__Diapo.pptx": OK,
    "jbogard__presentations__ConsistencyAndAgreementInMicroservices.pptx": OK,
    "jcordatauclair__pla-java__presentation.pptx": OK,
    "liliaellouz__wabi-sabi__pitch.pptx": OK,
    "mtruel__projet_NN__Diapo.pptx": OK,
    "naaanaaa222__e-portfolio__soutenance.pptx": OK,
    "vcsjones__Presentations__HTTPS Landscape.pptx": OK,
    "vcsjones__Presentations__Test Driven Development.pptx": OK,
}


def _corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if p.name not in ("README.md", "MANIFEST.csv"))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Report | DeckError]:
    """Each corpus file analyzed once (spaCy runs: this is the slow test of the suite)."""
    found: dict[str, Report | DeckError] = {}
    for name in _corpus_files():
        try:
            found[name] = analyze(CORPUS / name)
        except DeckError as error:
            found[name] = error
    return found


def _deck(outcomes: dict[str, Report | DeckError], name: str) -> Deck:
    outcome = outcomes[name]
    assert isinstance(outcome, Report), outcome
    return outcome.deck


def test_the_table_names_every_corpus_file() -> None:
    assert sorted(EXPECTED) == _corpus_files()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outcome(outcomes: dict[str, Report | DeckError], name: str) -> None:
    outcome = outcomes[name]
    if EXPECTED[name] == OK:
        assert isinstance(outcome, Report), f"{name}: {outcome}"
        assert outcome.file_name == name
        assert outcome.deck.skipped == ()
    else:
        assert isinstance(outcome, DeckError), f"{name} analyzed but should be refused"
        assert outcome.problem is EXPECTED[name]
        for lang in (Lang.EN, Lang.FR):
            line = outcome.describe(lang)
            assert line and "\n" not in line


_A_T = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


_TEXT_PARTS = r"ppt/(slides/slide|diagrams/data|charts/chart)\d+\.xml"


def _slide_texts(path: Path) -> Iterator[tuple[str, str]]:
    """Every non-empty ``a:t`` of every slide, SmartArt data and chart part, read with lxml
    alone (speaker-notes pages are left out: their slide-number and footer placeholders are
    not notes)."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(_TEXT_PARTS, name):
                for element in etree.fromstring(archive.read(name)).iter(_A_T):
                    if element.text and element.text.strip():
                        yield name, " ".join(element.text.split())


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e == OK))
def test_no_text_on_a_slide_is_lost(outcomes: dict[str, Report | DeckError], name: str) -> None:
    deck = _deck(outcomes, name)
    read = " ".join(
        " ".join(block.text.split())
        for slide in deck.slides
        for block in (*slide.blocks, *slide.footers)
    )
    lost = [(part, text) for part, text in _slide_texts(CORPUS / name) if text not in read]
    assert lost == []


def test_french_meetup_deck(outcomes: dict[str, Report | DeckError]) -> None:
    deck = _deck(outcomes, FRENCH)
    assert len(deck.slides) == 22
    assert deck.application == "Microsoft Office PowerPoint"
    first, second = deck.slides[:2]
    assert (first.title, first.layout_name) == (
        "Concepts du .net core & introduction au .net core 3.0",
        "Diapositive de titre",
    )
    smartart = [b for b in second.blocks if b.scope is Scope.SMARTART]
    assert [[p.text for p in b.paragraphs] for b in smartart] == [
        [
            "Petit historique",
            "Une nouvelle façon de travailler",
            "Les concepts nouveaux dans le développement",
            "Une nouvelle façon de déployer",
            "Introduction au core 3.0",
        ]
    ]
    # Slide 5 has no title placeholder: its title is the largest text, in a group.
    fifth = deck.slides[4]
    assert (fifth.title, fifth.title_inferred) == ("Aujourd’hui", True)
    notes = {s.number: s.notes.text for s in deck.slides if s.notes is not None}
    assert notes == {
        2: "Les concepts nouveaux le sont pour le .net core, ils existaient bien sur avant",
        8: "Démo, Approche Modulaire",
        **{n: "Démo" for n in (7, 10, 11, 12, 13, 14, 16, 17, 18, 21, 22)},
    }


def test_slide_show_deck(outcomes: dict[str, Report | DeckError]) -> None:
    deck = _deck(outcomes, "apache__tika__testPPT.ppsx")
    assert [(s.title, s.title_inferred) for s in deck.slides] == [
        ("Attachment Test", False),
        (None, False),  # an empty title placeholder: the body sentence is not promoted
        (None, False),
    ]
    assert deck.core.author == "Rajiv"


def test_group_shape_deck_has_shapes_but_no_text(outcomes: dict[str, Report | DeckError]) -> None:
    (slide,) = _deck(outcomes, "scanny__python-pptx__shp-groupshape.pptx").slides
    assert (slide.title, slide.blocks, slide.layout_name) == (None, (), "Blank")


def test_chart_deck(outcomes: dict[str, Report | DeckError]) -> None:
    (slide,) = _deck(outcomes, "scanny__python-pptx__cht-charts.pptx").slides
    categories = ("Category 1", "Category 2", "Category 3", "Category 4")
    assert slide.charts == (
        Chart(
            shape_id=2,
            shape_name="Chart 1",
            chart_type="bar-clustered",
            title=None,
            series_names=("Series 1", "Series 2", "Series 3"),
            categories=categories,
        ),
    )
    (block,) = slide.blocks
    assert [p.text for p in block.paragraphs] == ["Series 1", "Series 2", "Series 3", *categories]


def test_table_decks(outcomes: dict[str, Report | DeckError]) -> None:
    cells = _deck(outcomes, "scanny__python-pptx__tbl-cell.pptx").slides
    assert [(c.row, c.column, c.text) for c in cells[2].tables[0].cells] == [
        (r, c, text)
        for (r, c), text in zip(
            [(r, c) for r in range(3) for c in range(3)], "abcdefghi", strict=True
        )
    ]
    merged = cells[1].tables[0]
    assert merged.cells[:2] == (TableCell(0, 0, "merged cell"), TableCell(0, 2, ""))
    assert len(merged.cells) == 6  # a 3 x 3 table whose top-left 2 x 2 area is one cell
    poi = _deck(outcomes, "apache__poi__table_test2.pptx").slides[0]
    table_texts = [b.text for b in poi.blocks if b.scope is Scope.TABLE]
    assert table_texts[:4] == ["Header1", "Header2", "H\ne\na\nd\ne\nr\n3", "Lorem"]
    assert len(table_texts) == 25


def test_notes_deck(outcomes: dict[str, Report | DeckError]) -> None:
    (slide,) = _deck(outcomes, "scanny__python-pptx__prs-notes.pptx").slides
    assert slide.notes is not None and slide.notes.text == "Notes"


def test_english_talk_sections_and_pictures(outcomes: dict[str, Report | DeckError]) -> None:
    deck = _deck(outcomes, ASPNET)
    assert len(deck.slides) == 22
    assert deck.sections == (Section("Main", tuple(s.slide_id for s in deck.slides)),)
    assert {s.section for s in deck.slides} == {"Main"}
    pictures = deck.slides[3].pictures
    assert [
        (p.alt_text, p.alt_text_is_file_name) for p in pictures if p.alt_text.startswith("C:")
    ] == [
        ("C:\\temp\\WinAzure_rgb_Wht_S.png", True),
        ("C:\\temp\\WinAzure_rgb_Wht_S.png", True),
    ]


def test_slide_numbers_are_footers_not_body(outcomes: dict[str, Report | DeckError]) -> None:
    name = (
        "apache__poi__au.asn.aes.www_conferences_2011_presentations_Fri_20Room4Level4_20930_"
        "20Maloney.pptx"
    )
    second = _deck(outcomes, name).slides[1]
    assert [(b.kind, b.text) for b in second.footers] == [("slide-number", "2")]
    assert all(b.kind != "slide-number" for b in second.blocks)


def test_non_ascii_file_name_and_japanese_text(outcomes: dict[str, Report | DeckError]) -> None:
    name = "placerkyo__quoridor_alphabeta__発表資料.pptx"
    outcome = outcomes[name]
    assert isinstance(outcome, Report)
    assert (outcome.file_name, len(outcome.deck.slides), outcome.deck.slides[0].title) == (
        name,
        16,
        "ソフトウェア実験 最終発表",
    )


def test_missing_relationships_item_is_read_whole(outcomes: dict[str, Report | DeckError]) -> None:
    (slide,) = _deck(outcomes, "scanny__python-pptx__missing_rels_item.pptx").slides
    assert [(b.kind, b.text) for b in slide.blocks] == [
        ("title", "Presentation Title Text"),
        ("subtitle", "Subtitle Text"),
    ]
