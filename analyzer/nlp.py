"""NLP: annotate all of a deck's text in one batch per language, once its language is known.

Costs are paid once per process and only when needed: spaCy is imported here and nowhere else
in the pipeline, a pipeline is loaded the first time a deck needs its language (detected from
the extracted text first), and each deck's text goes through ``nlp.pipe`` once per language,
with only the components rules read (no NER, no parser). Pipelines load through
``analyzer.spacy_loader`` (the same pipeline as ``spacy.load``, in a fraction of the time), the
tagging layer's word lists through ``analyzer.lookups`` (cached on disk), and a paragraph a
pipeline has analyzed is not analyzed again in the same process.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer import lookups
from analyzer.annotation import (
    AnnotatedDeck,
    Lang,
    LanguageSource,
    Sentence,
    TextAnalysis,
    Token,
)
from analyzer.config import ConfigError
from analyzer.english_model import PACKAGE
from analyzer.english_model import VERSION as ENGLISH_MODEL_VERSION
from analyzer.english_model import installed_model_dir as english_model_dir
from analyzer.language import deck_language, paragraph_language
from analyzer.model import Deck
from analyzer.readability import slide_readability
from analyzer.tagging import (
    TITLE_TOKENS,
    DocColumns,
    EnglishLexicons,
    FrenchLexicons,
    Tagged,
    tag_with_lexicons,
    tag_with_model,
    with_title_verbs,
)

FR_MODEL = "fr_core_news_sm"
EN_MODEL = "en_core_web_sm"

# --- pipelines -----------------------------------------------------------------------------

#: Components rules read; everything else (NER, parser, text classifiers) is left out.
_EXCLUDED = ["ner", "parser", "entity_ruler", "entity_linker", "textcat", "textcat_multilabel"]
#: The languages with a pipeline, in the order a deck's texts go through them.
_PIPELINE_ORDER = (Lang.FR, Lang.EN)
PIPELINE_LANGUAGES = frozenset(_PIPELINE_ORDER)


@dataclass(frozen=True)
class _Pipeline:
    nlp: Any
    source: LanguageSource
    english: EnglishLexicons | None  # set when no trained model answers (English only)
    french: FrenchLexicons | None  # the lexicons that check the French model
    english_states: frozenset[str] = frozenset()  # "is based on" is no passive
    #: With a trained English model: the lexicons its answers on short texts are checked with.
    english_titles: EnglishLexicons | None = None
    #: Paragraphs this pipeline analyzed, most recently used last (see ``analyze_batch``).
    done: OrderedDict[tuple[Lang, str], TextAnalysis] = field(
        default_factory=OrderedDict, compare=False, repr=False
    )
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def tag(self, doc: Any, text: str) -> Tagged:
        if self.english is not None:
            return tag_with_lexicons(doc_columns(doc, tagged=False), self.english, text)
        tagged = tag_with_model(doc_columns(doc), self.french, self.english_states, text)
        if self.english_titles is not None and len(doc) <= TITLE_TOKENS:
            lexicons = tag_with_lexicons(doc_columns(doc, tagged=False), self.english_titles, text)
            return with_title_verbs(tagged, lexicons)
        return tagged


def doc_columns(doc: Any, *, tagged: bool = True) -> DocColumns:
    """What the tagging layer reads of a Doc (see ``DocColumns``), in one ``Doc.to_array``
    call; ``tagged=False`` for a Doc that only went through a tokenizer."""
    strings = doc.vocab.strings
    if not tagged:
        text, idx, space = doc.to_array(_attrs(tagged=False)).T.tolist()
        return DocColumns([strings[h] for h in text], idx, [bool(s) for s in space])
    text, idx, space, lower, lemma, pos, morph = doc.to_array(_attrs(tagged=True)).T.tolist()
    as_strings = [[strings[h] for h in column] for column in (text, lower, lemma, pos, morph)]
    text, lower, lemma, pos, morph = as_strings
    return DocColumns(text, idx, [bool(s) for s in space], lower, lemma, pos, morph)


@functools.cache
def _attrs(*, tagged: bool) -> list[int]:
    from spacy.attrs import IDX, LEMMA, LOWER, MORPH, ORTH, POS, SPACY

    return [ORTH, IDX, SPACY, LOWER, LEMMA, POS, MORPH] if tagged else [ORTH, IDX, SPACY]


def _pipeline(lang: Lang, model_dir: Path | None, english_model: bool = True) -> _Pipeline:
    """A language's pipeline, loaded once per process. Without ``english_model``, English is
    tagged with the word-class lexicons, even where a trained English pipeline is installed."""
    return _loaded_pipeline(lang, model_dir, english_model)


@functools.cache
def _loaded_pipeline(lang: Lang, model_dir: Path | None, english_model: bool) -> _Pipeline:
    # Cached on all three arguments given in one way, so that "(EN, None)" and "(EN, None,
    # True)" are one pipeline, not two loads.
    pipeline = _load_pipeline(lang, model_dir, english_model)
    _LOADED.append(pipeline)
    return pipeline


#: Every pipeline ``_pipeline`` loaded, so that ``forget_analyses`` reaches them all.
_LOADED: list[_Pipeline] = []


def forget_analyses() -> None:
    """Drop the paragraphs the loaded pipelines keep: the next deck is analyzed from scratch,
    as in a new process once the pipelines are loaded (the benchmarks measure new text so)."""
    for pipeline in _LOADED:
        with pipeline.lock:
            pipeline.done.clear()


def _load_pipeline(lang: Lang, model_dir: Path | None, english_model: bool) -> _Pipeline:
    from analyzer.spacy_import import import_spacy

    spacy: Any = import_spacy()  # before any other module of ours imports it
    from analyzer import spacy_loader

    french = lookups.french_lexicons() if lang is Lang.FR else None
    if model_dir is not None:
        path = model_path(model_dir)
        # Checked before loading: a wrong directory should fail fast, not after seconds.
        declared = spacy.util.load_config(path / "config.cfg")["nlp"]["lang"]
        if declared != lang.value:
            raise ConfigError(f"the pipeline in {path} is for {declared!r}, not {lang.value!r}")
        nlp = spacy_loader.load(path, _EXCLUDED, _lemma_tables(lang))
        return _trained(nlp, lang, f"{_model_name(nlp)} ({path})", french)
    if lang is Lang.EN and not english_model:
        return _blank_english(spacy)
    package = FR_MODEL if lang is Lang.FR else EN_MODEL
    if spacy.util.is_package(package):
        path = model_path(spacy.util.get_package_path(package))
        nlp = spacy_loader.load(path, _EXCLUDED, _lemma_tables(lang))
        return _trained(nlp, lang, _model_name(nlp), french)
    if lang is Lang.FR:
        raise RuntimeError(f"the French model {FR_MODEL} is not installed")
    checked = english_model_dir()
    if checked is not None:
        nlp = spacy_loader.load(checked, _EXCLUDED)
        return _trained(nlp, lang, f"en_core_web_sm {ENGLISH_MODEL_VERSION} ({PACKAGE})", None)
    return _blank_english(spacy)


def _lemma_tables(lang: Lang) -> lookups.FrenchTables | None:
    """The tables a French lemmatizer may read from the tagging layer's cache, when they are
    the model's (``spacy_loader`` checks)."""
    return lookups.french_tables() if lang is Lang.FR else None


