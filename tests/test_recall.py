"""Extraction recall (analyzer.recall): every text node a person sees, read straight from the
zip, is in the model, or the XML says why a person does not see it there.

Decks built here cover each kind of shape that holds text; the real-world decks of
../shared/corpus/dev are measured too when that folder is present. The last section checks
that right-to-left and CJK text are kept as written and how CJK words are counted.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Inches

from analyzer import gate, nlp, parser
from analyzer.annotation import Lang, count_words
from analyzer.errors import DeckError
from analyzer.model import Deck, Slide
from analyzer.pipeline import deck_stats
from analyzer.recall import Reason, Recall, TextPart, format_recall, main, measure_recall
from tests.builders import (
    add_column_chart,
    add_nested_groups,
    add_picture,
    add_text_box,
    build_deck,
    deck_bytes,
)
from tests.test_parser import (
    RTL_AND_CJK,
    chart_labels_deck,
    notes_page_deck,
    rtl_and_cjk_deck,
    waterfall_deck,
)

FILES = Path(__file__).parent / "files"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
JAPANESE = "placerkyo__quoridor_alphabeta__発表資料.pptx"


def _measure(data: bytes) -> tuple[Deck, Recall]:
    deck = parser.parse(data, "deck.pptx")
    return deck, measure_recall(data, deck)


def _parts(recall: Recall) -> list[tuple[str, TextPart, int | None, int, int]]:
    """(part, kind, slide, nodes expected, nodes found) of each part."""
    return [(p.part, p.kind, p.slide_number, len(p.nodes), len(p.found)) for p in recall.parts]


def _missing(recall: Recall) -> list[tuple[str, str, Reason | None]]:
    return [(p.part, n.text, n.reason) for p in recall.parts for n in p.missing]


# --- each kind of shape ------------------------------------------------------------------------


def _shape_kinds_deck() -> bytes:
    """Placeholders, a text box, an auto shape, WordArt, a connector, groups three deep,
    pictures, a table with a merged area, a chart, notes, a hidden slide."""
    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[1])
    first.shapes.title.text = "Nouvelle offre commerciale"
    body = first.placeholders[1].text_frame
    body.text = "Trois gammes"
    sub = body.add_paragraph()
    sub.text, sub.level = "Essentiel, Pro, Entreprise", 1
    add_text_box(first.shapes, "Lancement le 1er mars", left_in=1, top_in=6)
    shape = first.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(7), Inches(1), Inches(2), Inches(1)
    )
    shape.text_frame.text = "Prix unique"
    wordart = add_text_box(first.shapes, "Simple", left_in=1, top_in=5)
    body_pr = wordart.text_frame._bodyPr
    body_pr.append(body_pr.makeelement(f"{{{_A}}}prstTxWarp", {"prst": "textArchUp"}))
    first.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(1), Inches(4), Inches(8), Inches(4))
    add_nested_groups(first.shapes, ["Direction", "Grands comptes", "Équipe Nord"])
    add_picture(first.shapes, "Courbe des ventes 2024")
    add_picture(first.shapes, "IMG_0042.JPG")

    second = prs.slides.add_slide(prs.slide_layouts[6])
    table = second.shapes.add_table(3, 3, Inches(1), Inches(1), Inches(6), Inches(2)).table
    table.cell(0, 0).merge(table.cell(0, 1))
    for (row, column), text in {
        (0, 0): "Gamme",
        (0, 1): "ancien libellé",  # covered by the merge: never drawn
        (0, 2): "Prix",
        (1, 0): "Essentiel",
        (1, 2): "49 €",
        (2, 0): "Pro",
    }.items():
        table.cell(row, column).text = text
    add_column_chart(
        second.shapes,
        ["T1", "T2", "T3"],
        {"2024": (1.2, 1.4, 1.1), "2025": (1.5, 1.6, 1.8)},
        title="Chiffre d’affaires",
        axis_titles=("Trimestre", "M€"),
    )

    third = prs.slides.add_slide(prs.slide_layouts[5])
    third.shapes.title.text = "Annexe"
    third.notes_slide.notes_text_frame.text = "Chiffres détaillés en annexe."
    third._element.set("show", "0")
    return deck_bytes(prs)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_every_kind_of_shape_is_read() -> None:
    deck, recall = _measure(_shape_kinds_deck())
    assert _parts(recall) == [
        # title, 2 bullets, text box, auto shape, WordArt, 3 grouped boxes, 2 alt texts
        ("ppt/slides/slide1.xml", TextPart.SLIDE, 1, 11, 11),
        # 6 table cells, one of them covered by the merge
        ("ppt/slides/slide2.xml", TextPart.SLIDE, 2, 6, 5),
        # title, 2 axis titles (a:t); 2 series names, 3 categories in each series (c:v)
        ("ppt/charts/chart1.xml", TextPart.CHART, 2, 11, 11),
        ("ppt/slides/slide3.xml", TextPart.SLIDE, 3, 1, 1),
        ("ppt/notesSlides/notesSlide1.xml", TextPart.NOTES, 3, 1, 1),
        ("ppt/presentation.xml", TextPart.PRESENTATION, None, 0, 0),
    ]
    assert _missing(recall) == [("ppt/slides/slide2.xml", "ancien libellé", Reason.COVERED_CELL)]
    assert (recall.percent, recall.complete) == (100.0, True)
    assert [s.hidden for s in deck.slides] == [False, False, True]


def test_sections_smartart_and_alternate_content_are_read() -> None:
    _, recall = _measure((FILES / "sections-smartart.pptx").read_bytes())
    assert _parts(recall) == [
        ("ppt/slides/slide1.xml", TextPart.SLIDE, 1, 1, 1),
        ("ppt/diagrams/data1.xml", TextPart.SMARTART, 1, 4, 4),
        ("ppt/slides/slide2.xml", TextPart.SLIDE, 2, 3, 3),
        ("ppt/slides/slide3.xml", TextPart.SLIDE, 3, 1, 1),
        ("ppt/presentation.xml", TextPart.PRESENTATION, None, 2, 2),
    ]
    assert recall.complete


def test_text_drawn_on_the_notes_page_is_read_and_its_slide_number_explained() -> None:
    _, recall = _measure(notes_page_deck())
    notes = [p for p in recall.parts if p.kind is TextPart.NOTES]
    assert [(len(p.nodes), len(p.found)) for p in notes] == [(4, 3)]
    assert _missing(recall) == [("ppt/notesSlides/notesSlide1.xml", "1", Reason.NOTES_FURNITURE)]
    assert recall.complete


def test_chart_labels_and_drawings_are_read_and_value_fields_explained() -> None:
    _, recall = _measure(chart_labels_deck())
    assert _parts(recall)[1:3] == [
        # title, "Objectif :", "[VALUE]", "Record" (a:t); series name, 3 categories (c:v)
        ("ppt/charts/chart1.xml", TextPart.CHART, 1, 8, 7),
        ("ppt/drawings/drawing1.xml", TextPart.CHART, 1, 1, 1),
    ]
    assert _missing(recall) == [("ppt/charts/chart1.xml", "[VALUE]", Reason.CHART_FIELD)]
    assert recall.complete


def test_office_2016_charts_are_read_and_their_fallback_explained() -> None:
    _, recall = _measure(waterfall_deck())
    assert _parts(recall)[:2] == [
        ("ppt/slides/slide1.xml", TextPart.SLIDE, 1, 2, 1),
        # title (a:t and cx:v), series name, axis title, 4 categories
        ("ppt/charts/chartEx1.xml", TextPart.CHART, 1, 8, 8),
    ]
    assert _missing(recall) == [
        (
            "ppt/slides/slide1.xml",
            "Ce graphique n’est pas disponible dans votre version de PowerPoint",
            Reason.FALLBACK,
        )
    ]


def test_right_to_left_and_cjk_text_is_read_whole() -> None:
    _, recall = _measure(rtl_and_cjk_deck())
    assert (recall.expected, recall.found, recall.complete) == (5, 5, True)


# --- the measure finds what the model lacks ----------------------------------------------------


def _without_block(deck: Deck, slide_number: int, text: str) -> Deck:
    slides = [
        dataclasses.replace(s, blocks=tuple(b for b in s.blocks if b.text != text))
        if s.number == slide_number
        else s
        for s in deck.slides
    ]
    return dataclasses.replace(deck, slides=tuple(slides))


def test_a_shape_the_model_lacks_is_lost_with_its_name() -> None:
    data = _shape_kinds_deck()
    deck = _without_block(parser.parse(data, "deck.pptx"), 1, "Grands comptes")
    recall = measure_recall(data, deck)
    assert [(p.part, [(n.text, n.where) for n in p.lost]) for p in recall.parts if p.lost] == [
        ("ppt/slides/slide1.xml", [("Grands comptes", "TextBox 10")])
    ]
    assert (recall.found, recall.lost, round(recall.percent, 2), recall.complete) == (
        28,
        1,
        96.55,
        False,
    )


def _with_slide(deck: Deck, slide: Slide) -> Deck:
    return dataclasses.replace(
        deck, slides=tuple(slide if s.number == slide.number else s for s in deck.slides)
    )


def test_text_is_looked_up_in_its_own_shape() -> None:
    # Give the WordArt's block the title's shape id: the slide still holds "Simple", but not
    # for the shape that shows it.
    data = _shape_kinds_deck()
    deck = parser.parse(data, "deck.pptx")
    first = deck.slides[0]
    moved = tuple(
        dataclasses.replace(b, shape_id=first.title_shape_id) if b.text == "Simple" else b
        for b in first.blocks
    )
    recall = measure_recall(data, _with_slide(deck, dataclasses.replace(first, blocks=moved)))
    assert [(n.text, n.where) for p in recall.parts for n in p.lost] == [("Simple", "TextBox 5")]


def _without_paragraphs(slide: Slide, texts: set[str]) -> Slide:
    """The slide as a parser that does not read ``texts`` would give it."""
    blocks = tuple(
        dataclasses.replace(b, paragraphs=tuple(p for p in b.paragraphs if p.text not in texts))
        for b in slide.blocks
    )
    notes = slide.notes
    if notes is not None:
        kept = tuple(p for p in notes.paragraphs if p.text not in texts)
        notes = dataclasses.replace(notes, paragraphs=kept)
    return dataclasses.replace(slide, blocks=blocks, notes=notes)


@pytest.mark.parametrize(
    ("make", "unread"),
    [
        (notes_page_deck, {"Chiffres à vérifier avant le Codir", "Rappel : marge brute 42 %"}),
        (chart_labels_deck, {"Objectif :", "Record", "Hors effet change"}),
        (waterfall_deck, {"Du CA 2024 au CA 2025", "Attrition"}),
    ],
    ids=["notes-page-shapes", "chart-labels-and-drawings", "office-2016-chart"],
)
def test_what_the_parser_read_before_would_be_lost(make: Any, unread: set[str]) -> None:
    data = make()
    deck = parser.parse(data, "deck.pptx")
    recall = measure_recall(data, _with_slide(deck, _without_paragraphs(deck.slides[0], unread)))
    assert {n.text for p in recall.parts for n in p.lost} == unread


def test_a_part_the_report_names_as_skipped_is_no_silent_loss() -> None:
    from tests.test_parser import _rezip

    data = _rezip(
        (FILES / "sections-smartart.pptx").read_bytes(),
        edit={"ppt/diagrams/data1.xml": lambda x: x[:-30]},
    )
    _, recall = _measure(data)
    smartart = [p for p in recall.parts if p.kind is TextPart.SMARTART]
    assert [(p.part, p.unreadable, p.skipped, p.nodes) for p in smartart] == [
        ("ppt/diagrams/data1.xml", True, True, ())
    ]
    assert (recall.lost, recall.complete) == (0, True)


# --- printing ------------------------------------------------------------------------------


def _printed_deck() -> tuple[bytes, Deck]:
    data = notes_page_deck()
    deck = parser.parse(data, "offre.pptx")
    return data, _without_block(deck, 1, "Nouvelle offre")


def test_format_recall_in_english() -> None:
    data, deck = _printed_deck()
    assert format_recall(measure_recall(data, deck)) == (
        "offre.pptx: recall 75.0% (3 of 4 text nodes read); 1 more not shown by design\n"
        "  ppt/slides/slide1.xml (slide 1)\n"
        "    lost: “Nouvelle offre” (a:t in Title 1)\n"
        "  ppt/notesSlides/notesSlide1.xml (notes of slide 1)\n"
        "    by design: “1” (a:t in Slide Number Placeholder 3): slide image, number, date, "
        "header or footer of the notes page, not notes"
    )


def test_format_recall_in_french() -> None:
    data, deck = _printed_deck()
    assert format_recall(measure_recall(data, deck), lang=Lang.FR) == (
        "offre.pptx : rappel 75.0 % (3 nœuds de texte lus sur 4) ; 1 autres non affichés par "
        "conception\n"
        "  ppt/slides/slide1.xml (diapositive 1)\n"
        "    perdu : « Nouvelle offre » (a:t dans Title 1)\n"
        "  ppt/notesSlides/notesSlide1.xml (commentaires de la diapositive 1)\n"
        "    par conception : « 1 » (a:t dans Slide Number Placeholder 3) : image, numéro, "
        "date, en-tête ou pied de la page de commentaires, pas des commentaires"
    )


def test_main_prints_each_deck_and_why_a_file_was_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "offre.pptx"
    deck.write_bytes(build_deck([{"title": "Nouvelle offre", "bullets": ["Trois gammes"]}]))
    text = tmp_path / "notes.txt"
    text.write_text("pas une présentation\n", encoding="utf-8")
    assert main([str(deck), str(text)]) == 0
    assert capsys.readouterr().out == (
        "offre.pptx: recall 100.0% (2 of 2 text nodes read)\n"
        "\n"
        "notes.txt: not read: plain text file, not a PowerPoint deck: give the .pptx file "
        "itself\n"
    )


# --- the real-world corpus ---------------------------------------------------------------------

#: Each corpus deck that opens, and its text nodes not shown by design, by reason. The other
#: files are refused before parsing (see tests/test_corpus.py).
CORPUS_EXPLAINED: dict[str, dict[Reason, int]] = {
    "74nu5__Meetup-MUG.net-05-02-2019__Présentation.pptx": {Reason.NOTES_FURNITURE: 13},
    "JWHPortfolio__RLTalk__Reinforcement Learning.pptx": {},
    "apache__poi__au.asn.aes.www_conferences_2011_presentations_Fri_20Room4Level4_20930_"
    "20Maloney.pptx": {Reason.NOTES_FURNITURE: 22},
    "apache__poi__bug60993.pptx": {},
    "apache__poi__ca.ubc.cs.people_~emhill_presentations_HowWeRefactor.pptx": {
        Reason.NOTES_FURNITURE: 27
    },
    "apache__poi__table_test2.pptx": {},
    "apache__tika__testPPT.ppsx": {},
    "dotnet-presentations__home__aspnetcore.pptx": {Reason.NOTES_FURNITURE: 76},
    JAPANESE: {},
    "scanny__python-pptx__cht-charts.pptx": {},
    "scanny__python-pptx__missing_rels_item.pptx": {},
    "scanny__python-pptx__no-slides.pptx": {},
    "scanny__python-pptx__prs-notes.pptx": {Reason.NOTES_FURNITURE: 1},
    "scanny__python-pptx__shp-groupshape.pptx": {},
    "scanny__python-pptx__tbl-cell.pptx": {},
    # The 27 real decks of the corpus's second release.
    "23f2001127__data-driven-business-analytics__Presentation.pptx": {},
    "IFB-ElixirFr__IFB-FAIR-bioinfo-training__J3_FAIR_bioinfo_2021.pptx": {},
    "IFB-ElixirFr__IFB_Shiny_training__20190710-Shiny-deploiement.pptx": {},
    "JulienMrgrd__lab-bot__Soutenance.pptx": {},
    "MSDEVMTL__GlobalAzureBootcamp2018__Step5-ASC.pptx": {Reason.NOTES_FURNITURE: 17},
    "NareshViriyala__Farmify__PitchDeck.pptx": {},
    "NideXTC__formations__HTML_CSS.pptx": {},
    "OWASP__Top10__OWASP_Top-10_2013 - Changes-from-2010.pptx": {Reason.NOTES_FURNITURE: 9},
    "OWASP__Top10__OWASP_Top-10_2013 - Presentation.pptx": {Reason.NOTES_FURNITURE: 24},
    "OWASP__Top10__Top10 2013 v0.1.pptx": {Reason.NOTES_FURNITURE: 21},
    "OpenChain-Project__Reference-Material__basic-overview-of-openchain-iso5230_FR.pptx": {
        Reason.NOTES_FURNITURE: 11
    },
    "OpenChain-Project__Reference-Material__reference-staff-training-slides-en.pptx": {},
    "PiedPiperJr__Data_Battle_2026__presentation_soutenance.pptx": {Reason.NOTES_FURNITURE: 14},
    "antoineDurand82__Projet_Infra_B1A__Diapo.pptx": {},
    "aws-samples__aws-rekognition-workshop-twitter-bot__workshop.pptx": {},
    "bgelens__Presentations__Azure_Automation_DSC_v3.1.pptx": {Reason.NOTES_FURNITURE: 6},
    "clemousse__megafi__presentation.pptx": {Reason.NOTES_FURNITURE: 1},
    "dtdannen__unstuck-ai__Unstuck Pitch Deck.pptx": {},
    "hikalkan__presentations__Presentation-short-40min.pptx": {},
    "hunkanome__ALIA-Project__Diapo.pptx": {Reason.NOTES_FURNITURE: 4},
    "jbogard__presentations__ConsistencyAndAgreementInMicroservices.pptx": {
        Reason.NOTES_FURNITURE: 30
    },
    "jcordatauclair__pla-java__presentation.pptx": {},
    "liliaellouz__wabi-sabi__pitch.pptx": {},
    "mtruel__projet_NN__Diapo.pptx": {},
    "naaanaaa222__e-portfolio__soutenance.pptx": {},
    "vcsjones__Presentations__HTTPS Landscape.pptx": {},
    "vcsjones__Presentations__Test Driven Development.pptx": {Reason.NOTES_FURNITURE: 5},
}

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no real-world corpus at {CORPUS}")


def _opens(path: Path) -> tuple[bytes, Deck] | None:
    data = path.read_bytes()
    try:
        gate.check(data)
        return data, parser.parse(data, path.name)
    except DeckError:
        return None


@pytest.mark.corpus
@needs_corpus
def test_the_table_names_every_corpus_deck_that_opens() -> None:
    files = [p for p in CORPUS.iterdir() if p.name not in ("README.md", "MANIFEST.csv")]
    assert sorted(p.name for p in files if _opens(p) is not None) == sorted(CORPUS_EXPLAINED)


@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS_EXPLAINED))
def test_no_text_of_a_corpus_deck_is_lost(name: str) -> None:
    opened = _opens(CORPUS / name)
    assert opened is not None
    recall = measure_recall(*opened)
    assert [(p.part, n.text) for p in recall.parts for n in p.lost] == []
    assert (recall.percent, recall.complete) == (100.0, True)
    explained = Counter(n.reason for p in recall.parts for n in p.explained)
    assert dict(explained) == CORPUS_EXPLAINED[name]


# --- right-to-left and CJK text: kept as written; CJK words counted at changes of script ------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("offre", 1),
        ("l'offre", 1),
        ("e-mail", 1),
        ("2025", 0),  # a number is no word, as before
        ("Q3", 1),
        ("ソフトウェア実験", 2),  # a katakana run, then two ideographs: ソフトウェア + 実験
        ("実行時間", 2),  # 実行 + 時間: Han ideographs count one word per two
        ("最適手", 2),
        ("最終発表。", 2),  # the ideographic full stop is no word
        ("「発表」", 1),
        ("による", 1),  # a hiragana run
        ("AI実験", 2),  # a Latin run is one word
        ("実験AI", 2),
        ("新しい販売計画：３つのプラン", 6),  # 新 しい 販売計画 つの プラン; ：３ is no word
        ("々", 1),  # the iteration mark stands for an ideograph
        ("〇", 0),  # the ideographic zero is a number
        ("ｿﾌﾄ", 1),  # half-width katakana
        ("销售计划", 2),  # Chinese: 销售 + 计划
        ("매출", 1),  # Korean puts spaces between words: a Hangul run is one word
        ("مبيعات", 1),
        ("\u200fمبيعات\u200f", 1),  # direction marks are not words
        ("שלוש", 1),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def test_words_and_talk_time_of_a_japanese_deck() -> None:
    deck = parser.parse(
        build_deck(
            [{"title": "ソフトウェア実験 最終発表", "bullets": ["新しい販売計画：３つのプラン"]}]
        ),
        "deck.pptx",
    )
    annotated = nlp.annotate(deck)
    # 2 + 2 words in the title, 6 in the bullet (see test_count_words).
    assert [
        annotated.analysis(p.text).word_count for b in deck.slides[0].blocks for p in b.paragraphs
    ] == [4, 6]
    stats = deck_stats(annotated)
    assert (stats.words_on_slides, stats.talk_minutes) == (10, 0.5)


def test_right_to_left_marks_are_kept() -> None:
    deck = parser.parse(rtl_and_cjk_deck(), "deck.pptx")
    assert deck.slides[0].title == RTL_AND_CJK["arabic"]
    assert deck.slides[0].title is not None and deck.slides[0].title.count("\u200f") == 2


@pytest.mark.corpus
@needs_corpus
def test_the_japanese_corpus_deck_counts_words_at_changes_of_script() -> None:
    opened = _opens(CORPUS / JAPANESE)
    assert opened is not None
    annotated = nlp.annotate(opened[1])
    counts = {
        p.text: annotated.analysis(p.text).word_count
        for s in opened[1].slides
        for b in s.blocks
        for p in b.non_empty_paragraphs
    }
    # By hand: 主 | におこなったこと ("what we mainly did"; the angle brackets are no words);
    # 1.αβ | 法 | による | 先読 | み ("1. Look-ahead with the αβ method").
    assert (counts["<主におこなったこと>"], counts["1.αβ法による先読み"]) == (2, 5)
    stats = deck_stats(annotated)
    # When Japanese was split on spaces: 147 words and 8.0 minutes; counting each character
    # as a word, as Microsoft Word does: 2,024 words and 31.2 minutes. 1,044 is also what
    # regular expressions over the same paragraphs give (Han runs halved, kana runs, the rest
    # split on spaces).
    assert (stats.words_on_slides, stats.talk_minutes) == (1044, 16.9)


def test_a_truncated_deck_is_measured_on_what_the_parser_could_read() -> None:
    data = build_deck([{"title": f"Point {n}", "bullets": [f"Fact {n}"]} for n in (1, 2, 3)])
    last = zipfile.ZipFile(io.BytesIO(data)).getinfo("ppt/slides/slide3.xml")
    truncated = data[: last.header_offset + 60]
    deck, recall = _measure(truncated)

    assert [slide.number for slide in deck.slides] == [1, 2]
    assert recall.complete and recall.lost == 0
    assert "ppt/slides/slide3.xml" in {part.part_name for part in deck.skipped}