def model_path(model_dir: Path) -> Path:
    """The directory that holds a pipeline's ``config.cfg``: ``model_dir`` itself, or the one
    versioned subdirectory of an installed package (``fr_core_news_sm/fr_core_news_sm-3.8.0``)."""
    if (model_dir / "config.cfg").is_file():
        return model_dir
    if model_dir.is_dir():
        inner = sorted(d for d in model_dir.iterdir() if (d / "config.cfg").is_file())
        if len(inner) == 1:
            return inner[0]
    raise ConfigError(f"no spaCy pipeline in {model_dir} (no config.cfg there)")


def _model_name(nlp: Any) -> str:
    return (
        f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', 'model')} {nlp.meta.get('version', '')}"
    )


def _trained(nlp: Any, lang: Lang, engine: str, french: FrenchLexicons | None) -> _Pipeline:
    if not any(name in nlp.pipe_names for name in ("tagger", "morphologizer")):
        if lang is Lang.FR:
            raise ConfigError(f"the French pipeline {engine} has no tagger or morphologizer")
        blank = _blank_english_nlp(nlp)
        source = LanguageSource(lang, f"{engine} + spacy-lookups-data word-class lexicons", False)
        return _Pipeline(blank, source, lookups.english_lexicons(), None)
    # Without the parser, sentence boundaries come from the small "senter" component.
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    hints = lookups.tagging_hints("tagging-en.yml") if lang is Lang.EN else None
    states = hints["stative-participles"] if hints else None
    source = LanguageSource(lang, engine.strip(), True)
    titles = lookups.english_lexicons() if lang is Lang.EN else None
    return _Pipeline(nlp, source, None, french, states or frozenset(), titles)


def _blank_english(spacy: Any) -> _Pipeline:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    engine = "spaCy blank English + spacy-lookups-data word-class lexicons"
    return _Pipeline(nlp, LanguageSource(Lang.EN, engine, False), lookups.english_lexicons(), None)


def _blank_english_nlp(nlp: Any) -> Any:
    # A configured pipeline that cannot tag: keep its tokenizer, split sentences by rule.
    for name in list(nlp.pipe_names):
        nlp.remove_pipe(name)
    nlp.add_pipe("sentencizer")
    return nlp


# --- annotation ----------------------------------------------------------------------------


def deck_texts(deck: Deck) -> list[str]:
    """Every distinct non-empty text of the deck a rule may ask about, in reading order: each
    paragraph (slides, then notes), each title as one line, each picture's alternative text
    (not when it is only a file name)."""
    seen: dict[str, None] = {}
    for slide in deck.slides:
        for block in (*slide.blocks, *((slide.notes,) if slide.notes else ())):
            for paragraph in block.paragraphs:
                if paragraph.text.strip():
                    seen.setdefault(paragraph.text, None)
        if slide.title and slide.title.strip():
            seen.setdefault(slide.title, None)
        for picture in slide.pictures:
            if picture.alt_text.strip() and not picture.alt_text_is_file_name:
                seen.setdefault(picture.alt_text, None)
    return list(seen)


def annotate(
    deck: Deck,
    *,
    model_dirs: Mapping[Lang, Path] | None = None,
    tag_notes: bool = True,
    english_model: bool = True,
) -> AnnotatedDeck:
    """The deck with every paragraph analyzed in its language and each slide's readability.

    The language is detected from the text before any pipeline loads; then each language's
    paragraphs go through its pipeline in one ``nlp.pipe`` batch. Without ``tag_notes`` (no
    rule that runs reads the speaker notes), a text found only in the notes is split into
    tokens and not tagged: the talk time needs its words only, and the model is most of the
    cost of a deck (notes are about a third of a deck's words).
    """
    model_dirs = model_dirs or {}
    untagged = frozenset() if tag_notes else notes_only_texts(deck)
    deck_lang, by_lang = _texts_by_language(deck)

    analyses: dict[str, TextAnalysis] = {}
    sources: list[LanguageSource] = []
    for lang in (*_PIPELINE_ORDER, Lang.OTHER):
        batch = by_lang.get(lang)
        if not batch:
            continue
        if lang is Lang.OTHER:
            analyses.update((t, _plain_analysis(t)) for t in batch)
            continue
        pipeline = _pipeline(lang, model_dirs.get(lang), english_model)
        sources.append(pipeline.source)
        tagged = [text for text in batch if text not in untagged]
        found = dict(zip(tagged, analyze_batch(pipeline, lang, tagged), strict=True))
        for text in batch:  # in reading order, as when every text is tagged
            analyses[text] = found[text] if text in found else _tokens_only(pipeline, lang, text)

    readability = {}
    for slide in deck.slides:
        # An English slide in a French deck is measured with the English formula.
        slide_lang = paragraph_language(slide.visible_text, deck_lang)
        measured = slide_readability(slide, slide_lang) if slide_lang is not Lang.OTHER else None
        if measured is not None:
            readability[slide.number] = measured
    return AnnotatedDeck(deck, deck_lang, analyses, readability, tuple(sources))


def _texts_by_language(deck: Deck) -> tuple[Lang, dict[Lang, list[str]]]:
    """The deck's language, and its texts by the language each is analyzed in."""
    texts = deck_texts(deck)
    deck_lang = deck_language(deck, texts)
    by_lang: dict[Lang, list[str]] = {}
    for text in texts:
        by_lang.setdefault(paragraph_language(text, deck_lang), []).append(text)
    return deck_lang, by_lang


def pipeline_languages(deck: Deck) -> frozenset[Lang]:
    """The languages whose pipelines ``annotate`` loads for ``deck``, found without loading
    any: what a batch loads before it forks its workers, so that they share them."""
    return frozenset(_texts_by_language(deck)[1]) & PIPELINE_LANGUAGES


def load_pipelines(
    langs: Iterable[Lang],
    model_dirs: Mapping[Lang, Path] | None = None,
    english_model: bool = True,
) -> None:
    """Load these languages' pipelines now, as ``annotate`` would when it first needs them."""
    model_dirs, wanted = model_dirs or {}, frozenset(langs)
    for lang in _PIPELINE_ORDER:
        if lang in wanted:
            _pipeline(lang, model_dirs.get(lang), english_model)


def notes_only_texts(deck: Deck) -> frozenset[str]:
    """The texts of speaker notes that appear nowhere else in the deck (``deck_texts``)."""
    notes = {
        paragraph.text
        for slide in deck.slides
        if slide.notes
        for paragraph in slide.notes.paragraphs
        if paragraph.text.strip()
    }
    if not notes:
        return frozenset()
    elsewhere = {
        text
        for slide in deck.slides
        for text in (
            *(p.text for block in slide.blocks for p in block.paragraphs),
            slide.title or "",
            *(picture.alt_text for picture in slide.pictures),
        )
    }
    return frozenset(notes - elsewhere)


def _tokens_only(pipeline: _Pipeline, lang: Lang, text: str) -> TextAnalysis:
    """A text through the pipeline's tokenizer only: the same tokens as ``analyze_batch``
    (no component of the pipelines merges or splits tokens), so the same words, untagged
    (``X``) and in one sentence. Never kept in ``pipeline.done``: a slide's paragraph with the
    same text must get the full analysis."""
    doc = doc_columns(pipeline.nlp.make_doc(model_input(text)), tagged=False)
    tokens = []
    for i, start in enumerate(doc.idx):
        written, whitespace = doc.surface(i, text)
        tokens.append(Token(written, written.lower(), "X", start, False, whitespace))
    return TextAnalysis(text, lang, tuple(tokens), (Sentence(0, len(tokens), text),), ())


def analyze_texts(
    texts: Sequence[str], lang: Lang, *, model_dir: Path | None = None
) -> list[TextAnalysis]:
    """Paragraphs known to be in ``lang``, analyzed in one batch (for tests and tools)."""
    return analyze_batch(_pipeline(lang, model_dir), lang, texts)


#: What the pipelines read instead of French typography: the curly apostrophe makes the small
#: French model tag « L’offre » as a proper noun, and narrow no-break spaces become tokens.
#: One character for one, so token offsets still point into the text as written.
_MODEL_INPUT = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})

#: No word is this long: a longer run without a space is a pasted blob or a damaged file.
#: spaCy's tokenizer takes time quadratic in the length of such a run (its prefix and suffix
#: patterns are tried again after each character it splits off: 20,000 quotation marks take
#: about 20 s, with spaCy's own patterns too), so the model reads a space in place of one
#: character in every ``_LONGEST_RUN + 1`` of it.
_LONGEST_RUN = 200
_LONG_RUN = re.compile(rf"\S{{{_LONGEST_RUN + 1},}}")


def model_input(text: str) -> str:
    """What the pipelines read for ``text``: the same length, so that token offsets point
    into the text as written (see ``_MODEL_INPUT`` and ``_LONGEST_RUN``)."""
    text = text.translate(_MODEL_INPUT)
    if len(text) <= _LONGEST_RUN:
        return text
    return _LONG_RUN.sub(_break_run, text)


def _break_run(run: re.Match[str]) -> str:
    chars = list(run.group(0))
    for i in range(_LONGEST_RUN, len(chars), _LONGEST_RUN + 1):
        chars[i] = " "
    return "".join(chars)


#: How many analyzed paragraphs a pipeline keeps: the same text in the next deck (a template's
#: titles and notes, the next draft of a deck) is not analyzed again. A paragraph's analysis
#: depends on its text only (the model reads each text apart, even within a batch: the
#: numbers are the same bit for bit), so a kept one is what a new analysis would give. About
#: 6 kB each, so at most some 50 MB: a 500-slide deck has about 4,500 distinct paragraphs.
_ANALYSES_KEPT = 8_000


def analyze_batch(pipeline: _Pipeline, lang: Lang, texts: Sequence[str]) -> list[TextAnalysis]:
    """Paragraphs through one ``nlp.pipe`` call, then the tagging layer; paragraphs analyzed
    before by the same pipeline are taken from ``pipeline.done``."""
    done = pipeline.done
    with pipeline.lock:
        known = {text: done[(lang, text)] for text in texts if (lang, text) in done}
    todo = [text for text in dict.fromkeys(texts) if text not in known]
    model_texts = [model_input(text) for text in todo]
    with _one_blas_thread():
        docs = pipeline.nlp.pipe(model_texts, batch_size=256)
        for text, doc in zip(todo, docs, strict=True):
            tagged = pipeline.tag(doc, text)
            sentences = tuple(
                Sentence(s.start, s.end, text[s.start_char : s.end_char]) for s in doc.sents
            )
            known[text] = TextAnalysis(text, lang, tagged.tokens, sentences, tagged.passives)
    with pipeline.lock:
        for text in known:
            done[(lang, text)] = known[text]
            done.move_to_end((lang, text))
        while len(done) > _ANALYSES_KEPT:
            done.popitem(last=False)
    return [known[text] for text in texts]


def _one_blas_thread() -> AbstractContextManager[object]:
    """The models' matrix products on one thread while a batch runs. OpenBLAS would start one
    thread per core: on an idle machine that cuts a big deck's analysis by about a quarter,
    but the other core is the one the next ``--jobs`` worker runs on, and OpenBLAS's threads
    spin while they wait. One process, one core; ``--jobs`` uses the others."""
    limited: AbstractContextManager[object] = _blas_threads().limit(limits=1, user_api="blas")
    return limited


@functools.cache
def _blas_threads() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _plain_analysis(text: str) -> TextAnalysis:
    """Text in another language: whitespace tokens and one sentence, for structural checks."""
    tokens = tuple(
        Token(m.group(0), m.group(0).lower(), "X", m.start()) for m in re.finditer(r"\S+", text)
    )
    return TextAnalysis(text, Lang.OTHER, tokens, (Sentence(0, len(tokens), text),), ())
